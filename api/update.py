"""SPARQL 1.1 Update at /update (token), with the checks docs/endpoint.md lists: no
SERVICE/LOAD by default, protocol dataset vs USING/WITH conflicts, and no update touching
the project's own graphs (they only change through the SHACL-gated paths)."""

from __future__ import annotations

import threading
from urllib.parse import urljoin

import pyoxigraph as ox
from flask import Response, current_app, request

from api.config import store_changed
from api.http import ProtocolError, base_url, read_operation
from api.sparql_text import (
    add_using_clauses,
    decode_escapes,
    inspect_update,
    service_allowed,
    tokens,
)
from api.writes import bp, get_store, require_token, store_error
from kb.namespaces import BASE

PROTECTED_GRAPHS = BASE + "graph/"
UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")


def touches_protected_graphs(text: str) -> bool:
    """Does this update name a project graph, or write through a GRAPH ?var template?"""
    toks = tokens(decode_escapes(text))
    base = None
    in_template = False
    for i, t in enumerate(toks):
        word = t.text.upper() if t.kind == "word" else ""
        if t.kind == "iri":
            iri = t.text[1:-1]
            if i and toks[i - 1].text.upper() == "BASE":
                base = iri
            resolved = urljoin(base, iri) if base else iri
            if PROTECTED_GRAPHS in iri or PROTECTED_GRAPHS in resolved:
                return True
        if t.depth == 0 and word in ("INSERT", "DELETE"):
            in_template = True
        elif t.depth == 0 and word in ("WHERE", "USING") and in_template:
            in_template = toks[i - 1].text.upper() == "DELETE"  # DELETE WHERE: pattern = template
        elif t.depth == 0 and t.text == ";":
            in_template = False
        if in_template and word == "GRAPH" and i + 1 < len(toks) and toks[i + 1].kind == "var":
            return True
    return False


_SCRATCH = threading.local()


def check_update_syntax(text: str, base: str) -> None:
    """Parse the update before the store sees it, so the client gets the parser's message
    with positions in its own text. It runs on an empty in-memory store (cheap: SERVICE and
    LOAD were refused already) because pyoxigraph offers no parse-only call."""
    scratch = getattr(_SCRATCH, "store", None)
    if scratch is None:
        scratch = _SCRATCH.store = ox.Store()
    try:
        scratch.update(text, base_iri=base)
    except SyntaxError as exc:
        raise ProtocolError(400, f"malformed update: {exc}") from None
    except OSError:
        pass  # not a syntax problem; the real store decides
    finally:
        scratch.clear()


@bp.route("/update", methods=["POST", "GET"])
def update() -> Response:
    if request.method in ("GET", "HEAD"):
        raise ProtocolError(
            405,
            "SPARQL Update must be POSTed (form or application/sparql-update)",
            {"Allow": "POST"},
        )
    require_token()
    op = read_operation(request, "update", "application/sparql-update", UPDATE_DATASET)
    assert op is not None
    info = inspect_update(op.text)
    if info.is_query:
        raise ProtocolError(400, "this is a query; send it to /sparql")
    allow = tuple(current_app.config.get("SERVICE_ALLOW") or ())
    if (
        info.uses_service
        and not current_app.config.get("ALLOW_SERVICE")
        and not (allow and service_allowed(op.text, allow))
    ):
        raise ProtocolError(400, "SERVICE is disabled on this endpoint (or not to that IRI)")
    if info.uses_load and not current_app.config.get("ALLOW_LOAD"):
        raise ProtocolError(
            400, "LOAD is disabled on this endpoint: it would make the server fetch a URL"
        )
    if (op.default_graphs or op.named_graphs) and info.has_dataset_clause:
        raise ProtocolError(
            400,
            "using-graph-uri / using-named-graph-uri conflict with USING or WITH in the update",
        )
    if touches_protected_graphs(op.text):
        raise ProtocolError(
            403,
            f"updates may not touch graphs under {PROTECTED_GRAPHS}: use POST /reports or "
            "the Graph Store Protocol, which run the SHACL gate",
        )
    text = add_using_clauses(op.text, op.default_graphs, op.named_graphs)
    if not (info.uses_service or info.uses_load):  # the dry run must not fetch anything
        check_update_syntax(text, f"{base_url()}/update")
    text = f"BASE <{base_url()}/update> {text}"
    store = get_store()
    try:
        store.update(text)
    except SyntaxError as exc:
        raise ProtocolError(400, f"malformed update: {exc}") from None
    except Exception as exc:
        raise store_error(exc) from None
    store_changed(current_app)
    return Response(status=204)
