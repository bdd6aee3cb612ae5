"""Per-report SHACL validation speed: the gate (kb.validate) against plain pySHACL set-ups.

    .venv/bin/python bench/bench_validate.py [--reports 200] [--claims 3]

Builds synthetic report graphs with kb.rdf (distinct texts, ``--claims`` claims each, assets,
places and actors taken from the shipped catalog, or from the test fixture catalog while the
shipped one is empty) and times, on the same graphs in the same run:

* gate:       ``validate_report_graph`` (report shapes, referenced catalog facts, parsed SPARQL cached)
* plain:      ``pyshacl.validate`` with the report shapes, the same referenced facts, no SPARQL cache
* ont_graph:  ``pyshacl.validate`` with every shape and the whole catalog passed as ``ont_graph``
              (the set-up the performance notes warn about; pySHACL only mixes in OWL/RDFS axioms,
              so it does not even see the catalog's instances)
* merged:     the report graph merged with the whole catalog (``validate_report_graph_full``),
              the reference verdict

Prints reports/s per set-up and each one's ratio to the gate; checks the verdicts agree.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph

import ontology
from kb.model import Attribution, Claim, Extraction, Quantity, Report, Span
from kb.namespaces import ACTOR, DKB, EQUIPMENT, PLACE, SCHEME, SKOS
from kb.rdf import extraction_to_graph
from kb.validate import (
    CatalogFacts,
    report_shapes_graph,
    shapes_graph,
    validate_report_graph,
    validate_report_graph_full,
)

FIXTURE_CATALOG = (
    Path(__file__).resolve().parents[1] / "tests" / "ontology" / "data" / "catalog.ttl"
)


def load_catalog() -> tuple[Graph, str]:
    files = ontology.catalog_files() or [FIXTURE_CATALOG]
    g = Graph()
    for f in files:
        g.parse(f, format="turtle")
    label = "shipped catalog" if files[0] != FIXTURE_CATALOG else "test fixture catalog"
    return g, f"{label}: {len(files)} file(s), {len(g)} triples"


def slugs(catalog: Graph, cls, prefix: str, limit: int = 40) -> list[str]:  # type: ignore[no-untyped-def]
    found = sorted(
        str(s)[len(prefix) :] for s in catalog.subjects(RDF.type, cls) if str(s).startswith(prefix)
    )
    return found[:limit]


def synthetic_reports(catalog: Graph, n: int, claims_per_report: int) -> list[Graph]:
    assets = [
        str(s)[len(str(EQUIPMENT)) :]
        for s in sorted(catalog.subjects(SKOS.inScheme, SCHEME.equipment))
        if str(s).startswith(str(EQUIPMENT))
    ][:40]
    places = slugs(catalog, DKB.Place, str(PLACE))
    actors = slugs(catalog, DKB.Actor, str(ACTOR))
    if not (assets and places and actors):
        sys.exit(
            "bench_validate: the catalog has no equipment, places or actors to build claims from"
        )
    graphs = []
    for i in range(n):
        sentences = [
            f"Bulletin {i}, item {k}: observers counted {k + 3} units of kind {assets[(i + k) % len(assets)]} "
            f"near site {places[(i + k) % len(places)]}, a monitor said."
            for k in range(claims_per_report)
        ]
        text = " ".join(sentences)
        published = date(2020, 1, 1) + timedelta(days=i % 365)
        report = Report(
            id=f"bench_{i}",
            text=text,
            title=f"Bulletin {i}",
            publisher="Bench Wire",
            published=published,
        )
        claims = []
        offset = 0
        for k, sentence in enumerate(sentences):
            start = offset
            end = start + len(sentence)
            count_text = f"{k + 3} units"
            m = text.index(count_text, start)
            source_text = "a monitor"
            s = text.index(source_text, start)
            claims.append(
                Claim(
                    actor=actors[(i + k) % len(actors)],
                    asset=assets[(i + k) % len(assets)],
                    item_class="Other",
                    item_text="units",
                    quantity=Quantity("exact", k + 3, k + 3, k + 3, str(k + 3)),
                    status="deployed",
                    sentence=Span(start, end, sentence),
                    mention=Span(m, m + len(count_text), count_text),
                    place=places[(i + k) % len(places)],
                    location_text=f"site {places[(i + k) % len(places)]}",
                    attributions=[
                        Attribution(
                            source_text, True, None, Span(s, s + len(source_text), source_text)
                        )
                    ],
                    valid_at=published,
                )
            )
            offset = end + 1
        graphs.append(extraction_to_graph(Extraction(report, claims))[1])
    return graphs


def timed(label: str, graphs: list[Graph], fn: Callable[[Graph], bool]) -> tuple[float, list[bool]]:
    fn(graphs[0])  # warm-up (caches, imports)
    times, verdicts = [], []
    for g in graphs:
        t0 = time.perf_counter()
        verdicts.append(fn(g))
        times.append(time.perf_counter() - t0)
    total = sum(times)
    print(
        f"{label:<10} {len(graphs) / total:8.1f} reports/s   median {1000 * statistics.median(times):7.1f} ms"
        f"   p95 {1000 * sorted(times)[int(0.95 * (len(times) - 1))]:7.1f} ms"
    )
    return len(graphs) / total, verdicts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--claims", type=int, default=3)
    ap.add_argument("--slow-reports", type=int, default=20, help="reports for the slow set-ups")
    args = ap.parse_args()
    if args.reports < 2 or args.claims < 1:
        sys.exit("bench_validate: need --reports >= 2 and --claims >= 1")

    t0 = time.perf_counter()
    catalog, description = load_catalog()
    facts = CatalogFacts(catalog)
    shapes_graph(), report_shapes_graph()
    print(f"{description}; loaded with the shapes in {time.perf_counter() - t0:.2f} s")
    graphs = synthetic_reports(catalog, args.reports, args.claims)
    print(f"{len(graphs)} synthetic reports, {args.claims} claims, ~{len(graphs[0])} triples each")

    gate_rate, gate_verdicts = timed(
        "gate", graphs, lambda g: validate_report_graph(g, catalog=facts).conforms
    )

    def plain(g: Graph) -> bool:
        data = Graph()
        for t in g:
            data.add(t)
        for t in facts.facts_for(g):
            data.add(t)
        return bool(pyshacl.validate(data, shacl_graph=report_shapes_graph())[0])

    slow = graphs[: max(2, args.slow_reports)]
    plain_rate, plain_verdicts = timed("plain", slow, plain)
    ont_rate, _ = timed(
        "ont_graph",
        slow,
        lambda g: bool(pyshacl.validate(g, shacl_graph=shapes_graph(), ont_graph=catalog)[0]),
    )
    merged_rate, merged_verdicts = timed(
        "merged", slow, lambda g: validate_report_graph_full(g, catalog).conforms
    )
    print(
        f"gate speed-up: x{gate_rate / plain_rate:.1f} over plain pySHACL, "
        f"x{gate_rate / ont_rate:.1f} over the whole catalog as ont_graph, "
        f"x{gate_rate / merged_rate:.1f} over the merged catalog"
    )
    same = gate_verdicts[: len(slow)] == merged_verdicts == plain_verdicts
    print(
        f"verdicts: gate {sum(gate_verdicts)}/{len(gate_verdicts)} conform; "
        f"gate == merged == plain on {len(slow)} reports: {same}"
    )
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
