"""Flask test-client tests for every route and error path of the endpoint."""

from __future__ import annotations

import gzip
import json

import pyoxigraph as ox
import pytest

from api import conneg
from api.sparql_text import add_using_clauses, inspect_query

Q_SELECT = "SELECT ?s ?o { ?s <http://ex/p> ?o } ORDER BY ?o"
DATA = (
    'GRAPH <http://ex/g1> { <http://ex/a> <http://ex/p> "x\\ty"@en . '
    "<http://ex/a> a <http://ex/Thing> } "
    "GRAPH <http://ex/g2> { <http://ex/b> <http://ex/p> 2 . <http://ex/b> a <http://ex/Thing> }"
)


@pytest.fixture()
def app(inline_app, h):
    h.load_nquads(inline_app, DATA)
    return inline_app


@pytest.fixture()
def client(app):
    return app.test_client()


# -- query formats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accept,media",
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats(client, accept, media) -> None:
    resp = client.get(
        "/sparql", query_string={"query": Q_SELECT}, headers={"Accept": accept} if accept else {}
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].split(";")[0] == media
    if media == "text/csv":
        assert resp.data.decode().splitlines() == ["s,o", "http://ex/b,2", "http://ex/a,x\ty"]
        return
    parsed = ox.parse_query_results(resp.data, ox.QueryResultsFormat.from_media_type(media))
    values = [str(row["o"].value) for row in parsed]
    assert values == ["2", "x\ty"]


@pytest.mark.parametrize("fmt", conneg.GRAPH_FORMATS, ids=[f.name for f in conneg.GRAPH_FORMATS])
def test_construct_formats(client, fmt) -> None:
    resp = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s <http://ex/p> ?o }"},
        headers={"Accept": fmt.media_type},
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].split(";")[0] == fmt.media_type
    triples = list(ox.parse(resp.data, fmt.ox_format))
    assert {t.subject.value for t in triples} == {"http://ex/a", "http://ex/b"}


def test_graph_default_is_turtle_and_format_param_wins(client) -> None:
    resp = client.get("/sparql", query_string={"query": "DESCRIBE <http://ex/a>"})
    assert resp.headers["Content-Type"].startswith("text/turtle")
    resp = client.get(
        "/sparql",
        query_string={"query": "DESCRIBE <http://ex/a>", "format": "nt"},
        headers={"Accept": "text/turtle"},
    )
    assert resp.headers["Content-Type"].startswith("application/n-triples")


def test_ask_json_and_xml(client) -> None:
    resp = client.post("/sparql", data={"query": "ASK { <http://ex/b> ?p 2 }"})
    assert json.loads(resp.data) == {"head": {}, "boolean": True}
    resp = client.post(
        "/sparql",
        data="ASK { <http://ex/b> ?p 3 }",
        content_type="application/sparql-query",
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert b"<boolean>false</boolean>" in resp.data


def test_head_has_headers_and_no_body(client) -> None:
    resp = client.head("/sparql", query_string={"query": Q_SELECT})
    assert resp.status_code == 200 and resp.data == b""
    assert resp.headers["Content-Type"].startswith("application/sparql-results+json")


def test_utf8_round_trip(client, app, h) -> None:
    h.load_nquads(app, '<http://ex/c> <http://ex/p> "Севастополь" .')
    resp = client.get("/sparql", query_string={"query": 'SELECT ?s { ?s ?p "Севастополь" }'})
    assert json.loads(resp.data)["results"]["bindings"][0]["s"]["value"] == "http://ex/c"


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs,status,words",
    [
        ({"query_string": {"query": "SELECT * {"}}, 400, "malformed query"),
        ({"query_string": {"query": "CLEAR ALL"}}, 400, "/update"),
        ({"query_string": {"update": "CLEAR ALL"}}, 400, "/update"),
        ({"query_string": {"query": ["ASK {}", "ASK {}"]}}, 400, "exactly one"),
        ({"method": "POST", "data": "ASK {}"}, 415, "Content-Type"),
        ({"method": "POST", "data": "ASK {}", "content_type": "text/plain"}, 415, "unsupported"),
        (
            {"method": "POST", "data": "", "content_type": "application/sparql-query"},
            400,
            "missing",
        ),
        (
            {"method": "POST", "data": b"\xff\xfe", "content_type": "application/sparql-query"},
            400,
            "UTF-8",
        ),
        ({"method": "PUT", "data": "x"}, 405, "Method Not Allowed"),
        (
            {"query_string": {"query": "ASK {}", "default-graph-uri": "not an iri"}},
            400,
            "absolute IRI",
        ),
        (
            {"query_string": {"query": "SELECT * { SERVICE <http://h/> { ?s ?p ?o } }"}},
            400,
            "SERVICE",
        ),
        (
            {"query_string": {"query": Q_SELECT}, "headers": {"Accept": "image/png"}},
            406,
            "acceptable",
        ),
        (
            {
                "query_string": {"query": "CONSTRUCT WHERE {?s ?p ?o}"},
                "headers": {"Accept": "text/csv"},
            },
            406,
            "acceptable",
        ),
    ],
)
def test_errors_are_4xx_with_a_message(client, kwargs, status, words) -> None:
    method = kwargs.pop("method", "GET")
    resp = client.open("/sparql", method=method, **kwargs)
    assert resp.status_code == status, resp.data
    assert words.lower() in resp.data.decode().lower()
    assert resp.headers["Content-Type"].startswith("text/plain")


def test_body_over_the_limit_is_413(inline_app) -> None:
    inline_app.config["MAX_CONTENT_LENGTH"] = 100
    resp = inline_app.test_client().post(
        "/sparql", data="ASK {}" + " " * 500, content_type="application/sparql-query"
    )
    assert resp.status_code == 413


def test_cors_preflight(client) -> None:
    resp = client.options(
        "/sparql",
        headers={
            "Origin": "http://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in resp.headers["Access-Control-Allow-Methods"]
    assert resp.headers["Access-Control-Allow-Headers"] == "content-type"


def test_row_cap_on_construct(app) -> None:
    app.config["MAX_ROWS"] = 1
    resp = app.test_client().get(
        "/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}
    )
    assert resp.headers["X-Deploykb-Truncated"] == "true"
    assert len(resp.data.decode().strip().splitlines()) == 1


# -- descriptions -------------------------------------------------------------------------


def test_void_counts_classes_and_links(client) -> None:
    resp = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    triples = list(ox.parse(resp.data, ox.RdfFormat.N_TRIPLES))
    by_pred = {}
    for t in triples:
        by_pred.setdefault(t.predicate.value.rsplit("#", 1)[-1], []).append(t.object)
    assert int(by_pred["triples"][0].value) == 4
    assert int(by_pred["distinctSubjects"][0].value) == 2
    assert [c.value for c in by_pred["class"]] == ["http://ex/Thing"]
    assert int(by_pred["entities"][0].value) == 2
    dumps = {d.value for d in by_pred["dataDump"]}
    assert "http://localhost/dump/deploykb.nq.gz" in dumps
    assert by_pred["sparqlEndpoint"][0].value == "http://localhost/sparql"


def test_service_description_uses_public_url_and_lists_graphs(app) -> None:
    app.config["PUBLIC_URL"] = "https://kb.example.org/"
    resp = app.test_client().get("/sparql", headers={"Accept": "application/ld+json"})
    assert resp.headers["Content-Type"].startswith("application/ld+json")
    triples = list(ox.parse(resp.data, ox.RdfFormat.JSON_LD))
    ends = {t.object.value for t in triples if t.predicate.value.endswith("#endpoint")}
    assert "https://kb.example.org/sparql" in ends
    names = {t.object.value for t in triples if t.predicate.value.endswith("#name")}
    assert {"http://ex/g1", "http://ex/g2"} <= names


# -- dumps --------------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["nt", "nq", "ttl", "trig", "jsonld"])
def test_dumps_parse_and_gzip_matches(client, ext) -> None:
    plain = client.get(f"/dump/deploykb.{ext}")
    assert plain.status_code == 200
    fmt = ox.RdfFormat.from_extension(ext)
    quads = list(ox.parse(plain.data, fmt))
    assert {q.subject.value for q in quads} >= {"http://ex/a", "http://ex/b"}
    zipped = client.get(f"/dump/deploykb.{ext}.gz")
    assert zipped.headers["Content-Type"] == "application/gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert plain.headers["ETag"] != zipped.headers["ETag"]


def test_dump_etag_changes_after_a_write(client, app, h) -> None:
    first = client.get("/dump/deploykb.nt")
    assert (
        client.get(
            "/dump/deploykb.nt", headers={"If-None-Match": first.headers["ETag"]}
        ).status_code
        == 304
    )
    h.load_nquads(app, "<http://ex/new> <http://ex/p> 1 .")
    again = client.get("/dump/deploykb.nt", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and b"http://ex/new" in again.data


def test_unknown_dump_is_404(client) -> None:
    assert client.get("/dump/deploykb.xlsx").status_code == 404


# -- writes -------------------------------------------------------------------------------


def test_writes_without_token_configured_are_403(app) -> None:
    app.config["TOKEN"] = None
    c = app.test_client()
    assert c.post("/update", data={"update": "CLEAR ALL"}).status_code == 403
    assert (
        c.put(
            "/store?graph=http://ex/g9",
            data="<a:b> <a:c> <a:d> .",
            content_type="application/n-triples",
        ).status_code
        == 403
    )
    assert c.post("/reports", json={"text": "x"}).status_code == 403


def test_wrong_token_is_401(client) -> None:
    resp = client.post(
        "/update", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer nope"}
    )
    assert resp.status_code == 401
    assert 'error="invalid_token"' in resp.headers["WWW-Authenticate"]


def test_update_then_query_sees_it(client, h) -> None:
    resp = client.post(
        "/update",
        data="INSERT DATA { GRAPH <http://ex/g3> { <http://ex/z> <http://ex/p> 9 } }",
        content_type="application/sparql-update",
        headers=h.AUTH,
    )
    assert resp.status_code == 204
    out = client.get("/sparql", query_string={"query": "ASK { <http://ex/z> <http://ex/p> 9 }"})
    assert json.loads(out.data)["boolean"] is True


@pytest.mark.parametrize(
    "update",
    [
        "DROP GRAPH <https://w3id.org/deploykb/graph/catalog>",
        "PREFIX g: <https://w3id.org/deploykb/graph/report/> INSERT DATA { GRAPH g:abc { <a:b> <a:c> 1 } }",
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
        "BASE <https://w3id.org/deploykb/> INSERT DATA { GRAPH <graph/report/x> { <a:b> <a:c> 1 } }",
    ],
)
def test_update_may_not_touch_project_graphs(client, h, update) -> None:
    resp = client.post("/update", data={"update": update}, headers=h.AUTH)
    assert resp.status_code == 403, resp.data


def test_gsp_put_into_a_report_graph_runs_the_shacl_gate(client, h) -> None:
    resp = client.put(
        "/store?graph=https://w3id.org/deploykb/graph/report/0123456789abcdef0123456789abcdef",
        data="<https://w3id.org/deploykb/id/claim/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/deploykb/ontology#DeploymentClaim> .",
        content_type="application/n-triples",
        headers=h.AUTH,
    )
    assert resp.status_code == 422
    body = json.loads(resp.data)
    assert body["violations"]


def test_gsp_bad_body_and_type(client, h) -> None:
    r1 = client.put(
        "/store?graph=http://ex/g5", data="<a> <b", content_type="text/turtle", headers=h.AUTH
    )
    r2 = client.put("/store?graph=http://ex/g5", data="x", content_type="image/png", headers=h.AUTH)
    r3 = client.get("/store")
    assert (r1.status_code, r2.status_code, r3.status_code) == (400, 415, 400)


# -- lexical inspection -------------------------------------------------------------------


def test_inspect_ignores_keywords_in_strings_iris_and_comments() -> None:
    info = inspect_query(
        'PREFIX service: <http://x/SERVICE> SELECT * { ?s ?p "SERVICE" # SERVICE\n }'
    )
    assert (info.form, info.is_update, info.uses_service) == ("SELECT", False, False)
    assert inspect_query("select * { ?a <p> ?b FILTER(?a < 3 && ?b > 2) }").form == "SELECT"
    assert inspect_query("INSERT DATA { <a:b> <a:c> 1 }").is_update


def test_using_clauses_go_before_where_but_not_delete_where() -> None:
    out = add_using_clauses(
        "INSERT { ?s a <X> } WHERE { ?s a <D> } ; DELETE WHERE { ?a ?b ?c }", ["http://g"], []
    )
    assert (
        out == "INSERT { ?s a <X> } USING <http://g> WHERE { ?s a <D> } ; DELETE WHERE { ?a ?b ?c }"
    )


def test_errors_carry_cors_too(client) -> None:
    resp = client.get("/sparql", query_string={"query": "SELECT * {"})
    assert resp.status_code == 400
    assert resp.headers["Access-Control-Allow-Origin"] == "*"


def test_format_in_a_post_form(client) -> None:
    resp = client.post("/sparql", data={"query": Q_SELECT, "format": "csv"})
    assert resp.headers["Content-Type"].startswith("text/csv")


def test_dump_head_and_if_modified_since(client) -> None:
    head = client.head("/dump/deploykb.ttl.gz")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Disposition"] == 'attachment; filename="deploykb.ttl.gz"'
    later = client.get(
        "/dump/deploykb.ttl.gz", headers={"If-Modified-Since": head.headers["Last-Modified"]}
    )
    assert later.status_code == 304


def test_serve_help_lists_every_environment_variable() -> None:
    from click.testing import CliRunner

    from kb.commands.serve import command

    out = CliRunner().invoke(command, ["--help"], terminal_width=200).output
    for var in (
        "DEPLOYKB_DATA",
        "DEPLOYKB_STORE",
        "DEPLOYKB_TOKEN",
        "DEPLOYKB_QUERY_TIMEOUT",
        "DEPLOYKB_MAX_ROWS",
        "DEPLOYKB_HOST",
        "DEPLOYKB_PORT",
    ):
        assert var in out


def test_browsers_asking_for_the_endpoint_get_the_query_page(client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    resp = client.get("/sparql", headers={"Accept": browser})
    assert resp.status_code == 303 and resp.headers["Location"].endswith("/query")
    machine = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert machine.status_code == 200 and machine.headers["Content-Type"].startswith("text/turtle")


@pytest.mark.parametrize(
    "kwargs,status,words",
    [
        ({"method": "GET", "query_string": {"update": "CLEAR ALL"}}, 405, "POST"),
        ({"method": "HEAD"}, 405, ""),
        ({"data": {"update": "SELECT * { ?s ?p ?o }"}}, 400, "query"),
        (
            {
                "data": {
                    "update": "INSERT { <a:a> <a:b> ?o } WHERE { SERVICE <http://h/> { ?s ?p ?o } }"
                }
            },
            400,
            "SERVICE",
        ),
        ({"data": {"update": "LOAD <http://h/x.ttl>"}}, 400, "LOAD"),
        ({"data": {"update": "CLEAR XYZ"}}, 400, "malformed update: error at 1:10"),
        ({"data": {"other": "x"}}, 400, "missing"),
        ({"data": "CLEAR ALL", "content_type": "text/plain"}, 415, "Content-Type"),
    ],
)
def test_update_errors(client, h, kwargs, status, words) -> None:
    method = kwargs.pop("method", "POST")
    resp = client.open("/update", method=method, headers=h.AUTH, **kwargs)
    assert resp.status_code == status, resp.data
    assert words.lower() in resp.data.decode().lower()


@pytest.mark.parametrize(
    "method,path,status",
    [
        ("GET", "/store?graph=http://ex/g1&default", 400),
        ("GET", "/store?graph=nope", 400),
        ("GET", "/store?graph=http://ex/none", 404),
        ("DELETE", "/store?graph=http://ex/none", 404),
        ("PATCH", "/store?graph=http://ex/g1", 405),
    ],
)
def test_store_errors(client, h, method, path, status) -> None:
    assert client.open(path, method=method, headers=h.AUTH).status_code == status


def test_store_get_streams_a_graph_in_the_asked_format(client) -> None:
    resp = client.get("/store?graph=http://ex/g2", headers={"Accept": "application/n-triples"})
    assert resp.status_code == 200
    triples = list(ox.parse(resp.data, ox.RdfFormat.N_TRIPLES))
    assert {t.subject.value for t in triples} == {"http://ex/b"}
    assert (
        client.get("/store?graph=http://ex/g2", headers={"Accept": "image/png"}).status_code == 406
    )


def test_descriptions_406(client) -> None:
    assert client.get("/.well-known/void", headers={"Accept": "text/csv"}).status_code == 406
    assert client.get("/sparql", headers={"Accept": "text/csv"}).status_code == 406


def test_a_hostile_host_header_cannot_inject_into_descriptions(client) -> None:
    for path in ("/sparql", "/.well-known/void"):
        resp = client.get(path, headers={"Host": 'evil> <http://x/p> "y'})
        assert resp.status_code == 400


def test_big_answers_are_gzipped_when_the_client_accepts_it(app, h) -> None:
    rows = " ".join(f"<http://ex/n{i}> <http://ex/p> {i} ." for i in range(300))
    h.load_nquads(app, rows)
    client = app.test_client()
    query = {"query": "SELECT ?s ?o { ?s <http://ex/p> ?o }"}
    zipped = client.get("/sparql", query_string=query, headers={"Accept-Encoding": "gzip"})
    plain = client.get("/sparql", query_string=query)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) / 3
    small = client.get(
        "/sparql", query_string={"query": "ASK {}"}, headers={"Accept-Encoding": "gzip"}
    )
    assert "Content-Encoding" not in small.headers


def test_gsp_post_of_quads_adds_each_to_its_graph(client, h) -> None:
    trig = (
        b"<http://ex/q1> <http://ex/p> 1 . GRAPH <http://ex/gq> { <http://ex/q2> <http://ex/p> 2 }"
    )
    resp = client.post("/store", data=trig, content_type="application/trig", headers=h.AUTH)
    assert resp.status_code == 204, resp.data
    ask = "ASK { <http://ex/q1> <http://ex/p> 1 GRAPH <http://ex/gq> { <http://ex/q2> ?p 2 } }"
    out = client.get("/sparql", query_string={"query": ask, "default-graph-uri": "http://x/none"})
    assert json.loads(out.data)["boolean"] is False  # q1 went to the store's default graph
    out = client.get(
        "/sparql",
        query_string={"query": ask.replace("ASK { <http://ex/q1> <http://ex/p> 1 ", "ASK { ")},
    )
    assert json.loads(out.data)["boolean"] is True
    default = client.get("/store?default", headers={"Accept": "application/n-triples"})
    assert b"<http://ex/q1>" in default.data and b"<http://ex/q2>" not in default.data


@pytest.mark.parametrize(
    "method,graph",
    [
        ("PUT", "https://w3id.org/deploykb/graph/catalog"),
        ("POST", "https://w3id.org/deploykb/graph/ontology"),
        ("DELETE", "https://w3id.org/deploykb/graph/meta"),
    ],
)
def test_gsp_may_not_write_managed_graphs(client, h, method, graph) -> None:
    resp = client.open(
        f"/store?graph={graph}",
        method=method,
        data=b'<http://ex/a> <http://ex/b> "1" .',
        content_type="application/n-triples",
        headers=h.AUTH,
    )
    assert resp.status_code == 403
    nq = f'<http://ex/a> <http://ex/b> "1" <{graph}> .'.encode()
    resp = client.post("/store", data=nq, content_type="application/n-quads", headers=h.AUTH)
    assert resp.status_code == 403


def test_turtle_answers_use_the_project_prefixes(client) -> None:
    query = (
        "CONSTRUCT { <https://w3id.org/deploykb/id/claim/x> a "
        "<https://w3id.org/deploykb/ontology#DeploymentClaim> } WHERE {}"
    )
    body = client.get("/sparql", query_string={"query": query}).data.decode()
    assert "@prefix dkb: <https://w3id.org/deploykb/ontology#> ." in body
    assert "<https://w3id.org/deploykb/id/claim/x> a dkb:DeploymentClaim" in body
