"""The state of the dataset as HTTP sees it: an ETag and a Last-Modified date that change
whenever the store changes and stay put otherwise. An embedded store changes only through
this process, so its state is cached between writes; a remote one is asked every time."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime
from typing import Any


def _fingerprint(store: Any) -> str:
    """A digest of what the store holds: ``kb.dump.dataset_state`` when it exists, else
    the named graphs and the quad count (one cheap query per store version)."""
    if hasattr(store, "state"):  # kb.store stores keep a state token (kb.dump.dataset_state)
        from kb.dump import dataset_state

        return hashlib.sha256(str(dataset_state(store)).encode()).hexdigest()[:32]
    graphs = store.named_graphs()
    count = 0
    for row in store.query(
        "SELECT (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
        union_default_graph=False,
    ):
        count = int(row["n"].value)
    return hashlib.sha256(f"{count}|{'|'.join(graphs)}".encode()).hexdigest()[:32]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class DatasetState:
    def __init__(self, store: Any):
        self._store = store
        from api.oxstore import find_pyoxigraph

        #: an embedded store changes only through this process, so its state can be cached
        self._sole_writer = find_pyoxigraph(store) is not None
        self._lock = threading.Lock()
        self._version = 0
        self._etag: tuple[int, str] | None = None
        self._last_modified = self._stored_last_modified() or _now()

    @property
    def last_modified(self) -> datetime:
        if not self._sole_writer:
            return self._stored_last_modified() or self._last_modified
        return self._last_modified

    def _stored_last_modified(self) -> datetime | None:
        if not hasattr(self._store, "state"):
            return None
        from kb.dump import last_modified

        when = last_modified(self._store)
        return when.astimezone(UTC).replace(microsecond=0) if when else None

    def changed(self) -> None:
        """Call after every write made through this process."""
        with self._lock:
            self._version += 1
        self._last_modified = self._stored_last_modified() or _now()

    def etag(self) -> str:
        if not self._sole_writer:  # a remote store may change behind our back: ask it
            return _fingerprint(self._store)
        with self._lock:
            version = self._version
            if self._etag and self._etag[0] == version:
                return self._etag[1]
        tag = _fingerprint(self._store)
        with self._lock:
            self._etag = (version, tag)
        return tag
