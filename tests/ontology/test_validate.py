"""The SHACL gate beyond single shapes: catalog facts, catalog shapes, whole stores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kb.namespaces import sparql_prefixes
from kb.rdf import extraction_to_graph
from kb.store.embedded import EmbeddedStore
from kb.validate import (
    CatalogFacts,
    store_report_graphs,
    validate_catalog,
    validate_dataset,
    validate_report_graph,
    validate_report_graph_full,
)

DATA = Path(__file__).parent / "data"
SH = "http://www.w3.org/ns/shacl#"


def test_facts_are_only_those_of_referenced_iris(
    make_extraction: Callable[..., Any], catalog: CatalogFacts
) -> None:
    _, g = extraction_to_graph(make_extraction())
    facts = set(catalog.facts_for(g))
    subjects = {s for s, _, _ in facts}
    ids = "https://w3id.org/deploykb/id/"
    assert subjects == {
        URIRef(ids + "equipment/su-27"),
        URIRef(ids + "equipment/troops"),
        URIRef(ids + "place/hmeimim-air-base"),
        URIRef(ids + "actor/russia"),
        URIRef(ids + "actor/united-states"),
    }
    predicates = {str(p) for _, p, _ in facts}
    assert predicates == {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2004/02/skos/core#inScheme",
    }


def test_catalog_facts_from_files_match_rdflib(
    catalog: CatalogFacts, make_extraction: Callable[..., Any]
) -> None:
    from_files = CatalogFacts.from_files([DATA / "catalog.ttl"])
    assert len(from_files) == len(catalog) > 10
    _, g = extraction_to_graph(make_extraction())
    assert set(from_files.facts_for(g)) == set(catalog.facts_for(g))
    assert len(set(from_files.facts_for(g))) >= 10


def test_gate_agrees_with_full_catalog_validation(
    make_extraction: Callable[..., Any],
    second_extraction: Any,
    catalog: CatalogFacts,
    catalog_graph: Graph,
) -> None:
    for extraction in (make_extraction(), second_extraction):
        _, g = extraction_to_graph(extraction)
        gate = validate_report_graph(g, catalog=catalog)
        full = validate_report_graph_full(g, catalog_graph)
        assert gate.conforms and full.conforms


def test_caller_graph_is_not_modified(
    make_extraction: Callable[..., Any], catalog: CatalogFacts
) -> None:
    _, g = extraction_to_graph(make_extraction())
    before = len(g)
    validate_report_graph(g, catalog=catalog)
    assert len(g) == before


def test_fixture_catalog_conforms_to_catalog_shapes(catalog_graph: Graph) -> None:
    result = validate_catalog(catalog_graph)
    assert result.conforms, result.report_text


CATALOG_BROKEN = [
    ("place-no-label", "DELETE WHERE { pl:tartus rdfs:label ?l }", "MinCount"),
    ("place-no-kind", "DELETE DATA { pl:tartus a dkb:City }", "Or"),
    ("kind-without-place", "DELETE DATA { pl:tartus a dkb:Place }", "Class"),
    (
        "place-wkt-string",
        'DELETE WHERE { <https://w3id.org/deploykb/id/place/tartus/geometry> geo:asWKT ?w } ; INSERT DATA { <https://w3id.org/deploykb/id/place/tartus/geometry> geo:asWKT "POINT(1 2)" }',
        "Datatype",
    ),
    (
        "place-wkt-out-of-range",
        'DELETE WHERE { <https://w3id.org/deploykb/id/place/tartus/geometry> geo:asWKT ?w } ; INSERT DATA { <https://w3id.org/deploykb/id/place/tartus/geometry> geo:asWKT "POINT(35.9 134.9)"^^geo:wktLiteral }',
        "Pattern",
    ),
    ("place-within-non-place", "INSERT DATA { pl:tartus geo:sfWithin ac:russia }", "Class"),
    ("place-bad-country-code", 'INSERT DATA { pl:germany dkb:countryCode "Germany" }', "Pattern"),
    ("place-bad-geonames", 'INSERT DATA { pl:tartus dkb:geonamesId "17x" }', "Pattern"),
    (
        "concept-bad-wikidata",
        "INSERT DATA { eq:su-27 skos:exactMatch <https://www.wikidata.org/wiki/Q1> }",
        "Pattern",
    ),
    (
        "concept-two-english-preflabels",
        'INSERT DATA { eq:su-27 skos:prefLabel "Flanker-B"@en }',
        "UniqueLang",
    ),
    ("concept-orphan", "DELETE WHERE { eq:t-90 skos:broader ?b }", "Or"),
    ("concept-other-scheme", "DELETE WHERE { eq:t-90 skos:inScheme ?s }", "HasValue"),
    ("actor-no-kind", "DELETE DATA { ac:nato a dkb:Alliance }", "Or"),
    ("actor-member-of-state", "INSERT DATA { ac:united-states dkb:memberOf ac:russia }", "Class"),
    ("actor-territory-not-country", "INSERT DATA { ac:russia dkb:territory pl:tartus }", "Class"),
]


@pytest.mark.parametrize(
    ("update", "component"), [pytest.param(u, c, id=i) for i, u, c in CATALOG_BROKEN]
)
def test_broken_catalog_rejected(catalog_graph: Graph, update: str, component: str) -> None:
    g = Graph()
    for t in catalog_graph:
        g.add(t)
    before = set(g)
    g.update(sparql_prefixes() + update)
    assert set(g) != before
    result = validate_catalog(g)
    assert not result.conforms
    found = {
        r["component"].removeprefix(SH).removesuffix("ConstraintComponent")
        for r in result.violations()
    }
    assert component in found, found


def _to_ox(graph: Graph) -> list[ox.Triple]:
    return list(ox.parse(graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES))


def test_validate_dataset_over_an_embedded_store(
    tmp_path: Path,
    make_extraction: Callable[..., Any],
    second_extraction: Any,
    catalog: CatalogFacts,
) -> None:
    good_iri, good = extraction_to_graph(make_extraction())
    other_iri, other = extraction_to_graph(second_extraction)
    # break the second report in the store: a misspelt predicate on one of its claims
    claim = next(other.subjects(URIRef("https://w3id.org/deploykb/ontology#asset"), None))
    other.add((claim, URIRef("https://w3id.org/deploykb/ontology#assett"), URIRef("urn:x")))
    store = EmbeddedStore(tmp_path / "db")
    try:
        store.replace_graphs({str(good_iri): _to_ox(good), str(other_iri): _to_ox(other)})
        seen: list[str] = []
        outcome = validate_dataset(
            store_report_graphs(store),
            catalog=catalog,
            on_result=lambda r: seen.append(r.graph_iri or ""),
        )
    finally:
        store.close()
    assert sorted(seen) == sorted([str(good_iri), str(other_iri)])
    assert not outcome.conforms
    assert [r.graph_iri for r in outcome.failed] == [str(other_iri)]
    failed = outcome.failed[0].violations()
    assert [r["component"] for r in failed] == [SH + "ClosedConstraintComponent"]
    assert outcome.failed[0].summary().startswith(str(claim))
    passed = next(r for r in outcome.results if r.conforms)
    assert passed.graph_iri == str(good_iri) and passed.summary() == "conforms"


@pytest.mark.slow
def test_shipped_catalog_conforms_to_every_shape() -> None:
    import ontology

    files = ontology.catalog_files()
    if not files:
        pytest.skip("the shipped catalog is not there yet")
    g = Graph()
    for f in files:
        g.parse(f, format="turtle")
    result = validate_catalog(g)
    assert result.conforms, result.summary(20)


def test_concurrent_validation_gives_the_same_verdicts(
    make_extraction: Callable[..., Any], second_extraction: Any, catalog: CatalogFacts
) -> None:
    """The API validates in threads: shared shapes and cached parsed queries must be safe."""
    from concurrent.futures import ThreadPoolExecutor

    _, good = extraction_to_graph(make_extraction())
    _, bad = extraction_to_graph(second_extraction)
    claim = next(bad.subjects(URIRef("https://w3id.org/deploykb/ontology#asset"), None))
    bad.add((claim, URIRef("https://w3id.org/deploykb/ontology#reportedOn"), Literal("x")))
    graphs = [good, bad] * 6

    def verdict(g: Graph) -> tuple[bool, int]:
        result = validate_report_graph(g, catalog=catalog)
        return result.conforms, len(result.violations())

    sequential = [verdict(g) for g in graphs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(verdict, graphs))
    assert parallel == sequential
    assert sequential[0] == (True, 0) and sequential[1][0] is False
