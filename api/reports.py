"""POST /reports: one article in (JSON, form, or a text body with metadata as query
parameters), the CLI's own pipeline (extract, RDF, SHACL, commit), the claims out as JSON."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request

from api.config import store_changed
from api.http import ProtocolError
from api.writes import bp, get_store, require_token, store_error

META_FIELDS = ("title", "publisher", "authors", "published", "source_url")
REPORT_MEDIA_TYPES = ("text/plain", "text/html", "text/markdown", "application/json")


def _decode(data: bytes, charset: str | None) -> str:
    """Text of an uploaded article: the declared charset strictly, else detected as the CLI
    does for files (BOM, UTF-8, then charset-normalizer)."""
    from kb.document import DocumentError, decode_bytes

    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise ProtocolError(400, f"the body is not valid {charset} text") from None
    try:
        return decode_bytes(data, "<http>")
    except DocumentError as exc:
        raise ProtocolError(400, exc.message) from None


def _report_input() -> tuple[str, dict[str, Any], str, str]:
    """(text, metadata, media type, id) from JSON, a form, or a text body + query params."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ProtocolError(400, "the JSON body must be an object with at least 'text'")
        text = data.get("text")
        media = str(data.get("media_type") or "text/plain")
        fields = data
    elif mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = request.form.to_dict()
        text = fields.get("text")
        upload = request.files.get("file")
        if text is None and upload is not None:
            text = _decode(upload.read(), upload.mimetype_params.get("charset"))
        media = fields.get("media_type") or "text/plain"
    elif mimetype in ("text/plain", "text/html", "text/markdown"):
        fields = request.args.to_dict()
        text = _decode(request.get_data(), request.mimetype_params.get("charset"))
        media = mimetype
    else:
        raise ProtocolError(
            415,
            "send the article as application/json, a form, or text/plain|html|markdown "
            "with metadata as query parameters",
        )
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError(400, "missing article 'text'")
    if media not in REPORT_MEDIA_TYPES:
        raise ProtocolError(
            415, f"media_type {media!r} is not one of {', '.join(REPORT_MEDIA_TYPES)}"
        )
    meta: dict[str, Any] = {}
    for key in META_FIELDS:
        value = fields.get(key)
        if value not in (None, ""):
            meta[key] = value
    if isinstance(meta.get("authors"), str):
        meta["authors"] = [a.strip() for a in meta["authors"].split(";") if a.strip()]
    report_id = str(fields.get("id") or "http-report")
    return text, meta, media, report_id


@bp.route("/reports", methods=["POST"])
def post_report() -> Response:
    require_token()
    text, meta, media, report_id = _report_input()
    from kb.document import DocumentError, document_from_text
    from kb.ingest import commit, process_report

    try:
        report = document_from_text(text, report_id, meta, media_type=media, origin="<http>")
    except DocumentError as exc:
        raise ProtocolError(422, exc.message) from None
    processed = process_report(report)
    if processed.status != "ok":
        body: dict[str, Any] = {"status": processed.status, "error": processed.message}
        if processed.shacl_text:
            body["shacl_report"] = processed.shacl_text
            body["shacl_turtle"] = processed.shacl_turtle
        resp = jsonify(body)
        resp.status_code = 422
        return resp
    store = get_store()
    try:
        (outcome,) = commit(store, [processed])
    except Exception as exc:
        raise store_error(exc) from None
    store_changed(current_app)
    from kb.extract import extract

    claims = extract(report).to_json()
    resp = jsonify({**outcome.to_json(), "report": claims})
    resp.status_code = 201 if outcome.status in ("ingested", "replaced") else 200
    if outcome.report_iri:
        resp.headers["Location"] = outcome.report_iri
    return resp
