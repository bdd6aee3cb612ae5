"""A resource as the UI describes it: its statements, its parts (quantity, geometry,
evidence spans), the links to it, and a claim's evidence sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from api.ui.terms import (
    py_value,
    select,
)
from kb.namespaces import (
    sparql_prefixes,
)

# --- resource descriptions -------------------------------------------------------------------


@dataclass
class Statement:
    predicate: str
    obj: Any  # pyoxigraph term
    graph: str | None


@dataclass
class Description:
    iri: str
    statements: list[Statement]
    dependents: dict[str, list[Statement]]
    incoming: list[Statement]  # obj is the subject IRI linking here

    @property
    def exists(self) -> bool:
        return bool(self.statements or self.dependents or self.incoming)

    def graphs(self) -> list[str]:
        return sorted({s.graph for s in self.statements if s.graph})

    def triples(self) -> list[ox.Triple]:
        """The triples about the resource and its dependent nodes (DESCRIBE-like)."""
        seen: set[ox.Triple] = set()
        out = []
        subjects = [(self.iri, self.statements), *self.dependents.items()]
        for subject, statements in subjects:
            for st in statements:
                t = ox.Triple(ox.NamedNode(subject), ox.NamedNode(st.predicate), st.obj)
                if t not in seen:
                    seen.add(t)
                    out.append(t)
        return out


def _statements(store: Any, iri: str) -> list[Statement]:
    rows = select(store, f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
    if not rows:  # a store without named graphs: fall back to the default graph
        rows = select(store, f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
    return [
        Statement(r["p"].value, r["o"], r["g"].value if r.get("g") is not None else None)
        for r in rows
    ]


def _is_dependent(obj: Any, parent: str) -> bool:
    """Nodes that exist only as part of the parent: its quantity, geometry, evidence spans and
    their selectors (IRIs minted from the parent's, or RFC 5147 ``#char=`` spans)."""
    if not isinstance(obj, ox.NamedNode):
        return False
    value = obj.value
    return value != parent and (
        value.startswith(parent + "/") or value.startswith(parent + "-") or "#char=" in value
    )


def describe(store: Any, iri: str, max_incoming: int = 500) -> Description:
    statements = _statements(store, iri)
    dependents: dict[str, list[Statement]] = {}
    frontier = [(iri, statements)]
    for _depth in range(3):
        nxt = []
        for parent, sts in frontier:
            for st in sts:
                child = st.obj.value if isinstance(st.obj, ox.NamedNode) else None
                if child and child not in dependents and _is_dependent(st.obj, parent):
                    dependents[child] = _statements(store, child)
                    nxt.append((child, dependents[child]))
        frontier = nxt
    # hash IRIs (<report>#char=s,e evidence spans) are dereferenced through their document
    for subject, st in _fragment_statements(store, iri):
        dependents.setdefault(subject, []).append(st)
    rows = select(
        store,
        f"""SELECT DISTINCT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} }}
ORDER BY ?p ?s LIMIT {int(max_incoming)}""",
    )
    incoming = [Statement(r["p"].value, r["s"], r["g"].value) for r in rows]
    return Description(iri, statements, dependents, incoming)


def _fragment_statements(store: Any, iri: str) -> list[tuple[str, Statement]]:
    """Statements about ``<iri>#…`` nodes that point at the resource, and their selectors."""
    prefix = iri + "#"
    rows = select(
        store,
        f"""SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{
  ?frag ?link <{iri}> . FILTER(STRSTARTS(STR(?frag), "{prefix}"))
  {{ BIND(?frag AS ?s) ?s ?p ?o }} UNION {{ ?frag oa:hasSelector ?s . ?s ?p ?o }}
}} }} ORDER BY ?s ?p""",
    )
    return [(r["s"].value, Statement(r["p"].value, r["o"], r["g"].value)) for r in rows]


@dataclass(frozen=True)
class Evidence:
    before: str
    mention: str
    after: str
    report: str | None
    start: int | None
    end: int | None


def _span_text(store: Any, span: str) -> tuple[str | None, int | None, int | None, str | None]:
    rows = select(
        store,
        f"""SELECT ?exact ?start ?end ?source WHERE {{
  OPTIONAL {{ <{span}> oa:hasSelector ?q . ?q oa:exact ?exact }}
  OPTIONAL {{ <{span}> oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }}
  OPTIONAL {{ <{span}> oa:hasSource ?source }}
}} LIMIT 1""",
    )
    if not rows:
        return None, None, None, None
    r = rows[0]
    return (
        py_value(r["exact"]),
        py_value(r["start"]),
        py_value(r["end"]),
        py_value(r["source"]),
    )


def claim_evidence(store: Any, claim_iri: str) -> list[Evidence]:
    """Each evidence sentence of a claim, split around the asset mention when it falls inside."""
    rows = select(
        store,
        f"""SELECT ?span ?mention WHERE {{
  <{claim_iri}> dkb:evidence ?span . OPTIONAL {{ <{claim_iri}> dkb:assetMention ?mention }}
}} ORDER BY ?span""",
    )
    out = []
    mention = rows[0]["mention"].value if rows and rows[0]["mention"] is not None else None
    m_text, m_start, m_end, _ = _span_text(store, mention) if mention else (None, None, None, None)
    for r in rows:
        text, start, end, report = _span_text(store, r["span"].value)
        if text is None:
            continue
        before, hit, after = text, "", ""
        if (
            m_text
            and isinstance(start, int)
            and isinstance(m_start, int)
            and isinstance(m_end, int)
            and start <= m_start
            and m_end <= start + len(text)
            and text[m_start - start : m_end - start] == m_text
        ):
            a, b = m_start - start, m_end - start
            before, hit, after = text[:a], text[a:b], text[b:]
        elif m_text and m_text in text:
            a = text.index(m_text)
            before, hit, after = text[:a], m_text, text[a + len(m_text) :]
        out.append(Evidence(before, hit, after, report, start, end))
    return out


def is_place(store: Any, iri: str) -> bool:
    return bool(store.query(sparql_prefixes() + f"ASK {{ <{iri}> a dkb:Place }}"))
