"""Shared HTTP plumbing: plain-text errors, CORS, and reading SPARQL protocol requests."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pyoxigraph as ox
from flask import Flask, Request, Response, current_app, request
from werkzeug.exceptions import HTTPException

CORS_EXPOSE = (
    "ETag, Last-Modified, Content-Disposition, Location, X-Deploykb-Truncated, "
    "X-Deploykb-Max-Rows, X-Deploykb-Rows"
)


class ProtocolError(Exception):
    """A request the protocol rejects; becomes ``status`` with a one-line plain-text body."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    resp = Response(message.rstrip() + "\n", status=status, mimetype="text/plain")
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def _add_cors(resp: Response) -> Response:
    if current_app.config.get("CORS", True):
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, PUT, DELETE, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = (
                request.headers.get("Access-Control-Request-Headers")
                or "Accept, Authorization, Content-Type"
            )
            resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def install(app: Flask) -> None:
    """Error handlers and CORS for the whole app (every route, the UI's included)."""

    @app.errorhandler(ProtocolError)
    def _protocol_error(exc: ProtocolError) -> Response:
        return error_response(exc.status, exc.message, exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        if exc.code == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            return error_response(413, f"request body larger than the {limit}-byte limit")
        resp = exc.get_response()
        if request.accept_mimetypes.accept_html and not request.path.startswith(
            ("/sparql", "/update", "/store", "/reports", "/dump", "/.well-known")
        ):
            return resp  # the UI's pages keep Flask's HTML error pages
        out = error_response(exc.code or 500, f"{exc.name}: {exc.description}")
        if "Allow" in resp.headers:
            out.headers["Allow"] = resp.headers["Allow"]
        return out

    app.after_request(_add_cors)


# -- protocol requests --------------------------------------------------------------------


@dataclass
class ProtocolRequest:
    text: str
    default_graphs: list[str]
    named_graphs: list[str]


FORM = "application/x-www-form-urlencoded"


def _check_charset(req: Request) -> None:
    charset = req.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"only UTF-8 is accepted, not charset={charset}")


def _iris(values: list[str], param: str) -> list[str]:
    for v in values:
        try:
            ox.NamedNode(v)
        except ValueError:
            raise ProtocolError(400, f"{param}={v!r} is not an absolute IRI") from None
    return values


def read_operation(
    req: Request, field: str, direct_type: str, dataset: tuple[str, str]
) -> ProtocolRequest | None:
    """The ``query`` (or ``update``) of a protocol request, with its dataset parameters.

    Returns None for a GET with no operation at all (the caller serves a description).
    """
    args = req.args
    if req.method in ("GET", "HEAD"):
        texts = args.getlist(field)
        params = args
        if not texts:
            return None
    elif req.method == "POST":
        mimetype = req.mimetype
        if not mimetype:
            raise ProtocolError(
                415, f"a POST needs Content-Type {FORM} or {direct_type}; none was given"
            )
        if mimetype == FORM:
            _check_charset(req)
            form = req.form
            texts = form.getlist(field) + args.getlist(field)
            params = form.copy()
            for key in dataset:
                params.setlist(key, form.getlist(key) + args.getlist(key))
        elif mimetype == direct_type:
            _check_charset(req)
            raw = req.get_data(cache=False)
            try:
                texts = [raw.decode("utf-8")] + args.getlist(field)
            except UnicodeDecodeError:
                raise ProtocolError(400, "the request body is not valid UTF-8") from None
            params = args
        else:
            raise ProtocolError(
                415, f"unsupported Content-Type {mimetype}; use {FORM} or {direct_type}"
            )
    else:
        raise ProtocolError(405, f"{req.method} is not allowed here", {"Allow": "GET, HEAD, POST"})
    if len(texts) > 1:
        raise ProtocolError(400, f"exactly one '{field}' is allowed; got {len(texts)}")
    if not texts or not texts[0].strip():
        raise ProtocolError(400, f"missing '{field}'")
    return ProtocolRequest(
        text=texts[0],
        default_graphs=_iris(params.getlist(dataset[0]), dataset[0]),
        named_graphs=_iris(params.getlist(dataset[1]), dataset[1]),
    )


def base_url() -> str:
    """The public base URL: configured PUBLIC_URL, else the one this request came to."""
    configured = current_app.config.get("PUBLIC_URL")
    base = (configured or request.host_url).rstrip("/")
    # the Host header is the client's: it goes into IRIs of the descriptions, so check it
    if not urlsplit(base).netloc or any(c in base for c in '<>"{}|^`\\ \n\r\t'):
        raise ProtocolError(400, "the Host header does not make a valid IRI")
    try:
        ox.NamedNode(base + "/sparql")
    except ValueError:
        raise ProtocolError(400, "the Host header does not make a valid IRI") from None
    return base
