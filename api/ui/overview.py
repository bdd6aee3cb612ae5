"""What the KB holds: the home page summary (counts, grouped tables, last write) and the
places on the map."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.ui.claims import CLAIM_FILTERS, SLUG
from api.ui.tables import Cell, Table
from api.ui.terms import (
    labels,
    parse_wkt_point,
    py_value,
    resource_cell,
    select,
)
from kb.store.base import StoreError

# --- home page -------------------------------------------------------------------------------


@dataclass
class Summary:
    reports: int = 0
    claims: int = 0
    graphs: int = 0
    latest_published: date | None = None
    last_ingest: str | None = None
    tables: list[Table] = field(default_factory=list)


def _count(store: Any, body: str) -> int:
    rows = select(store, body)
    return int(py_value(rows[0]["n"]) or 0) if rows else 0


def summary(store: Any) -> Summary:
    s = Summary()
    s.reports = _count(store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a dkb:Report }")
    s.claims = _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a dkb:DeploymentClaim }")
    s.graphs = _count(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { } }")
    rows = select(
        store, "SELECT (MAX(?d) AS ?last) WHERE { ?r a dkb:Report ; schema:datePublished ?d }"
    )
    if rows and rows[0]["last"] is not None:
        value = py_value(rows[0]["last"])
        s.latest_published = value if isinstance(value, date) else None
    rows = select(
        store,
        """SELECT (MAX(STR(?t)) AS ?last) WHERE {
  ?run a dkb:ExtractionRun ; prov:endedAtTime|prov:startedAtTime|prov:generatedAtTime ?t }""",
    )
    if rows and rows[0]["last"] is not None:
        s.last_ingest = rows[0]["last"].value
    s.last_ingest = last_write(store) or s.last_ingest
    s.tables = [claims_by_category(store), claims_by_actor(store), claims_by_place(store)]
    return s


def last_write(store: Any) -> str | None:
    """When deploykb last wrote to the store (kb.store stores keep a state token), in UTC."""
    state = getattr(store, "state", None)
    if state is None:
        return None
    try:
        when = state()[1]
    except (StoreError, OSError, ValueError):  # cannot tell: the page leaves the line out
        return None
    return when.strftime("%Y-%m-%d %H:%M UTC") if when else None


def _grouped(store: Any, name: str, title: str, column: str, body: str, filter_key: str) -> Table:
    """A two-column table (resource, claim count) from a query binding ?x and ?n; each count
    links to the filtered claim list."""
    rows = select(store, body + " ORDER BY DESC(?n) STR(?x)")
    names = labels(store, {r["x"].value for r in rows})
    table = Table(name, title, [column, "claims"], link_columns=(column,))
    base = CLAIM_FILTERS[filter_key]
    for r in rows:
        iri, n = r["x"].value, py_value(r["n"])
        slug = iri[len(base) :] if iri.startswith(base) else None
        href = f"/claims?{filter_key}={slug}" if slug and SLUG.match(slug) else None
        table.add(**{column: resource_cell(iri, names.get(iri)), "claims": Cell(n, None, href)})
    return table


# The contract gives a claim exactly one asset and at most one actor and location, so counting
# solutions counts claims; grouping by asset first keeps the category query fast.


def claims_by_category(store: Any) -> Table:
    return _grouped(
        store,
        "by-category",
        "Claims by category",
        "category",
        """SELECT ?x (SUM(?k) AS ?n) WHERE {
  { SELECT ?a (COUNT(?c) AS ?k) WHERE { ?c dkb:asset ?a } GROUP BY ?a }
  ?a skos:broader* ?x . ?x skos:topConceptOf ?scheme .
} GROUP BY ?x""",
        "asset",
    )


def claims_by_actor(store: Any) -> Table:
    return _grouped(
        store,
        "by-actor",
        "Claims by actor",
        "actor",
        "SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c dkb:actor ?x } GROUP BY ?x",
        "actor",
    )


def claims_by_place(store: Any) -> Table:
    return _grouped(
        store,
        "by-place",
        "Claims by place",
        "place",
        "SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c dkb:location ?x } GROUP BY ?x",
        "place",
    )


# --- map -------------------------------------------------------------------------------------


def map_places(store: Any) -> Table:
    """Places that have claims and a WKT point, with their claim counts."""
    rows = select(
        store,
        """SELECT ?place (SAMPLE(?wkt) AS ?point) ?n WHERE {
  { SELECT ?place (COUNT(?c) AS ?n) WHERE { ?c dkb:location ?place } GROUP BY ?place }
  ?place geo:hasGeometry/geo:asWKT ?wkt .
} GROUP BY ?place ?n ORDER BY DESC(?n) STR(?place)""",
    )
    names = labels(store, {r["place"].value for r in rows})
    table = Table(
        "places",
        "Places with claims",
        ["place", "claims", "latitude", "longitude"],
        link_columns=("place",),
    )
    for r in rows:
        point = parse_wkt_point(r["point"].value) if r["point"] is not None else None
        if point is None:
            continue
        iri = r["place"].value
        table.add(
            place=resource_cell(iri, names.get(iri)),
            claims=py_value(r["n"]),
            latitude=point[1],
            longitude=point[0],
        )
    return table


def map_geojson(table: Table) -> dict[str, Any]:
    features = []
    for row in table.rows:
        place = row["place"]
        features.append(
            {
                "type": "Feature",
                "id": place.value,
                "geometry": {
                    "type": "Point",
                    "coordinates": [row["longitude"].value, row["latitude"].value],
                },
                "properties": {
                    "iri": place.value,
                    "label": place.text,
                    "claims": row["claims"].value,
                    "url": place.href,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
