"""Stores: an embedded pyoxigraph store on disk, or a remote SPARQL 1.1 server."""

from kb.store.base import Store, StoreError

__all__ = ["Store", "StoreError"]
