"""Flask test-client tests of every UI route and error path, over the fixture KB."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import rdflib

from api import create_app

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
BASE = "https://w3id.org/deploykb/"
HMEIMIM = "/id/place/hmeimim-air-base"


def local(iri: str) -> str:
    return "/" + iri[len(BASE) :]


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


# --- home ------------------------------------------------------------------------------------


def test_home_counts_and_links(client):
    resp = client.get("/", headers=HTML)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert re.search(r'id="stat-reports">3<', html)
    assert re.search(r'id="stat-claims">5<', html)
    assert re.search(r'id="stat-latest">2023-03-28<', html)
    for ext in ("nt", "nq", "ttl", "trig", "jsonld"):
        assert f'href="/dump/deploykb.{ext}"' in html
        assert f'href="/dump/deploykb.{ext}.gz"' in html
    for target in ("/sparql", "/ontology", "/shapes", "/query", "/map"):
        assert f'href="{target}"' in html


def test_html_pages_forbid_other_hosts(client):
    resp = client.get("/query", headers=HTML)
    policy = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in client.get("/map.json").headers


def test_home_tables_download_as_csv_and_json(client):
    rows = csv_rows(client.get("/?_table=by-actor&_format=csv").data)
    by_actor = {r["actor_label"]: int(r["claims"]) for r in rows}
    assert by_actor == {"Russia": 3, "United States": 1, "United Kingdom": 1}
    assert rows[0]["actor"] == BASE + "id/actor/russia"
    doc = client.get("/?_table=by-category&_format=json").get_json()
    counts = {r["category_label"]: r["claims"] for r in doc["rows"]}
    assert counts == {
        "personnel": 2,
        "fighter aircraft": 1,
        "air defence system": 1,
        "tank": 1,
    }
    assert doc["columns"] == ["category", "category_label", "claims"]


@pytest.mark.parametrize(
    ("query", "status"),
    [("_format=xml", 400), ("_format=csv&_table=nope", 404), ("_format=", 200)],
)
def test_home_download_errors(client, query, status):
    resp = client.get(f"/?{query}")
    assert resp.status_code == status
    if status != 200:
        assert resp.mimetype == "text/plain"
        assert resp.get_data(as_text=True).count("\n") == 1


def test_home_shows_the_last_write_of_a_kb_store(tmp_path):
    from datetime import UTC, datetime

    import pyoxigraph as ox

    from kb.store import open_store

    store = open_store(tmp_path / "store")
    try:
        graph = BASE + "graph/report/" + "0" * 32
        store.replace_graphs(
            {
                graph: [
                    ox.Triple(
                        ox.NamedNode(BASE + "id/report/" + "0" * 32),
                        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode(BASE + "ontology#Report"),
                    )
                ]
            }
        )
        app = create_app({"STORE": store, "TESTING": True, "QUERY_ISOLATION": "inline"})
        html = app.test_client().get("/", headers=HTML).get_data(as_text=True)
        assert re.search(r'id="stat-reports">1<', html)
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        assert re.search(rf'id="stat-ingest">{today} \d\d:\d\d UTC<', html)
        # the summary is cached per store state: a write shows at once
        other = BASE + "id/report/" + "1" * 32
        store.replace_graphs(
            {
                BASE + "graph/report/" + "1" * 32: [
                    ox.Triple(
                        ox.NamedNode(other),
                        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode(BASE + "ontology#Report"),
                    )
                ]
            }
        )
        html = app.test_client().get("/", headers=HTML).get_data(as_text=True)
        assert re.search(r'id="stat-reports">2<', html)
    finally:
        store.close()


def test_no_store_is_a_503(ui_store):
    app = create_app({"STORE": ui_store, "TESTING": True, "QUERY_ISOLATION": "inline"})
    app.extensions["deploykb.store"] = None
    resp = app.test_client().get("/")
    assert resp.status_code == 503
    assert "no store" in resp.get_data(as_text=True)


# --- claims ----------------------------------------------------------------------------------


def test_claims_page_and_downloads(client, iris):
    html = client.get("/claims", headers=HTML).get_data(as_text=True)
    assert html.count("<tr>") == 6  # header + 5 claims
    rows = csv_rows(client.get("/claims.csv").data)
    assert len(rows) == 5
    troops = [r for r in rows if r["asset"].endswith("/troops")]
    assert sorted(int(r["quantity"]) for r in troops) == [200, 500]
    superseded = [r for r in troops if r["superseded_by"]]
    assert len(superseded) == 1 and superseded[0]["stated_as"] == "roughly 200"
    assert superseded[0]["superseded_by"] == iris.claim(0, 1)
    newer = [r for r in troops if not r["superseded_by"]]
    assert newer[0]["according_to"] == "a defence source"
    assert superseded[0]["according_to"] == ""
    doc = json.loads(client.get("/claims.json").data)
    assert {r["place_label"] for r in doc["rows"]} == {
        "Hmeimim Air Base",
        "Rzeszów",
        "Tapa Army Base",
    }


@pytest.mark.parametrize(
    ("url", "status"),
    [("/claims.xml", 404), ("/claims?page=0", 400), ("/claims?page=abc", 400)],
)
def test_claims_errors(client, url, status):
    assert client.get(url).status_code == status


@pytest.mark.parametrize(
    ("query", "stated"),
    [
        ("actor=russia", ["roughly 200", "as many as 500", "Four"]),
        ("asset=FighterAircraft", ["Four"]),
        ("asset=Personnel&actor=russia", ["roughly 200", "as many as 500"]),
        ("place=syria", ["roughly 200", "as many as 500", "Four"]),
        ("place=poland", ["two"]),
        ("status=deployed&place=estonia", ["14"]),
        ("status=withdrawn", []),
        ("actor=nobody", []),
    ],
)
def test_claims_filters(client, query, stated):
    rows = csv_rows(client.get(f"/claims.csv?{query}").data)
    assert [r["stated_as"] for r in rows] == stated


def test_claims_filter_errors_and_links(client):
    resp = client.get("/claims?actor=a%3Eb")
    assert resp.status_code == 400 and "not a catalog id" in resp.get_data(as_text=True)
    html = client.get("/claims?actor=russia", headers=HTML).get_data(as_text=True)
    assert "actor = <code>russia</code>" in html
    doc = client.get("/?_table=by-actor&_format=json").get_json()
    assert doc["rows"][0]["claims"] == 3
    home = client.get("/", headers=HTML).get_data(as_text=True)
    assert '<a href="/claims?actor=russia">3</a>' in home
    assert '<a href="/claims?asset=Personnel">2</a>' in home


def test_claims_second_page_is_empty(client):
    html = client.get("/claims?page=2", headers=HTML).get_data(as_text=True)
    assert "No claims" in html and "← previous" in html


# --- map -------------------------------------------------------------------------------------


def test_map_json_is_geojson_of_places_with_claims(client):
    resp = client.get("/map.json")
    assert resp.mimetype == "application/geo+json"
    features = {f["properties"]["label"]: f for f in resp.get_json()["features"]}
    assert set(features) == {"Hmeimim Air Base", "Rzeszów", "Tapa Army Base"}
    hmeimim = features["Hmeimim Air Base"]
    assert hmeimim["properties"]["claims"] == 3
    assert hmeimim["properties"]["url"] == HMEIMIM
    assert hmeimim["geometry"]["coordinates"] == pytest.approx([35.9486, 35.4011])


def test_map_page_uses_only_local_assets(client):
    html = client.get("/map", headers=HTML).get_data(as_text=True)
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/world-atlas/countries-110m.json" in html
    assert not re.search(r'(src|href)="https?://', html)
    rows = csv_rows(client.get("/map.csv").data)
    assert {r["place_label"]: int(r["claims"]) for r in rows}["Tapa Army Base"] == 1
    rows = csv_rows(client.get("/map?_format=csv").data)
    assert len(rows) == 3


def test_vendored_assets_are_served_with_licences(client):
    for path in (
        "/static/vendor/yasgui/yasgui.min.js",
        "/static/vendor/yasgui/yasgui.min.css",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/topojson-client/topojson-client.min.js",
    ):
        resp = client.get(path)
        assert resp.status_code == 200 and len(resp.data) > 1000, path
        resp.close()
    world = client.get("/static/vendor/world-atlas/countries-110m.json").get_json()
    assert world["type"] == "Topology" and "countries" in world["objects"]
    expected = {
        "yasgui": "MIT License",
        "leaflet": "BSD 2-Clause License",
        "topojson-client": "Permission to use",
        "world-atlas": "Permission to use",
    }
    for pkg, words in expected.items():
        licence = client.get(f"/static/vendor/{pkg}/LICENSE").get_data(as_text=True)
        assert words in licence, pkg


# --- query page ------------------------------------------------------------------------------


def test_query_page_embeds_editor_and_competency_questions(client):
    html = client.get("/query", headers=HTML).get_data(as_text=True)
    assert "/static/vendor/yasgui/yasgui.min.js" in html
    assert "Which deployments are currently estimated at each place?" in html
    payload = re.search(r'id="examples">(.*?)</script>', html, re.S).group(1)
    examples = json.loads(payload)
    assert [e["name"] for e in examples] == ["latest-estimates", "superseded"]
    assert examples[1]["query"].lstrip().startswith("# Which estimates were superseded")


def test_competency_results_table_and_downloads(client, iris):
    html = client.get("/query/latest-estimates", headers=HTML).get_data(as_text=True)
    assert html.count("<tr>") == 5  # header + 4 current estimates
    rows = csv_rows(client.get("/query/latest-estimates.csv").data)
    got = {(r["placeLabel"], r["assetLabel"]): int(r["number"]) for r in rows}
    assert got[("Hmeimim Air Base", "troops")] == 500
    assert got[("Hmeimim Air Base", "Su-30SM")] == 4
    doc = json.loads(client.get("/query/superseded.json").data)
    assert doc["rows"] == [
        {
            "old": iris.claim(0, 0),
            "old_label": "id:" + iris.claim(0, 0)[len(BASE + "id/") :],
            "new": iris.claim(0, 1),
            "new_label": "id:" + iris.claim(0, 1)[len(BASE + "id/") :],
        }
    ]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/query/nope", 404),
        ("/query/latest-estimates?_format=xml", 400),
        ("/query/latest-estimates.xml", 404),
    ],
)
def test_competency_errors(client, url, status):
    assert client.get(url).status_code == status


# --- resource pages --------------------------------------------------------------------------


def test_place_page_timeline_shows_superseded_estimate(client):
    html = client.get(HMEIMIM, headers=HTML).get_data(as_text=True)
    assert "<h1" in html and "Hmeimim Air Base" in html
    series = re.search(r'<g class="series" data-series="troops">(.*?)</g>', html, re.S).group(1)
    dots = re.findall(r'data-value="(\d+)" data-date="([\d-]+)" data-state="(\w+)"', series)
    assert dots == [("200", "2015-09-20", "superseded"), ("500", "2015-09-20", "current")]
    assert 'data-series="Su-30SM"' in html
    rows = csv_rows(client.get(HMEIMIM + "?_table=claims&_format=csv").data)
    assert len(rows) == 3


def test_city_page_includes_claims_at_places_near_it(client):
    html = client.get("/id/place/latakia", headers=HTML).get_data(as_text=True)
    assert 'data-series="troops"' in html
    syria = csv_rows(client.get("/id/place/syria?_table=claims&_format=csv").data)
    assert len(syria) == 3


def test_claim_page_highlights_the_mention(client, iris):
    url = local(iris.claim(0, 1))
    html = client.get(url, headers=HTML).get_data(as_text=True)
    quote = re.search(r'<blockquote class="evidence-sentence">(.*?)</blockquote>', html, re.S)
    assert quote is not None
    assert '<mark class="mention">personnel</mark>' in quote.group(1)
    assert quote.group(1).startswith("By Sunday")
    assert local(iris.report(0)) in html  # the graph and source links
    props = csv_rows(client.get(url + "?_table=properties&_format=csv").data)
    mine = {r["property"] for r in props}
    assert BASE + "ontology#asset" in mine
    assert BASE + "ontology#supersededBy" not in mine  # the newer claim is current
    assert re.search(r"<h1[^>]*>Claim: Russia · ≤ 500 · troops · Hmeimim Air Base</h1>", html)
    incoming = csv_rows(client.get(url + "?_table=incoming&_format=csv").data)
    assert [r["subject"] for r in incoming if r["property"].endswith("#supersededBy")] == [
        iris.claim(0, 0)
    ]


def test_report_page_lists_incoming_claims(client, iris):
    html = client.get(local(iris.report(0)), headers=HTML).get_data(as_text=True)
    assert "Russian build-up grows" in html
    incoming = csv_rows(client.get(local(iris.report(0)) + "?_table=incoming&_format=csv").data)
    sources = {r["subject"] for r in incoming if r["property"].endswith("#source")}
    assert sources == {iris.claim(0, i) for i in range(3)}


def _graph(data: bytes, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format=fmt)


@pytest.mark.parametrize(
    ("accept", "mimetype", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        (None, "text/turtle", "turtle"),
        ("*/*", "text/turtle", "turtle"),
        ("application/n-triples;q=0.5, text/turtle;q=0.9", "text/turtle", "turtle"),
    ],
)
def test_claim_content_negotiation(client, iris, accept, mimetype, fmt):
    iri = iris.claim(0, 0)
    headers = {"Accept": accept} if accept else {}
    resp = client.get(local(iri), headers=headers)
    assert resp.status_code == 200
    assert resp.mimetype == mimetype
    assert resp.headers["Vary"] == "Accept"
    assert f'<{local(iri)}?format=html>; rel="alternate"; type="text/html"' in resp.headers["Link"]
    g = _graph(resp.data, fmt)
    claim = rdflib.URIRef(iri)
    dkb = rdflib.Namespace(BASE + "ontology#")
    assert g.value(claim, dkb.asset) == rdflib.URIRef(BASE + "id/equipment/troops")
    quantity = g.value(claim, dkb.quantity)
    assert quantity == rdflib.URIRef(iri + "/quantity")
    # the quantity and the evidence spans come along (DESCRIBE-like)
    assert int(g.value(quantity, rdflib.URIRef("https://schema.org/value"))) == 200
    span = g.value(claim, dkb.evidence)
    assert "#char=" in str(span)
    assert len(list(g.objects(span, rdflib.URIRef("http://www.w3.org/ns/oa#hasSelector")))) == 2


@pytest.mark.parametrize(
    ("suffix_or_param", "mimetype"),
    [
        (".ttl", "text/turtle"),
        (".nt", "application/n-triples"),
        (".jsonld", "application/ld+json"),
        (".html", "text/html"),
        ("?format=nt", "application/n-triples"),
        ("?format=jsonld", "application/ld+json"),
        ("?format=html", "text/html"),
    ],
)
def test_format_suffixes_and_parameter(client, suffix_or_param, mimetype):
    resp = client.get(HMEIMIM + suffix_or_param, headers={"Accept": "image/png"})
    assert resp.status_code == 200
    assert resp.mimetype == mimetype


def test_resource_table_suffix_downloads(client):
    rows = csv_rows(client.get(HMEIMIM + ".csv").data)  # the first table: its claims
    assert sorted(r["stated_as"] for r in rows) == ["Four", "as many as 500", "roughly 200"]
    doc = json.loads(client.get(HMEIMIM + ".json?_table=properties").data)
    assert doc["table"] == "properties"
    labels = {
        r["value_label"]
        for r in doc["rows"]
        if r["property"] == "http://www.w3.org/2000/01/rdf-schema#label"
    }
    assert labels == {"Hmeimim Air Base"}
    doc = json.loads(client.get(HMEIMIM + ".json?_table=parts").data)
    wkt = [r for r in doc["rows"] if r["property"].endswith("#asWKT")]
    assert wkt[0]["part"] == BASE + "id/place/hmeimim-air-base/geometry"
    assert wkt[0]["value"] == "POINT(35.9486 35.4011)"


def test_actor_and_equipment_pages_list_their_claims(client):
    rows = csv_rows(client.get("/id/actor/russia.csv").data)
    assert sorted(r["stated_as"] for r in rows) == ["Four", "as many as 500", "roughly 200"]
    rows = csv_rows(client.get("/id/equipment/FighterAircraft.csv").data)
    assert [r["asset_label"] for r in rows] == ["Su-30SM"]  # narrower types count
    html = client.get("/id/equipment/Tank", headers=HTML).get_data(as_text=True)
    assert "Claims about this type of equipment" in html and "Challenger 2" in html


def test_report_rdf_describes_its_evidence_spans(client, iris):
    report = iris.report(0)
    g = _graph(client.get(local(report), headers={"Accept": "text/turtle"}).data, "turtle")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    spans = set(g.subjects(oa.hasSource, rdflib.URIRef(report)))
    assert len(spans) == 6  # 3 claims x (sentence, mention)
    assert all(str(s).startswith(report + "#char=") for s in spans)
    exact = {
        str(o)
        for s in spans
        for sel in g.objects(s, oa.hasSelector)
        for o in g.objects(sel, oa.exact)
    }
    assert {"troops", "personnel", "Su-30SM"} <= exact


def test_long_claim_lists_on_resource_pages_point_to_the_full_list(client, monkeypatch):
    from api.ui import claims

    monkeypatch.setattr(claims, "RESOURCE_CLAIMS_LIMIT", 2)
    html = client.get("/id/actor/russia", headers=HTML).get_data(as_text=True)
    assert "Only the first 2 claims are listed here." in html
    assert '<a href="/claims?actor=russia">See them all</a>' in html
    html = client.get("/id/actor/united-states", headers=HTML).get_data(as_text=True)
    assert "Only the first" not in html


def test_report_page_lists_its_claims(client, iris):
    rows = csv_rows(client.get(local(iris.report(0)) + ".csv").data)
    assert [r["stated_as"] for r in rows] == ["roughly 200", "as many as 500", "Four"]


@pytest.mark.parametrize(
    ("url", "headers", "status"),
    [
        ("/id/claim/0000", HTML, 404),
        ("/id/place/nowhere.ttl", {}, 404),
        ("/id/place/bad%3Ciri", HTML, 404),
        (HMEIMIM, {"Accept": "image/png"}, 406),
        (HMEIMIM, {"Accept": "text/turtle;q=0, image/*"}, 406),
        (HMEIMIM + "?format=xml", HTML, 400),
        (HMEIMIM + "?_format=xml", HTML, 400),
        (HMEIMIM + "?_format=csv&_table=nope", HTML, 404),
    ],
)
def test_resource_errors(client, url, headers, status):
    resp = client.get(url, headers=headers)
    assert resp.status_code == status
    body = resp.get_data(as_text=True)
    assert "Traceback" not in body


def test_unknown_resource_is_an_html_404_for_browsers(client):
    resp = client.get("/id/claim/0000", headers=HTML)
    assert resp.mimetype == "text/html"
    assert "no resource &lt;https://w3id.org/deploykb/id/claim/0000&gt;" in resp.get_data(
        as_text=True
    )


# --- ontology and shapes ---------------------------------------------------------------------


def test_ontology_and_shapes_conneg(client, repo_root):
    ttl = repo_root / "ontology" / "deploykb.ttl"
    if not ttl.is_file():
        pytest.skip("ontology/deploykb.ttl not written yet")
    resp = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert resp.mimetype == "text/turtle" and resp.data == ttl.read_bytes()
    assert client.get("/ontology").mimetype == "text/turtle"
    assert client.get("/ontology", headers=HTML).mimetype == "text/html"
    assert client.get("/ontology.ttl", headers=HTML).mimetype == "text/turtle"
    assert client.get("/ontology", headers={"Accept": "application/n-triples"}).status_code == 406
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/ontology.xml").status_code == 404
    shapes = repo_root / "ontology" / "shapes.ttl"
    if shapes.is_file():
        assert client.get("/shapes.ttl").data == shapes.read_bytes()
        html = client.get("/shapes", headers=HTML).get_data(as_text=True)
        assert "sh:NodeShape" in html or "NodeShape" in html


# --- the real competency questions over the fixture KB ---------------------------------------


@pytest.fixture()
def live_client(live_app):
    return live_app.test_client()


def _real_query(repo_root, name: str):
    path = repo_root / "ontology" / "queries" / f"{name}.rq"
    if not path.is_file():
        pytest.skip(f"competency question {path.name} not installed")
    return path


def test_real_competency_questions_are_offered(live_client, repo_root):
    names = sorted(p.stem for p in (repo_root / "ontology" / "queries").glob("*.rq"))
    if not names:
        pytest.skip("no competency questions installed")
    html = live_client.get("/query", headers=HTML).get_data(as_text=True)
    for name in names:
        assert f'data-name="{name}"' in html
        resp = live_client.get(f"/query/{name}.json")
        assert resp.status_code == 200, name


def test_real_query_deployed_at_place(live_client, repo_root):
    _real_query(repo_root, "a_deployed_at_place")
    doc = json.loads(live_client.get("/query/a_deployed_at_place.json").data)
    # the default place is Latakia: the three claims at the air base near it
    assert sorted(r["statedAs"] for r in doc["rows"]) == ["Four", "as many as 500", "roughly 200"]


def test_real_query_latest_estimate(live_client, repo_root):
    _real_query(repo_root, "b_latest_estimate")
    rows = csv_rows(live_client.get("/query/b_latest_estimate.csv").data)
    assert sorted((r["asset"].rsplit("/", 1)[-1], r["value"] or r["max"]) for r in rows) == [
        ("challenger-2", "14"),
        ("patriot", "2"),
        ("su-30sm", "4"),
        ("troops", "500"),
    ]


def crawl(client, start: str = "/", limit: int = 400) -> dict[str, int]:
    """Follow every local link of the HTML pages (and download links) from ``start``."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        resp = client.get(url, headers=HTML)
        seen[url] = resp.status_code
        if resp.mimetype != "text/html" or resp.status_code != 200:
            continue
        for href in re.findall(r'href="(/[^"#]*)', resp.get_data(as_text=True)):
            href = href.replace("&amp;", "&")
            if href.startswith(("/dump/", "/sparql", "/.well-known", "/static/")):
                continue  # the endpoint's own routes, tested in tests/api
            if href not in seen:
                queue.append(href)
    return seen


def test_every_local_link_works(client):
    seen = crawl(client)
    broken = {url: status for url, status in seen.items() if status != 200}
    assert broken == {}
    assert len(seen) > 40  # pages, resource pages and every table's downloads
    assert any(u.endswith("_format=csv") for u in seen)
