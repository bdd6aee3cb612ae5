"""The ``--data`` / ``--store`` options every store-using CLI command shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kb.store import DEFAULT_DATA_DIR, Store, StoreError, open_store

F = TypeVar("F", bound=Callable[..., Any])


def store_options(func: F) -> F:
    """Add ``--data DIR`` (env DEPLOYKB_DATA) and ``--store URL`` (env DEPLOYKB_STORE)."""
    func = click.option(
        "--store",
        "store_url",
        envvar="DEPLOYKB_STORE",
        metavar="URL",
        help="Use a remote SPARQL 1.1 server (query endpoint URL) instead of --data. "
        "Update/graph-store URLs: DEPLOYKB_STORE_UPDATE, DEPLOYKB_STORE_GSP.",
    )(func)
    func = click.option(
        "--data",
        "data_dir",
        envvar="DEPLOYKB_DATA",
        metavar="DIR",
        type=click.Path(file_okay=True, dir_okay=True),
        help=f"Directory of the embedded store [default: ./{DEFAULT_DATA_DIR}].",
    )(func)
    return func


def open_for_cli(data_dir: str | None, store_url: str | None, *, read_only: bool) -> Store:
    """Open the chosen store, turning a ``StoreError`` into a one-line CLI error."""
    try:
        return open_store(data_dir, store_url, read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
