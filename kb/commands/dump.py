"""``deploykb dump``: write the whole KB (or one graph) as RDF, streamed."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from kb.dump import DUMP_FORMATS, dump
from kb.store import StoreError
from kb.store.options import open_for_cli, store_options


def format_from_name(name: str) -> tuple[str | None, bool]:
    """(format, gzip) guessed from an output file name like ``kb.ttl.gz``."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    suffix = lower.rsplit(".", 1)[-1] if "." in lower else ""
    aliases = {"json": "jsonld", "n3": None, "nquads": "nq", "ntriples": "nt", "turtle": "ttl"}
    fmt = aliases.get(suffix, suffix)
    return (fmt if fmt in DUMP_FORMATS else None), gz


@click.command(
    epilog="""\b
Examples:
  deploykb dump --format trig --output kb.trig
  deploykb dump --output kb.nq.gz           # format and gzip from the file name
  deploykb dump --format nt | wc -l
nt and ttl hold the union of all graphs; nq, trig and jsonld keep the named graphs.
"""
)
@store_options
@click.option("--format", "fmt", type=click.Choice(DUMP_FORMATS), help="[default: nq]")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write [default: stdout]."
)
@click.option("--gzip", "gz", is_flag=True, help="Compress with gzip.")
@click.option("--graph", "graph_iri", metavar="IRI", help="Dump only this named graph.")
def command(
    data_dir: str | None,
    store_url: str | None,
    fmt: str | None,
    output: str | None,
    gz: bool,
    graph_iri: str | None,
) -> None:
    """Write the knowledge base as RDF, streamed in constant memory."""
    if output:
        guessed, guessed_gz = format_from_name(output)
        fmt = fmt or guessed
        gz = gz or guessed_gz
    fmt = fmt or "nq"
    store = open_for_cli(data_dir, store_url, read_only=True)
    try:
        if graph_iri is not None and not store.graph_exists(graph_iri):
            raise click.ClickException(f"{graph_iri}: no such graph in the store")
        if output is None:
            dump(store, sys.stdout.buffer, fmt, gzip=gz, graph_iri=graph_iri)
            sys.stdout.buffer.flush()
        else:
            _dump_to_file(store, Path(output), fmt, gz, graph_iri)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


def _dump_to_file(store, target: Path, fmt: str, gz: bool, graph_iri: str | None) -> None:
    """Write next to the target and rename at the end: never a half-written dump file."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as exc:
        raise click.ClickException(f"{target}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            dump(store, out, fmt, gzip=gz, graph_iri=graph_iri)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
