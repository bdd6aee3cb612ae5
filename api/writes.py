"""Writes: SPARQL Update at /update, the Graph Store Protocol at /store, POST /reports.

Writes exist only when a bearer token is configured (``--token`` / DEPLOYKB_TOKEN):

* no token configured -> 403 (writes are disabled on this server, whoever asks);
* token configured, missing or wrong ``Authorization: Bearer`` -> 401 with
  ``WWW-Authenticate: Bearer`` (RFC 6750).

SHACL gate: GSP PUT/POST into a ``graph/report/…`` graph validates the resulting graph with
``kb.validate.validate_report_graph`` (422 + the SHACL report when it does not conform);
POST /reports runs the CLI's own pipeline (``kb.ingest.process_report`` + ``commit``).
/update cannot be validated before it runs, so it may not touch the project's graphs at all:
an update naming an IRI under ``https://w3id.org/deploykb/graph/`` or writing through a
``GRAPH ?variable`` template is refused with 403; whole-store CLEAR/DROP ALL stays allowed.

This module holds the blueprint and what the three share (the token check, store access);
the endpoints are in api/update.py, api/gsp.py and api/reports.py.
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Response, current_app, request

from api.config import store_changed
from api.http import ProtocolError

bp = Blueprint("writes", __name__)


# -- authorisation ------------------------------------------------------------------------


def require_token() -> None:
    token = current_app.config.get("TOKEN")
    if not token:
        raise ProtocolError(
            403, "writes are disabled on this server (start it with --token or DEPLOYKB_TOKEN)"
        )
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ProtocolError(
            401,
            "this write needs 'Authorization: Bearer <token>'",
            {"WWW-Authenticate": 'Bearer realm="deploykb"'},
        )
    if not hmac.compare_digest(given.strip().encode(), str(token).encode()):
        raise ProtocolError(
            401,
            "invalid bearer token",
            {"WWW-Authenticate": 'Bearer realm="deploykb", error="invalid_token"'},
        )


def get_store() -> Any:
    store = current_app.extensions.get("deploykb.store")
    if store is None:
        raise ProtocolError(503, "no store is configured")
    return store


def store_error(exc: Exception) -> ProtocolError:
    message = str(exc)
    if "syntax" in message.lower():
        return ProtocolError(400, message)
    return ProtocolError(503, f"the store failed: {message}")


def write(store: Any, text: str) -> None:
    try:
        store.update(text)
    except Exception as exc:
        raise store_error(exc) from None
    store_changed(current_app)


class Abort(Exception):
    def __init__(self, response: Response):
        self.response = response


@bp.errorhandler(Abort)
def _abort(exc: Abort) -> Response:
    return exc.response


# the write endpoints register their routes on ``bp``
from api import gsp, reports, update  # noqa: E402, F401
