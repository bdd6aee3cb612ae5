"""Self-descriptions: the SPARQL 1.1 Service Description (GET /sparql with no query) and the
VoID description of the dataset (/.well-known/void). Both are written as Turtle, parsed once
per (base URL, store version) and served in the negotiated RDF format."""

from __future__ import annotations

import threading
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from api import conneg
from api.http import ProtocolError, base_url
from api.results import prefixes_for
from kb.namespaces import BASE, DKB, ID, META_GRAPH

bp = Blueprint("describe", __name__)

DESCRIPTION_FORMATS = tuple(
    f for f in conneg.GRAPH_FORMATS if f.name in ("turtle", "rdfxml", "jsonld", "ntriples")
)
DUMP_EXTENSIONS = ("nt", "nq", "ttl", "trig", "jsonld")
#: more named graphs than this are summarised by a count, not listed, in the description
MAX_LISTED_GRAPHS = 1000

_FORMATS_NS = "http://www.w3.org/ns/formats/"
DESCRIPTION_PREFIXES = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
    "formats": _FORMATS_NS,
}
RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
)
GRAPH_FORMAT_IRIS = ("Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads")

PREFIXES = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

_cache: dict[tuple[Any, ...], list[ox.Triple]] = {}
_cache_lock = threading.Lock()


def _state_key() -> Any:
    state = current_app.extensions.get("deploykb.state")
    return state.etag() if state is not None else None


def _cached(key: tuple[Any, ...], build: Any) -> list[ox.Triple]:
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit
    triples = list(ox.parse(build().encode("utf-8"), ox.RdfFormat.TURTLE))
    with _cache_lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = triples
    return triples


def _respond(triples: list[ox.Triple]) -> Response:
    try:
        fmt = conneg.choose(
            DESCRIPTION_FORMATS, request.headers.get("Accept"), request.args.get("format")
        )
    except conneg.NotAcceptable as exc:
        raise ProtocolError(406, str(exc)) from None
    body = ox.serialize(
        triples, format=fmt.ox_format, prefixes=prefixes_for(fmt, DESCRIPTION_PREFIXES)
    )
    resp = Response(body, content_type=fmt.content_type)
    resp.headers["Vary"] = "Accept"
    return resp


def _store() -> Any:
    store = current_app.extensions.get("deploykb.store")
    if store is None:
        raise ProtocolError(503, "no store is configured")
    return store


def service_description_turtle(base: str, store: Any, cfg: dict[str, Any]) -> str:
    endpoint = f"{base}/sparql"
    features = ["sd:UnionDefaultGraph"]
    if cfg.get("ALLOW_SERVICE") or cfg.get("SERVICE_ALLOW"):
        features.append("sd:BasicFederatedQuery")
    service_rule = (
        "allowed"
        if cfg.get("ALLOW_SERVICE")
        else "allowed to " + " ".join(cfg["SERVICE_ALLOW"])
        if cfg.get("SERVICE_ALLOW")
        else "refused"
    )
    formats = ", ".join(f"<{_FORMATS_NS}{f}>" for f in RESULT_FORMAT_IRIS + GRAPH_FORMAT_IRIS)
    graphs = [g for g in store.named_graphs() if g != str(META_GRAPH)]
    named = "\n".join(
        f"    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;"
        for g in graphs[:MAX_LISTED_GRAPHS]
    )
    update = ""
    if cfg.get("TOKEN"):
        update = f"""
<{base}/update#service> a sd:Service ;
  sd:endpoint <{base}/update> ;
  sd:supportedLanguage sd:SPARQL11Update ;
  rdfs:comment "Writes need an Authorization: Bearer token." .
"""
    return f"""{PREFIXES}
<{endpoint}#service> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat {formats} ;
  sd:feature {", ".join(features)} ;
  sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
  rdfs:label "deploykb SPARQL endpoint" ;
  rdfs:comment "Without default-graph-uri / named-graph-uri the default graph is the union of all graphs. SERVICE is {service_rule}; answers are capped at {cfg.get("MAX_ROWS") or "no"} rows (header X-Deploykb-Truncated) and {cfg.get("QUERY_TIMEOUT") or "no"} s." ;
  sd:defaultDataset <{base}/.well-known/void#dataset> .

<{base}/.well-known/void#dataset> a sd:Dataset, void:Dataset ;
  sd:defaultGraph [ a sd:Graph ; rdfs:comment "the union of every named graph" ] ;
{named}
  void:sparqlEndpoint <{endpoint}> .
{update}"""


def service_description() -> Response:
    store = _store()
    base = base_url()
    cfg = current_app.config
    key = (
        "sd",
        base,
        _state_key(),
        bool(cfg.get("TOKEN")),
        bool(cfg.get("ALLOW_SERVICE")),
        tuple(cfg.get("SERVICE_ALLOW") or ()),
    )
    return _respond(_cached(key, lambda: service_description_turtle(base, store, cfg)))


#: every triple of the data: the store's default graph plus the named graphs, minus the
#: store's bookkeeping graph (its state token)
DATA = f"{{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{META_GRAPH}>) }} }}"


def _count(store: Any, sparql: str) -> int:
    for row in store.query(sparql.replace("{ ?s ?p ?o }", DATA), union_default_graph=False):
        return int(row[0].value)
    return 0


def void_turtle(base: str, store: Any) -> str:
    triples = _count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    subjects = _count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }")
    properties = _count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?s ?p ?o }")
    objects = _count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }")
    rows = store.query(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { "
        + DATA.replace("?p ?o", "a ?c")
        + " FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c",
        union_default_graph=False,
    )
    partitions = []
    for i, row in enumerate(rows):
        part = f"<{base}/.well-known/void#class-{i}>"
        partitions.append(
            f"<{base}/.well-known/void#dataset> void:classPartition {part} .\n"
            f'{part} void:class <{row[0].value}> ; void:entities "{int(row[1].value)}"^^xsd:integer .\n'
        )
    dumps = ", ".join(f"<{base}/dump/deploykb.{ext}.gz>" for ext in DUMP_EXTENSIONS)
    dumps += ", " + ", ".join(f"<{base}/dump/deploykb.{ext}>" for ext in DUMP_EXTENSIONS)
    return f"""{PREFIXES}
<{base}/.well-known/void#dataset> a void:Dataset ;
  dcterms:title "deploykb" ;
  dcterms:description "Military deployments as reported in the news: who deployed what, how many, where, when, according to whom; one named graph per news report." ;
  void:sparqlEndpoint <{base}/sparql> ;
  void:dataDump {dumps} ;
  void:uriSpace "{ID}" ;
  void:vocabulary <{str(DKB)[:-1]}> ;
  void:rootResource <{BASE}id/scheme/equipment> ;
  void:feature <http://www.w3.org/ns/formats/N-Quads>, <http://www.w3.org/ns/formats/Turtle> ;
  void:triples "{triples}"^^xsd:integer ;
  void:distinctSubjects "{subjects}"^^xsd:integer ;
  void:properties "{properties}"^^xsd:integer ;
  void:distinctObjects "{objects}"^^xsd:integer ;
  void:classes "{len(partitions)}"^^xsd:integer .
{"".join(partitions)}"""


@bp.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    store = _store()
    base = base_url()
    return _respond(_cached(("void", base, _state_key()), lambda: void_turtle(base, store)))
