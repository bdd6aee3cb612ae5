"""Fixtures of the store tests; makes ``store_helpers`` importable (importlib import mode)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import os
import socket
import subprocess
import time

import pytest
import requests

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real ``oxigraph serve`` on a free loopback port with an on-disk location."""
    if not OXIGRAPH.is_file():
        pytest.skip(f"the oxigraph server binary is not installed at {OXIGRAPH}")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = open(location.parent / "oxigraph.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1).ok:
                break
        except requests.ConnectionError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"oxigraph serve did not start (see {log.name})")
        time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture
def remote_url(oxigraph_server):
    """The server's URL, emptied before each test."""
    requests.post(oxigraph_server + "/update", data={"update": "DROP ALL"}, timeout=10)
    return oxigraph_server


@pytest.fixture
def dead_url():
    """A loopback URL where nothing listens."""
    return f"http://127.0.0.1:{_free_port()}/query"


os.environ.pop("DEPLOYKB_STORE", None)
os.environ.pop("DEPLOYKB_DATA", None)


@pytest.fixture(scope="session")
def vocabulary_store(tmp_path_factory) -> Path:
    """A closed store holding only the ontology, shapes and catalog graphs (loading the
    catalog takes seconds, so tests copy this one instead of loading it again)."""
    from kb.ingest import refresh_vocabulary
    from kb.store import open_store

    path = tmp_path_factory.mktemp("vocabulary") / "data"
    store = open_store(path)
    loaded = refresh_vocabulary(store)
    store.close()
    assert len(loaded) == 3, loaded  # ontology, shapes, catalog
    return path


@pytest.fixture
def new_store_dir(vocabulary_store, tmp_path):
    """Return a function that makes a fresh store directory with the vocabulary loaded."""
    import shutil

    def make(name: str = "data") -> str:
        target = tmp_path / name
        shutil.copytree(vocabulary_store, target)
        return str(target)

    return make
