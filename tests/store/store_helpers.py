"""Small builders shared by the store tests (hand-built graphs, quad sets)."""

from __future__ import annotations

import pyoxigraph as ox

from kb.namespaces import META_GRAPH

EX = "http://example.org/"


def triple(s: str, p: str, o: str | int) -> ox.Triple:
    obj = (
        ox.Literal(str(o))
        if isinstance(o, str)
        else ox.Literal(str(o), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    )
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj)


def content_quads(store) -> set[str]:
    """Every quad of the store except the bookkeeping graph, as N-Quads lines."""
    rows = store.query(
        "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union_default_graph=False
    )
    return {f"{r['s']} {r['p']} {r['o']} {r['g']}" for r in rows if r["g"].value != str(META_GRAPH)}


# --------------------------------------------------------------------------- report graphs

from datetime import date  # noqa: E402

from kb.ingest import OK, Processed  # noqa: E402
from kb.model import Claim, Extraction, Quantity, Report, Span  # noqa: E402


def make_claim(text: str, item: str, asset: str, actor: str | None, place: str | None, n: int):
    start = text.index(item)
    sentence_end = text.index(".", start) + 1
    sentence_start = text.rfind("\n", 0, start) + 1
    return Claim(
        actor=actor,
        asset=asset,
        item_class="FighterAircraft",
        item_text=item,
        quantity=Quantity("exact", n, n, n, str(n)),
        status="deployed",
        sentence=Span(sentence_start, sentence_end, text[sentence_start:sentence_end]),
        mention=Span(start, start + len(item), item),
        place=place,
    )


def make_processed(
    text: str,
    *,
    url: str | None = None,
    claims: list[tuple[str, str, str | None, str | None, int]] = (),
    origin: str = "test.txt",
) -> Processed:
    """A processed report as ``process_report`` would return it, built from a hand-made
    extraction (claims: item text, asset slug, actor slug, place slug, count)."""
    from kb.rdf import extraction_to_graph

    report = Report(
        id=origin.rsplit(".", 1)[0],
        text=text,
        title="A test report",
        publisher="Test Wire",
        published=date(2024, 5, 2),
        source_url=url,
    )
    extraction = Extraction(report, [make_claim(text, *c) for c in claims])
    graph_iri, graph = extraction_to_graph(extraction)
    from kb.ingest import report_iri_of_graph

    return Processed(
        origin=origin,
        status=OK,
        graph_iri=str(graph_iri),
        report_iri=report_iri_of_graph(str(graph_iri)),
        source_url=url,
        content_sha256=report.content_sha256,
        ntriples=graph.serialize(format="nt"),
        claims=len(extraction.claims),
    )


def report_quads(store) -> set[str]:
    """The quads of the report graphs of an embedded store (cheap: skips the vocabulary)."""
    out: set[str] = set()
    for graph in store.named_graphs():
        if "/graph/report/" in graph:
            out.update(
                str(q) for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            )
    return out
