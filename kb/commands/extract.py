"""``deploykb extract``: print the deployment claims of articles; stores nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kb.document import DEFAULT_MAX_BYTES, MEDIA_TYPES, DocumentError, parse_published


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


def expand_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; directories expanded to their article files (sidecars excluded)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in MEDIA_TYPES
                and not f.name.endswith(".meta.json")
                and f.name != "gold.jsonl"
            )
        else:
            out.append(p)
    return out


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
@click.option("--published", callback=_published, help="Publication date YYYY-MM-DD.")
@click.option("--title", help="Headline (overrides the sidecar and the text).")
@click.option("--publisher", help="Publisher name.")
@click.option("--source-url", help="Where the article was published.")
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
    published: Any,
    title: str | None,
    publisher: str | None,
    source_url: str | None,
    max_bytes: int,
) -> None:
    """Extract deployment claims from article files (.txt, .html, .md, .json) and print them.

    Metadata comes from NAME.meta.json sidecars, the text itself and these options
    (highest priority). Nothing is stored. Exit status 1 if any file could not be read.
    """
    from kb.document import read_document
    from kb.extract import extract

    overrides = {
        "published": published,
        "title": title,
        "publisher": publisher,
        "source_url": source_url,
    }
    files = expand_paths(paths)
    if not files:
        raise click.UsageError("no article files found")
    failed = 0
    for path in files:
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
