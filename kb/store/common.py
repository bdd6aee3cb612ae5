"""Pieces both stores share: the SPARQL Update text of a write, the bookkeeping in
``graph/meta``, and the dump formats. Pure functions, no I/O."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import pyoxigraph as ox

from kb.namespaces import DCTERMS, META_GRAPH, PREFIXES, SCHEMA
from kb.store.base import StoreError

META = f"<{META_GRAPH}>"
_VERSION = f"<{SCHEMA}version>"
_MODIFIED = f"<{DCTERMS}modified>"
_SHA256 = f"<{SCHEMA}sha256>"
_XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"

#: CLI/API format names -> pyoxigraph formats
FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def rdf_format(fmt: str) -> ox.RdfFormat:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise StoreError(
            f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}"
        ) from None


def iri(value: str) -> str:
    """``<value>`` after a sanity check (the value goes into SPARQL text)."""
    if not value or any(c in value for c in '<>"{}|^`\\ \n\t'):
        raise StoreError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    # str() of a pyoxigraph term is its N-Triples form, which is valid SPARQL DATA syntax
    return str(term)


def triples_text(triples: Iterable[ox.Triple]) -> str:
    return "\n".join(
        f"{_term(t.subject)} {_term(t.predicate)} {_term(t.object)} ." for t in triples
    )


def state_bump_text(now: datetime | None = None) -> str:
    """Update operations that give the dataset a fresh state token and modification time."""
    now = now or datetime.now(UTC)
    token = uuid.uuid4().hex
    stamp = now.isoformat(timespec="microseconds").replace("+00:00", "Z")
    return (
        f"DELETE WHERE {{ GRAPH {META} {{ {META} {_VERSION} ?v }} }} ;\n"
        f"DELETE WHERE {{ GRAPH {META} {{ {META} {_MODIFIED} ?m }} }} ;\n"
        f'INSERT DATA {{ GRAPH {META} {{ {META} {_VERSION} "{token}" ; '
        f'{_MODIFIED} "{stamp}"^^<{_XSD_DATETIME}> }} }}'
    )


def replace_text(
    graphs: dict[str, Iterable[ox.Triple]],
    drop: Iterable[str] = (),
    hashes: dict[str, str] | None = None,
    exists: Callable[[str], bool] | None = None,
) -> str:
    """One SPARQL Update request that drops, replaces and records hashes in one transaction.

    ``exists`` (when the caller can answer it cheaply) skips dropping graphs that are not
    there: a DROP costs about as much as inserting a small graph.
    """
    ops: list[str] = []
    for g in dict.fromkeys([*drop, *graphs]):
        quoted = iri(g)
        if exists is None or exists(g):
            ops.append(f"DROP SILENT GRAPH {quoted}")
    for g, sha in (hashes or {}).items():
        ops.append(f"DELETE WHERE {{ GRAPH {META} {{ {iri(g)} {_SHA256} ?h }} }}")
        ops.append(f'INSERT DATA {{ GRAPH {META} {{ {iri(g)} {_SHA256} "{sha}" }} }}')
    body = "\n".join(
        f"GRAPH {iri(g)} {{\n{text}\n}}"
        for g, triples in graphs.items()
        if (text := triples_text(triples))
    )
    if body:
        ops.append(f"INSERT DATA {{\n{body}\n}}")
    ops.append(state_bump_text())
    return " ;\n".join(ops)


STATE_QUERY = (
    f"SELECT ?v ?m WHERE {{ GRAPH {META} {{ OPTIONAL {{ {META} {_VERSION} ?v }} "
    f"OPTIONAL {{ {META} {_MODIFIED} ?m }} }} }}"
)
HASHES_QUERY = f"SELECT ?g ?h WHERE {{ GRAPH {META} {{ ?g {_SHA256} ?h }} }}"
GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def parse_state(solutions: Iterable[ox.QuerySolution]) -> tuple[str, datetime | None]:
    for row in solutions:
        v, m = row["v"], row["m"]
        if v is None:
            continue
        when = datetime.fromisoformat(m.value.replace("Z", "+00:00")) if m is not None else None
        return v.value, when
    return "empty", None


def parse_hashes(solutions: Iterable[ox.QuerySolution]) -> dict[str, str]:
    return {row["g"].value: row["h"].value for row in solutions}


#: prefixes used in Turtle/TriG dumps
DUMP_PREFIXES: dict[str, str] = dict(PREFIXES)
