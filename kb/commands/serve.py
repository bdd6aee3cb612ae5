"""``deploykb serve``: the SPARQL endpoint, dumps and web UI under gunicorn (or Flask's
reloader with --dev).

With the embedded store exactly one process may hold it read-write, so gunicorn runs ONE
worker process with several threads; queries are executed in separate query-worker
processes over read-only snapshots (api/workers.py), which is what lets a runaway query be
killed while the other requests go on.
"""

from __future__ import annotations

import os
from typing import Any

import click


def _config(
    data: str | None,
    store: str | None,
    token: str | None,
    query_timeout: float,
    max_rows: int,
    query_workers: int,
    public_url: str | None,
    allow_service: bool,
    max_body: int,
    query_isolation: str = "auto",
    service_allow: tuple[str, ...] = (),
) -> dict[str, Any]:
    cfg: dict[str, Any] = {
        "QUERY_TIMEOUT": query_timeout,
        "MAX_ROWS": max_rows,
        "QUERY_WORKERS": query_workers,
        "ALLOW_SERVICE": allow_service,
        "MAX_BODY_BYTES": max_body,
        "TOKEN": token or None,
        "PUBLIC_URL": public_url or None,
        "QUERY_ISOLATION": query_isolation,
        "SERVICE_ALLOW": tuple(service_allow),
    }
    if store:
        cfg["STORE_URL"] = store
        cfg["DATA_DIR"] = None
    elif data:
        cfg["DATA_DIR"] = data
    return cfg


def _build_app(cfg: dict[str, Any]) -> Any:
    from api import create_app
    from kb.store import StoreError

    try:
        return create_app(cfg)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except (OSError, RuntimeError) as exc:
        raise click.ClickException(f"cannot open the store: {exc}") from None


def _run_gunicorn(cfg: dict[str, Any], host: str, port: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    class DeploykbApplication(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", 1)  # the single read-write owner of an embedded store
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", max(30, int(cfg["QUERY_TIMEOUT"] or 0) * 3 + 10))
            self.cfg.set("graceful_timeout", 5)
            self.cfg.set("accesslog", "-")
            self.cfg.set("proc_name", "deploykb")
            if "control_socket_disable" in self.cfg.settings:
                # one fixed socket path per user would clash between several servers
                self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            # runs in the gunicorn worker, so the store and the query workers live there
            return _build_app(cfg)

    DeploykbApplication().run()


@click.command(context_settings={"show_default": True})
@click.option(
    "--data",
    envvar="DEPLOYKB_DATA",
    default=None,
    metavar="DIR",
    help="Embedded store directory [env DEPLOYKB_DATA; default ./deploykb-data].",
)
@click.option(
    "--store",
    envvar="DEPLOYKB_STORE",
    default=None,
    metavar="URL",
    help="Remote SPARQL 1.1 server instead of the embedded store [env DEPLOYKB_STORE].",
)
@click.option(
    "--host",
    envvar="DEPLOYKB_HOST",
    default="127.0.0.1",
    help="Interface to bind [env DEPLOYKB_HOST].",
)
@click.option(
    "--port",
    envvar="DEPLOYKB_PORT",
    default=8000,
    type=click.IntRange(0, 65535),
    help="Port [env DEPLOYKB_PORT].",
)
@click.option(
    "--token",
    envvar="DEPLOYKB_TOKEN",
    default=None,
    help="Bearer token that enables /update, /store writes and POST /reports "
    "[env DEPLOYKB_TOKEN]; without it the server is read-only.",
)
@click.option(
    "--query-timeout",
    envvar="DEPLOYKB_QUERY_TIMEOUT",
    default=10.0,
    type=click.FloatRange(0),
    metavar="SECONDS",
    help="Stop queries after this long (0 = never) [env DEPLOYKB_QUERY_TIMEOUT].",
)
@click.option(
    "--max-rows",
    envvar="DEPLOYKB_MAX_ROWS",
    default=10000,
    type=click.IntRange(0),
    help="Cap on result rows/triples, flagged by X-Deploykb-Truncated (0 = no cap) "
    "[env DEPLOYKB_MAX_ROWS].",
)
@click.option(
    "--query-workers",
    "--workers",
    "query_workers",
    envvar="DEPLOYKB_QUERY_WORKERS",
    default=2,
    type=click.IntRange(1, 64),
    help="Query worker processes (concurrent queries) [env DEPLOYKB_QUERY_WORKERS].",
)
@click.option(
    "--threads",
    envvar="DEPLOYKB_THREADS",
    default=8,
    type=click.IntRange(1, 256),
    help="HTTP threads of the gunicorn worker [env DEPLOYKB_THREADS].",
)
@click.option(
    "--public-url",
    envvar="DEPLOYKB_PUBLIC_URL",
    default=None,
    metavar="URL",
    help="Public base URL for sd:endpoint and VoID links (default: from the "
    "request) [env DEPLOYKB_PUBLIC_URL].",
)
@click.option(
    "--allow-service",
    envvar="DEPLOYKB_ALLOW_SERVICE",
    is_flag=True,
    default=False,
    help="Let SERVICE through (the server then makes outbound requests) "
    "[env DEPLOYKB_ALLOW_SERVICE].",
)
@click.option(
    "--max-body",
    envvar="DEPLOYKB_MAX_BODY_BYTES",
    default=10 * 1024 * 1024,
    type=click.IntRange(1),
    metavar="BYTES",
    help="Request body limit; larger bodies get 413 [env DEPLOYKB_MAX_BODY_BYTES].",
)
@click.option(
    "--service-allow",
    envvar="DEPLOYKB_SERVICE_ALLOW",
    multiple=True,
    metavar="IRI_PREFIX",
    help="Allow SERVICE only to endpoints starting with this prefix (repeatable; env "
    "DEPLOYKB_SERVICE_ALLOW, space-separated). Everything else stays refused.",
)
@click.option(
    "--query-isolation",
    envvar="DEPLOYKB_QUERY_ISOLATION",
    type=click.Choice(["auto", "process", "inline"]),
    default="auto",
    help="Where queries run: worker processes that can be killed at the time limit "
    "(auto = process for the embedded store) or inline in the web process, faster for tiny "
    "queries but the limit then only answers 503 without stopping the query "
    "[env DEPLOYKB_QUERY_ISOLATION].",
)
@click.option(
    "--dev",
    is_flag=True,
    default=False,
    help="Flask's development server with the reloader (not for production).",
)
def command(
    data: str | None,
    store: str | None,
    host: str,
    port: int,
    token: str | None,
    query_timeout: float,
    max_rows: int,
    query_workers: int,
    threads: int,
    public_url: str | None,
    allow_service: bool,
    max_body: int,
    query_isolation: str,
    service_allow: tuple[str, ...],
    dev: bool,
) -> None:
    """Serve the SPARQL endpoint (/sparql), dumps (/dump/…), VoID, writes and the web UI.

    \b
    Examples:
      deploykb serve --data ./deploykb-data
      DEPLOYKB_TOKEN=secret deploykb serve --port 8080 --query-timeout 30
    """
    if data and store:
        raise click.UsageError("give --data or --store, not both")
    cfg = _config(
        data,
        store,
        token,
        query_timeout,
        max_rows,
        query_workers,
        public_url,
        allow_service,
        max_body,
        query_isolation,
        service_allow,
    )
    banner = (
        f"deploykb: serving on http://{host}:{port}/ "
        f"({'remote store ' + store if store else 'data ' + (data or './deploykb-data')}; "
        f"writes {'enabled' if token else 'disabled'})"
    )
    if dev:
        if not os.environ.get("WERKZEUG_RUN_MAIN"):
            click.echo(banner, err=True)
        from werkzeug.serving import run_simple

        # only the reloader's child opens the store (the parent just watches files)
        app: Any = _build_app(cfg) if os.environ.get("WERKZEUG_RUN_MAIN") else _placeholder
        run_simple(host, port, app, use_reloader=True, use_debugger=False, threaded=True)
        return
    _check_port(host, port)
    _check_store(cfg)
    click.echo(banner, err=True)
    _run_gunicorn(cfg, host, port, threads)


def _check_port(host: str, port: int) -> None:
    """One clear line for a port that is taken, instead of gunicorn's five retries."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot resolve --host {host}: {exc}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def _try_open(data_dir: str | None, url: str | None) -> str | None:
    """Open and close the store; the error message, or None. Runs in a spawned process."""
    from kb.store import StoreError, open_store

    try:
        open_store(data_dir=data_dir, url=url).close()
    except StoreError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot open the store: {exc}"
    return None


def _check_store(cfg: dict[str, Any]) -> None:
    """Fail with one clear line before gunicorn starts, not with a worker boot traceback.

    The check runs in a separate (spawned) process: opening RocksDB here, in the process
    gunicorn then forks, would leave its background-thread bookkeeping in the worker
    without the threads, and the worker's first flush would wait forever.
    """
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(1) as pool:
        error = pool.apply(_try_open, (cfg.get("DATA_DIR"), cfg.get("STORE_URL")))
    if error:
        raise click.ClickException(error)


def _placeholder(environ: Any, start_response: Any) -> list[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting\n"]
