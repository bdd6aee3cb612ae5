"""The endpoint over a remote store: a real `oxigraph serve` on a loopback port."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory, h):
    if not OXIGRAPH.exists():
        pytest.skip(f"no oxigraph binary at {OXIGRAPH}")
    port = h.free_port()
    proc = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve",
            "--union-default-graph",  # what kb.store.remote expects of an Oxigraph server
            "--location",
            str(tmp_path_factory.mktemp("ox")),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture()
def app(oxigraph_url, h):
    app = h.make_app(None, STORE_URL=oxigraph_url, DATA_DIR=None, QUERY_TIMEOUT=5)
    app.extensions["deploykb.store"].update("DROP ALL")
    yield app
    h.close_app(app)


def test_remote_store_is_served_inline_with_the_same_protocol(app, h) -> None:
    from api.workers import InlineExecutor

    assert isinstance(app.extensions["deploykb.executor"], InlineExecutor)
    c = app.test_client()
    resp = c.post(
        "/update",
        data="INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://ex/p> 7 } }",
        content_type="application/sparql-update",
        headers=h.AUTH,
    )
    assert resp.status_code == 204, resp.data
    out = c.get("/sparql", query_string={"query": "SELECT ?o { <http://ex/a> <http://ex/p> ?o }"})
    assert json.loads(out.data)["results"]["bindings"][0]["o"]["value"] == "7"
    scoped = c.get(
        "/sparql",
        query_string={
            "query": "ASK { <http://ex/a> ?p ?o }",
            "default-graph-uri": "http://ex/none",
        },
    )
    assert json.loads(scoped.data)["boolean"] is False
    bad = c.get("/sparql", query_string={"query": "SELECT * {"})
    assert bad.status_code == 400
    dump = c.get("/dump/deploykb.nq")
    assert b"<http://ex/g>" in dump.data


def test_dump_etag_follows_writes_made_behind_the_servers_back(app, oxigraph_url) -> None:
    from kb.store import open_store

    c = app.test_client()
    first = c.get("/dump/deploykb.nt").headers["ETag"]
    assert c.get("/dump/deploykb.nt", headers={"If-None-Match": first}).status_code == 304
    other_writer = open_store(url=oxigraph_url)  # e.g. `deploykb ingest --store URL`
    other_writer.update("INSERT DATA { <http://ex/x> <http://ex/p> 1 }")
    again = c.get("/dump/deploykb.nt", headers={"If-None-Match": first})
    assert again.status_code == 200 and again.headers["ETag"] != first
