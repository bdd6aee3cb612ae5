"""Small builders shared by the store tests (hand-built graphs, quad sets)."""

from __future__ import annotations

import pyoxigraph as ox

from kb.namespaces import META_GRAPH

EX = "http://example.org/"


def triple(s: str, p: str, o: str | int) -> ox.Triple:
    obj = (
        ox.Literal(str(o))
        if isinstance(o, str)
        else ox.Literal(str(o), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    )
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj)


def content_quads(store) -> set[str]:
    """Every quad of the store except the bookkeeping graph, as N-Quads lines."""
    rows = store.query(
        "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union_default_graph=False
    )
    return {f"{r['s']} {r['p']} {r['o']} {r['g']}" for r in rows if r["g"].value != str(META_GRAPH)}
