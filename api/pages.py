"""Blueprint 'pages': the web UI (home, query editor, resource pages, map, claims, downloads).

The SPARQL the pages run and the tables they show are in ``api/ui/`` (terms, overview, claims,
description, resources, results); tables, content negotiation, the timeline and the
competency questions are small pure modules there too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, render_template, request
from markupsafe import Markup

import ontology
from api.ui import claims as claim_data
from api.ui import competency, conneg, description, overview, resources, terms
from api.ui.results import result_table
from api.ui.tables import BadFormat, Table, check_download_format, pick_table
from api.ui.timeline import render_svg
from kb.store.base import StoreError

bp = Blueprint("pages", __name__)

CLAIMS_PAGE_SIZE = 100
COMPETENCY_MAX_ROWS = 1000
DUMP_FORMATS = [
    ("nt", "N-Triples"),
    ("nq", "N-Quads"),
    ("ttl", "Turtle"),
    ("trig", "TriG"),
    ("jsonld", "JSON-LD"),
]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# --- helpers ---------------------------------------------------------------------------------


def _store() -> Any:
    store = current_app.extensions.get("deploykb.store")
    if store is None:
        abort(503, description="no store is configured for this server")
    return store


def _error(status: int, message: str) -> Response:
    """A one-line error: HTML for browsers, plain text for everything else."""
    if request.accept_mimetypes.accept_html and "text/html" in (
        request.headers.get("Accept") or ""
    ):
        body = render_template("error.html", status=status, message=message)
        return Response(body, status=status, mimetype="text/html")
    return Response(message + "\n", status=status, mimetype="text/plain")


def _cached(key: str, compute: Any) -> Any:
    """``compute()``, remembered until the store's state token changes (kb.store stores keep
    one; other stores are not cached)."""
    store = _store()
    state = getattr(store, "state", None)
    if state is None:
        return compute()
    try:
        token = state()[0]
    except (StoreError, OSError, ValueError):
        return compute()
    cache = current_app.extensions.setdefault("deploykb.ui.cache", {})
    hit = cache.get(key)
    if hit is not None and hit[0] == token:
        return hit[1]
    value = compute()
    cache[key] = (token, value)
    return value


def download_links(table: Table, base: str | None = None) -> dict[str, str]:
    """CSV and JSON links of a table on the current page, keeping the page's own parameters."""
    args = {k: v for k, v in request.args.items() if not k.startswith("_") and k != "format"}
    links = {}
    for fmt in ("csv", "json"):
        params = {**args, "_table": table.name, "_format": fmt}
        links[fmt] = f"{base or request.path}?{urlencode(params)}"
    return links


def table_download(tables: list[Table], fmt: str | None) -> Response | None:
    """The download the request asks for (``?_format=`` / suffix), or None to render HTML."""
    fmt = fmt or request.args.get("_format")
    if not fmt:
        return None
    try:
        check_download_format(fmt)
    except BadFormat as exc:
        return _error(400, str(exc))
    name = request.args.get("_table")
    table = pick_table(tables, name)
    if table is None:
        return _error(404, f"no table named {name!r} on this page")
    if fmt == "csv":
        resp = Response(table.to_csv(), mimetype="text/csv")
    else:
        resp = Response(table.to_json(), mimetype="application/json")
    resp.headers["Content-Disposition"] = f'inline; filename="{table.name}.{fmt}"'
    return resp


def _split_suffix(name: str, allowed: tuple[str, ...]) -> tuple[str, str | None]:
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix in allowed:
        return stem, suffix
    return name, None


@bp.app_template_global()
def link(cell: Any) -> Markup:
    """A table cell as HTML: a link when it has one."""
    from markupsafe import escape

    if cell is None:
        return Markup("")
    if cell.href:
        return Markup(f'<a href="{escape(cell.href)}">{escape(cell.text)}</a>')
    return Markup(escape(cell.text))


@bp.app_template_global()
def downloads(table: Table) -> dict[str, str]:
    return download_links(table)


#: UI pages load nothing from other hosts; the policy makes the browser enforce it.
#: Inline styles are allowed because CodeMirror (YASGUI) and Leaflet position with them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)


@bp.after_request
def _security_headers(resp: Response) -> Response:
    if resp.mimetype == "text/html":
        resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@bp.errorhandler(503)
def _unavailable(exc: Any) -> Response:
    return _error(503, getattr(exc, "description", "service unavailable"))


# --- home ------------------------------------------------------------------------------------


@bp.get("/")
def home() -> Any:
    summary = _cached("summary", lambda: overview.summary(_store()))
    download = table_download(summary.tables, None)
    if download is not None:
        return download
    return render_template("home.html", summary=summary, dump_formats=DUMP_FORMATS)


# --- query page and competency questions -----------------------------------------------------


def _competency_queries() -> list[competency.CompetencyQuery]:
    configured = current_app.config.get("COMPETENCY_QUERIES_DIR")
    paths = sorted(Path(configured).glob("*.rq")) if configured else ontology.query_files()
    return competency.load(paths)


#: the editor's first tab: claims with readable labels
DEFAULT_QUERY = """PREFIX dkb: <https://w3id.org/deploykb/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

# The 25 most recently reported claims, with what, how many, where and who
SELECT ?claim ?reportedOn ?actor ?asset ?statedAs ?place WHERE {
  ?claim a dkb:DeploymentClaim ; dkb:reportedOn ?reportedOn ;
         dkb:asset/skos:prefLabel ?asset .
  OPTIONAL { ?claim dkb:actor/rdfs:label ?actor }
  OPTIONAL { ?claim dkb:quantity/dkb:statedAs ?statedAs }
  OPTIONAL { ?claim dkb:location/rdfs:label ?place }
}
ORDER BY DESC(?reportedOn)
LIMIT 25
"""


def _script_json(value: Any) -> Markup:
    """JSON safe to embed in a <script type="application/json"> element."""
    return Markup(json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e"))


@bp.get("/query")
def query_page() -> Any:
    queries = _competency_queries()
    examples = [{"name": q.name, "title": q.title, "query": q.text} for q in queries]
    return render_template(
        "query.html",
        queries=queries,
        examples_json=_script_json(examples),
        default_query_json=_script_json(DEFAULT_QUERY),
    )


def _run_bounded(text: str) -> tuple[Any, bool]:
    """Run a competency question through the endpoint's executor, so the endpoint's time
    limit applies; returns pyoxigraph results and whether the row cap cut them short."""
    from api.execute import QueryJob

    executor = current_app.extensions.get("deploykb.executor")
    if executor is None:
        return _store().query(text), False
    job = QueryJob(
        sparql=text,
        default_graph=None,
        named_graphs=None,
        results_format="json",
        graph_format="ntriples",
        max_rows=COMPETENCY_MAX_ROWS,
    )
    answer = executor.run(job)
    if answer.media_type == "application/n-triples":
        return list(ox.parse(answer.body, ox.RdfFormat.N_TRIPLES)), answer.truncated
    return ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON), answer.truncated


@bp.get("/query/<name>")
def competency_results(name: str) -> Any:
    from api.execute import QuerySyntaxError
    from api.workers import QueryBusy, QueryFailed, QueryTimeout

    name, suffix = _split_suffix(name, ("csv", "json"))
    query = competency.find(_competency_queries(), name)
    if query is None:
        return _error(404, f"no competency question named {name!r}")
    try:
        results, capped = _run_bounded(query.text)
    except (QueryTimeout, QueryBusy) as exc:
        return _error(503, f"{query.name}: {exc}")
    except (QuerySyntaxError, QueryFailed, SyntaxError, OSError, ValueError) as exc:
        return _error(500, f"the competency question {query.name} failed: {exc}")
    table, truncated = result_table(_store(), query.name, query.title, results, COMPETENCY_MAX_ROWS)
    download = table_download([table], suffix)
    if download is not None:
        return download
    return render_template(
        "competency.html", query=query, table=table, truncated=truncated or capped
    )


# --- claims ----------------------------------------------------------------------------------


@bp.get("/claims", defaults={"suffix": None})
@bp.get("/claims.<suffix>")
def claims_page(suffix: str | None) -> Any:
    if suffix is not None and suffix not in ("csv", "json"):
        return _error(404, f"no such download: /claims.{suffix} (use .csv or .json)")
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 0
    if page < 1:
        return _error(400, "page must be a positive integer")
    store = _store()
    filters = {k: request.args[k] for k in claim_data.CLAIM_FILTERS if request.args.get(k)}
    try:
        where = claim_data.filter_pattern(store, filters)
    except claim_data.BadFilter as exc:
        return _error(400, str(exc))
    offset = (page - 1) * CLAIMS_PAGE_SIZE
    records = claim_data.claims(store, where, limit=CLAIMS_PAGE_SIZE + 1, offset=offset)
    has_next = len(records) > CLAIMS_PAGE_SIZE
    table = claim_data.claims_table(store, records[:CLAIMS_PAGE_SIZE])
    download = table_download([table], suffix)
    if download is not None:
        return download

    def page_link(number: int) -> str:
        return "/claims?" + urlencode({**filters, "page": number})

    return render_template(
        "claims.html",
        table=table,
        page=page,
        has_next=has_next,
        filters=filters,
        page_link=page_link,
    )


# --- map -------------------------------------------------------------------------------------


@bp.get("/map")
def map_page() -> Any:
    table = _cached("map", lambda: overview.map_places(_store()))
    download = table_download([table], None)
    if download is not None:
        return download
    return render_template("map.html", table=table)


@bp.get("/map.json")
def map_json() -> Response:
    table = _cached("map", lambda: overview.map_places(_store()))
    return Response(json.dumps(overview.map_geojson(table)), mimetype="application/geo+json")


@bp.get("/map.csv")
def map_csv() -> Response:
    table = _cached("map", lambda: overview.map_places(_store()))
    return Response(table.to_csv(), mimetype="text/csv")


# --- ontology and shapes ---------------------------------------------------------------------


def _contract_file(what: str, turtle: Path, html: Path | None, suffix: str | None) -> Any:
    if suffix is not None and suffix not in ("ttl", "html"):
        return _error(404, f"no such representation: .{suffix} (use .ttl or .html)")
    if not turtle.is_file():
        return _error(404, f"the {what} is not installed on this server")
    if suffix is None:
        try:
            rep = conneg.negotiate(request.headers.get("Accept"))
        except conneg.NotAcceptable as exc:
            return _error(406, str(exc))
        if rep not in (conneg.HTML, conneg.TURTLE):
            return _error(406, f"the {what} is served as text/turtle or text/html only")
        suffix = "html" if rep is conneg.HTML else "ttl"
    if suffix == "ttl":
        resp = Response(turtle.read_bytes(), mimetype="text/turtle")
    elif html is not None and html.is_file():
        resp = Response(html.read_bytes(), mimetype="text/html")
        # generated documentation may carry inline scripts; still nothing from other hosts
        resp.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:"
        )
    else:
        body = render_template("turtle.html", what=what, text=turtle.read_text(encoding="utf-8"))
        resp = Response(body, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


@bp.get("/ontology", defaults={"suffix": None})
@bp.get("/ontology.<suffix>")
def ontology_doc(suffix: str | None) -> Any:
    return _contract_file(
        "ontology",
        ontology.path("deploykb.ttl"),
        ontology.path("docs", "ontology.html"),
        suffix,
    )


@bp.get("/shapes", defaults={"suffix": None})
@bp.get("/shapes.<suffix>")
def shapes_doc(suffix: str | None) -> Any:
    return _contract_file("SHACL shapes", ontology.path("shapes.ttl"), None, suffix)


# --- resource pages --------------------------------------------------------------------------


def _choose_representation(suffix: str | None) -> conneg.Representation:
    fmt = request.args.get("format")
    if fmt is not None:
        if fmt not in conneg.FORMAT_NAMES:
            raise BadFormat(f"unsupported format {fmt!r}: use one of html, ttl, jsonld, nt")
        return conneg.FORMAT_NAMES[fmt]
    if suffix is not None:
        return conneg.SUFFIXES[suffix]
    return conneg.negotiate(request.headers.get("Accept"))


@bp.get("/id/<path:path>")
def resource(path: str) -> Any:
    store = _store()
    iri = terms.ID_BASE + path
    suffix = None
    if not terms.is_safe_iri(iri):
        return _error(404, "not a resource IRI of this knowledge base")
    desc = description.describe(store, iri)
    if not desc.exists:
        stem, found = _split_suffix(path, (*conneg.SUFFIXES, "csv", "json"))
        if found is not None:
            desc = description.describe(store, terms.ID_BASE + stem)
            iri, suffix = terms.ID_BASE + stem, found
    if not desc.exists:
        return _error(404, f"no resource <{iri}> in this knowledge base")
    types = {st.obj.value for st in desc.statements if st.predicate == RDF_TYPE}
    place_records: list[dict] = []
    tables = resources.resource_tables(store, desc)
    if terms.DKB_BASE + "Place" in types or description.is_place(store, desc.iri):
        place_records = claim_data.place_claims(store, desc.iri)
        if place_records:
            title = "Claims at or near this place"
            tables.insert(0, resources.claims_listing(store, place_records, title, "place", desc))
    else:
        listing = next((x for x in resources.CLAIM_LISTS if terms.DKB_BASE + x[0] in types), None)
        if listing is not None:
            records = listing[1](store, desc.iri)
            tables.insert(0, resources.claims_listing(store, records, listing[2], listing[3], desc))
    if suffix in ("csv", "json"):
        return table_download(tables, suffix)
    if request.args.get("_format"):
        return table_download(tables, None)
    try:
        rep = _choose_representation(suffix)
    except BadFormat as exc:
        return _error(400, str(exc))
    except conneg.NotAcceptable as exc:
        return _error(406, str(exc))
    if rep is not conneg.HTML:
        resp = Response(resources.serialize(desc, rep), mimetype=rep.media_type)
        if rep is not conneg.JSONLD:
            resp.headers["Content-Type"] = f"{rep.media_type}; charset=utf-8"
    else:
        body = _resource_html(store, desc, types, tables, place_records)
        resp = Response(body, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    resp.headers["Link"] = ", ".join(
        f'<{request.path}?format={r.suffix}>; rel="alternate"; type="{r.media_type}"'
        for r in conneg.ALL_REPRESENTATIONS
        if r is not rep
    )
    return resp


def _resource_html(
    store: Any,
    d: description.Description,
    types: set[str],
    tables: list[Table],
    place_records: list,
) -> str:
    label = terms.labels(store, {d.iri}).get(d.iri, d.iri.rsplit("/", 1)[-1])
    evidence: list[description.Evidence] = []
    summary: Table | None = None
    if terms.DKB_BASE + "DeploymentClaim" in types:
        evidence = description.claim_evidence(store, d.iri)
        record = claim_data.claim_record(store, d.iri)
        if record is not None:
            summary = claim_data.claims_table(store, [record], "summary", "Claim")
            row = summary.rows[0]
            parts = [row[k].text for k in ("actor", "quantity", "asset", "place") if row[k].text]
            label = "Claim: " + " · ".join(parts)
    timeline_svg = render_svg(claim_data.estimates(store, place_records)) if place_records else ""
    alternates = [
        (rep.media_type, f"{request.path}?format={rep.suffix}")
        for rep in conneg.RDF_REPRESENTATIONS
    ]
    return render_template(
        "resource.html",
        d=d,
        label=label,
        types=[terms.resource_cell(t) for t in sorted(types)],
        graphs=[terms.resource_cell(g) for g in d.graphs()],
        tables=tables,
        evidence=evidence,
        summary=summary,
        timeline_svg=Markup(timeline_svg),
        alternates=alternates,
    )
