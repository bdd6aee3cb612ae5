"""The Store protocol: what ingest, the CLI and the API may ask of a store.

Two implementations: ``kb.store.embedded.EmbeddedStore`` (pyoxigraph on disk) and
``kb.store.remote.RemoteStore`` (any SPARQL 1.1 Query/Update + Graph Store Protocol server).
Query results are pyoxigraph result objects in both cases (``QuerySolutions``,
``QueryBoolean`` or ``QueryTriples``), so the API serialises them the same way whatever the
store.

Layout of the dataset: one named graph per report, plus ``graph/ontology``, ``graph/shapes``,
``graph/catalog`` and ``graph/meta`` (the store's own bookkeeping: a state token that changes
with every write, the time of the last write, and the content hash of the ontology, shapes and
catalog graphs). Queries run over the union of all named graphs unless a dataset is given.
Every write goes through one SPARQL Update request, so each write is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import IO, Any, Protocol

import pyoxigraph as ox


class StoreError(Exception):
    """A store could not do what was asked; the message is meant for the user."""


class Store(Protocol):
    #: a short description for messages ("embedded store at ./deploykb-data")
    description: str

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> Any:
        """Run a SPARQL query. With no dataset given, the default graph is the union of all graphs.

        Raises ``StoreError`` for a syntax error or a failure of the store.
        """

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL Update in one transaction (and mark the dataset as changed)."""

    def replace_graphs(
        self,
        graphs: dict[str, Iterable[ox.Triple]],
        drop: Iterable[str] = (),
        hashes: dict[str, str] | None = None,
    ) -> None:
        """Atomically drop ``drop`` and replace each named graph with the given triples.

        ``hashes`` records content hashes (``graph_hashes()``) of some graphs in the same
        transaction. One call is one transaction: batch many reports into one call.
        """

    def graph_exists(self, graph_iri: str) -> bool: ...

    def named_graphs(self) -> list[str]: ...

    def drop_graph(self, graph_iri: str) -> None: ...

    def dump(self, out: IO[bytes], fmt: str, graph_iri: str | None = None) -> None:
        """Stream the dataset (or one graph) to ``out`` in nt, nq, ttl, trig or jsonld.

        Triple formats (nt, ttl) of the whole dataset hold the union of all graphs.
        """

    def state(self) -> tuple[str, datetime | None]:
        """A token that changes with every write, and the time of the last write."""

    def graph_hashes(self) -> dict[str, str]:
        """Content hashes recorded by ``replace_graphs(..., hashes=...)``, by graph IRI."""

    def close(self) -> None: ...
