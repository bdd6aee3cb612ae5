"""The ontology and the shapes parse, and every own term is documented."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

import ontology
from kb.model import QUALIFIERS, STATUSES
from kb.namespaces import DKB
from kb.rdf import QUALIFIER_IRIS, STATUS_IRIS
from kb.validate import report_shapes_graph, shapes_graph

ONTOLOGY_IRI = URIRef("https://w3id.org/deploykb/ontology")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology.path("deploykb.ttl"), format="turtle")


def own_terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(DKB))}


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    version = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version is not None and str(version).startswith(str(ONTOLOGY_IRI) + "/")
    dcterms = "http://purl.org/dc/terms/"
    for prop in ("license", "description", "title", "creator"):
        assert onto.value(ONTOLOGY_IRI, URIRef(dcterms + prop)) is not None, prop


def test_every_own_term_has_english_label_and_comment(onto: Graph) -> None:
    terms = own_terms(onto)
    assert len(terms) > 60
    for term in sorted(terms):
        for prop in (RDFS.label, RDFS.comment):
            values = [v for v in onto.objects(term, prop) if isinstance(v, Literal)]
            assert any(v.language == "en" and len(v) > 2 for v in values), (term, prop)


def test_every_own_term_is_declared(onto: Graph) -> None:
    kinds = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.NamedIndividual,
    }
    for term in own_terms(onto):
        assert kinds & set(onto.objects(term, RDF.type)), term


# the "Core vocabulary" table of docs/architecture.md
CORE_CLASSES = [
    "DeploymentClaim",
    "Quantity",
    "Status",
    "Report",
    "EvidenceSpan",
    "Attribution",
    "AnonymousSource",
    "NamedSource",
    "ExtractionRun",
    "EquipmentType",
    "Place",
    "Country",
    "Region",
    "City",
    "AirBase",
    "NavalBase",
    "MilitaryBase",
    "Airport",
    "Port",
    "Actor",
    "State",
    "Alliance",
    "ArmedForce",
]
CORE_PROPERTIES = [
    "actor",
    "asset",
    "quantity",
    "location",
    "locationText",
    "status",
    "validAt",
    "validBefore",
    "reportedOn",
    "source",
    "evidence",
    "assetMention",
    "confidence",
    "supersededBy",
    "itemText",
    "qualifier",
    "statedAs",
    "contentSha256",
    "textLength",
    "affiliation",
    "manufacturer",
    "near",
    "countryCode",
    "icaoCode",
    "geonamesId",
    "demonym",
    "adjective",
    "territory",
    "armedForceOf",
]
CORE_INDIVIDUALS = [
    "Exact",
    "Approximate",
    "AtLeast",
    "AtMost",
    "Range",
    "Vague",
    "Unspecified",
    "Deployed",
    "Arriving",
    "Planned",
    "Withdrawn",
    "Denied",
]


def test_core_vocabulary_defined(onto: Graph) -> None:
    for name in CORE_CLASSES:
        assert (DKB[name], RDF.type, OWL.Class) in onto, name
    for name in CORE_PROPERTIES:
        types = set(onto.objects(DKB[name], RDF.type))
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    for name in CORE_INDIVIDUALS:
        assert (DKB[name], RDF.type, OWL.NamedIndividual) in onto, name


def test_standard_vocabularies_reused(onto: Graph) -> None:
    expected = {
        "DeploymentClaim": "http://www.w3.org/ns/prov#Entity",
        "Quantity": "https://schema.org/QuantitativeValue",
        "Report": "https://schema.org/NewsArticle",
        "EvidenceSpan": "http://www.w3.org/ns/oa#SpecificResource",
        "Attribution": "http://www.w3.org/ns/prov#Agent",
        "ExtractionRun": "http://www.w3.org/ns/prov#Activity",
        "Place": "http://www.opengis.net/ont/geosparql#Feature",
        "Actor": "http://www.w3.org/ns/prov#Agent",
        "EquipmentType": "http://www.w3.org/2004/02/skos/core#Concept",
    }
    for name, parent in expected.items():
        assert URIRef(parent) in set(onto.objects(DKB[name], RDFS.subClassOf)), name


def test_model_spellings_map_to_individuals(onto: Graph) -> None:
    assert set(QUALIFIER_IRIS) == set(QUALIFIERS)
    assert set(STATUS_IRIS) == set(STATUSES)
    for spelling, iri in {**QUALIFIER_IRIS, **STATUS_IRIS}.items():
        assert (iri, RDF.type, OWL.NamedIndividual) in onto, iri
        assert (
            str(onto.value(iri, URIRef("http://www.w3.org/2004/02/skos/core#notation"))) == spelling
        )


def _sh_in(shapes: Graph, path: URIRef) -> set[URIRef]:
    for prop in shapes.subjects(SH.path, path):
        lst = shapes.value(prop, SH["in"])
        if lst is not None:
            return set(shapes.items(lst))
    raise AssertionError(f"no sh:in for {path}")


def test_closed_lists_match_ontology() -> None:
    shapes = shapes_graph()
    assert _sh_in(shapes, DKB.status) == set(STATUS_IRIS.values())
    assert _sh_in(shapes, DKB.qualifier) == set(QUALIFIER_IRIS.values())


def test_shapes_parse_and_split() -> None:
    full = shapes_graph()
    gate = report_shapes_graph()
    node_shapes = set(full.subjects(RDF.type, SH.NodeShape))
    gate_shapes = set(gate.subjects(RDF.type, SH.NodeShape))
    assert URIRef("https://w3id.org/deploykb/shapes#ClaimShape") in gate_shapes
    assert URIRef("https://w3id.org/deploykb/shapes#PlaceShape") in node_shapes - gate_shapes
    assert URIRef("https://w3id.org/deploykb/shapes#PlaceShape") not in set(gate.subjects())
    assert len(node_shapes - gate_shapes) == 6
    assert len(gate) < len(full)


def test_shapes_use_only_datatypes_that_survive_the_store() -> None:
    datatypes = {str(d) for d in shapes_graph().objects(None, SH.datatype)}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert xsd + "integer" in datatypes
    derived = {xsd + t for t in ("nonNegativeInteger", "positiveInteger", "int", "long", "short")}
    assert not datatypes & derived
