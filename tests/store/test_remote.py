"""The remote store against a real Oxigraph server: same behaviour as the embedded store."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from store_helpers import EX, content_quads, make_processed, triple

from kb.cli import cli
from kb.dump import dump
from kb.ingest import commit
from kb.namespaces import PROV
from kb.store import StoreError, open_store
from kb.store.remote import RemoteStore, default_endpoints

TEXT = "Eight jets landed at the river airfield.\nThe garrison confirmed it."
URL = "https://example.org/news/river"


def test_endpoint_defaults():
    assert default_endpoints("http://h:7878") == (
        "http://h:7878/query",
        "http://h:7878/update",
        "http://h:7878/store",
    )
    assert default_endpoints("http://h/ds/query")[1:] == ("http://h/ds/update", "http://h/ds/store")
    assert default_endpoints("http://h/sparql") == ("http://h/sparql",) * 3
    with pytest.raises(StoreError, match="not an http"):
        default_endpoints("ftp://h/x")


def test_replace_query_and_state(remote_url):
    store = open_store(url=remote_url)
    assert isinstance(store, RemoteStore)
    assert store.state() == ("empty", None)
    store.replace_graphs({EX + "g1": [triple("a", "p", 1)], EX + "g2": [triple("b", "p", 2)]})
    token = store.state()[0]
    rows = list(store.query(f"SELECT ?g ?o WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }} ORDER BY ?o"))
    assert [(r["g"].value, int(r["o"].value)) for r in rows] == [(EX + "g1", 1), (EX + "g2", 2)]
    assert isinstance(store.query(f"ASK {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}"), ox.QueryBoolean)
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(triples, ox.QueryTriples) and len(list(triples)) >= 2
    store.replace_graphs({EX + "g1": [triple("a", "p", 3)]}, drop=[EX + "g2"])
    assert store.state()[0] != token
    assert content_quads(store) == {
        f'<{EX}a> <{EX}p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <{EX}g1>'
    }
    store.close()


def test_commit_idempotent_and_revision(remote_url):
    store = open_store(url=remote_url)
    old = make_processed(TEXT, url=URL, claims=[("jets", "su-27", "russia", None, 8)])
    assert [o.status for o in commit(store, [old])] == ["ingested"]
    quads, state = content_quads(store), store.state()
    assert [o.status for o in commit(store, [old])] == ["unchanged"]
    assert (content_quads(store), store.state()) == (quads, state)
    new = make_processed(TEXT.replace("Eight", "Ten"), url=URL)
    [outcome] = commit(store, [new])
    assert outcome.status == "replaced" and outcome.revision_of == old.report_iri
    assert not store.graph_exists(old.graph_iri)
    ask = f"ASK {{ GRAPH ?g {{ <{new.report_iri}> <{PROV.wasRevisionOf}> <{old.report_iri}> }} }}"
    assert bool(store.query(ask))


def _without_meta(data: bytes, fmt: ox.RdfFormat) -> set:
    return {q for q in ox.parse(gzip.decompress(data), fmt) if "graph/meta" not in str(q)}


def test_remote_dump_matches_the_embedded_store(remote_url, tmp_path):
    items = [make_processed(TEXT, claims=[("jets", "su-27", "russia", None, 8)])]
    remote, embedded = open_store(url=remote_url), open_store(tmp_path / "data")
    commit(remote, items)
    commit(embedded, items)
    for fmt, parse in (
        ("nq", ox.RdfFormat.N_QUADS),
        ("trig", ox.RdfFormat.TRIG),
        ("nt", ox.RdfFormat.N_TRIPLES),
    ):
        a, b = io.BytesIO(), io.BytesIO()
        dump(remote, a, fmt, gzip=True)
        dump(embedded, b, fmt, gzip=True)
        assert _without_meta(a.getvalue(), parse) == _without_meta(b.getvalue(), parse)
        assert len(_without_meta(a.getvalue(), parse)) > 20
    embedded.close()


class _FlakyHandler(http.server.BaseHTTPRequestHandler):
    """Answers like Oxigraph on a stale keep-alive connection, then like a healthy server."""

    failures_left = 0
    requests_seen = 0

    def do_POST(self) -> None:  # noqa: N802
        type(self).requests_seen += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            body, status, ctype = (
                b"Resource temporarily unavailable (os error 11)",
                500,
                "text/plain",
            )
        else:
            body, status, ctype = (
                b'{"head":{},"boolean":true}',
                200,
                "application/sparql-results+json",
            )
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FlakyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


def test_retries_the_stale_connection_answer(flaky_url):
    _FlakyHandler.failures_left, _FlakyHandler.requests_seen = 2, 0
    assert bool(open_store(url=flaky_url).query("ASK {}")) is True
    assert _FlakyHandler.requests_seen == 3
    _FlakyHandler.failures_left, _FlakyHandler.requests_seen = 5, 0
    with pytest.raises(StoreError, match="HTTP 500"):
        open_store(url=flaky_url).query("ASK {}")
    assert _FlakyHandler.requests_seen == 3  # gives up after three attempts


def test_server_down_is_one_clear_error(dead_url):
    store = open_store(url=dead_url)
    with pytest.raises(StoreError, match="cannot connect.*is the server running"):
        store.query("ASK {}")
    result = CliRunner().invoke(cli, ["stats", "--store", dead_url])
    assert result.exit_code == 1
    assert "is the server running" in result.stderr and "Traceback" not in result.output


def test_http_error_is_a_store_error(remote_url):
    store = open_store(url=remote_url)
    with pytest.raises(StoreError, match="HTTP 400"):
        store.query("SELECT ?x WHERE { ?x")


def test_cli_over_the_remote_store(remote_url):
    store = open_store(url=remote_url)
    commit(store, [make_processed(TEXT, claims=[("jets", "su-27", "russia", None, 8)])])
    runner = CliRunner()
    stats = json.loads(runner.invoke(cli, ["stats", "--json", "--store", remote_url]).stdout)
    assert stats["reports"] == 1 and stats["claims"] == 1
    out = runner.invoke(
        cli,
        ["query", "SELECT ?n WHERE { GRAPH ?g { ?q schema:value ?n } }", "--format", "csv"],
        env={"DEPLOYKB_STORE": remote_url},
    )
    assert out.stdout.splitlines() == ["n", "8"]
    assert requests.get(remote_url + "/query", params={"query": "ASK {}"}, timeout=5).ok


def test_ingest_command_end_to_end_over_the_remote_store(remote_url, tmp_path):
    from pathlib import Path

    articles = Path(__file__).parent / "data" / "articles"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(articles), "--store", remote_url, "--json"])
    summary = json.loads(first.stdout)
    assert first.exit_code == 1  # nodate.txt is rejected
    assert summary["rejected"] == 1 and summary["failed"] == 0 and summary["ingested"] >= 3
    again = json.loads(
        runner.invoke(cli, ["ingest", str(articles), "--store", remote_url, "--json"]).stdout
    )
    assert again["unchanged"] == summary["ingested"] and again["ingested"] == 0
    stats = json.loads(runner.invoke(cli, ["stats", "--json", "--store", remote_url]).stdout)
    assert stats["reports"] == summary["ingested"]
    assert stats["claims"] == summary["claims_added"]
    checked = runner.invoke(cli, ["validate", "--json", "--store", remote_url])
    assert checked.exit_code == 0
    assert json.loads(checked.stdout)["graphs"] == summary["ingested"]


def test_dump_of_one_graph_through_the_graph_store_protocol(remote_url, tmp_path):
    item = make_processed(TEXT, claims=[("jets", "su-27", "russia", None, 8)])
    remote, embedded = open_store(url=remote_url), open_store(tmp_path / "data")
    commit(remote, [item])
    commit(embedded, [item])
    a, b = io.BytesIO(), io.BytesIO()
    dump(remote, a, "ttl", graph_iri=item.graph_iri)
    dump(embedded, b, "ttl", graph_iri=item.graph_iri)
    parsed_a = set(ox.parse(a.getvalue(), ox.RdfFormat.TURTLE))
    assert parsed_a == set(ox.parse(b.getvalue(), ox.RdfFormat.TURTLE))
    assert len(parsed_a) == item.ntriples.count("\n")
    embedded.close()
