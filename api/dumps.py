"""Whole-KB dumps over HTTP: /dump/deploykb.{nt,nq,ttl,trig,jsonld}[.gz].

The store writes into a bounded queue from a background thread while the response reads
from it, so memory stays constant however big the KB is; ``.gz`` is compressed on the fly.
ETag and Last-Modified follow the store state (api/state.py); If-None-Match gives a 304.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import queue
import threading
from collections.abc import Iterator
from typing import IO, Any

from flask import Blueprint, Response, current_app, request

from api.http import ProtocolError

log = logging.getLogger(__name__)
bp = Blueprint("dumps", __name__)

MEDIA_TYPES = {
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "ttl": "text/turtle",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
}
CHUNK = 64 * 1024
_DONE = object()


class _QueueWriter(io.RawIOBase):
    """A write-only file whose chunks go to a bounded queue (the producer blocks when full)."""

    def __init__(self, q: queue.Queue[Any], cancelled: threading.Event):
        self._q = q
        self._cancelled = cancelled

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:  # type: ignore[override]
        data = bytes(b)
        while True:
            if self._cancelled.is_set():
                raise BrokenPipeError("client went away")
            try:
                self._q.put(data, timeout=0.5)
                return len(data)
            except queue.Full:
                continue


def write_dump(store: Any, out: IO[bytes], fmt: str, graph_iri: str | None = None) -> None:
    """``kb.dump.dump`` for kb stores, else the store's own ``dump``."""
    if hasattr(store, "state"):
        from kb.dump import dump

        dump(store, out, fmt, graph_iri=graph_iri)
    else:
        store.dump(out, fmt, graph_iri)


def stream(
    store: Any, fmt: str, compress: bool = False, graph_iri: str | None = None
) -> Iterator[bytes]:
    """The dump (or one graph) as an iterator of chunks, produced by a background thread."""
    q: queue.Queue[Any] = queue.Queue(maxsize=16)
    cancelled = threading.Event()

    def produce() -> None:
        raw = io.BufferedWriter(_QueueWriter(q, cancelled), buffer_size=CHUNK)
        try:
            if compress:
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz:
                    write_dump(store, gz, fmt, graph_iri)  # type: ignore[arg-type]
            else:
                write_dump(store, raw, fmt, graph_iri)  # type: ignore[arg-type]
            raw.flush()
            q.put(_DONE)
        except BrokenPipeError:
            pass
        except Exception as exc:  # the status is already sent; cut the body short and log
            log.error("dump %s failed: %s", fmt, exc)
            with contextlib.suppress(Exception):
                q.put(exc, timeout=5)

    thread = threading.Thread(target=produce, daemon=True, name=f"dump-{fmt}")
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        cancelled.set()
        with contextlib.suppress(queue.Empty):
            while True:
                q.get_nowait()


@bp.route("/dump/deploykb.<path:name>", methods=["GET"])
def dump(name: str) -> Response:
    compress = name.endswith(".gz")
    fmt = name[:-3] if compress else name
    if fmt not in MEDIA_TYPES:
        raise ProtocolError(
            404,
            f"no dump 'deploykb.{name}'; available: "
            + ", ".join(f"deploykb.{e}[.gz]" for e in MEDIA_TYPES),
        )
    store = current_app.extensions.get("deploykb.store")
    state = current_app.extensions.get("deploykb.state")
    if store is None or state is None:
        raise ProtocolError(503, "no store is configured")
    etag = f"{state.etag()}-{name}"
    filename = f"deploykb.{name}"
    headers = {
        "ETag": f'"{etag}"',
        "Last-Modified": state.last_modified.strftime("%a, %d %b %Y %H:%M:%S GMT"),
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-cache",
    }
    if etag in request.if_none_match or (
        not request.if_none_match
        and request.if_modified_since
        and request.if_modified_since >= state.last_modified
    ):
        return Response(status=304, headers=headers)
    content_type = "application/gzip" if compress else MEDIA_TYPES[fmt]
    if not compress and fmt != "jsonld":
        content_type += "; charset=utf-8"
    if request.method == "HEAD":
        return Response(status=200, headers=headers, content_type=content_type)
    return Response(stream(store, fmt, compress), headers=headers, content_type=content_type)
