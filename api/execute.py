"""Run one SPARQL query against a pyoxigraph store and serialise the answer.

Shared by the in-process executor and the query worker processes, so both give
byte-identical answers. Pure apart from the store read.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from api import conneg, results


@dataclass(frozen=True)
class QueryJob:
    sparql: str
    #: protocol dataset; None for both means "the union default graph and every named graph"
    default_graph: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    #: format names from api.conneg, one for results (SELECT/ASK), one for graphs
    results_format: str
    graph_format: str
    max_rows: int | None
    #: relative IRIs in the query resolve against this (the endpoint URL)
    base_iri: str | None = None
    #: gzip the answer (the client sent Accept-Encoding: gzip) when it is worth it
    gzip: bool = False


@dataclass
class QueryAnswer:
    body: bytes
    media_type: str
    content_type: str
    rows: int
    truncated: bool
    #: "gzip" when ``body`` is compressed
    content_encoding: str | None = None


#: smaller answers are sent as they are (compressing them saves nothing worth the CPU)
GZIP_MIN_BYTES = 2048


class QuerySyntaxError(Exception):
    """The engine rejected the query text; the message is the parser's."""


def _format(name: str, table: tuple[conneg.Format, ...]) -> conneg.Format:
    return next(f for f in table if f.name == name)


def dataset_kwargs(job: QueryJob) -> dict[str, Any]:
    """``Store.query`` keyword arguments for the job's dataset."""
    if job.default_graph is None and job.named_graphs is None:
        return {"union_default_graph": True}
    # a protocol dataset replaces the query's own FROM / FROM NAMED entirely (Protocol 2.1.4)
    return {
        "default_graph": list(job.default_graph or ()),
        "named_graphs": list(job.named_graphs or ()),
        "union_default_graph": False,
    }


def run_query(store: Any, job: QueryJob) -> QueryAnswer:
    """Evaluate ``job`` on a ``kb.store.base.Store``."""
    from api.oxstore import PyoxigraphStore

    kwargs = dataset_kwargs(job)
    text = job.sparql
    if job.base_iri and isinstance(store, PyoxigraphStore):
        kwargs["base_iri"] = job.base_iri
    elif job.base_iri:
        text = f"BASE <{job.base_iri}> {text}"
    try:
        result = store.query(text, **kwargs)
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc)) from exc
    chunks: list[bytes] = []
    if isinstance(result, ox.QueryBoolean):
        fmt = _format(job.results_format, conneg.RESULT_FORMATS)
        results.write_boolean(bool(result), fmt, chunks.append)
        rows, truncated = 1, False
    elif isinstance(result, ox.QuerySolutions):
        fmt = _format(job.results_format, conneg.RESULT_FORMATS)
        rows, truncated = results.write_solutions(result, fmt, chunks.append, job.max_rows)
    else:
        fmt = _format(job.graph_format, conneg.GRAPH_FORMATS)
        rows, truncated = results.write_triples(result, fmt, chunks.append, job.max_rows)
    body = b"".join(chunks)
    encoding = None
    if job.gzip and len(body) >= GZIP_MIN_BYTES:
        body, encoding = gzip.compress(body, compresslevel=5, mtime=0), "gzip"
    return QueryAnswer(body, fmt.media_type, fmt.content_type, rows, truncated, encoding)
