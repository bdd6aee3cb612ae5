"""The ingest pipeline: read -> extract -> RDF -> SHACL gate -> store.

Two halves, so that the expensive half can run in worker processes and the store has a
single writer:

* ``process_report(item)`` is pure and picklable: it reads one article (a path, or a
  ``kb.model.Report`` built from an HTTP body), extracts the claims, builds the report's
  named graph and validates it. It never raises for bad input: the ``Processed`` it returns
  says ``ok``, ``rejected`` (the graph violates the shapes; SHACL report attached) or
  ``failed`` (the input could not be read).
* ``commit(store, processed)`` writes a batch in ONE transaction and returns one ``Outcome``
  per item: ``ingested``, ``unchanged`` (same text already stored: nothing written),
  ``replaced`` (same ``source_url`` with different text: the old report graph is dropped and
  the new report is ``prov:wasRevisionOf`` the old one), ``rejected`` or ``failed``.

``run_ingest()`` ties both together for the CLI (inputs, optional process pool, batches).
"""

from __future__ import annotations

import glob as glob_module
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kb.model import Report
from kb.namespaces import (
    CATALOG_GRAPH,
    DKB,
    ONTOLOGY_GRAPH,
    PROV,
    REPORT_GRAPH_PREFIX,
    SCHEMA,
    SHAPES_GRAPH,
)
from kb.store.base import Store, StoreError

#: suffixes of article files picked up when a directory is given
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".json")
#: default size limit of one article file (bytes)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: reports committed per transaction
DEFAULT_BATCH_SIZE = 200
STDIN = "-"

OK, REJECTED, FAILED = "ok", "rejected", "failed"
INGESTED, UNCHANGED, REPLACED = "ingested", "unchanged", "replaced"


@dataclass
class Processed:
    """The result of ``process_report``: everything ``commit`` needs, picklable."""

    origin: str
    status: str  # ok | rejected | failed
    message: str | None = None
    graph_iri: str | None = None
    report_iri: str | None = None
    source_url: str | None = None
    content_sha256: str | None = None
    #: the report's named graph as N-Triples
    ntriples: str = ""
    claims: int = 0
    warnings: list[str] = field(default_factory=list)
    #: the SHACL validation report, human-readable and as Turtle (rejected reports only)
    shacl_text: str | None = None
    shacl_turtle: str | None = None


@dataclass
class Outcome:
    """What ``commit`` did with one processed report."""

    origin: str
    status: str  # ingested | unchanged | replaced | rejected | failed
    message: str | None = None
    graph_iri: str | None = None
    report_iri: str | None = None
    #: for ``replaced``: the IRI of the older report this one revises
    revision_of: str | None = None
    claims: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Summary:
    ingested: int = 0
    unchanged: int = 0
    replaced: int = 0
    rejected: int = 0
    failed: int = 0
    claims_added: int = 0
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        if outcome.status in (INGESTED, REPLACED):
            self.claims_added += outcome.claims

    @property
    def total(self) -> int:
        return self.ingested + self.unchanged + self.replaced + self.rejected + self.failed

    @property
    def ok(self) -> bool:
        return self.rejected == 0 and self.failed == 0

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["seconds"] = round(self.seconds, 3)
        out["total"] = self.total
        return out


# --------------------------------------------------------------------------- inputs


def expand_inputs(paths: Sequence[str]) -> tuple[list[str], list[Processed]]:
    """Files to read (in a stable order) and failures for inputs that name no article.

    A directory is searched recursively for ``ARTICLE_SUFFIXES`` (not ``*.meta.json``); a
    path that does not exist but holds ``*?[`` is a glob; ``-`` is standard input.
    """
    files: list[str] = []
    failures: list[Processed] = []
    for raw in paths:
        if raw == STDIN:
            files.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file() and _is_article(p) and not _hidden(p.relative_to(path))
            )
            if not found:
                failures.append(
                    _failed(raw, f"no articles in this directory ({', '.join(ARTICLE_SUFFIXES)})")
                )
            files.extend(found)
        elif path.exists():
            files.append(raw)
        elif any(c in raw for c in "*?["):
            matched = sorted(
                p for p in glob_module.glob(raw, recursive=True) if _is_article(Path(p))
            )
            if not matched:
                failures.append(_failed(raw, "no article matches this pattern"))
            files.extend(matched)
        else:
            failures.append(_failed(raw, "no such file or directory"))
    return list(dict.fromkeys(files)), failures


#: documentation files that sit beside articles in a folder; skipped when a directory or glob
#: is expanded (naming one explicitly still reads it)
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing")


def _is_article(path: Path) -> bool:
    name = path.name.lower()
    return (
        path.is_file()
        and name.endswith(ARTICLE_SUFFIXES)
        and not name.endswith(".meta.json")
        and not name.startswith(_NOT_ARTICLES)
    )


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _failed(origin: str, message: str) -> Processed:
    return Processed(origin=origin, status=FAILED, message=message)


def read_stdin(
    overrides: Mapping[str, Any] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Report | Processed:
    """Standard input as a Report (plain text), or a failed ``Processed``."""
    from kb.document import DocumentError, decode_bytes, document_from_text

    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _failed("<stdin>", f"input too large (more than the limit of {max_bytes} bytes)")
    if not data.strip():
        return _failed("<stdin>", "the input is empty")
    try:
        text = decode_bytes(data, "<stdin>")
        return document_from_text(text, "stdin", dict(overrides or {}), origin="<stdin>")
    except DocumentError as exc:
        return _failed("<stdin>", exc.message)


# --------------------------------------------------------------------------- processing


def process_report(
    item: str | os.PathLike[str] | Report,
    overrides: Mapping[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Processed:
    """Read, extract, build RDF and validate one report. Pure (no store) and picklable.

    ``item`` is an article path or an already-built ``Report`` (e.g. from
    ``kb.document.document_from_text`` for an HTTP body). ``overrides`` (title, publisher,
    authors, published, source_url) win over the file's own metadata.
    """
    from kb.document import DocumentError, read_document

    if isinstance(item, Report):
        report = item
        origin = item.origin or item.id
    else:
        origin = str(item)
        try:
            report = read_document(item, overrides=overrides, max_bytes=max_bytes)
        except DocumentError as exc:
            return _failed(origin, exc.message)
        except (OSError, ValueError) as exc:
            return _failed(origin, f"cannot read: {exc}")
    return process_loaded(report, origin)


def process_loaded(report: Report, origin: str) -> Processed:
    """The extract -> RDF -> SHACL part of ``process_report`` for a Report in hand."""
    from kb.extract import extract
    from kb.rdf import RDFBuildError, extraction_to_graph
    from kb.validate import validate_report_graph

    base = Processed(
        origin=origin,
        status=OK,
        source_url=report.source_url,
        content_sha256=report.content_sha256,
    )
    try:
        extraction = extract(report)
        graph_iri, graph = extraction_to_graph(extraction)
    except RDFBuildError as exc:
        base.status, base.message = REJECTED, f"cannot express the extraction in RDF: {exc}"
        return base
    base.graph_iri = str(graph_iri)
    base.report_iri = report_iri_of_graph(graph_iri)
    base.claims = len(extraction.claims)
    base.warnings = list(extraction.warnings)
    result = validate_report_graph(graph)
    if report.published is None:
        # the shapes require a date; say so plainly (the SHACL report still goes to
        # --report-dir, but not to the terminal)
        base.status = REJECTED
        base.message = (
            'no publication date: add "published": "YYYY-MM-DD" to '
            f"{_sidecar_hint(origin)} or pass --published (the shapes require it)"
        )
        base.shacl_turtle = result.report_graph.serialize(format="turtle")
        return base
    if not result.conforms:
        base.status = REJECTED
        base.message = "does not conform to the SHACL shapes"
        base.shacl_text = str(result.report_text)
        base.shacl_turtle = result.report_graph.serialize(format="turtle")
        return base
    base.ntriples = graph.serialize(format="nt")
    return base


def _sidecar_hint(origin: str) -> str:
    if origin.startswith("<"):
        return "the metadata"
    path = Path(origin)
    return str(path.with_name(path.stem + ".meta.json"))


def report_iri_of_graph(graph_iri: str) -> str:
    from kb.namespaces import ID

    return str(ID["report/" + str(graph_iri)[len(REPORT_GRAPH_PREFIX) :]])


# --------------------------------------------------------------------------- committing

_VERSIONS_QUERY = """SELECT ?u ?g ?r WHERE {{
  VALUES ?u {{ {values} }}
  GRAPH ?g {{ ?r a <{report_class}> ; <{url_prop}> ?u }}
}} ORDER BY ?g"""
_EXISTING_QUERY = (
    "SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
)
_UNSAFE_IRI_CHARS = set('<>"{}|^`\\ \n\t')


def _usable(iri: str) -> bool:
    return bool(iri) and not any(c in _UNSAFE_IRI_CHARS for c in iri)


def stored_versions_of(store: Store, urls: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """For each source URL, the (graph, report) pairs in the store whose report has it;
    one query for all of them (the URL may be stored as an IRI or as a string)."""
    wanted = sorted({u for u in urls if _usable(u)})
    found: dict[str, list[tuple[str, str]]] = {u: [] for u in wanted}
    if not wanted:
        return found
    values = " ".join(f'<{u}> "{u}"' for u in wanted)
    rows = store.query(
        _VERSIONS_QUERY.format(values=values, report_class=DKB.Report, url_prop=SCHEMA.url)
    )
    for row in rows:
        found.setdefault(row["u"].value, []).append((row["g"].value, row["r"].value))
    return found


def stored_versions(store: Store, url: str) -> list[tuple[str, str]]:
    """(graph, report) pairs in the store whose report has this source URL."""
    return stored_versions_of(store, [url]).get(url, [])


def existing_graphs(store: Store, graphs: Iterable[str]) -> set[str]:
    """Which of these named graphs the store holds, in one query."""
    wanted = sorted({g for g in graphs if _usable(g)})
    if not wanted:
        return set()
    values = " ".join(f"<{g}>" for g in wanted)
    return {row["g"].value for row in store.query(_EXISTING_QUERY.format(values=values))}


def commit(store: Store, processed: Sequence[Processed]) -> list[Outcome]:
    """Write a batch of processed reports in ONE transaction; one ``Outcome`` per item.

    Nothing is written for unchanged, rejected or failed items. If the write itself fails,
    ``StoreError`` is raised and nothing of the batch is stored.
    """
    outcomes: list[Outcome] = []
    writes: dict[str, list[ox.Triple]] = {}
    drops: list[str] = []
    #: source URL -> (graph, report) written earlier in this batch
    pending_urls: dict[str, tuple[str, str]] = {}
    # two lookups for the whole batch (a remote store answers each in one round trip)
    candidates = [p for p in processed if p.status == OK and p.graph_iri]
    stored = existing_graphs(store, [p.graph_iri for p in candidates if p.graph_iri])
    versions = stored_versions_of(store, [p.source_url for p in candidates if p.source_url])
    for item in processed:
        if item.status != OK:
            outcomes.append(
                Outcome(item.origin, item.status, item.message, item.graph_iri, item.report_iri)
            )
            continue
        assert item.graph_iri and item.report_iri
        outcome = Outcome(
            item.origin, INGESTED, None, item.graph_iri, item.report_iri, claims=item.claims
        )
        outcomes.append(outcome)
        if item.graph_iri in writes or (item.graph_iri in stored and item.graph_iri not in drops):
            outcome.status, outcome.claims = UNCHANGED, 0
            continue
        try:
            triples = list(ox.parse(item.ntriples, ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            outcome.status, outcome.claims = FAILED, 0
            outcome.message = f"invalid report graph: {' '.join(str(exc).split())}"
            continue
        if not triples:
            outcome.status, outcome.claims = FAILED, 0
            outcome.message = "empty report graph"
            continue
        #: earlier versions of this article, the most recent last
        older: list[tuple[str, str]] = []
        if item.source_url:
            older = list(versions.get(item.source_url, []))
            if item.source_url in pending_urls:
                older.append(pending_urls[item.source_url])
                writes.pop(older[-1][0], None)
        if older:
            outcome.status = REPLACED
            outcome.revision_of = older[-1][1]
            drops.extend(g for g, _ in older)
            triples.append(
                ox.Triple(
                    ox.NamedNode(item.report_iri),
                    ox.NamedNode(str(PROV.wasRevisionOf)),
                    ox.NamedNode(outcome.revision_of),
                )
            )
        writes[item.graph_iri] = triples
        if item.source_url:
            pending_urls[item.source_url] = (item.graph_iri, item.report_iri)
    if writes or drops:
        store.replace_graphs(writes, drop=[g for g in drops if g not in writes])
    return outcomes


# --------------------------------------------------------------------------- vocabulary


def vocabulary_files() -> dict[str, list[Path]]:
    """The Turtle files of the ontology, shapes and catalog graphs (those that exist)."""
    import ontology

    files = {
        str(ONTOLOGY_GRAPH): [ontology.path("deploykb.ttl")],
        str(SHAPES_GRAPH): [ontology.path("shapes.ttl")],
        str(CATALOG_GRAPH): list(ontology.catalog_files()),
    }
    return {g: [p for p in paths if p.is_file()] for g, paths in files.items()}


def refresh_vocabulary(store: Store) -> list[str]:
    """Load the ontology, shapes and catalog into their named graphs when missing or changed
    (compared by a content hash kept in the store). Returns the graphs (re)loaded."""
    wanted: dict[str, tuple[str, list[Path]]] = {}
    for graph, paths in vocabulary_files().items():
        if not paths:
            continue
        digest = hashlib.sha256()
        for path in paths:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        wanted[graph] = (digest.hexdigest(), paths)
    stored = store.graph_hashes()
    stale = {g: v for g, v in wanted.items() if stored.get(g) != v[0] or not store.graph_exists(g)}
    if not stale:
        return []
    graphs: dict[str, list[ox.Triple]] = {}
    for graph, (_, paths) in stale.items():
        triples: list[ox.Triple] = []
        for path in paths:
            try:
                triples.extend(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
            except SyntaxError as exc:
                raise StoreError(f"{path}: invalid Turtle: {exc}") from None
        graphs[graph] = triples
    store.replace_graphs(graphs, hashes={g: v[0] for g, v in stale.items()})
    return sorted(stale)


# --------------------------------------------------------------------------- the whole run


def _process_path(args: tuple[str, Mapping[str, Any] | None, int]) -> Processed:
    path, overrides, max_bytes = args
    try:
        return process_report(path, overrides, max_bytes)
    except Exception as exc:  # a bug in a later stage must not kill the whole batch
        return _failed(path, f"internal error while processing: {type(exc).__name__}: {exc}")


def _processed_stream(
    files: Sequence[str],
    overrides: Mapping[str, Any] | None,
    max_bytes: int,
    jobs: int,
) -> Iterator[Processed]:
    args = [(f, overrides, max_bytes) for f in files if f != STDIN]
    if STDIN in files:
        loaded = read_stdin(overrides, max_bytes)
        yield loaded if isinstance(loaded, Processed) else process_loaded(loaded, "<stdin>")
    if jobs <= 1 or len(args) <= 1:
        yield from map(_process_path, args)
        return
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        chunksize = max(1, min(16, len(args) // (jobs * 4)))
        yield from pool.map(_process_path, args, chunksize=chunksize)
    finally:
        # on an error or Ctrl-C in the writer, do not wait for the rest of the corpus
        pool.shutdown(wait=True, cancel_futures=True)


def run_ingest(
    store: Store,
    paths: Sequence[str],
    *,
    jobs: int = 1,
    overrides: Mapping[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_total: Callable[[int], None] | None = None,
    on_processed: Callable[[Processed], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Ingest every article named by ``paths`` (files, directories, globs, ``-``).

    Workers (``jobs`` > 1: a process pool) read, extract and validate; this process is the
    single writer and commits ``batch_size`` reports per transaction (sooner when reports
    trickle in slowly). Raises ``StoreError`` if the store fails; batches committed before
    stay committed, each one complete.
    """
    started = time.monotonic()
    summary = Summary()
    files, failures = expand_inputs(paths)
    if on_total:
        on_total(len(files) + len(failures))
    vocabulary_checked = False

    def settle(batch: list[Processed]) -> None:
        nonlocal vocabulary_checked
        if not vocabulary_checked and any(p.status == OK for p in batch):
            # before the first report is written (a run that stores nothing writes nothing)
            refresh_vocabulary(store)
            vocabulary_checked = True
        for outcome in commit(store, batch):
            summary.add(outcome)
            if on_outcome:
                on_outcome(outcome)

    for failure in failures:
        if on_processed:
            on_processed(failure)
    settle(failures)
    batch: list[Processed] = []
    last_commit = time.monotonic()
    for item in _processed_stream(files, overrides, max_bytes, jobs):
        if on_processed:
            on_processed(item)
        batch.append(item)
        if len(batch) >= batch_size or time.monotonic() - last_commit > 2.0:
            settle(batch)
            batch, last_commit = [], time.monotonic()
    settle(batch)
    summary.seconds = time.monotonic() - started
    return summary


def write_shacl_report(report_dir: str | os.PathLike[str], item: Processed | Outcome) -> Path:
    """Save a rejected report's SHACL validation report as Turtle; returns the file."""
    directory = Path(report_dir)
    directory.mkdir(parents=True, exist_ok=True)
    stem = Path(item.origin).stem if not item.origin.startswith("<") else "stdin"
    sha = (getattr(item, "content_sha256", None) or "")[:8]
    target = directory / (f"{stem}-{sha}.shacl.ttl" if sha else f"{stem}.shacl.ttl")
    target.write_text(getattr(item, "shacl_turtle", None) or "", encoding="utf-8")
    return target
