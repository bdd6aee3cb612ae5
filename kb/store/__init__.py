"""Stores: an embedded pyoxigraph store on disk, or a remote SPARQL 1.1 server.

``open_store()`` picks one: ``url`` (or ``$DEPLOYKB_STORE``) means a remote server,
otherwise the data directory ``data_dir`` (or ``$DEPLOYKB_DATA``, default ``./deploykb-data``).
Queries run over the union of all named graphs by default.
"""

from __future__ import annotations

import os
from pathlib import Path

from kb.store.base import Store, StoreError

DEFAULT_DATA_DIR = "deploykb-data"

__all__ = ["DEFAULT_DATA_DIR", "Store", "StoreError", "open_store", "EmbeddedStore"]


def open_store(
    data_dir: str | os.PathLike[str] | None = None,
    url: str | None = None,
    read_only: bool = False,
    *,
    update_url: str | None = None,
    gsp_url: str | None = None,
) -> Store:
    """Open the store the user chose (an explicit argument wins over the environment).

    ``read_only`` refuses writes (and does not create an
    embedded store that does not exist yet). Raises ``StoreError`` with a one-line message."""
    if url is None and data_dir is None:
        url = os.environ.get("DEPLOYKB_STORE") or None
    if url:
        from kb.store.remote import RemoteStore

        return RemoteStore(
            url,
            update_url=update_url or os.environ.get("DEPLOYKB_STORE_UPDATE") or None,
            gsp_url=gsp_url or os.environ.get("DEPLOYKB_STORE_GSP") or None,
            read_only=read_only,
        )
    from kb.store.embedded import EmbeddedStore

    path = Path(data_dir or os.environ.get("DEPLOYKB_DATA") or DEFAULT_DATA_DIR)
    return EmbeddedStore(path, read_only=read_only)


def __getattr__(name: str) -> object:
    if name == "EmbeddedStore":
        from kb.store.embedded import EmbeddedStore

        return EmbeddedStore
    if name == "RemoteStore":
        from kb.store.remote import RemoteStore

        return RemoteStore
    raise AttributeError(name)
