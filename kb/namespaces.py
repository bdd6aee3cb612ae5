"""IRIs shared by every layer: the ontology namespace, the data namespace and the named graphs.

The ontology is the contract; these constants are the only place the base IRIs are spelt.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/deploykb/"

#: own vocabulary (classes, properties, individuals such as statuses and qualifiers)
DKB = Namespace(BASE + "ontology#")
#: minted data IRIs (reports, claims, quantities, spans, runs, attributions)
ID = Namespace(BASE + "id/")
#: catalog IRIs (readable slugs)
EQUIPMENT = Namespace(BASE + "id/equipment/")
PLACE = Namespace(BASE + "id/place/")
ACTOR = Namespace(BASE + "id/actor/")
#: concept schemes of the catalog
SCHEME = Namespace(BASE + "id/scheme/")
#: named graphs
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
SHAPES_GRAPH = URIRef(BASE + "graph/shapes")
CATALOG_GRAPH = URIRef(BASE + "graph/catalog")
REPORT_GRAPH_PREFIX = BASE + "graph/report/"
#: bookkeeping kept by kb.store: dataset state token, time of last write, content hashes
META_GRAPH = URIRef(BASE + "graph/meta")

# standard vocabularies used by the ontology (one spelling each)
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "dkb": str(DKB),
    "id": str(ID),
    "eq": str(EQUIPMENT),
    "pl": str(PLACE),
    "ac": str(ACTOR),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "geo": str(GEO),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "wd": str(WD),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written in code."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
