"""A remote store: any SPARQL 1.1 server over HTTP (Oxigraph server, Fuseki, GraphDB, ...).

* queries: SPARQL 1.1 Protocol (POST, form-encoded); results are parsed into pyoxigraph
  objects, so callers see the same types as with the embedded store;
* writes: ONE SPARQL Update request per ``replace_graphs`` call (DROP SILENT GRAPH +
  INSERT DATA), which servers apply as one transaction;
* dumps: the Graph Store Protocol, graph by graph, streamed.

Endpoints: ``url`` is the query endpoint. When it ends in ``/query`` (Oxigraph, Fuseki), the
update and graph-store endpoints default to ``…/update`` and ``…/store``; a bare server root
(``http://host:7878``) means Oxigraph's layout; otherwise all three default to ``url``.

The default graph: queries send no dataset, so what the default graph holds is the server's
choice; for the union of all graphs start Oxigraph with ``--union-default-graph``. deploykb's
own queries (stats, validate, ingest) use explicit ``GRAPH`` patterns and work either way.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import IO, Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests

from kb.store import common
from kb.store.base import StoreError

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_ACCEPT = f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9, text/turtle;q=0.8"
#: attempts of an idempotent request (the first + retries on a dropped connection)
_ATTEMPTS = 3


def default_endpoints(url: str) -> tuple[str, str, str]:
    """(query, update, graph store) URLs derived from the query URL."""
    url = url.rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{url}: not an http(s) URL of a SPARQL endpoint")
    if parts.path in ("", "/"):
        return url + "/query", url + "/update", url + "/store"
    if url.endswith("/query"):
        base = url[: -len("/query")]
        return url, base + "/update", base + "/store"
    return url, url, url


class RemoteStore:
    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        read_only: bool = False,
        timeout: float = 60.0,
    ) -> None:
        self.query_url, default_update, default_gsp = default_endpoints(url)
        self.update_url = update_url or default_update
        self.gsp_url = gsp_url or default_gsp
        self.read_only = read_only
        self.timeout = timeout
        self.description = f"remote store at {self.query_url}"
        self._session = requests.Session()

    # -- HTTP ----------------------------------------------------------------------------

    def _request(
        self, method: str, url: str, *, idempotent: bool, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        """Send a request; reconnect and retry idempotent ones when the connection was dropped
        (Oxigraph answers a reused idle keep-alive connection with HTTP 500 "os error 11")."""
        attempts = _ATTEMPTS if idempotent else 1
        for attempt in range(attempts):
            try:
                response = self._session.request(
                    method, url, timeout=self.timeout, stream=stream, **kwargs
                )
            except requests.ConnectionError:
                self._reset()
                if attempt + 1 < attempts:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise StoreError(
                    f"{self.description}: cannot connect to {url} (is the server running?)"
                ) from None
            except requests.Timeout:
                raise StoreError(f"{url}: no answer within {self.timeout:g} s") from None
            if response.status_code >= 500 and attempt + 1 < attempts and _transient(response):
                response.close()
                self._reset()
                time.sleep(0.05 * (attempt + 1))
                continue
            if response.status_code >= 400:
                detail = " ".join(response.text.split())[:300]
                response.close()
                raise StoreError(f"{url}: HTTP {response.status_code}: {detail}")
            return response
        raise AssertionError("unreachable")

    def _reset(self) -> None:
        self._session.close()
        self._session = requests.Session()

    # -- reading -------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
    ) -> Any:
        data: list[tuple[str, str]] = [("query", sparql)]
        data += [("default-graph-uri", g) for g in default_graph or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        response = self._request(
            "POST", self.query_url, idempotent=True, data=data, headers={"Accept": _ACCEPT}
        )
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        body = response.content
        try:
            if content_type in (_RESULTS_JSON, "application/json"):
                return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            if content_type == "application/sparql-results+xml":
                return ox.parse_query_results(body, ox.QueryResultsFormat.XML)
            rdf_format = ox.RdfFormat.from_media_type(content_type)
        except SyntaxError as exc:
            raise StoreError(f"{self.query_url}: unreadable results: {exc}") from None
        if rdf_format is None:
            raise StoreError(f"{self.query_url}: unexpected answer of type {content_type!r}")
        return _as_query_triples(body, rdf_format)

    def _select(self, sparql: str) -> ox.QuerySolutions:
        return self.query(sparql)

    def graph_exists(self, graph_iri: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {common.iri(graph_iri)} {{ ?s ?p ?o }} }}"))

    def named_graphs(self) -> list[str]:
        return sorted(
            row["g"].value
            for row in self._select(common.GRAPHS_QUERY)
            if isinstance(row["g"], ox.NamedNode)
        )

    def state(self) -> tuple[str, datetime | None]:
        return common.parse_state(self._select(common.STATE_QUERY))

    def graph_hashes(self) -> dict[str, str]:
        return common.parse_hashes(self._select(common.HASHES_QUERY))

    def _graph_triples(self, graph_iri: str) -> Iterable[ox.Triple]:
        response = self._request(
            "GET",
            self.gsp_url,
            idempotent=True,
            stream=True,
            params={"graph": graph_iri},
            headers={"Accept": _NTRIPLES},
        )
        with response:
            response.raw.decode_content = True
            yield from ox.parse(response.raw, ox.RdfFormat.N_TRIPLES)

    def _dataset_quads(self) -> Iterator[ox.Quad] | None:
        """The whole dataset in one streamed request, where the server offers it (Oxigraph
        answers ``GET /store`` with N-Quads); None for servers that follow plain GSP."""
        try:
            response = self._request(
                "GET",
                self.gsp_url,
                idempotent=True,
                stream=True,
                headers={"Accept": "application/n-quads"},
            )
        except StoreError as exc:
            if "HTTP 4" in str(exc):
                return None
            raise
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type != "application/n-quads":
            response.close()
            return None

        def stream() -> Iterator[ox.Quad]:
            with response:
                response.raw.decode_content = True
                yield from ox.parse(response.raw, ox.RdfFormat.N_QUADS)

        return stream()

    def dump(self, out: IO[bytes], fmt: str, graph_iri: str | None = None) -> None:
        rdf_format = common.rdf_format(fmt)
        prefixes = common.DUMP_PREFIXES if fmt in ("ttl", "trig") else None
        quads = self._dataset_quads() if graph_iri is None else None
        if quads is None:
            graphs = [graph_iri] if graph_iri is not None else self.named_graphs()
            quads = (
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
                for g in graphs
                for t in self._graph_triples(g)
            )
        items: Iterable[Any] = quads
        if not rdf_format.supports_datasets:
            items = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        try:
            ox.serialize(items, out, rdf_format, prefixes=prefixes)
        except SyntaxError as exc:
            raise StoreError(f"{self.gsp_url}: unreadable graph: {exc}") from None
        except requests.RequestException as exc:
            raise StoreError(f"{self.gsp_url}: the dump was interrupted: {exc}") from None

    # -- writing -------------------------------------------------------------------------

    def _write(self, update_text: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.description}: the store is open read-only")
        # an update is not idempotent in general (the state token is random), but a request
        # that never reached the server can be resent: requests raises ConnectionError then
        self._request(
            "POST",
            self.update_url,
            idempotent=True,
            data={"update": update_text},
        ).close()

    def update(self, sparql_update: str) -> None:
        self._write(f"{sparql_update}\n;\n{common.state_bump_text()}")

    def replace_graphs(
        self,
        graphs: dict[str, Iterable[ox.Triple]],
        drop: Iterable[str] = (),
        hashes: dict[str, str] | None = None,
    ) -> None:
        self._write(common.replace_text(graphs, drop, hashes))

    def drop_graph(self, graph_iri: str) -> None:
        self.replace_graphs({}, drop=[graph_iri])

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _transient(response: requests.Response) -> bool:
    """Oxigraph's answer on a dropped keep-alive connection, or a gateway hiccup."""
    if response.status_code in (502, 503, 504):
        return True
    return "os error 11" in response.text or "Resource temporarily unavailable" in response.text


def _as_query_triples(body: bytes, rdf_format: ox.RdfFormat) -> ox.QueryTriples:
    """CONSTRUCT/DESCRIBE results as a real ``QueryTriples`` (via a small in-memory store)."""
    scratch = ox.Store()
    try:
        scratch.load(io.BytesIO(body), rdf_format)
    except SyntaxError as exc:
        raise StoreError(f"unreadable CONSTRUCT results: {exc}") from None
    return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
