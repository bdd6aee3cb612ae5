#!/usr/bin/env python3
"""Measure kb.catalog: cold load of catalog.json, lookup throughput, memory; optionally the cost
of parsing the catalog Turtle with rdflib instead (--rdflib). Prints figures, asserts nothing."""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

COLD = (
    "import time; t = time.perf_counter(); from kb.catalog import load_catalog; "
    "c = load_catalog(); print(time.perf_counter() - t)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rdflib", action="store_true", help="also time rdflib parsing the Turtle")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    colds = sorted(
        float(
            subprocess.run(
                [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(args.runs)
    )
    print(
        f"cold load_catalog (import + JSON + indexes), median of {args.runs}: {colds[len(colds) // 2] * 1000:.0f} ms"
    )

    from kb.catalog import load_catalog

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cat = load_catalog()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"catalog: {len(cat.equipment)} concepts, {len(cat.places)} places, {len(cat.actors)} actors; "
        f"peak RSS {after / 1024:.0f} MiB (+{(after - before) / 1024:.0f} MiB while loading)"
    )
    queries = ["Flanker", "T-90s", "howitzers", "bicycle", "Su27", "marines"] * 20_000
    t = time.perf_counter()
    for q in queries:
        cat.equipment_by_label(q)
    dt = time.perf_counter() - t
    print(f"equipment_by_label: {len(queries) / dt:,.0f} lookups/s")
    queries = ["Latakia", "Tripoli", "Khmeimim", "Nowhere", "Syria's"] * 20_000
    t = time.perf_counter()
    for q in queries:
        cat.places_by_name(q)
    print(f"places_by_name: {len(queries) / (time.perf_counter() - t):,.0f} lookups/s")

    if args.rdflib:
        import rdflib

        import ontology

        t = time.perf_counter()
        graph = rdflib.Graph()
        for path in ontology.catalog_files():
            graph.parse(path)
        print(
            f"rdflib parse of the catalog Turtle: {time.perf_counter() - t:.1f} s ({len(graph)} triples)"
        )


if __name__ == "__main__":
    main()
