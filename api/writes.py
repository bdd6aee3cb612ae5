"""Writes: SPARQL Update at /update, the Graph Store Protocol at /store, POST /reports.

Writes exist only when a bearer token is configured (``--token`` / DEPLOYKB_TOKEN):

* no token configured -> 403 (writes are disabled on this server, whoever asks);
* token configured, missing or wrong ``Authorization: Bearer`` -> 401 with
  ``WWW-Authenticate: Bearer`` (RFC 6750).

SHACL gate: GSP PUT/POST into a ``graph/report/…`` graph validates the resulting graph with
``kb.validate.validate_report_graph`` (422 + the SHACL report when it does not conform);
POST /reports runs the CLI's own pipeline (``kb.ingest.process_report`` + ``commit``).
/update cannot be validated before it runs, so it may not touch the project's graphs at all:
an update naming an IRI under ``https://w3id.org/deploykb/graph/`` or writing through a
``GRAPH ?variable`` template is refused with 403; whole-store CLEAR/DROP ALL stays allowed.
"""

from __future__ import annotations

import hmac
import threading
import uuid
from typing import Any
from urllib.parse import urljoin

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, request

from api import conneg, dumps
from api.config import store_changed
from api.http import ProtocolError, base_url, read_operation
from api.sparql_text import (
    add_using_clauses,
    decode_escapes,
    inspect_update,
    service_allowed,
    tokens,
)
from kb.namespaces import (
    BASE,
    CATALOG_GRAPH,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    REPORT_GRAPH_PREFIX,
    SHAPES_GRAPH,
)

bp = Blueprint("writes", __name__)

#: GSP GET formats the store can write itself, streamed (conneg name -> dump format)
STREAMED_GRAPH_FORMATS = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld"}

PROTECTED_GRAPHS = BASE + "graph/"
UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")


# -- authorisation ------------------------------------------------------------------------


def require_token() -> None:
    token = current_app.config.get("TOKEN")
    if not token:
        raise ProtocolError(
            403, "writes are disabled on this server (start it with --token or DEPLOYKB_TOKEN)"
        )
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ProtocolError(
            401,
            "this write needs 'Authorization: Bearer <token>'",
            {"WWW-Authenticate": 'Bearer realm="deploykb"'},
        )
    if not hmac.compare_digest(given.strip().encode(), str(token).encode()):
        raise ProtocolError(
            401,
            "invalid bearer token",
            {"WWW-Authenticate": 'Bearer realm="deploykb", error="invalid_token"'},
        )


def _store() -> Any:
    store = current_app.extensions.get("deploykb.store")
    if store is None:
        raise ProtocolError(503, "no store is configured")
    return store


def _store_error(exc: Exception) -> ProtocolError:
    message = str(exc)
    if "syntax" in message.lower():
        return ProtocolError(400, message)
    return ProtocolError(503, f"the store failed: {message}")


# -- SPARQL Update --------------------------------------------------------------------------


def touches_protected_graphs(text: str) -> bool:
    """Does this update name a project graph, or write through a GRAPH ?var template?"""
    toks = tokens(decode_escapes(text))
    base = None
    in_template = False
    for i, t in enumerate(toks):
        word = t.text.upper() if t.kind == "word" else ""
        if t.kind == "iri":
            iri = t.text[1:-1]
            if i and toks[i - 1].text.upper() == "BASE":
                base = iri
            resolved = urljoin(base, iri) if base else iri
            if PROTECTED_GRAPHS in iri or PROTECTED_GRAPHS in resolved:
                return True
        if t.depth == 0 and word in ("INSERT", "DELETE"):
            in_template = True
        elif t.depth == 0 and word in ("WHERE", "USING") and in_template:
            in_template = toks[i - 1].text.upper() == "DELETE"  # DELETE WHERE: pattern = template
        elif t.depth == 0 and t.text == ";":
            in_template = False
        if in_template and word == "GRAPH" and i + 1 < len(toks) and toks[i + 1].kind == "var":
            return True
    return False


_SCRATCH = threading.local()


def check_update_syntax(text: str, base: str) -> None:
    """Parse the update before the store sees it, so the client gets the parser's message
    with positions in its own text. It runs on an empty in-memory store (cheap: SERVICE and
    LOAD were refused already) because pyoxigraph offers no parse-only call."""
    scratch = getattr(_SCRATCH, "store", None)
    if scratch is None:
        scratch = _SCRATCH.store = ox.Store()
    try:
        scratch.update(text, base_iri=base)
    except SyntaxError as exc:
        raise ProtocolError(400, f"malformed update: {exc}") from None
    except OSError:
        pass  # not a syntax problem; the real store decides
    finally:
        scratch.clear()


@bp.route("/update", methods=["POST", "GET"])
def update() -> Response:
    if request.method in ("GET", "HEAD"):
        raise ProtocolError(
            405,
            "SPARQL Update must be POSTed (form or application/sparql-update)",
            {"Allow": "POST"},
        )
    require_token()
    op = read_operation(request, "update", "application/sparql-update", UPDATE_DATASET)
    assert op is not None
    info = inspect_update(op.text)
    if info.is_query:
        raise ProtocolError(400, "this is a query; send it to /sparql")
    allow = tuple(current_app.config.get("SERVICE_ALLOW") or ())
    if (
        info.uses_service
        and not current_app.config.get("ALLOW_SERVICE")
        and not (allow and service_allowed(op.text, allow))
    ):
        raise ProtocolError(400, "SERVICE is disabled on this endpoint (or not to that IRI)")
    if info.uses_load and not current_app.config.get("ALLOW_LOAD"):
        raise ProtocolError(
            400, "LOAD is disabled on this endpoint: it would make the server fetch a URL"
        )
    if (op.default_graphs or op.named_graphs) and info.has_dataset_clause:
        raise ProtocolError(
            400,
            "using-graph-uri / using-named-graph-uri conflict with USING or WITH in the update",
        )
    if touches_protected_graphs(op.text):
        raise ProtocolError(
            403,
            f"updates may not touch graphs under {PROTECTED_GRAPHS}: use POST /reports or "
            "the Graph Store Protocol, which run the SHACL gate",
        )
    text = add_using_clauses(op.text, op.default_graphs, op.named_graphs)
    check_update_syntax(text, f"{base_url()}/update")
    text = f"BASE <{base_url()}/update> {text}"
    store = _store()
    try:
        store.update(text)
    except SyntaxError as exc:
        raise ProtocolError(400, f"malformed update: {exc}") from None
    except Exception as exc:
        raise _store_error(exc) from None
    store_changed(current_app)
    return Response(status=204)


# -- Graph Store Protocol -------------------------------------------------------------------


def _target(direct_path: str | None) -> str | None:
    """The graph IRI of a GSP request, or None for the default graph."""
    if direct_path is not None:
        return request.base_url
    graphs = request.args.getlist("graph")
    has_default = "default" in request.args
    if len(graphs) > 1 or (graphs and has_default):
        raise ProtocolError(400, "give exactly one of ?graph=<iri> or ?default")
    if has_default:
        return None
    if not graphs:
        raise ProtocolError(400, "give ?graph=<iri> or ?default")
    try:
        ox.NamedNode(graphs[0])
    except ValueError:
        raise ProtocolError(400, f"graph={graphs[0]!r} is not an absolute IRI") from None
    return graphs[0]


def _parse_body(data: bytes, media_type: str, base: str) -> list[ox.Triple]:
    fmt = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if fmt is None:
        raise ProtocolError(415, f"unsupported RDF media type {media_type or '(none)'}")
    try:
        quads = list(ox.parse(data, fmt, base_iri=base))
    except (SyntaxError, ValueError) as exc:
        raise ProtocolError(400, f"cannot parse the {fmt.name} body: {exc}") from None
    return [q.triple for q in quads]


def _body_triples(graph_iri: str | None) -> list[ox.Triple]:
    base = graph_iri or request.base_url
    if request.mimetype == "multipart/form-data":
        triples: list[ox.Triple] = []
        for _name, part in request.files.items(multi=True):
            media = part.mimetype
            if not media or media == "application/octet-stream":
                fmt = ox.RdfFormat.from_extension((part.filename or "").rsplit(".", 1)[-1])
                media = fmt.media_type if fmt else ""
            triples.extend(_parse_body(part.read(), media, base))
        return triples
    return _parse_body(request.get_data(), request.mimetype, base)


def _graph_triples(store: Any, graph_iri: str | None) -> list[ox.Triple]:
    where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    return list(
        store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", union_default_graph=False)
    )


def _shacl_gate(graph_iri: str | None, triples: list[ox.Triple]) -> None:
    if not graph_iri or not graph_iri.startswith(REPORT_GRAPH_PREFIX):
        return
    from rdflib import Graph, URIRef

    from kb.validate import validate_report_graph

    graph = Graph(identifier=URIRef(graph_iri))
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    result = validate_report_graph(graph)
    if not result.conforms:
        resp = jsonify(
            {
                "error": "the graph does not conform to the SHACL shapes",
                "graph": graph_iri,
                "violations": result.violations(),
                "report": result.report_graph.serialize(format="turtle"),
            }
        )
        resp.status_code = 422
        raise _Abort(resp)


class _Abort(Exception):
    def __init__(self, response: Response):
        self.response = response


@bp.errorhandler(_Abort)
def _abort(exc: _Abort) -> Response:
    return exc.response


def _insert_data(graph_iri: str | None, triples: list[ox.Triple]) -> str:
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return (
        f"INSERT DATA {{ GRAPH <{graph_iri}> {{ {nt} }} }}"
        if graph_iri
        else (f"INSERT DATA {{ {nt} }}")
    )


def _write(store: Any, text: str) -> None:
    try:
        store.update(text)
    except Exception as exc:
        raise _store_error(exc) from None
    store_changed(current_app)


@bp.route("/store", methods=["GET", "PUT", "POST", "DELETE"])
@bp.route("/store/<path:direct>", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store(direct: str | None = None) -> Response:
    store = _store()
    if request.method in ("GET", "HEAD"):  # reads are as public as /sparql
        graph_iri = _target(direct)
        if graph_iri is not None and not store.graph_exists(graph_iri):
            raise ProtocolError(404, f"no graph <{graph_iri}>")
        try:
            fmt = conneg.choose(
                conneg.GRAPH_FORMATS, request.headers.get("Accept"), request.args.get("format")
            )
        except conneg.NotAcceptable as exc:
            raise ProtocolError(406, str(exc)) from None
        if request.method == "HEAD":
            body: Any = b""
        elif graph_iri is not None and fmt.name in STREAMED_GRAPH_FORMATS:
            # constant memory however big the graph: the store writes as the client reads
            body = dumps.stream(store, STREAMED_GRAPH_FORMATS[fmt.name], graph_iri=graph_iri)
        else:
            body = ox.serialize(_graph_triples(store, graph_iri), format=fmt.ox_format)
        resp = Response(body, content_type=fmt.content_type)
        resp.headers["Vary"] = "Accept"
        return resp
    require_token()
    if request.method == "POST" and direct is None and not request.args:
        fmt = ox.RdfFormat.from_media_type(request.mimetype) if request.mimetype else None
        if fmt is not None and fmt.supports_datasets:
            return _post_dataset(store, fmt)
        # POST to the store itself: make a new graph and say where it is (201 + Location)
        graph_iri = f"{base_url()}/store/graphs/{uuid.uuid4().hex}"
        triples = _body_triples(graph_iri)
        _write(
            store, _insert_data(graph_iri, triples) if triples else f"CREATE GRAPH <{graph_iri}>"
        )
        return Response(status=201, headers={"Location": graph_iri})
    graph_iri = _target(direct)
    _refuse_managed(graph_iri)
    existed = graph_iri is None or store.graph_exists(graph_iri)
    if request.method == "DELETE":
        if not existed:
            raise ProtocolError(404, f"no graph <{graph_iri}>")
        _write(store, f"DROP GRAPH <{graph_iri}>" if graph_iri else "CLEAR DEFAULT")
        return Response(status=204)
    triples = _body_triples(graph_iri)
    if request.method == "PUT":
        _shacl_gate(graph_iri, triples)
        drop = f"DROP SILENT GRAPH <{graph_iri}>" if graph_iri else "CLEAR SILENT DEFAULT"
        create = f" ; CREATE SILENT GRAPH <{graph_iri}>" if graph_iri else ""
        insert = f" ; {_insert_data(graph_iri, triples)}" if triples else create
        _write(store, drop + insert)
        return Response(status=204 if existed else 201)
    # POST: merge into the graph
    if graph_iri and graph_iri.startswith(REPORT_GRAPH_PREFIX):
        _shacl_gate(graph_iri, _graph_triples(store, graph_iri) + triples)
    if triples:
        _write(store, _insert_data(graph_iri, triples))
    elif not existed:
        _write(store, f"CREATE SILENT GRAPH <{graph_iri}>")
    return Response(status=204 if existed else 201)


MANAGED_GRAPHS = frozenset(
    str(g) for g in (ONTOLOGY_GRAPH, SHAPES_GRAPH, CATALOG_GRAPH, META_GRAPH)
)


def _refuse_managed(graph_iri: str | None) -> None:
    if graph_iri in MANAGED_GRAPHS:
        raise ProtocolError(
            403,
            f"<{graph_iri}> is maintained by deploykb itself (ontology, shapes, catalog, "
            "store state); the Graph Store Protocol may read it but not write it",
        )


def _post_dataset(store: Any, fmt: ox.RdfFormat) -> Response:
    """POST of TriG / N-Quads to the store itself: add each quad to its own graph (as
    Fuseki does), with the SHACL gate for every report graph it touches; one transaction."""
    try:
        quads = list(ox.parse(request.get_data(), fmt, base_iri=f"{base_url()}/store"))
    except (SyntaxError, ValueError) as exc:
        raise ProtocolError(400, f"cannot parse the {fmt.name} body: {exc}") from None
    by_graph: dict[str | None, list[ox.Triple]] = {}
    for q in quads:
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        by_graph.setdefault(name, []).append(q.triple)
    for name, triples in by_graph.items():
        _refuse_managed(name)
        if name and name.startswith(REPORT_GRAPH_PREFIX):
            _shacl_gate(name, _graph_triples(store, name) + triples)
    blocks = []
    for name, triples in by_graph.items():
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        blocks.append(f"GRAPH <{name}> {{ {nt} }}" if name else nt)
    if blocks:
        _write(store, "INSERT DATA { " + "\n".join(blocks) + " }")
    return Response(status=204)


# -- POST /reports ------------------------------------------------------------------------

META_FIELDS = ("title", "publisher", "authors", "published", "source_url")
REPORT_MEDIA_TYPES = ("text/plain", "text/html", "text/markdown", "application/json")


def _decode(data: bytes, charset: str | None) -> str:
    """Text of an uploaded article: the declared charset strictly, else detected as the CLI
    does for files (BOM, UTF-8, then charset-normalizer)."""
    from kb.document import DocumentError, decode_bytes

    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise ProtocolError(400, f"the body is not valid {charset} text") from None
    try:
        return decode_bytes(data, "<http>")
    except DocumentError as exc:
        raise ProtocolError(400, exc.message) from None


def _report_input() -> tuple[str, dict[str, Any], str, str]:
    """(text, metadata, media type, id) from JSON, a form, or a text body + query params."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ProtocolError(400, "the JSON body must be an object with at least 'text'")
        text = data.get("text")
        media = str(data.get("media_type") or "text/plain")
        fields = data
    elif mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = request.form.to_dict()
        text = fields.get("text")
        upload = request.files.get("file")
        if text is None and upload is not None:
            text = _decode(upload.read(), upload.mimetype_params.get("charset"))
        media = fields.get("media_type") or "text/plain"
    elif mimetype in ("text/plain", "text/html", "text/markdown"):
        fields = request.args.to_dict()
        text = _decode(request.get_data(), request.mimetype_params.get("charset"))
        media = mimetype
    else:
        raise ProtocolError(
            415,
            "send the article as application/json, a form, or text/plain|html|markdown "
            "with metadata as query parameters",
        )
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError(400, "missing article 'text'")
    if media not in REPORT_MEDIA_TYPES:
        raise ProtocolError(
            415, f"media_type {media!r} is not one of {', '.join(REPORT_MEDIA_TYPES)}"
        )
    meta: dict[str, Any] = {}
    for key in META_FIELDS:
        value = fields.get(key)
        if value not in (None, ""):
            meta[key] = value
    if isinstance(meta.get("authors"), str):
        meta["authors"] = [a.strip() for a in meta["authors"].split(";") if a.strip()]
    report_id = str(fields.get("id") or "http-report")
    return text, meta, media, report_id


@bp.route("/reports", methods=["POST"])
def post_report() -> Response:
    require_token()
    text, meta, media, report_id = _report_input()
    from kb.document import DocumentError, document_from_text
    from kb.ingest import commit, process_report

    try:
        report = document_from_text(text, report_id, meta, media_type=media, origin="<http>")
    except DocumentError as exc:
        raise ProtocolError(422, exc.message) from None
    processed = process_report(report)
    if processed.status != "ok":
        body: dict[str, Any] = {"status": processed.status, "error": processed.message}
        if processed.shacl_text:
            body["shacl_report"] = processed.shacl_text
            body["shacl_turtle"] = processed.shacl_turtle
        resp = jsonify(body)
        resp.status_code = 422
        return resp
    store = _store()
    try:
        (outcome,) = commit(store, [processed])
    except Exception as exc:
        raise _store_error(exc) from None
    store_changed(current_app)
    from kb.extract import extract

    claims = extract(report).to_json()
    resp = jsonify({**outcome.to_json(), "report": claims})
    resp.status_code = 201 if outcome.status in ("ingested", "replaced") else 200
    if outcome.report_iri:
        resp.headers["Location"] = outcome.report_iri
    return resp
