"""A minimal ``kb.store.base.Store`` over a pyoxigraph Store, and how to reach the pyoxigraph
store behind any store object (needed to take the read-only snapshots the query workers use).

Used by the query worker processes, which open snapshots read-only (a snapshot has no
``graph/meta`` bookkeeping to maintain, unlike ``kb.store.embedded.EmbeddedStore``), and by tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

import pyoxigraph as ox

_DUMP_FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class PyoxigraphStore:
    def __init__(self, store: ox.Store):
        self.ox = store

    @classmethod
    def open(cls, path: str | None = None, read_only: bool = False) -> PyoxigraphStore:
        if read_only:
            return cls(ox.Store.read_only(str(path)))
        return cls(ox.Store(str(path)) if path else ox.Store())

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        base_iri: str | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        elif union_default_graph:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self.ox.query(sparql, **kwargs)

    def update(self, sparql_update: str) -> None:
        self.ox.update(sparql_update)

    def replace_graphs(
        self, graphs: dict[str, Iterable[ox.Triple]], drop: Iterable[str] = ()
    ) -> None:
        quads = []
        for g, triples in graphs.items():
            node = ox.NamedNode(g)
            quads.extend(ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
        for g in [*drop, *graphs]:
            if self.graph_exists(g):
                self.ox.remove_graph(ox.NamedNode(g))
        self.ox.extend(quads)

    def graph_exists(self, graph_iri: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(graph_iri))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def drop_graph(self, graph_iri: str) -> None:
        if self.graph_exists(graph_iri):
            self.ox.remove_graph(ox.NamedNode(graph_iri))

    def dump(self, out: IO[bytes], fmt: str, graph_iri: str | None = None) -> None:
        rdf_format = _DUMP_FORMATS[fmt]
        if graph_iri is not None:
            self.ox.dump(out, rdf_format, from_graph=ox.NamedNode(graph_iri))
        elif rdf_format.supports_datasets:
            self.ox.dump(out, rdf_format)
        else:
            # a triples format for the whole dataset: the union of every graph
            ox.serialize(
                (q.triple for q in self.ox.quads_for_pattern(None, None, None)), out, rdf_format
            )

    def close(self) -> None:
        self.ox.flush()


def find_pyoxigraph(store: Any) -> ox.Store | None:
    """The pyoxigraph Store inside ``store`` (for snapshots), or None for a remote store."""
    if isinstance(store, ox.Store):
        return store
    for attr in ("raw", "ox", "ox_store", "_store", "store", "_ox", "_db", "db"):
        inner = getattr(store, attr, None)
        if isinstance(inner, ox.Store):
            return inner
    return None
