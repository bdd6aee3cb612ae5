"""The hand-written valid report conforms; one broken variant per constraint is rejected."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kb.namespaces import sparql_prefixes
from kb.validate import (
    CatalogFacts,
    oxigraph_term_to_rdflib,
    validate_report_graph,
    validate_report_graph_full,
)

DATA = Path(__file__).parent / "data"
REP = "<https://w3id.org/deploykb/id/report/f4f7df58bff6a304b3b7a33ef70545d1>"
SPAN = "<https://w3id.org/deploykb/id/report/f4f7df58bff6a304b3b7a33ef70545d1#char=22,44>"
POS = "<https://w3id.org/deploykb/id/report/f4f7df58bff6a304b3b7a33ef70545d1#char=22,44-pos>"
QUOTE = "<https://w3id.org/deploykb/id/report/f4f7df58bff6a304b3b7a33ef70545d1#char=22,44-quote>"
CLAIM = "id:claim\\/0c6f1a1e2b3d4c5f60718293a4b5c6d7"
CLAIM_IRI = "<https://w3id.org/deploykb/id/claim/0c6f1a1e2b3d4c5f60718293a4b5c6d7>"
QTY = "<https://w3id.org/deploykb/id/claim/0c6f1a1e2b3d4c5f60718293a4b5c6d7/quantity>"
ATTR = "<https://w3id.org/deploykb/id/attribution/5e1d2c3b4a59687766554433221100ff>"
RUN = "<https://w3id.org/deploykb/id/run/9a8b7c6d5e4f30211203f4e5d6c7b8a9>"
AGENT = "<https://w3id.org/deploykb/id/agent/deploykb-extractor/0.1.0>"


def replace(node: str, pred: str, old: str, new: str) -> str:
    return f"DELETE {{ {node} {pred} {old} }} INSERT {{ {node} {pred} {new} }} WHERE {{ {node} {pred} {old} }}"


def delete(node: str, pred: str) -> str:
    return f"DELETE WHERE {{ {node} {pred} ?o }}"


def insert(node: str, pred: str, obj: str) -> str:
    return f"INSERT DATA {{ {node} {pred} {obj} }}"


# (case id, SPARQL update breaking the valid report, expected component, message fragment)
BROKEN = [
    # claims
    ("claim-missing-asset", delete(CLAIM_IRI, "dkb:asset"), "MinCount", None),
    ("claim-two-actors", insert(CLAIM_IRI, "dkb:actor", "ac:united-states"), "MaxCount", None),
    ("claim-actor-not-actor", replace(CLAIM_IRI, "dkb:actor", "?o", "pl:syria"), "Class", None),
    (
        "claim-asset-unknown",
        replace(CLAIM_IRI, "dkb:asset", "?o", "eq:no-such-thing"),
        "Class",
        None,
    ),
    (
        "claim-asset-other-scheme",
        replace(CLAIM_IRI, "dkb:asset", "?o", "eq:not-equipment"),
        "Node",
        None,
    ),
    ("claim-place-not-place", replace(CLAIM_IRI, "dkb:location", "?o", "ac:russia"), "Class", None),
    ("claim-place-unknown", replace(CLAIM_IRI, "dkb:location", "?o", "pl:atlantis"), "Class", None),
    ("claim-status-unknown", replace(CLAIM_IRI, "dkb:status", "?o", "dkb:Exploded"), "In", None),
    ("claim-misspelt-predicate", insert(CLAIM_IRI, "dkb:locatedAt", "pl:tartus"), "Closed", None),
    (
        "claim-validat-string",
        replace(CLAIM_IRI, "dkb:validAt", "?o", '"2016-03-04"'),
        "Datatype",
        None,
    ),
    (
        "claim-confidence-high",
        replace(CLAIM_IRI, "dkb:confidence", "?o", "1.5"),
        "MaxInclusive",
        None,
    ),
    (
        "claim-confidence-negative",
        replace(CLAIM_IRI, "dkb:confidence", "?o", '"-0.1"^^xsd:decimal'),
        "MinInclusive",
        None,
    ),
    (
        "claim-confidence-double",
        replace(CLAIM_IRI, "dkb:confidence", "?o", "7.5e-1"),
        "Datatype",
        None,
    ),
    ("claim-itemtext-empty", replace(CLAIM_IRI, "dkb:itemText", "?o", '""'), "MinLength", None),
    ("claim-no-evidence", delete(CLAIM_IRI, "dkb:evidence"), "MinCount", None),
    ("claim-no-run", delete(CLAIM_IRI, "prov:wasGeneratedBy"), "MinCount", None),
    ("claim-no-reportedon", delete(CLAIM_IRI, "dkb:reportedOn"), "MinCount", None),
    (
        "claim-attributed-to-literal",
        insert(CLAIM_IRI, "prov:wasAttributedTo", '"someone"'),
        "NodeKind",
        None,
    ),
    ("claim-temporal-status", insert(CLAIM_IRI, "dkb:temporalStatus", "dkb:Deployed"), "In", None),
    (
        "claim-reportedon-not-published",
        replace(CLAIM_IRI, "dkb:reportedOn", "?o", '"2016-03-05"^^xsd:date'),
        "SPARQL",
        "reportedOn differs",
    ),
    (
        "claim-supersedes-itself",
        insert(CLAIM_IRI, "dkb:supersededBy", CLAIM_IRI),
        "SPARQL",
        "supersede itself",
    ),
    # quantities
    ("qty-negative", replace(QTY, "schema:minValue", "?o", "-3"), "MinInclusive", None),
    (
        "qty-min-above-max",
        replace(QTY, "dkb:qualifier", "?o", "dkb:Range")
        + ";"
        + insert(QTY, "schema:maxValue", "5")
        + ";"
        + delete(QTY, "schema:value"),
        "LessThanOrEquals",
        None,
    ),
    ("qty-qualifier-unknown", replace(QTY, "dkb:qualifier", "?o", "dkb:Roughly"), "In", None),
    ("qty-no-qualifier", delete(QTY, "dkb:qualifier"), "MinCount", None),
    ("qty-atleast-with-max", insert(QTY, "schema:maxValue", "20"), "SPARQL", "at-least"),
    ("qty-atleast-value-not-min", replace(QTY, "schema:value", "?o", "13"), "SPARQL", "at-least"),
    (
        "qty-exact-incomplete",
        replace(QTY, "dkb:qualifier", "?o", "dkb:Exact"),
        "SPARQL",
        "exact quantity",
    ),
    (
        "qty-approximate-with-bound",
        replace(QTY, "dkb:qualifier", "?o", "dkb:Approximate"),
        "SPARQL",
        "approximate",
    ),
    ("qty-atmost-with-min", replace(QTY, "dkb:qualifier", "?o", "dkb:AtMost"), "SPARQL", "at-most"),
    ("qty-vague-with-value", replace(QTY, "dkb:qualifier", "?o", "dkb:Vague"), "SPARQL", "vague"),
    (
        "qty-unspecified-with-value",
        replace(QTY, "dkb:qualifier", "?o", "dkb:Unspecified"),
        "SPARQL",
        "unspecified",
    ),
    (
        "qty-range-inverted",
        replace(QTY, "dkb:qualifier", "?o", "dkb:Range")
        + ";"
        + insert(QTY, "schema:maxValue", "12"),
        "SPARQL",
        "range quantity",
    ),
    ("qty-value-string", replace(QTY, "schema:value", "?o", '"12"'), "Datatype", None),
    ("qty-two-values", insert(QTY, "schema:value", "14"), "MaxCount", None),
    ("qty-misspelt-predicate", insert(QTY, "schema:amount", "12"), "Closed", None),
    ("qty-statedas-empty", replace(QTY, "dkb:statedAs", "?o", '""'), "MinLength", None),
    # reports
    ("report-no-date", delete(REP, "schema:datePublished"), "MinCount", None),
    (
        "report-two-dates",
        insert(REP, "schema:datePublished", '"2016-03-05"^^xsd:date'),
        "MaxCount",
        None,
    ),
    (
        "report-datetime",
        replace(REP, "schema:datePublished", "?o", '"2016-03-04T10:00:00"^^xsd:dateTime'),
        "Datatype",
        None,
    ),
    ("report-bad-sha", replace(REP, "dkb:contentSha256", "?o", '"F4F7"'), "Pattern", None),
    (
        "report-sha-not-iri",
        replace(REP, "dkb:contentSha256", "?o", '"' + "ab" * 32 + '"'),
        "SPARQL",
        "first 32 hex digits",
    ),
    ("report-no-length", delete(REP, "dkb:textLength"), "MinCount", None),
    (
        "report-url-literal",
        replace(REP, "schema:url", "?o", '"https://monitor.example/x"'),
        "NodeKind",
        None,
    ),
    ("report-two-publishers", insert(REP, "schema:publisher", '"Other Wire"'), "MaxCount", None),
    (
        "report-revision-of-itself",
        insert(REP, "prov:wasRevisionOf", REP),
        "SPARQL",
        "revision of itself",
    ),
    ("report-no-identifier", delete(REP, "dcterms:identifier"), "MinCount", None),
    # evidence spans
    (
        "span-text-too-short",
        replace(QUOTE, "oa:exact", "?o", '"12 T-90 tanks"'),
        "SPARQL",
        "end - start",
    ),
    (
        "span-beyond-text",
        replace(REP, "dkb:textLength", "?o", "50"),
        "SPARQL",
        "beyond the report text",
    ),
    (
        "span-offsets-reversed",
        replace(POS, "oa:start", "?o", "44") + ";" + replace(POS, "oa:end", "?o", "22"),
        "SPARQL",
        "out of order",
    ),
    (
        "span-iri-mismatch",
        replace(POS, "oa:start", "?o", "23") + ";" + replace(POS, "oa:end", "?o", "45"),
        "SPARQL",
        "span IRI",
    ),
    ("span-empty-quote", replace(QUOTE, "oa:exact", "?o", '""'), "MinLength", None),
    ("span-negative-start", replace(POS, "oa:start", "?o", "-1"), "MinInclusive", None),
    (
        "span-no-quote-selector",
        f"DELETE WHERE {{ {SPAN} oa:hasSelector {QUOTE} }}",
        "QualifiedMinCount",
        None,
    ),
    ("span-no-source", delete(SPAN, "oa:hasSource"), "MinCount", None),
    (
        "span-of-other-report",
        replace(SPAN, "oa:hasSource", "?o", "<https://w3id.org/deploykb/id/report/other>")
        + "; INSERT DATA { <https://w3id.org/deploykb/id/report/other> a dkb:Report }",
        "SPARQL",
        "span of another report",
    ),
    # attributions
    ("attribution-anonymous-and-named", insert(ATTR, "a", "dkb:NamedSource"), "Xone", None),
    ("attribution-untyped-kind", f"DELETE DATA {{ {ATTR} a dkb:AnonymousSource }}", "Xone", None),
    ("attribution-no-label", delete(ATTR, "rdfs:label"), "MinCount", None),
    (
        "attribution-affiliation-not-actor",
        insert(ATTR, "dkb:affiliation", "pl:syria"),
        "Class",
        None,
    ),
    # runs and agents
    ("run-no-report", delete(RUN, "prov:used"), "MinCount", None),
    (
        "run-used-other-report",
        replace(RUN, "prov:used", "?o", "<https://w3id.org/deploykb/id/report/other>")
        + "; INSERT DATA { <https://w3id.org/deploykb/id/report/other> a dkb:Report }",
        "SPARQL",
        "did not use",
    ),
    ("run-no-agent", delete(RUN, "prov:wasAssociatedWith"), "MinCount", None),
    (
        "agent-bad-version",
        replace(AGENT, "schema:softwareVersion", "?o", '"latest"'),
        "Pattern",
        None,
    ),
]


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return Graph().parse(DATA / "valid_report.ttl", format="turtle")


def broken(valid: Graph, update: str) -> Graph:
    g = Graph()
    for t in valid:
        g.add(t)
    before = set(g)
    g.update(sparql_prefixes() + update)
    assert set(g) != before, "the update changed nothing: the test case is wrong"
    return g


def components(result) -> set[tuple[str, str]]:
    return {
        (r["component"].removeprefix(str(SH)).removesuffix("ConstraintComponent"), r["message"])
        for r in result.violations()
    }


def test_valid_report_conforms(valid_graph: Graph, catalog: CatalogFacts) -> None:
    result = validate_report_graph(valid_graph, catalog=catalog)
    assert result.conforms, result.report_text
    assert result.violations() == []


def test_valid_report_conforms_after_store_round_trip(
    valid_graph: Graph, catalog: CatalogFacts, tmp_path: Path
) -> None:
    store = ox.Store(str(tmp_path / "store"))
    graph = ox.NamedNode("https://w3id.org/deploykb/graph/report/f4f7df58bff6a304b3b7a33ef70545d1")
    store.load(
        valid_graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=graph
    )
    back = Graph()
    for quad in store.quads_for_pattern(None, None, None, graph):
        back.add(
            tuple(oxigraph_term_to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object))
        )
    assert len(back) == len(valid_graph)
    result = validate_report_graph(back, catalog=catalog)
    assert result.conforms, result.report_text


def test_without_catalog_facts_membership_fails(valid_graph: Graph) -> None:
    result = validate_report_graph(valid_graph, catalog=CatalogFacts(Graph()))
    assert not result.conforms
    paths = {r["path"] for r in result.violations()}
    assert "https://w3id.org/deploykb/ontology#asset" in paths
    assert "https://w3id.org/deploykb/ontology#location" in paths
    assert "https://w3id.org/deploykb/ontology#actor" in paths


@pytest.mark.parametrize(
    ("update", "component", "message"),
    [pytest.param(u, c, m, id=i) for i, u, c, m in BROKEN],
)
def test_broken_report_rejected(
    valid_graph: Graph,
    catalog: CatalogFacts,
    catalog_graph: Graph,
    update: str,
    component: str,
    message: str | None,
) -> None:
    g = broken(valid_graph, update)
    result = validate_report_graph(g, catalog=catalog)
    assert not result.conforms
    found = components(result)
    assert component in {c for c, _ in found}, found
    if message is not None:
        assert any(c == component and message in m for c, m in found), found
    # the gate (referenced catalog facts only) agrees with validation against the whole catalog
    full = validate_report_graph_full(g, catalog_graph)
    assert full.conforms is False
    assert components(full) == found


def test_violation_names_the_focus_node(valid_graph: Graph, catalog: CatalogFacts) -> None:
    g = broken(valid_graph, replace(QTY, "schema:minValue", "?o", "-3"))
    rows = validate_report_graph(g, catalog=catalog).violations()
    assert [
        r["focus"] for r in rows if r["component"].endswith("MinInclusiveConstraintComponent")
    ] == [QTY.strip("<>")]
    assert rows[0]["severity"] == str(SH.Violation)
    assert URIRef(QTY.strip("<>")) in set(g.subjects())
