"""``deploykb extract``: print the deployment claims of articles; stores nothing."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from kb.commands.metadata import metadata_options
from kb.document import DEFAULT_MAX_BYTES, DocumentError
from kb.model import Report


@click.command(
    epilog="""\b
Examples:
  deploykb extract article.txt
  deploykb extract --published 2015-09-18 --publisher Reuters story.html
  deploykb extract --format ttl devset/001_latakia_strike_jets.txt"""
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "ttl", "trig"]),
    default="jsonl",
    show_default=True,
    help="JSON lines (one object per document) or RDF.",
)
@metadata_options
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse larger files.",
)
def command(
    paths: tuple[str, ...],
    fmt: str,
    overrides: dict[str, Any],
    max_bytes: int,
) -> None:
    """Extract deployment claims from article files (.txt, .html, .md, .json) and print them.

    Metadata comes from NAME.meta.json sidecars, the text itself and these options
    (highest priority). Nothing is stored. Exit status 1 if any file could not be read.
    """
    from kb.document import read_document
    from kb.extract import extract
    from kb.ingest import STDIN, expand_inputs, read_stdin

    files, failures = expand_inputs(paths)
    for failure in failures:
        click.echo(f"error: {failure.origin}: {failure.message}", err=True)
    failed = len(failures)
    for path in files:
        if path == STDIN:
            report = read_stdin(overrides, max_bytes)
            if not isinstance(report, Report):
                click.echo(f"error: {report.origin}: {report.message}", err=True)
                failed += 1
                continue
        else:
            try:
                report = read_document(path, overrides, max_bytes=max_bytes)
            except DocumentError as err:
                click.echo(f"error: {err}", err=True)
                failed += 1
                continue
        result = extract(report)
        for warning in result.warnings:
            click.echo(f"warning: {report.id}: {warning}", err=True)
        if fmt == "jsonl":
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            from kb.rdf import RDFBuildError, extraction_to_graph

            try:
                _, graph = extraction_to_graph(result)
            except RDFBuildError as err:
                click.echo(f"error: {report.id}: cannot build RDF: {err}", err=True)
                failed += 1
                continue
            if fmt == "ttl":
                sys.stdout.write(graph.serialize(format="turtle"))
            else:
                from rdflib import Dataset

                ds = Dataset()
                target = ds.graph(graph.identifier)
                for triple in graph:
                    target.add(triple)
                for prefix, ns in graph.namespaces():
                    ds.bind(prefix, ns)
                sys.stdout.write(ds.serialize(format="trig"))
    if failed:
        sys.exit(1)
