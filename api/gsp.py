"""The SPARQL 1.1 Graph Store Protocol at /store: reads are public, writes need the token;
report graphs go through the SHACL gate, the vocabulary and state graphs are read-only."""

from __future__ import annotations

import uuid
from typing import Any

import pyoxigraph as ox
from flask import Response, jsonify, request

from api import conneg, dumps
from api.http import ProtocolError, base_url
from api.writes import Abort, bp, get_store, require_token, write
from kb.namespaces import (
    CATALOG_GRAPH,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    REPORT_GRAPH_PREFIX,
    SHAPES_GRAPH,
)

#: GSP GET formats the store can write itself, streamed (conneg name -> dump format)
STREAMED_GRAPH_FORMATS = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld"}


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
        raise Abort(resp)


def _insert_data(graph_iri: str | None, triples: list[ox.Triple]) -> str:
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return (
        f"INSERT DATA {{ GRAPH <{graph_iri}> {{ {nt} }} }}"
        if graph_iri
        else (f"INSERT DATA {{ {nt} }}")
    )


@bp.route("/store", methods=["GET", "PUT", "POST", "DELETE"])
@bp.route("/store/<path:direct>", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store(direct: str | None = None) -> Response:
    store = get_store()
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
        write(store, _insert_data(graph_iri, triples) if triples else f"CREATE GRAPH <{graph_iri}>")
        return Response(status=201, headers={"Location": graph_iri})
    graph_iri = _target(direct)
    _refuse_managed(graph_iri)
    existed = graph_iri is None or store.graph_exists(graph_iri)
    if request.method == "DELETE":
        if not existed:
            raise ProtocolError(404, f"no graph <{graph_iri}>")
        write(store, f"DROP GRAPH <{graph_iri}>" if graph_iri else "CLEAR DEFAULT")
        return Response(status=204)
    triples = _body_triples(graph_iri)
    if request.method == "PUT":
        _shacl_gate(graph_iri, triples)
        drop = f"DROP SILENT GRAPH <{graph_iri}>" if graph_iri else "CLEAR SILENT DEFAULT"
        create = f" ; CREATE SILENT GRAPH <{graph_iri}>" if graph_iri else ""
        insert = f" ; {_insert_data(graph_iri, triples)}" if triples else create
        write(store, drop + insert)
        return Response(status=204 if existed else 201)
    # POST: merge into the graph
    if graph_iri and graph_iri.startswith(REPORT_GRAPH_PREFIX):
        _shacl_gate(graph_iri, _graph_triples(store, graph_iri) + triples)
    if triples:
        write(store, _insert_data(graph_iri, triples))
    elif not existed:
        write(store, f"CREATE SILENT GRAPH <{graph_iri}>")
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
        write(store, "INSERT DATA { " + "\n".join(blocks) + " }")
    return Response(status=204)
