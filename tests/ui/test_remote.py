"""The UI over a remote store: a real ``oxigraph serve --union-default-graph`` on loopback,
holding the fixture KB, reached through ``kb.store.open_store(url=...)``."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from api import create_app

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
HTML = {"Accept": "text/html"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not OXIGRAPH.is_file():
        pytest.skip(f"the oxigraph server binary is not installed at {OXIGRAPH}")
    url = f"http://127.0.0.1:{_port()}"
    log_path = tmp_path_factory.mktemp("ui-oxigraph") / "oxigraph.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--bind", url[len("http://") :], "--union-default-graph"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"oxigraph serve did not start (see {log_path})")
                    time.sleep(0.1)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def remote_client(oxigraph_url: str, ui_store: Any) -> Iterator[Any]:
    from kb.store import open_store

    store = open_store(url=oxigraph_url + "/query")
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ui_store.ox:
        graphs[quad.graph_name.value].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    store.replace_graphs(dict(graphs))
    app = create_app({"STORE": store, "TESTING": True, "QUERY_ISOLATION": "inline"})
    yield app.test_client()
    store.close()


def test_home_over_a_remote_store(remote_client):
    html = remote_client.get("/", headers=HTML).get_data(as_text=True)
    assert re.search(r'id="stat-reports">3<', html)
    assert re.search(r'id="stat-claims">5<', html)


def test_place_timeline_over_a_remote_store(remote_client):
    html = remote_client.get("/id/place/latakia", headers=HTML).get_data(as_text=True)
    series = re.search(r'<g class="series" data-series="troops">(.*?)</g>', html, re.S).group(1)
    assert re.findall(r'data-value="(\d+)" data-date="[\d-]+" data-state="(\w+)"', series) == [
        ("200", "superseded"),
        ("500", "current"),
    ]


def test_claim_page_and_rdf_over_a_remote_store(remote_client, iris):
    path = "/" + iris.claim(0, 2).split("https://w3id.org/deploykb/", 1)[1]
    html = remote_client.get(path, headers=HTML).get_data(as_text=True)
    assert '<mark class="mention">Su-30SM</mark>' in html
    turtle = remote_client.get(path, headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle"
    g = ox.Store()
    g.load(turtle.data, ox.RdfFormat.TURTLE)
    assert len(g) > 20  # the claim, its quantity, spans and selectors


def test_map_and_claims_over_a_remote_store(remote_client):
    features = remote_client.get("/map.json").get_json()["features"]
    assert len(features) == 3
    rows = remote_client.get("/claims.json?place=syria").get_json()["rows"]
    assert sorted(r["stated_as"] for r in rows) == ["Four", "as many as 500", "roughly 200"]
