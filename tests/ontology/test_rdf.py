"""extraction_to_graph: deterministic, blank-node free, conforming RDF for one report."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef

from kb.model import Extraction, Quantity, Span
from kb.namespaces import DKB, OA, PROV, SCHEMA
from kb.rdf import (
    RDFBuildError,
    decimal_literal,
    extraction_to_graph,
    graph_iri,
    report_iri,
)
from kb.validate import CatalogFacts, validate_report_graph

HEX32 = r"[0-9a-f]{32}"
# plain IRIs: pytest probes module attributes, and rdflib's closed XSD namespace warns on that
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def nt_lines(g: Graph) -> list[str]:
    return sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())


def test_iris_of_report_and_graph(extraction: Extraction) -> None:
    sha = extraction.report.content_sha256
    gid, g = extraction_to_graph(extraction)
    assert gid == graph_iri(sha) == URIRef(f"https://w3id.org/deploykb/graph/report/{sha[:32]}")
    assert g.identifier == gid
    assert report_iri(sha) == URIRef(f"https://w3id.org/deploykb/id/report/{sha[:32]}")
    assert report_iri(sha[:32]) == report_iri(sha)
    with pytest.raises(RDFBuildError):
        report_iri("not-a-hash")


def test_same_extraction_gives_identical_triples(make_extraction) -> None:
    _, first = extraction_to_graph(make_extraction())
    _, second = extraction_to_graph(make_extraction())
    assert nt_lines(first) == nt_lines(second)
    assert len(first) > 100


def test_no_blank_nodes(extraction: Extraction) -> None:
    _, g = extraction_to_graph(extraction)
    for triple in g:
        assert not any(isinstance(term, BNode) for term in triple), triple


def test_graph_conforms(extraction: Extraction, catalog: CatalogFacts) -> None:
    _, g = extraction_to_graph(extraction)
    result = validate_report_graph(g, catalog=catalog)
    assert result.conforms, result.report_text


def test_claim_content(extraction: Extraction) -> None:
    _, g = extraction_to_graph(extraction)
    claims = sorted(g.subjects(RDF.type, DKB.DeploymentClaim))
    assert len(claims) == 3
    for claim in claims:
        assert re.fullmatch(rf"https://w3id.org/deploykb/id/claim/{HEX32}", str(claim))
    jets = g.value(
        predicate=DKB.asset, object=URIRef("https://w3id.org/deploykb/id/equipment/su-27")
    )
    quantity = g.value(jets, DKB.quantity)
    assert quantity == URIRef(f"{jets}/quantity")
    assert g.value(quantity, DKB.qualifier) == DKB.Exact
    assert g.value(quantity, SCHEMA.value) == Literal(4)
    assert g.value(quantity, SCHEMA.value).datatype == XSD_INTEGER
    assert g.value(quantity, DKB.statedAs) == Literal("four")
    assert g.value(jets, DKB.confidence) == Literal("0.9", datatype=XSD_DECIMAL)
    assert g.value(jets, DKB.reportedOn) == Literal(date(2015, 9, 21), datatype=XSD_DATE)
    assert g.value(jets, DKB.status) == DKB.Deployed
    # corroboration: a second attribution and a second evidence sentence
    assert len(set(g.objects(jets, PROV.wasAttributedTo))) == 2
    evidence = sorted(str(e) for e in g.objects(jets, DKB.evidence))
    assert len(evidence) == 2
    assert all(re.search(r"#char=\d+,\d+$", e) for e in evidence)
    mention = g.value(jets, DKB.assetMention)
    quote = URIRef(f"{mention}-quote")
    assert g.value(quote, OA.exact) == Literal("four Su-27 interceptors")


def test_supersession(extraction: Extraction) -> None:
    _, g = extraction_to_graph(extraction)
    older = next(g.subjects(DKB.supersededBy, None))
    newer = g.value(older, DKB.supersededBy)
    assert g.value(g.value(newer, DKB.quantity), SCHEMA.maxValue) == Literal(500)
    assert g.value(g.value(older, DKB.quantity), SCHEMA.value) == Literal(200)
    assert g.value(older, DKB.temporalStatus) == DKB.PreviousEstimate
    assert g.value(newer, DKB.temporalStatus) == DKB.CurrentEstimate
    assert g.value(older, DKB.validBefore) == Literal(date(2015, 9, 21), datatype=XSD_DATE)


def test_shared_attribution_is_one_node(extraction: Extraction) -> None:
    _, g = extraction_to_graph(extraction)
    sources = set(g.subjects(RDF.type, DKB.Attribution))
    assert len(sources) == 2
    anonymous = set(g.subjects(RDF.type, DKB.AnonymousSource))
    assert anonymous == sources
    official = next(s for s in sources if g.value(s, DKB.affiliation) is not None)
    assert len(set(g.subjects(PROV.wasAttributedTo, official))) == 3


def test_run_and_agent(extraction: Extraction) -> None:
    _, g = extraction_to_graph(extraction, extractor_version="2.3.4")
    run = next(g.subjects(RDF.type, DKB.ExtractionRun))
    agent = g.value(run, PROV.wasAssociatedWith)
    assert str(agent) == "https://w3id.org/deploykb/id/agent/deploykb-extractor/2.3.4"
    assert g.value(agent, SCHEMA.softwareVersion) == Literal("2.3.4")
    # the claim IRIs do not depend on the extractor version
    _, other = extraction_to_graph(extraction, extractor_version="9.9.9")
    assert set(g.subjects(RDF.type, DKB.DeploymentClaim)) == set(
        other.subjects(RDF.type, DKB.DeploymentClaim)
    )


def test_revision_of(extraction: Extraction) -> None:
    older = "ab" * 32
    _, g = extraction_to_graph(extraction, revision_of=older)
    rep = report_iri(extraction.report.content_sha256)
    assert g.value(rep, PROV.wasRevisionOf) == report_iri(older)


def test_missing_publication_date_is_rejected_by_the_gate(
    catalog: CatalogFacts, make_extraction
) -> None:
    _, g = extraction_to_graph(make_extraction(published=None))
    result = validate_report_graph(g, catalog=catalog)
    assert not result.conforms
    paths = {r["path"] for r in result.violations()}
    assert "https://schema.org/datePublished" in paths
    assert str(DKB.reportedOn) in paths


def test_bad_values_raise(extraction: Extraction) -> None:
    bad_status = Extraction(
        extraction.report, [dataclasses.replace(extraction.claims[0], status="exploded")]
    )
    with pytest.raises(RDFBuildError, match="status"):
        extraction_to_graph(bad_status)
    bad_qualifier = Extraction(
        extraction.report,
        [dataclasses.replace(extraction.claims[0], quantity=Quantity("roughly", 3))],
    )
    with pytest.raises(RDFBuildError, match="qualifier"):
        extraction_to_graph(bad_qualifier)
    bad_span = Extraction(
        extraction.report,
        [dataclasses.replace(extraction.claims[0], mention=Span(5, 9, "too long"))],
    )
    with pytest.raises(RDFBuildError, match="span"):
        extraction_to_graph(bad_span)
    outside = Extraction(
        extraction.report,
        [dataclasses.replace(extraction.claims[0], mention=Span(10_000, 10_003, "abc"))],
    )
    with pytest.raises(RDFBuildError, match="does not fit"):
        extraction_to_graph(outside)
    self_superseding = Extraction(
        extraction.report, [dataclasses.replace(extraction.claims[0], superseded_by=0)]
    )
    with pytest.raises(RDFBuildError, match="superseded_by"):
        extraction_to_graph(self_superseding)


@pytest.mark.parametrize(
    ("value", "lexical"), [(0.8, "0.8"), (1, "1.0"), (0.0, "0.0"), (0.125, "0.125"), (0.80, "0.8")]
)
def test_decimal_literal_is_canonical(value: float, lexical: str) -> None:
    lit = decimal_literal(value)
    assert str(lit) == lexical
    assert lit.datatype == XSD_DECIMAL


def test_catalog_slugs_and_urls_make_valid_iris(extraction: Extraction) -> None:
    bad_slug = Extraction(
        extraction.report, [dataclasses.replace(extraction.claims[0], place="Hmeimim air base")]
    )
    with pytest.raises(RDFBuildError, match="place id"):
        extraction_to_graph(bad_slug)
    spaced = dataclasses.replace(extraction.report, source_url="https://news.example/a story?q=<1>")
    _, g = extraction_to_graph(Extraction(spaced, extraction.claims))
    url = g.value(report_iri(spaced.content_sha256), SCHEMA.url)
    assert str(url) == "https://news.example/a%20story?q=%3C1%3E"
    # the graph serialises to N-Triples that pyoxigraph accepts
    import pyoxigraph as ox

    assert len(
        list(ox.parse(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES))
    ) == len(g)
    for bad in ("news.example/story", "ftp://news.example/x", "javascript:alert(1)"):
        wrong = dataclasses.replace(extraction.report, source_url=bad)
        with pytest.raises(RDFBuildError, match="absolute http"):
            extraction_to_graph(Extraction(wrong, extraction.claims))


def test_revision_of_accepts_a_report_iri(extraction: Extraction) -> None:
    older = report_iri("cd" * 32)
    _, g = extraction_to_graph(extraction, revision_of=str(older))
    assert g.value(report_iri(extraction.report.content_sha256), PROV.wasRevisionOf) == older
    with pytest.raises(RDFBuildError):
        extraction_to_graph(extraction, revision_of="https://elsewhere.example/x")
