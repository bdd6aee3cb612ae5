"""The SPARQL the UI runs, and the small conversions from pyoxigraph terms to page values.

Every function takes a ``kb.store.base.Store`` (its ``query`` returns pyoxigraph results over
the union of the named graphs) and returns plain Python values or :class:`Table` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox

from api.ui.tables import Cell, Table
from api.ui.timeline import Estimate
from kb.namespaces import (
    ACTOR,
    DKB,
    EQUIPMENT,
    GRAPH,
    ID,
    PLACE,
    PREFIXES,
    REPORT_GRAPH_PREFIX,
    sparql_prefixes,
)
from kb.store.base import StoreError

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
        href = f"/claims?{filter_key}={slug}" if slug and _SLUG.match(slug) else None
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


# --- claims at a place, and their timeline ---------------------------------------------------

CLAIM_COLUMNS = [
    "claim",
    "date",
    "actor",
    "asset",
    "quantity",
    "stated_as",
    "status",
    "place",
    "superseded_by",
    "according_to",
    "report",
]


#: claims listed on one resource page (the full list is on /claims with a filter)
RESOURCE_CLAIMS_LIMIT = 500


def claims(store: Any, where: str = "", limit: int | None = None, offset: int = 0) -> list[dict]:
    """Claims with everything a table row needs; ``where`` adds graph patterns on ``?c``
    (``?asset`` is bound too). Oldest report first; superseded estimates before the estimate
    that replaced them.

    Two queries: the page of claim IRIs, then their details. The page is sorted on one
    string key (date, then IRI): in Oxigraph 0.5 that is several times faster than sorting
    on a typed date or on two keys.
    """
    if limit is None:
        limit = RESOURCE_CLAIMS_LIMIT
    ids = select(
        store,
        f"""SELECT ?c WHERE {{
  {where}
  ?c dkb:reportedOn ?reported ; dkb:asset ?asset .
}} ORDER BY (CONCAT(STR(?reported), " ", STR(?c))) LIMIT {int(limit)} OFFSET {int(offset)}""",
    )
    iris = list(dict.fromkeys(r["c"].value for r in ids))
    if not iris:
        return []
    values = " ".join(f"<{i}>" for i in iris)
    rows = select(
        store,
        f"""SELECT ?c ?actor ?asset ?place ?status ?reported ?validAt ?validBefore ?value ?min
       ?max ?statedAs ?qualifier ?supersededBy ?report ?said WHERE {{
  VALUES ?c {{ {values} }}
  ?c dkb:asset ?asset .
  OPTIONAL {{ ?c dkb:actor ?actor }}
  OPTIONAL {{ ?c dkb:location ?place }}
  OPTIONAL {{ ?c dkb:status ?status }}
  OPTIONAL {{ ?c dkb:reportedOn ?reported }}
  OPTIONAL {{ ?c dkb:validAt ?validAt }}
  OPTIONAL {{ ?c dkb:validBefore ?validBefore }}
  OPTIONAL {{ ?c dkb:supersededBy ?supersededBy }}
  OPTIONAL {{ ?c dkb:source ?report }}
  OPTIONAL {{ ?c prov:wasAttributedTo/rdfs:label ?said }}
  OPTIONAL {{ ?c dkb:quantity ?q .
    OPTIONAL {{ ?q schema:value ?value }} OPTIONAL {{ ?q schema:minValue ?min }}
    OPTIONAL {{ ?q schema:maxValue ?max }} OPTIONAL {{ ?q dkb:statedAs ?statedAs }}
    OPTIONAL {{ ?q dkb:qualifier ?qualifier }} }}
}}""",
    )
    records: dict[str, dict] = {}
    for r in rows:
        rec = {k: py_value(v) for k, v in r.items()}
        rec["when"] = rec["validAt"] or rec["validBefore"] or rec["reported"]
        rec["number"] = next((rec[k] for k in ("value", "max", "min") if rec[k] is not None), None)
        # one row per claim; a claim with several sources gets them all
        kept = records.setdefault(rec["c"], {**rec, "sources": []})
        if rec["said"] and rec["said"] not in kept["sources"]:
            kept["sources"].append(rec["said"])

    def order(rec: dict) -> tuple:
        reported = rec["reported"].isoformat() if rec["reported"] else ""
        when = rec["when"].isoformat() if rec["when"] else ""
        return (reported, when, 0 if rec["supersededBy"] else 1, rec["c"])

    return sorted(records.values(), key=order)


def quantity_text(rec: dict) -> str:
    qual = (rec.get("qualifier") or "").rsplit("#", 1)[-1]
    lo, hi, value = rec.get("min"), rec.get("max"), rec.get("value")
    if qual == "Range" and lo is not None and hi is not None:
        return f"{lo}–{hi}"
    if qual == "AtLeast" and (lo is not None or value is not None):
        return f"≥ {lo if lo is not None else value}"
    if qual == "AtMost" and hi is not None:
        return f"≤ {hi}"
    if qual == "Approximate" and value is not None:
        return f"≈ {value}"
    if value is not None:
        return str(value)
    return rec.get("statedAs") or ""


def claims_table(store: Any, records: list[dict], name: str = "claims", title: str = "Claims"):
    iris = set()
    for rec in records:
        for key in ("actor", "asset", "place", "status", "report"):
            if rec.get(key):
                iris.add(rec[key])
    names = labels(store, iris)
    table = Table(
        name,
        title,
        CLAIM_COLUMNS,
        link_columns=("claim", "actor", "asset", "status", "place", "superseded_by", "report"),
    )
    for rec in records:

        def cell(key: str, rec: dict = rec) -> Cell:
            iri = rec.get(key)
            return resource_cell(iri, names.get(iri)) if iri else Cell(None)

        claim_iri = rec["c"]
        table.add(
            claim=Cell(claim_iri, claim_iri.rsplit("/", 1)[-1][:10], local_href(claim_iri)),
            date=Cell(rec["when"].isoformat() if rec["when"] else None),
            actor=cell("actor"),
            asset=cell("asset"),
            quantity=Cell(rec["number"], quantity_text(rec)),
            stated_as=Cell(rec.get("statedAs")),
            status=cell("status"),
            place=cell("place"),
            superseded_by=Cell(
                rec["supersededBy"],
                rec["supersededBy"].rsplit("/", 1)[-1][:10] if rec["supersededBy"] else None,
                local_href(rec["supersededBy"]) if rec["supersededBy"] else None,
            ),
            according_to=Cell("; ".join(rec.get("sources") or []) or None),
            report=cell("report"),
        )
    return table


def claim_record(store: Any, claim_iri: str) -> dict | None:
    records = claims(store, f"FILTER(?c = <{claim_iri}>)")
    return records[0] if records else None


def report_claims(store: Any, report_iri: str) -> list[dict]:
    return claims(store, f"?c dkb:source <{report_iri}> .")


def actor_claims(store: Any, actor_iri: str) -> list[dict]:
    return claims(store, f"?c dkb:actor <{actor_iri}> .")


def equipment_claims(store: Any, concept_iri: str) -> list[dict]:
    """Claims about the equipment type or any narrower type."""
    return claims(store, f"?asset skos:broader* <{concept_iri}> .")


def _place_pattern(store: Any, place_iri: str) -> str:
    """Claims at the place or at a place within or near it (transitively), as a pattern. The
    places are resolved first and given as VALUES: far faster than a path in the claim query."""
    rows = select(
        store, f"SELECT DISTINCT ?loc WHERE {{ ?loc (geo:sfWithin|dkb:near)* <{place_iri}> }}"
    )
    places = " ".join(f"<{r['loc'].value}>" for r in rows if is_safe_iri(r["loc"].value))
    return f"VALUES ?loc {{ {places} }} ?c dkb:location ?loc ."


def place_claims(store: Any, place_iri: str) -> list[dict]:
    return claims(store, _place_pattern(store, place_iri))


#: /claims filters: parameter -> (IRI base of its slug)
CLAIM_FILTERS = {
    "actor": str(ACTOR),
    "asset": str(EQUIPMENT),
    "place": str(PLACE),
    "status": DKB_BASE,
}
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")


class BadFilter(ValueError):
    """A /claims filter value that is not a catalog slug."""


def filter_pattern(store: Any, filters: dict[str, str]) -> str:
    """Graph patterns for /claims filters given as catalog slugs (``actor=russia``,
    ``asset=Tank`` with narrower types, ``place=syria`` with places within or near it,
    ``status=deployed``)."""
    parts = []
    for key, slug in filters.items():
        if not _SLUG.match(slug):
            raise BadFilter(f"{key}={slug!r} is not a catalog id (letters, digits, - _ .)")
        if key == "status":
            slug = slug.capitalize()
        iri = CLAIM_FILTERS[key] + slug
        if key == "actor":
            parts.append(f"?c dkb:actor <{iri}> .")
        elif key == "asset":
            parts.append(f"?asset skos:broader* <{iri}> .")
        elif key == "place":
            parts.append(_place_pattern(store, iri))
        else:
            parts.append(f"?c dkb:status <{iri}> .")
    return "\n".join(parts)


def estimates(store: Any, records: list[dict]) -> list[Estimate]:
    names = labels(store, {r["asset"] for r in records if r.get("asset")})
    out = []
    for rec in records:
        if rec["number"] is None or rec["when"] is None:
            continue
        out.append(
            Estimate(
                series=names.get(rec["asset"], curie(rec["asset"])),
                when=rec["when"],
                value=int(rec["number"]),
                stated_as=rec.get("statedAs") or quantity_text(rec),
                superseded=rec.get("supersededBy") is not None,
                href=local_href(rec["c"]),
            )
        )
    return out


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
