"""The SPARQL 1.1 Protocol query endpoint at /sparql.

GET ?query=, POST form, POST application/sparql-query; ``default-graph-uri`` /
``named-graph-uri`` build the dataset, otherwise the default graph is the union of every
graph. GET with no query returns the service description. Formats by ``format=`` or Accept.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request, url_for

from api import conneg
from api.execute import QueryJob, QuerySyntaxError
from api.http import ProtocolError, base_url, read_operation
from api.sparql_text import inspect_query, service_allowed
from api.workers import QueryBusy, QueryFailed, QueryTimeout

bp = Blueprint("sparql", __name__)

DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


def _formats(form: str | None) -> tuple[str, str]:
    """(results format, graph format) names for this request; 406 when nothing fits."""
    fmt_param = request.args.get("format")
    if not fmt_param and request.mimetype == "application/x-www-form-urlencoded":
        fmt_param = request.form.get("format")
    accept = request.headers.get("Accept")
    if form in ("SELECT", "ASK"):
        return conneg.choose(conneg.RESULT_FORMATS, accept, fmt_param).name, "turtle"
    if form in ("CONSTRUCT", "DESCRIBE"):
        return "json", conneg.choose(conneg.GRAPH_FORMATS, accept, fmt_param).name
    # unknown form: the engine will say what is wrong with the text; don't 406 first
    out = []
    for table in (conneg.RESULT_FORMATS, conneg.GRAPH_FORMATS):
        try:
            out.append(conneg.choose(table, accept, fmt_param).name)
        except conneg.NotAcceptable:
            out.append(table[0].name)
    return out[0], out[1]


def execute_query(text: str, default_graphs: list[str] | None, named_graphs: list[str] | None):
    """Check, run and answer one protocol query: refusals, format choice, executor, headers."""
    info = inspect_query(text)
    if info.is_update:
        raise ProtocolError(
            400, "this is a SPARQL Update; POST it to /update (writes need the bearer token)"
        )
    if info.uses_service and not current_app.config.get("ALLOW_SERVICE"):
        allow = tuple(current_app.config.get("SERVICE_ALLOW") or ())
        if not allow:
            raise ProtocolError(
                400,
                "SERVICE (federated query) is disabled on this endpoint: it would make the "
                "server send requests elsewhere",
            )
        if not service_allowed(text, allow):
            raise ProtocolError(
                400,
                "SERVICE is only allowed to endpoints starting with: " + ", ".join(allow),
            )
    try:
        results_format, graph_format = _formats(info.form)
    except conneg.NotAcceptable as exc:
        raise ProtocolError(406, str(exc)) from None
    max_rows = int(current_app.config.get("MAX_ROWS") or 0) or None
    has_dataset = bool(default_graphs or named_graphs)
    job = QueryJob(
        sparql=text,
        default_graph=tuple(default_graphs or ()) if has_dataset else None,
        named_graphs=tuple(named_graphs or ()) if has_dataset else None,
        results_format=results_format,
        graph_format=graph_format,
        max_rows=max_rows,
        base_iri=base_url() + "/sparql",
        gzip=request.accept_encodings["gzip"] > 0,
    )
    executor = current_app.extensions.get("deploykb.executor")
    if executor is None:
        raise ProtocolError(503, "no store is configured")
    try:
        answer = executor.run(job)
    except QuerySyntaxError as exc:
        raise ProtocolError(400, f"malformed query: {exc}") from None
    except QueryTimeout as exc:
        raise ProtocolError(503, f"{exc}; the query was stopped", {"Retry-After": "1"}) from None
    except QueryBusy as exc:
        raise ProtocolError(503, str(exc), {"Retry-After": "2"}) from None
    except QueryFailed as exc:
        raise ProtocolError(503, f"the query failed in the engine: {exc}") from None
    resp = Response(answer.body, content_type=answer.content_type)
    resp.headers["Vary"] = "Accept, Accept-Encoding"
    if answer.content_encoding:
        resp.headers["Content-Encoding"] = answer.content_encoding
    resp.headers["X-Deploykb-Rows"] = str(answer.rows)
    if answer.truncated:
        resp.headers["X-Deploykb-Truncated"] = "true"
        resp.headers["X-Deploykb-Max-Rows"] = str(max_rows)
    return resp


def _wants_html() -> bool:
    if "text/html" not in request.headers.get("Accept", ""):
        return False
    rdf = [f.media_type for f in conneg.GRAPH_FORMATS]
    return request.accept_mimetypes.best_match(["text/html", *rdf]) == "text/html"


@bp.route("/sparql", methods=["GET", "POST"])
@bp.route("/sparql/", methods=["GET", "POST"])
def sparql() -> Response:
    if request.method == "GET" and request.args.getlist("update"):
        raise ProtocolError(
            400, "updates are not accepted by GET; POST them to /update with the bearer token"
        )
    if request.method == "POST" and request.mimetype == "application/sparql-update":
        raise ProtocolError(415, "this is the query endpoint; POST updates to /update")
    if (
        request.method == "POST"
        and request.mimetype == "application/x-www-form-urlencoded"
        and "update" in request.form
    ):
        raise ProtocolError(400, "this is the query endpoint; POST updates to /update")
    op = read_operation(request, "query", "application/sparql-query", DATASET_PARAMS)
    if op is None:
        from api.describe import service_description

        if _wants_html() and "pages.query_page" in current_app.view_functions:
            # a person with a browser: the query editor (machines get the description)
            return redirect(url_for("pages.query_page"), code=303)
        return service_description()
    return execute_query(op.text, op.default_graphs, op.named_graphs)
