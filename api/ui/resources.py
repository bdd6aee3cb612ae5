"""What a resource page shows and serves: its tables (properties, parts, links to it, its
claims) and its RDF (DESCRIBE-like, with only the prefixes it uses)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from api.ui import claims, conneg
from api.ui.description import Description, Statement
from api.ui.tables import Cell, Table
from api.ui.terms import curie, labels, py_value, resource_cell
from kb.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    text = (
        " ".join(
            v.value
            for t in triples
            for v in (t.subject, t.predicate, t.object)
            if isinstance(v, ox.NamedNode)
        )
        + " "
        + " ".join(
            t.object.datatype.value
            for t in triples
            if isinstance(t.object, ox.Literal) and t.object.datatype
        )
    )
    return {p: iri for p, iri in PREFIXES.items() if iri in text}


def serialize(d: Description, rep: conneg.Representation) -> bytes:
    """The resource's triples (DESCRIBE-like) in an RDF representation."""
    triples = d.triples()
    return ox.serialize(triples, format=_RDF_FORMATS[rep.key], prefixes=used_prefixes(triples))


#: resource class -> (claims of such a resource, table title, /claims filter)
CLAIM_LISTS = [
    ("Report", claims.report_claims, "Claims from this report", None),
    ("Actor", claims.actor_claims, "Claims about this actor", "actor"),
    ("EquipmentType", claims.equipment_claims, "Claims about this type of equipment", "asset"),
]


def claims_listing(
    store: Any, records: list[dict], title: str, filter_key: str | None, d: Description
) -> Table:
    table = claims.claims_table(store, records, "claims", title)
    if len(records) >= claims.RESOURCE_CLAIMS_LIMIT:
        table.note = f"Only the first {len(records)} claims are listed here."
        base = claims.CLAIM_FILTERS.get(filter_key or "")
        if base and d.iri.startswith(base):
            table.note_href = f"/claims?{filter_key}={d.iri[len(base) :]}"
    return table


def property_order(st: Statement) -> tuple[int, str]:
    return (0 if st.predicate == RDF_TYPE else 1, curie(st.predicate))


def resource_tables(store: Any, d: Description) -> list[Table]:
    """Properties of the resource, of its parts (quantity, geometry, spans), and links to it."""
    iris = {d.iri, *d.dependents}
    for st in [*d.statements, *d.incoming, *(s for v in d.dependents.values() for s in v)]:
        if isinstance(st.obj, ox.NamedNode):
            iris.add(st.obj.value)
    names = labels(store, iris)

    def value_cell(term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            return resource_cell(term.value, names.get(term.value))
        return Cell(py_value(term), term.value)

    def property_cell(iri: str) -> Cell:
        return resource_cell(iri, curie(iri))

    props = Table(
        "properties",
        "Properties",
        ["property", "value", "graph"],
        link_columns=("property", "value", "graph"),
    )
    for st in sorted(d.statements, key=property_order):
        props.add(
            property=property_cell(st.predicate),
            value=value_cell(st.obj),
            graph=resource_cell(st.graph),
        )
    parts = Table(
        "parts",
        "Its parts: quantity, geometry, evidence spans and selectors",
        ["part", "property", "value"],
        link_columns=("part", "property", "value"),
    )
    for subject, sts in d.dependents.items():
        short = subject[len(d.iri) :] if subject.startswith(d.iri) else curie(subject)
        for st in sorted(sts, key=property_order):
            parts.add(
                part=resource_cell(subject, short),
                property=property_cell(st.predicate),
                value=value_cell(st.obj),
            )
    incoming = Table(
        "incoming",
        "Links to this resource",
        ["subject", "property", "graph"],
        link_columns=("subject", "property", "graph"),
    )
    for st in d.incoming:
        incoming.add(
            subject=value_cell(st.obj),
            property=property_cell(st.predicate),
            graph=resource_cell(st.graph),
        )
    return [props, parts, incoming]
