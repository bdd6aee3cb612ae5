"""Streaming dumps of the KB, and the dataset state token the API uses as an ETag.

``dump()`` writes straight from the store to the output file object (pyoxigraph serialises
as it reads), so memory stays constant whatever the size of the KB.
"""

from __future__ import annotations

import gzip as gzip_module
from datetime import datetime
from typing import IO

from kb.store.base import Store
from kb.store.common import FORMATS, rdf_format

#: format name -> (media type, file extension)
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "nt": ("application/n-triples", "nt"),
    "nq": ("application/n-quads", "nq"),
    "ttl": ("text/turtle", "ttl"),
    "trig": ("application/trig", "trig"),
    "jsonld": ("application/ld+json", "jsonld"),
}
DUMP_FORMATS = tuple(FORMATS)


def dump(
    store: Store,
    out: IO[bytes],
    fmt: str,
    gzip: bool = False,
    graph_iri: str | None = None,
) -> None:
    """Write the dataset (or one graph) to the binary file object ``out``.

    ``fmt`` is one of nt, nq, ttl, trig, jsonld; nt and ttl of the whole dataset hold the
    union of its graphs. With ``gzip`` the output is gzip-compressed as it is written.
    """
    rdf_format(fmt)  # fail on a bad format before writing anything
    if not gzip:
        store.dump(out, fmt, graph_iri)
        return
    with gzip_module.GzipFile(fileobj=out, mode="wb", mtime=0) as zipped:
        store.dump(zipped, fmt, graph_iri)  # type: ignore[arg-type]


def dataset_state(store: Store) -> str:
    """A token that changes with every write to the store (use it as an ETag)."""
    return store.state()[0]


def last_modified(store: Store) -> datetime | None:
    """The time of the last write (UTC), or None for a store never written by deploykb."""
    return store.state()[1]
