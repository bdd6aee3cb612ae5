"""App configuration: defaults, environment variables, opening the store and the query executor.

Every limit is a config key, an environment variable and a ``deploykb serve`` flag
(docs/endpoint.md has the table):

=================  ==========================  ===========  ===================================
key                env var                     default      meaning
=================  ==========================  ===========  ===================================
DATA_DIR           DEPLOYKB_DATA               ./deploykb-data  embedded store directory
STORE_URL          DEPLOYKB_STORE              None         remote SPARQL 1.1 server instead
TOKEN              DEPLOYKB_TOKEN              None         bearer token; no token = no writes
QUERY_TIMEOUT      DEPLOYKB_QUERY_TIMEOUT      10           seconds; 0 = no limit
MAX_ROWS           DEPLOYKB_MAX_ROWS           10000        rows/triples per answer; 0 = no cap
MAX_BODY_BYTES     DEPLOYKB_MAX_BODY_BYTES     10 MiB       request body limit (413 above)
ALLOW_SERVICE      DEPLOYKB_ALLOW_SERVICE      false        let SERVICE through (outbound HTTP)
ALLOW_LOAD         DEPLOYKB_ALLOW_LOAD         false        let LOAD through in /update
SERVICE_ALLOW      DEPLOYKB_SERVICE_ALLOW      ()           IRI prefixes SERVICE may call
PUBLIC_URL         DEPLOYKB_PUBLIC_URL         None         base URL for sd:endpoint and VoID
QUERY_WORKERS      DEPLOYKB_QUERY_WORKERS      2            query worker processes
QUERY_ISOLATION    DEPLOYKB_QUERY_ISOLATION    auto         process | inline | auto
=================  ==========================  ===========  ===================================
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

#: config key -> (environment variable, parser)
ENV: dict[str, tuple[str, Any]] = {
    "DATA_DIR": ("DEPLOYKB_DATA", str),
    "STORE_URL": ("DEPLOYKB_STORE", str),
    "TOKEN": ("DEPLOYKB_TOKEN", str),
    "QUERY_TIMEOUT": ("DEPLOYKB_QUERY_TIMEOUT", float),
    "MAX_ROWS": ("DEPLOYKB_MAX_ROWS", int),
    "MAX_BODY_BYTES": ("DEPLOYKB_MAX_BODY_BYTES", int),
    "ALLOW_SERVICE": ("DEPLOYKB_ALLOW_SERVICE", lambda v: v.lower() in ("1", "true", "yes")),
    "ALLOW_LOAD": ("DEPLOYKB_ALLOW_LOAD", lambda v: v.lower() in ("1", "true", "yes")),
    "SERVICE_ALLOW": ("DEPLOYKB_SERVICE_ALLOW", lambda v: tuple(v.replace(",", " ").split())),
    "PUBLIC_URL": ("DEPLOYKB_PUBLIC_URL", str),
    "QUERY_WORKERS": ("DEPLOYKB_QUERY_WORKERS", int),
    "QUERY_ISOLATION": ("DEPLOYKB_QUERY_ISOLATION", str),
}


def defaults() -> dict[str, Any]:
    out: dict[str, Any] = {
        "STORE": None,
        "DATA_DIR": "./deploykb-data",
        "STORE_URL": None,
        "TOKEN": None,
        "QUERY_TIMEOUT": 10.0,
        "MAX_ROWS": 10000,
        "MAX_BODY_BYTES": 10 * 1024 * 1024,
        "ALLOW_SERVICE": False,
        "ALLOW_LOAD": False,
        "SERVICE_ALLOW": (),
        "PUBLIC_URL": None,
        "QUERY_WORKERS": 2,
        "QUERY_ISOLATION": "auto",
        "CORS": True,
    }
    for key, (var, parse) in ENV.items():
        value = os.environ.get(var)
        if value not in (None, ""):
            out[key] = parse(value)
    return out


def _open_store(app: Flask) -> Any:
    store = app.config.get("STORE")
    if store is not None:
        return store
    from kb.store import open_store

    data_dir, url = app.config.get("DATA_DIR"), app.config.get("STORE_URL")
    return open_store(data_dir=None if url else data_dir, url=url)


def _make_executor(app: Flask, store: Any) -> Any:
    from api.oxstore import find_pyoxigraph
    from api.workers import InlineExecutor, ProcessExecutor

    timeout = float(app.config.get("QUERY_TIMEOUT") or 0)
    mode = app.config.get("QUERY_ISOLATION", "auto")
    ox_store = find_pyoxigraph(store)
    if mode == "process" and ox_store is None:
        raise RuntimeError("QUERY_ISOLATION=process needs an embedded (pyoxigraph) store")
    if mode == "process" or (mode == "auto" and ox_store is not None and timeout > 0):
        data_dir = app.config.get("DATA_DIR")
        parent = Path(data_dir).resolve().parent if data_dir else None
        return ProcessExecutor(
            ox_store,
            size=int(app.config.get("QUERY_WORKERS") or 2),
            timeout=timeout or 24 * 3600.0,
            root=parent if parent and parent.is_dir() else None,
        )
    return InlineExecutor(store, timeout)


def init_store(app: Flask) -> None:
    """Make ``app.extensions['deploykb.store']`` the store the app serves, plus its executor."""
    from api.state import DatasetState

    store = _open_store(app)
    app.extensions["deploykb.store"] = store
    app.config["MAX_CONTENT_LENGTH"] = int(app.config.get("MAX_BODY_BYTES") or 0) or None
    if store is None:  # the web UI's own tests may build an app with no store
        app.extensions["deploykb.executor"] = None
        app.extensions["deploykb.state"] = None
        return
    app.extensions["deploykb.executor"] = _make_executor(app, store)
    app.extensions["deploykb.state"] = DatasetState(store)


def store_changed(app: Flask) -> None:
    """Call after every write: new snapshot for the query workers, new ETag for the dumps."""
    executor = app.extensions.get("deploykb.executor")
    if executor is not None:
        executor.changed()
    state = app.extensions.get("deploykb.state")
    if state is not None:
        state.changed()


def close_app(app: Flask) -> None:
    """Stop the query workers and close the store (tests and serve's shutdown)."""
    executor = app.extensions.get("deploykb.executor")
    if executor is not None:
        executor.close()
    store = app.extensions.get("deploykb.store")
    if store is not None and app.config.get("STORE") is None:
        store.close()
