"""Response times of the web UI pages over a synthetic KB (Flask test client, embedded store).

    .venv/bin/python bench/bench_ui.py [--claims 20000] [--repeat 3]

Synthetic claims (one named graph per 10 claims, 50 places with WKT points, 20 equipment
types under 4 top concepts, 5 actors, every 4th claim superseded by the next) are bulk-loaded
into a pyoxigraph store; each page is fetched ``--repeat`` times and the median is printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.namespaces import (  # noqa: E402
    ACTOR,
    CATALOG_GRAPH,
    DKB,
    EQUIPMENT,
    GEO,
    ID,
    REPORT_GRAPH_PREFIX,
    SCHEMA,
    SCHEME,
    SKOS,
)
from kb.namespaces import PLACE as PL  # noqa: E402

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"


def n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def lit(value: object, dt: str | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=n(XSD + dt)) if dt else ox.Literal(str(value))


def synthetic(claims: int) -> list[ox.Quad]:
    cat = n(CATALOG_GRAPH)
    quads = []
    scheme = n(str(SCHEME) + "equipment")
    tops = ["Tank", "FighterAircraft", "Personnel", "Ship"]
    for t in tops:
        quads += [
            ox.Quad(n(EQUIPMENT[t]), SKOS_TOP, scheme, cat) for SKOS_TOP in [n(SKOS.topConceptOf)]
        ]
        quads.append(ox.Quad(n(EQUIPMENT[t]), LABEL, lit(t), cat))
    for e in range(20):
        quads.append(
            ox.Quad(n(EQUIPMENT[f"eq{e}"]), n(SKOS.broader), n(EQUIPMENT[tops[e % 4]]), cat)
        )
        quads.append(ox.Quad(n(EQUIPMENT[f"eq{e}"]), LABEL, lit(f"equipment {e}"), cat))
    for p in range(50):
        place = n(PL[f"place{p}"])
        quads += [
            ox.Quad(place, RDF_TYPE, n(DKB.Place), cat),
            ox.Quad(place, LABEL, lit(f"place {p}"), cat),
            ox.Quad(place, n(GEO.hasGeometry), n(f"{place.value}/geometry"), cat),
            ox.Quad(
                n(f"{place.value}/geometry"),
                n(GEO.asWKT),
                ox.Literal(f"POINT({-170 + p * 6} {-40 + p})", datatype=n(GEO.wktLiteral)),
                cat,
            ),
        ]
    for a in range(5):
        quads.append(ox.Quad(n(ACTOR[f"actor{a}"]), LABEL, lit(f"actor {a}"), cat))
    for c in range(claims):
        g = n(f"{REPORT_GRAPH_PREFIX}{c // 10:032x}")
        report = n(f"{ID}report/{c // 10:032x}")
        claim = n(f"{ID}claim/{c:032x}")
        q = n(f"{claim.value}/quantity")
        day = f"2020-{1 + c % 12:02d}-{1 + c % 28:02d}"
        quads += [
            ox.Quad(claim, RDF_TYPE, n(DKB.DeploymentClaim), g),
            ox.Quad(claim, n(DKB.actor), n(ACTOR[f"actor{c % 5}"]), g),
            ox.Quad(claim, n(DKB.asset), n(EQUIPMENT[f"eq{c % 20}"]), g),
            ox.Quad(claim, n(DKB.location), n(PL[f"place{c % 50}"]), g),
            ox.Quad(claim, n(DKB.status), n(DKB.Deployed), g),
            ox.Quad(claim, n(DKB.reportedOn), lit(day, "date"), g),
            ox.Quad(claim, n(DKB.source), report, g),
            ox.Quad(claim, n(DKB.quantity), q, g),
            ox.Quad(q, n(DKB.qualifier), n(DKB.Exact), g),
            ox.Quad(q, n(SCHEMA.value), lit(c % 300, "integer"), g),
            ox.Quad(q, n(DKB.statedAs), lit(str(c % 300)), g),
            ox.Quad(report, RDF_TYPE, n(DKB.Report), g),
            ox.Quad(report, n(SCHEMA.datePublished), lit(day, "date"), g),
        ]
        if c % 4 == 0:
            quads.append(ox.Quad(claim, n(DKB.supersededBy), n(f"{ID}claim/{c + 1:032x}"), g))
    return quads


class Store:
    def __init__(self, path: str) -> None:
        self.ox = ox.Store(path)

    def query(self, sparql: str, **_: object) -> object:
        return self.ox.query(sparql, use_default_graph_as_union=True)

    def named_graphs(self) -> list[str]:
        return [g.value for g in self.ox.named_graphs()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from api import create_app

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(tmp)
        started = time.perf_counter()
        store.ox.bulk_extend(synthetic(args.claims))
        store.ox.optimize()
        print(f"loaded {args.claims} claims in {time.perf_counter() - started:.1f} s")
        app = create_app({"STORE": store, "QUERY_ISOLATION": "inline", "QUERY_TIMEOUT": 0})
        client = app.test_client()
        last_page = max(1, (args.claims + 99) // 100)
        pages = {
            "home /": "/",
            "map data /map.json": "/map.json",
            "claims page 1": "/claims",
            f"claims page {last_page}": f"/claims?page={last_page}",
            "claims CSV (page 1)": "/claims.csv",
            "place page (HTML, timeline)": "/id/place/place7",
            "claim page (HTML)": f"/id/claim/{42:032x}",
            "claim as Turtle": f"/id/claim/{42:032x}.ttl",
            "actor page (HTML)": "/id/actor/actor3",
        }
        print(f"{'page':34} {'median ms':>10} {'bytes':>10}")
        for name, url in pages.items():
            times, size = [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                resp = client.get(url, headers={"Accept": "text/html"})
                times.append((time.perf_counter() - t0) * 1000)
                size = len(resp.data)
                if resp.status_code != 200:
                    print(f"{name}: HTTP {resp.status_code}", file=sys.stderr)
                    return 1
            print(f"{name:34} {statistics.median(times):10.0f} {size:10d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
