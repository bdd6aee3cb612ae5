"""The whole pipeline on real articles: idempotency, revisions, parallel = serial, the
SHACL report of rejected articles, vocabulary graphs, validate, and the seed articles."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import SH
from store_helpers import content_quads

from kb.cli import cli
from kb.ingest import OK, REJECTED, process_report, refresh_vocabulary
from kb.model import Report
from kb.namespaces import CATALOG_GRAPH, DKB, ONTOLOGY_GRAPH, PROV, SHAPES_GRAPH
from kb.store import open_store

ARTICLES = Path(__file__).parent / "data" / "articles"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def quads_of(path: str) -> set[str]:
    store = open_store(path, read_only=True)
    try:
        return {q for q in content_quads(store)}
    finally:
        store.close()


def ingest_json(*args: str) -> dict:
    result = run("ingest", *args, "--json")
    return json.loads(result.stdout)


def test_ingesting_twice_changes_nothing(new_store_dir):
    data = new_store_dir()
    first = ingest_json(str(ARTICLES), "--data", data)
    assert first["total"] == 5 and first["failed"] == 0
    assert first["rejected"] >= 1  # nodate.txt
    stored = first["ingested"]
    quads = quads_of(data)
    second = ingest_json(str(ARTICLES), "--data", data)
    assert second["unchanged"] == stored and second["ingested"] == 0
    assert second["claims_added"] == 0
    assert quads_of(data) == quads


def test_parallel_ingest_equals_serial(new_store_dir):
    serial, parallel = new_store_dir("serial"), new_store_dir("parallel")
    a = ingest_json(str(ARTICLES), "--data", serial, "--jobs", "1")
    b = ingest_json(str(ARTICLES), "--data", parallel, "--jobs", "2", "--batch-size", "2")
    a.pop("seconds"), b.pop("seconds")
    assert a == b
    # the report graphs are identical (the vocabulary graphs hold blank nodes, which get
    # fresh labels on every load, so they are compared by presence only)
    a_quads, b_quads = quads_of(serial), quads_of(parallel)
    reports_a = {q for q in a_quads if "/graph/report/" in q.rsplit(" ", 1)[-1]}
    reports_b = {q for q in b_quads if "/graph/report/" in q.rsplit(" ", 1)[-1]}
    assert reports_a == reports_b and len(reports_a) > 100
    assert not [q for q in reports_a if "_:" in q]
    for graph in (ONTOLOGY_GRAPH, SHAPES_GRAPH, CATALOG_GRAPH):
        assert any(q.endswith(f"<{graph}>") for q in b_quads)


def test_changed_text_at_the_same_url_replaces_the_report(tmp_path, new_store_dir):
    data = new_store_dir()
    src = tmp_path / "v1"
    src.mkdir()
    for name in ("calm.txt", "calm.meta.json"):
        shutil.copy(ARTICLES / name, src / name)
    assert ingest_json(str(src / "calm.txt"), "--data", data)["ingested"] == 1
    text = (src / "calm.txt").read_text() + "\nCorrection: the race started an hour late.\n"
    (src / "calm.txt").write_text(text)
    result = ingest_json(str(src / "calm.txt"), "--data", data)
    assert result["replaced"] == 1
    store = open_store(data, read_only=True)
    try:
        rows = list(
            store.query(
                f"SELECT ?new ?old WHERE {{ GRAPH ?g {{ ?new <{PROV.wasRevisionOf}> ?old }} }}"
            )
        )
        reports = list(store.query(f"SELECT ?r WHERE {{ GRAPH ?g {{ ?r a <{DKB.Report}> }} }}"))
    finally:
        store.close()
    assert len(rows) == 1 and len(reports) == 1
    assert rows[0]["new"] == reports[0]["r"] and rows[0]["old"] != rows[0]["new"]


def test_rejected_article_gets_its_shacl_report(tmp_path, new_store_dir):
    data, reports = new_store_dir(), tmp_path / "shacl"
    result = run(
        "ingest", str(ARTICLES / "nodate.txt"), "--data", data, "--report-dir", str(reports)
    )
    assert result.exit_code == 1
    assert "no publication date" in result.stderr and "--published" in result.stderr
    [ttl] = list(reports.glob("nodate-*.shacl.ttl"))
    graph = Graph().parse(ttl, format="turtle")
    assert (None, SH.conforms, None) in graph
    assert not any(bool(o.toPython()) for o in graph.objects(None, SH.conforms))
    assert not [g for g in open_store(data, read_only=True).named_graphs() if "/report/" in g]


def test_process_report_accepts_a_report_object():
    report = Report(
        id="http-body",
        text=(ARTICLES / "calm.txt").read_text().strip(),
        title="Harbour city hosts annual regatta",
        published=date(2020, 6, 13),
        origin="POST /reports",
    )
    processed = process_report(report)
    assert processed.status == OK and processed.origin == "POST /reports"
    assert processed.graph_iri.endswith(report.content_sha256[:32])
    report.published = None
    assert process_report(report).status == REJECTED


def test_vocabulary_graphs_are_loaded_once_and_refreshed_when_changed(new_store_dir):
    store = open_store(new_store_dir())  # the conftest template: vocabulary loaded once
    try:
        for graph in (ONTOLOGY_GRAPH, SHAPES_GRAPH, CATALOG_GRAPH):
            assert store.graph_exists(str(graph))
        assert set(store.graph_hashes()) == {
            str(ONTOLOGY_GRAPH),
            str(SHAPES_GRAPH),
            str(CATALOG_GRAPH),
        }
        refresh_vocabulary(store)  # the files may be newer than the template
        state = store.state()
        assert refresh_vocabulary(store) == []
        assert store.state() == state  # nothing written when nothing changed
        store.replace_graphs({}, drop=[str(SHAPES_GRAPH)], hashes={str(SHAPES_GRAPH): "stale"})
        assert refresh_vocabulary(store) == [str(SHAPES_GRAPH)]
        assert store.graph_exists(str(SHAPES_GRAPH))
        assert refresh_vocabulary(store) == []
        store.drop_graph(str(CATALOG_GRAPH))  # missing, though its hash is still recorded
        assert refresh_vocabulary(store) == [str(CATALOG_GRAPH)]
    finally:
        store.close()


def test_validate_command(tmp_path, new_store_dir):
    data = new_store_dir()
    ingest_json(str(ARTICLES), "--data", data)
    ok = run("validate", "--data", data, "--json")
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.stdout)
    assert summary["graphs"] >= 1 and summary["failing"] == []
    # a report graph that lost its date no longer conforms
    store = open_store(data)
    graph = next(g for g in store.named_graphs() if "/graph/report/" in g)
    store.update(
        f"DELETE WHERE {{ GRAPH <{graph}> {{ ?r <https://schema.org/datePublished> ?d }} }}"
    )
    store.close()
    bad = run("validate", "--data", data, "--json", "--report-dir", str(tmp_path / "r"))
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["failing"] == [graph]
    assert len(list((tmp_path / "r").glob("*.shacl.ttl"))) == 1


def test_seed_articles(seeds_dir, new_store_dir):
    data = new_store_dir()
    summary = ingest_json(str(seeds_dir), "--data", data)
    assert summary["total"] == 2 and summary["failed"] == 0
    stats = json.loads(run("stats", "--data", data, "--json").stdout)
    assert stats["reports"] == summary["ingested"]
    assert stats["claims"] == summary["claims_added"]
    again = ingest_json(str(seeds_dir), "--data", data)
    assert again["unchanged"] == summary["ingested"]


def test_validate_the_catalog_graph_too(new_store_dir):
    data = new_store_dir()
    store = open_store(data)
    refresh_vocabulary(store)
    store.update(
        f"DELETE WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ "
        "<https://w3id.org/deploykb/id/actor/russia> <http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
    )
    store.close()
    result = run("validate", "--catalog", "--data", data, "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failing"] == [str(CATALOG_GRAPH)]
    assert "actor/russia" in result.stderr
