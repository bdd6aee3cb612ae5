"""The Store protocol: what ingest, the CLI and the API may ask of a store.

Two implementations: ``kb.store.embedded.EmbeddedStore`` (pyoxigraph on disk) and
``kb.store.remote.RemoteStore`` (any SPARQL 1.1 Query/Update + Graph Store Protocol server).
Query results are pyoxigraph result objects in both cases (``QuerySolutions``,
``QueryBoolean`` or ``QueryTriples``-like iterables of ``pyoxigraph.Triple``), so the API
serialises them the same way whatever the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any, Protocol

import pyoxigraph as ox


class StoreError(Exception):
    """A store could not do what was asked; the message is meant for the user."""


class Store(Protocol):
    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> Any:
        """Run a SPARQL query. With no dataset given, the default graph is the union of all graphs."""

    def update(self, sparql_update: str) -> None: ...

    def replace_graphs(
        self, graphs: dict[str, Iterable[ox.Triple]], drop: Iterable[str] = ()
    ) -> None:
        """Atomically drop ``drop`` and replace each named graph with the given triples."""

    def graph_exists(self, graph_iri: str) -> bool: ...

    def named_graphs(self) -> list[str]: ...

    def drop_graph(self, graph_iri: str) -> None: ...

    def dump(self, out: IO[bytes], fmt: str, graph_iri: str | None = None) -> None:
        """Stream the dataset (or one graph) to ``out`` in N-Triples/N-Quads/Turtle/TriG/JSON-LD."""

    def close(self) -> None: ...
