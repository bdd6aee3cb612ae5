"""Terms and links: pyoxigraph values to page values, IRIs to local links and CURIEs,
and the two query helpers every UI module uses (``select`` and ``labels``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pyoxigraph as ox

from api.ui.tables import Cell
from kb.namespaces import (
    DKB,
    GRAPH,
    ID,
    PREFIXES,
    REPORT_GRAPH_PREFIX,
    sparql_prefixes,
)

ID_BASE = str(ID)
GRAPH_BASE = str(GRAPH)
DKB_BASE = str(DKB)
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedInt",
    )
}
#: characters that may not appear inside a SPARQL IRIREF
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_WKT_POINT = re.compile(
    r"^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)\s*$", re.IGNORECASE
)
LABEL_PREDICATES = "rdfs:label|skos:prefLabel|schema:headline"


def is_safe_iri(iri: str) -> bool:
    return bool(iri) and not _BAD_IRI_CHARS.search(iri)


def local_href(iri: str) -> str:
    """Where the UI links an IRI: our resource pages for data IRIs, the ontology page for
    vocabulary terms, the IRI itself otherwise."""
    if iri.startswith(ID_BASE):
        return "/id/" + iri[len(ID_BASE) :]
    if iri.startswith(REPORT_GRAPH_PREFIX):  # a report's graph: its report's page
        return "/id/report/" + iri[len(REPORT_GRAPH_PREFIX) :]
    if iri.startswith(DKB_BASE):
        return "/ontology#" + iri[len(DKB_BASE) :]
    return iri


def curie(iri: str) -> str:
    if iri.startswith(REPORT_GRAPH_PREFIX):
        return "report graph " + iri[len(REPORT_GRAPH_PREFIX) :][:10]
    if iri.startswith(GRAPH_BASE):
        return iri[len(GRAPH_BASE) :] + " graph"
    best = ""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]) :]}"
    return iri


def py_value(term: Any) -> Any:
    """A pyoxigraph term as a Python value (IRIs as strings, typed literals converted)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt == XSD + "decimal" or dt == XSD + "double" or dt == XSD + "float":
                return float(term.value)
            if dt == XSD + "date":
                return date.fromisoformat(term.value[:10])
        except ValueError:
            return term.value
        return term.value
    return term.value


def select(store: Any, body: str) -> list[dict[str, Any]]:
    """Run a SELECT (our prefixes prepended) and return rows of raw pyoxigraph terms."""
    results = store.query(sparql_prefixes() + body)
    names = [v.value for v in results.variables]
    return [{n: sol[n] for n in names} for sol in results]


def labels(store: Any, iris: set[str]) -> dict[str, str]:
    """Best label for each IRI: English or untagged rdfs:label, skos:prefLabel or headline."""
    wanted = sorted(i for i in iris if is_safe_iri(i))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        values = " ".join(f"<{i}>" for i in chunk)
        rows = select(
            store,
            f"""SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{
  VALUES ?x {{ {values} }}
  ?x {LABEL_PREDICATES} ?l .
  FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en"))
}} GROUP BY ?x""",
        )
        for row in rows:
            if row["label"] is not None:
                out[row["x"].value] = row["label"].value
    return out


def resource_cell(iri: str | None, label: str | None = None) -> Cell:
    if iri is None:
        return Cell(None)
    href: str | None = local_href(iri)
    if href.startswith(GRAPH_BASE) or not href.startswith(
        ("/", "http://", "https://")
    ):  # other graphs have no page of their own
        href = None
    return Cell(iri, label or curie(iri), href)


def parse_wkt_point(wkt: str) -> tuple[float, float] | None:
    """(lon, lat) of a WKT POINT, optionally with a leading CRS IRI; None otherwise."""
    m = _WKT_POINT.match(wkt)
    if not m:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat
