"""Requests per second through `deploykb serve` vs `oxigraph serve-read-only`, same data,
same run: a point lookup, a medium query and an aggregate. Prints a table with ratios.

    .venv/bin/python bench/bench_http.py [--claims 10000] [--seconds 4] [--connections 4]

Synthetic claims (~20 triples each, one named graph per 10 claims) are bulk-loaded into a
deploykb embedded store; the same quads go into an Oxigraph store for the Rust server
(with --union-default-graph, as deploykb queries the union by default).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.namespaces import ACTOR, DKB, EQUIPMENT, ID, PLACE, REPORT_GRAPH_PREFIX, SCHEMA  # noqa: E402

QUERIES = {
    "point lookup": f"SELECT ?p ?o {{ <{ID}claim/c42> ?p ?o }}",
    "actor at a place (medium)": (
        f"SELECT ?c ?asset ?n {{ ?c <{DKB}actor> <{ACTOR}actor3> ; <{DKB}location> <{PLACE}place7> ; "
        f"<{DKB}asset> ?asset ; <{DKB}quantity> ?q . ?q <{SCHEMA}value> ?n }}"
    ),
    "count by equipment (aggregate)": (
        f"SELECT ?asset (COUNT(*) AS ?n) {{ ?c a <{DKB}DeploymentClaim> ; <{DKB}asset> ?asset }} "
        "GROUP BY ?asset ORDER BY DESC(?n)"
    ),
}


def synthetic_quads(claims: int) -> list[ox.Quad]:
    quads = []
    nn, lit = ox.NamedNode, ox.Literal
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for i in range(claims):
        g = nn(f"{REPORT_GRAPH_PREFIX}r{i // 10:08d}")
        c = nn(f"{ID}claim/c{i}")
        q = nn(f"{ID}claim/c{i}/quantity")
        rep = nn(f"{ID}report/r{i // 10:08d}")
        triples = [
            (c, nn("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), nn(f"{DKB}DeploymentClaim")),
            (c, nn(f"{DKB}actor"), nn(f"{ACTOR}actor{i % 20}")),
            (c, nn(f"{DKB}asset"), nn(f"{EQUIPMENT}eq{i % 150}")),
            (c, nn(f"{DKB}location"), nn(f"{PLACE}place{i % 300}")),
            (c, nn(f"{DKB}status"), nn(f"{DKB}Deployed")),
            (
                c,
                nn(f"{DKB}reportedOn"),
                lit(f"2016-{1 + i % 12:02d}-10", datatype=nn(xsd + "date")),
            ),
            (c, nn(f"{DKB}validAt"), lit(f"2016-{1 + i % 12:02d}-09", datatype=nn(xsd + "date"))),
            (c, nn(f"{DKB}source"), rep),
            (c, nn(f"{DKB}confidence"), lit("0.8", datatype=nn(xsd + "decimal"))),
            (c, nn(f"{DKB}itemText"), lit(f"item {i}")),
            (c, nn(f"{DKB}locationText"), lit(f"place {i % 300}")),
            (c, nn(f"{DKB}quantity"), q),
            (q, nn("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), nn(f"{DKB}Quantity")),
            (q, nn(f"{DKB}qualifier"), nn(f"{DKB}Exact")),
            (q, nn(f"{SCHEMA}value"), lit(str(i % 97), datatype=nn(xsd + "integer"))),
            (q, nn(f"{SCHEMA}minValue"), lit(str(i % 97), datatype=nn(xsd + "integer"))),
            (q, nn(f"{SCHEMA}maxValue"), lit(str(i % 97), datatype=nn(xsd + "integer"))),
            (q, nn(f"{DKB}statedAs"), lit(f"{i % 97} units")),
            (rep, nn("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), nn(f"{DKB}Report")),
            (rep, nn(f"{SCHEMA}headline"), lit(f"report {i // 10}")),
        ]
        quads.extend(ox.Quad(s, p, o, g) for s, p, o in triples)
    return quads


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early: {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not start: {url}")


def hammer(port: int, path: str, query: str, seconds: float, connections: int) -> float:
    target = f"{path}?{urllib.parse.urlencode({'query': query})}"
    counts = [0] * connections
    errors = [0] * connections
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            try:
                conn.request("GET", target, headers={"Accept": "application/sparql-results+json"})
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    counts[k] += 1
                else:
                    errors[k] += 1
            except (OSError, http.client.HTTPException):
                # oxigraph drops idle keep-alive connections: reconnect and go on
                errors[k] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(connections)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    if sum(errors) > sum(counts) // 10:
        print(f"  warning: {sum(errors)} failed requests on port {port}", file=sys.stderr)
    return sum(counts) / elapsed


RUNAWAY = (
    f"SELECT (COUNT(*) AS ?n) {{ ?a <{DKB}actor> ?x . ?b <{DKB}actor> ?y . ?c <{DKB}actor> ?z }}"
)


def _worker_rss_mb(master_pid: int) -> tuple[float, float]:
    """(current, peak) RSS of the gunicorn worker (the master's child) in MB."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master_pid:
                continue
            status = (stat.parent / "status").read_text()
        except OSError:
            continue
        if "python" not in (stat.parent / "cmdline").read_bytes().decode(errors="replace"):
            continue
        values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return (int(values["VmRSS"].split()[0]) / 1024, int(values["VmHWM"].split()[0]) / 1024)
    return (0.0, 0.0)


def runaway_and_dumps(port: int, master_pid: int, limit: float) -> None:
    base = f"http://127.0.0.1:{port}"
    out: dict[str, float] = {}

    def slow() -> None:
        t0 = time.monotonic()
        try:
            urllib.request.urlopen(f"{base}/sparql?{urllib.parse.urlencode({'query': RUNAWAY})}")
        except urllib.error.HTTPError as exc:
            out["status"] = exc.code
        out["seconds"] = time.monotonic() - t0

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.2)
    lookups = []
    while t.is_alive():
        t0 = time.monotonic()
        urllib.request.urlopen(
            f"{base}/sparql?{urllib.parse.urlencode({'query': QUERIES['point lookup']})}"
        ).read()
        lookups.append(time.monotonic() - t0)
    t.join()
    lookups.sort()
    print(
        f"runaway query (limit {limit:g} s): HTTP {out.get('status')} after "
        f"{out['seconds']:.2f} s; {len(lookups)} point lookups served meanwhile, "
        f"median {1000 * lookups[len(lookups) // 2]:.1f} ms"
    )
    before = _worker_rss_mb(master_pid)[0]
    for name in ("deploykb.nq", "deploykb.nt.gz", "deploykb.ttl"):
        t0 = time.monotonic()
        size = 0
        with urllib.request.urlopen(f"{base}/dump/{name}") as r:
            while chunk := r.read(1 << 16):
                size += len(chunk)
        seconds = time.monotonic() - t0
        rss, peak = _worker_rss_mb(master_pid)
        print(
            f"dump {name:16} {size / 1e6:7.1f} MB in {seconds:5.2f} s "
            f"({size / 1e6 / seconds:6.1f} MB/s); web process RSS {before:.0f} -> {rss:.0f} MB "
            f"(peak {peak:.0f} MB)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10000)
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=3.0, help="deploykb query time limit")
    args = ap.parse_args()

    bindir = Path(sys.executable).parent
    work = Path(tempfile.mkdtemp(prefix="bench-http-"))
    procs: list[subprocess.Popen] = []
    try:
        quads = synthetic_quads(args.claims)
        data = work / "deploykb-data"
        from kb.store import open_store

        store = open_store(data_dir=data)
        nq = work / "data.nq"
        ox.serialize(quads, str(nq), ox.RdfFormat.N_QUADS)
        store.raw.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.close()
        oxdir = work / "oxigraph"
        subprocess.run(
            [str(bindir / "oxigraph"), "load", "--location", str(oxdir), "--file", str(nq)],
            check=True,
            capture_output=True,
        )
        dk_port, ox_port = free_port(), free_port()
        procs.append(
            subprocess.Popen(
                [
                    str(bindir / "deploykb"),
                    "serve",
                    "--data",
                    str(data),
                    "--port",
                    str(dk_port),
                    "--query-timeout",
                    str(args.timeout),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ},
            )
        )
        procs.append(
            subprocess.Popen(
                [
                    str(bindir / "oxigraph"),
                    "serve-read-only",
                    "--location",
                    str(oxdir),
                    "--union-default-graph",
                    "--bind",
                    f"127.0.0.1:{ox_port}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_up(f"http://127.0.0.1:{dk_port}/sparql?query=ASK%7B%7D", procs[0])
        wait_up(f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D", procs[1])
        print(
            f"{args.claims} claims ({len(quads)} quads), {args.connections} connections, "
            f"{args.seconds:g} s per cell, {os.cpu_count()} CPUs"
        )
        print(f"{'query':34} {'deploykb serve':>15} {'oxigraph serve':>15} {'ratio':>7}")
        for name, query in QUERIES.items():
            hammer(dk_port, "/sparql", query, 0.5, args.connections)  # warm up
            hammer(ox_port, "/query", query, 0.5, args.connections)
            dk = hammer(dk_port, "/sparql", query, args.seconds, args.connections)
            oxr = hammer(ox_port, "/query", query, args.seconds, args.connections)
            print(f"{name:34} {dk:12.0f}/s {oxr:12.0f}/s {dk / oxr:7.2f}")
        runaway_and_dumps(dk_port, procs[0].pid, args.timeout)
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
