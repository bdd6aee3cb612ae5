"""The embedded store: pyoxigraph on disk (RocksDB) in a data directory.

Only one process can hold a data directory read-write; a second one gets a clear
``StoreError``. Queries run over the union of all named graphs by default
(``use_default_graph_as_union``); ``default_graph``/``named_graphs`` select a dataset instead.
Every write is a single SPARQL Update, i.e. a single transaction.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kb.store import common
from kb.store.base import StoreError

#: files RocksDB keeps in every store directory
_STORE_MARKER = "CURRENT"


def _check_directory(path: Path, *, create: bool) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory, so not a deploykb store")
    if path.is_dir():
        try:
            entries = os.listdir(path)
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the store directory: {exc.strerror}") from None
        if entries and _STORE_MARKER not in entries:
            raise StoreError(
                f"{path}: not a deploykb store (the directory holds other files); "
                "choose an empty or new directory with --data"
            )
        if not entries and not create:
            raise StoreError(f"{path}: the store is empty; ingest articles first")
    elif not create:
        raise StoreError(f"{path}: no store there; ingest articles first (deploykb ingest)")


def _explain(path: Path, exc: OSError) -> StoreError:
    text = str(exc)
    if "lock" in text.lower() and ("unavailable" in text or "hold" in text):
        return StoreError(
            f"{path}: the store is in use by another process (for example `deploykb serve`); "
            "stop it, or send the request through it"
        )
    if (
        isinstance(exc, PermissionError)
        or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        or "Permission denied" in text
        or "Read-only file system" in text
    ):
        return StoreError(f"{path}: the store directory is read-only (permission denied)")
    return StoreError(f"{path}: cannot open the store: {text}")


def _writable(path: Path) -> bool:
    probe = path if path.exists() else path.parent
    return os.access(probe, os.W_OK)


class EmbeddedStore:
    """A pyoxigraph store on disk. ``read_only`` refuses writes; a directory this process may
    not write is opened through RocksDB's read-only mode (only safe with no writer around)."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.description = f"embedded store at {self.path}"
        _check_directory(self.path, create=not read_only)
        try:
            if read_only and not _writable(self.path):
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise _explain(self.path, exc) from None

    @classmethod
    def open_checkpoint(cls, path: str | os.PathLike[str]) -> EmbeddedStore:
        """Open a checkpoint made by ``checkpoint()`` read-only (any number of processes)."""
        self = cls.__new__(cls)
        self.path = Path(path)
        self.read_only = True
        self.description = f"checkpoint at {self.path}"
        _check_directory(self.path, create=False)
        try:
            self._store = ox.Store.read_only(str(self.path))
        except OSError as exc:
            raise _explain(self.path, exc) from None
        return self

    def checkpoint(self, dest_dir: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the store to ``dest_dir`` (which must not exist)."""
        dest = Path(dest_dir)
        try:
            self._store.backup(str(dest))
        except OSError as exc:
            raise StoreError(f"{dest}: cannot write a checkpoint: {exc}") from None
        return dest

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself, for callers that need its full API."""
        return self._store

    # -- reading -------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> Any:
        kwargs: dict[str, Any] = {}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if default_graph is None and union_default_graph:
            kwargs["use_default_graph_as_union"] = True
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {_one_line(exc)}") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"query failed: {_one_line(exc)}") from None

    def graph_exists(self, graph_iri: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph_iri))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph_iri: str | None = None) -> Iterable[ox.Quad]:
        graph = ox.NamedNode(graph_iri) if graph_iri else None
        return self._store.quads_for_pattern(None, None, None, graph)

    def state(self) -> tuple[str, datetime | None]:
        return common.parse_state(self._store.query(common.STATE_QUERY))

    def graph_hashes(self) -> dict[str, str]:
        return common.parse_hashes(self._store.query(common.HASHES_QUERY))

    def dump(self, out: IO[bytes], fmt: str, graph_iri: str | None = None) -> None:
        rdf_format = common.rdf_format(fmt)
        prefixes = common.DUMP_PREFIXES if fmt in ("ttl", "trig") else None
        try:
            if graph_iri is not None:
                self._store.dump(
                    out, rdf_format, from_graph=ox.NamedNode(graph_iri), prefixes=prefixes
                )
            elif rdf_format.supports_datasets:
                self._store.dump(out, rdf_format, prefixes=prefixes)
            else:
                # a triple format of the whole dataset: the union of its graphs, streamed
                triples = (
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in self._store.quads_for_pattern(None, None, None)
                )
                ox.serialize(triples, out, rdf_format, prefixes=prefixes)
        except BrokenPipeError:  # the reader went away (`| head`); not a store failure
            raise
        except OSError as exc:
            raise StoreError(f"dump failed: {_one_line(exc)}") from None

    # -- writing -------------------------------------------------------------------------

    def _write(self, update_text: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        try:
            self._store.update(update_text)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL Update syntax error: {_one_line(exc)}") from None
        except OSError as exc:
            raise _explain(self.path, exc) from None

    def update(self, sparql_update: str) -> None:
        self._write(f"{sparql_update}\n;\n{common.state_bump_text()}")

    def replace_graphs(
        self,
        graphs: dict[str, Iterable[ox.Triple]],
        drop: Iterable[str] = (),
        hashes: dict[str, str] | None = None,
    ) -> None:
        # single writer: nothing else can create or drop a graph between check and write
        self._write(common.replace_text(graphs, drop, hashes, exists=self.graph_exists))

    def drop_graph(self, graph_iri: str) -> None:
        self.replace_graphs({}, drop=[graph_iri])

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None and not self.read_only:
            with contextlib.suppress(OSError):
                store.flush()
        self._store = None  # type: ignore[assignment]

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
