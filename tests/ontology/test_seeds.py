"""The real pipeline parts on the seed articles: extraction -> RDF -> gate, with the shipped catalog."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph

import ontology
from kb.namespaces import DKB
from kb.rdf import extraction_to_graph
from kb.validate import oxigraph_term_to_rdflib, validate_report_graph


@pytest.fixture(scope="module")
def seed_graphs(seeds_dir: Path) -> list[Graph]:
    if not ontology.catalog_files():
        pytest.skip("the shipped catalog (ontology/catalog/*.ttl) is not there yet")
    from kb.document import read_document
    from kb.extract import extract

    graphs = []
    for path in sorted(seeds_dir.glob("*.txt")):
        _, g = extraction_to_graph(extract(read_document(path)))
        graphs.append(g)
    return graphs


def test_seed_graphs_conform(seed_graphs: list[Graph]) -> None:
    assert len(seed_graphs) == 2
    for g in seed_graphs:
        assert len(set(g.subjects(RDF.type, DKB.DeploymentClaim))) >= 3
        result = validate_report_graph(g)
        assert result.conforms, result.summary(10)


def test_seed_graphs_conform_after_store_round_trip(seed_graphs: list[Graph]) -> None:
    store = ox.Store()
    for g in seed_graphs:
        store.load(
            g.serialize(format="nt").encode(),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(str(g.identifier)),
        )
    for g in seed_graphs:
        back = Graph(identifier=g.identifier)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(g.identifier))):
            back.add(tuple(oxigraph_term_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))
        assert len(back) == len(g)
        result = validate_report_graph(back)
        assert result.conforms, result.summary(10)
