"""Fixtures for the endpoint tests: real on-disk stores, the real app, a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api import create_app
from api.config import close_app, store_changed

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_app(data_dir: Path, **config: Any):
    cfg = {"DATA_DIR": str(data_dir), "TESTING": True, "TOKEN": TOKEN, **config}
    return create_app(cfg)


def load_nquads(app, text: str) -> None:
    """Put quads straight into the app's store and tell the app it changed."""
    store = app.extensions["deploykb.store"]
    store.update(f"INSERT DATA {{ {text} }}")
    store_changed(app)


def reset(app) -> None:
    store = app.extensions["deploykb.store"]
    store.update("DROP ALL")
    store_changed(app)


@pytest.fixture(scope="module")
def process_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One app per module with query worker processes (the production executor)."""
    app = make_app(
        tmp_path_factory.mktemp("store") / "data",
        QUERY_ISOLATION="process",
        QUERY_WORKERS=2,
        QUERY_TIMEOUT=20,
    )
    yield app
    close_app(app)


@pytest.fixture()
def inline_app(tmp_path: Path) -> Iterator[Any]:
    app = make_app(tmp_path / "data", QUERY_ISOLATION="inline")
    yield app
    close_app(app)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, proc: subprocess.Popen, url: str, data: Path):
        self.proc = proc
        self.url = url
        self.data = data


def start_server(data: Path, *args: str, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    exe = Path(sys.executable).parent / "deploykb"
    proc = subprocess.Popen(
        [str(exe), "serve", "--data", str(data), "--port", str(port), *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return Server(proc, url, data)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(5)


@pytest.fixture(scope="session")
def h():
    """The helpers above, for test modules (importlib mode cannot import conftest)."""
    import types

    return types.SimpleNamespace(
        TOKEN=TOKEN,
        AUTH=AUTH,
        make_app=make_app,
        load_nquads=load_nquads,
        reset=reset,
        free_port=free_port,
        start_server=start_server,
        stop_server=stop_server,
        close_app=close_app,
    )
