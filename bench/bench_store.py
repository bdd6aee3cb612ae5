"""Store throughput: reports committed per second, embedded store vs a remote Oxigraph server,
and the whole ingest pipeline (read -> extract -> RDF -> SHACL -> store) with 1 and 2 jobs.

    .venv/bin/python bench/bench_store.py [--reports 2000] [--articles 60]

Prints one line per measurement. Synthetic reports: distinct texts with three claims each
(~100 triples per report graph), built with kb.rdf exactly as ingest builds them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import requests

from kb.ingest import OK, Processed, commit, report_iri_of_graph, run_ingest
from kb.model import Claim, Extraction, Quantity, Report, Span
from kb.rdf import extraction_to_graph
from kb.store import open_store

ASSETS = [("su-27", "FighterAircraft"), ("t-90", "Tank"), ("mi-24", "AttackHelicopter")]
ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "store" / "data" / "articles"


def synthetic(i: int) -> Processed:
    lines = [
        f"Report {i}: {n + 2} units of type {slug} were seen at site {i % 50}."
        for n, (slug, _) in enumerate(ASSETS)
    ]
    text = "\n".join(lines)
    claims = []
    offset = 0
    for line, (slug, cls) in zip(lines, ASSETS, strict=True):
        start = offset + line.index(slug)
        claims.append(
            Claim(
                actor="russia",
                asset=slug,
                item_class=cls,
                item_text=slug,
                quantity=Quantity("exact", 3, 3, 3, "3"),
                status="deployed",
                sentence=Span(offset, offset + len(line), line),
                mention=Span(start, start + len(slug), slug),
                place="hmeimim-air-base",
            )
        )
        offset += len(line) + 1
    report = Report(id=f"r{i}", text=text, title=f"Report {i}", published=date(2024, 1, 1 + i % 28))
    graph_iri, graph = extraction_to_graph(Extraction(report, claims))
    return Processed(
        origin=f"r{i}",
        status=OK,
        graph_iri=str(graph_iri),
        report_iri=report_iri_of_graph(str(graph_iri)),
        content_sha256=report.content_sha256,
        ntriples=graph.serialize(format="nt"),
        claims=len(claims),
    )


def time_commits(store, items: list[Processed], batch: int) -> float:
    started = time.perf_counter()
    for k in range(0, len(items), batch):
        commit(store, items[k : k + batch])
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    binary = Path(sys.executable).parent / "oxigraph"
    proc = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
            return proc, url
        except requests.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("oxigraph serve did not start")


def article_copies(target: Path, count: int) -> None:
    """``count`` distinct articles: the test articles with a numbered closing line."""
    sources = [p for p in sorted(ARTICLES.iterdir()) if p.suffix in (".txt", ".md")]
    sources = [p for p in sources if p.stem != "nodate"]
    for i in range(count):
        src = sources[i % len(sources)]
        dest = target / f"{src.stem}-{i}{src.suffix}"
        dest.write_text(src.read_text() + f"\nEditor's note {i}.\n")
        meta = json.loads(src.with_name(src.stem + ".meta.json").read_text())
        meta.pop("source_url", None)
        dest.with_name(dest.stem + ".meta.json").write_text(json.dumps(meta))


def dump_figures(data: Path) -> None:
    """``deploykb dump`` in a child process: throughput and the child's own peak memory
    (measured by /usr/bin/time: a forked child's ru_maxrss would include this process)."""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    for fmt in ("nq", "ttl", "jsonld"):
        out = data.parent / f"dump.{fmt}.gz"
        started = time.perf_counter()
        proc = subprocess.run(
            [*timer, sys.executable, "-m", "kb.cli", "dump", "--data", str(data)]
            + ["--output", str(out), "--format", fmt],
            check=True,
            capture_output=True,
            text=True,
        )
        secs = time.perf_counter() - started
        peak = f"{int(proc.stderr.split()[-1]) / 1024:.0f} MB" if timer else "n/a"
        print(
            f"deploykb dump --format {fmt} --gzip: {secs:.1f} s "
            f"({out.stat().st_size / 1e6:.1f} MB gzipped), peak RSS {peak}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        items = [synthetic(i) for i in range(args.reports)]
        triples = sum(p.ntriples.count("\n") for p in items)
        print(f"synthetic: {len(items)} reports, {triples} triples")

        store = open_store(tmp / "embedded")
        secs = time_commits(store, items, args.batch)
        print(f"embedded commit, batches of {args.batch}: {len(items) / secs:.0f} reports/s")
        secs = time_commits(store, items, args.batch)
        print(f"embedded re-commit (all unchanged): {len(items) / secs:.0f} reports/s")
        store.close()
        dump_figures(tmp / "embedded")
        one = open_store(tmp / "embedded-one")
        few = items[: min(len(items), 300)]
        secs = time_commits(one, few, 1)
        print(f"embedded commit, one report per transaction: {len(few) / secs:.0f} reports/s")
        one.close()

        proc, url = start_oxigraph(tmp / "oxigraph")
        try:
            remote = open_store(url=url)
            secs = time_commits(remote, items, args.batch)
            print(
                f"remote (oxigraph serve) commit, batches of {args.batch}: "
                f"{len(items) / secs:.0f} reports/s"
            )
            secs = time_commits(remote, items, args.batch)
            print(f"remote re-commit (all unchanged): {len(items) / secs:.0f} reports/s")
            remote.close()
        finally:
            proc.terminate()
            proc.wait()

        corpus = tmp / "corpus"
        corpus.mkdir()
        article_copies(corpus, args.articles)
        for jobs in (1, 2):
            store = open_store(tmp / f"pipeline-{jobs}")
            summary = run_ingest(store, [str(corpus)], jobs=jobs)
            store.close()
            print(
                f"full pipeline, --jobs {jobs}: {summary.total / summary.seconds:.1f} articles/s "
                f"({summary.ingested} ingested, {summary.rejected} rejected, "
                f"{summary.failed} failed, {summary.seconds:.1f} s incl. vocabulary load)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
