"""``deploykb validate``: check every report graph in the store against the SHACL shapes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import click

from kb.namespaces import CATALOG_GRAPH, REPORT_GRAPH_PREFIX
from kb.store import Store, StoreError
from kb.store.options import open_for_cli, store_options


def report_graphs(store: Store) -> list[str]:
    return [g for g in store.named_graphs() if g.startswith(REPORT_GRAPH_PREFIX)]


def load_graph(store: Store, graph_iri: str) -> Any:
    """One named graph of the store as a plain in-memory rdflib Graph (what pySHACL wants)."""
    from rdflib import Graph, URIRef

    buffer = io.BytesIO()
    store.dump(buffer, "nt", graph_iri)
    graph = Graph(identifier=URIRef(graph_iri))
    graph.parse(data=buffer.getvalue(), format="nt")
    return graph


@click.command(
    epilog="""\b
Examples:
  deploykb validate
  deploykb validate --json --report-dir shacl-reports/
  deploykb validate --catalog        # the catalog graph too
"""
)
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--catalog",
    "with_catalog",
    is_flag=True,
    help="Also check the stored catalog graph against the catalog shapes (slower: ~10 s).",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False),
    help="Write the SHACL report of each failing graph there, as Turtle.",
)
def command(
    data_dir: str | None,
    store_url: str | None,
    as_json: bool,
    with_catalog: bool,
    report_dir: str | None,
) -> None:
    """Validate every report graph in the store against the SHACL shapes.

    Exits with status 1 when any graph does not conform.
    """
    from kb.validate import validate_catalog, validate_report_graph

    store = open_for_cli(data_dir, store_url, read_only=True)
    failing: list[str] = []
    try:
        graphs = report_graphs(store)
        if with_catalog:
            if not store.graph_exists(str(CATALOG_GRAPH)):
                raise click.ClickException("the store holds no catalog graph; ingest first")
            graphs = [str(CATALOG_GRAPH), *graphs]
        for graph_iri in graphs:
            graph = load_graph(store, graph_iri)
            if graph_iri == str(CATALOG_GRAPH):
                result = validate_catalog(graph)
            else:
                result = validate_report_graph(graph)
            if result.conforms:
                continue
            failing.append(graph_iri)
            click.echo(f"does not conform: {graph_iri}", err=True)
            click.echo("\n".join("  " + x for x in str(result.report_text).splitlines()), err=True)
            if report_dir:
                target = Path(report_dir)
                target.mkdir(parents=True, exist_ok=True)
                name = graph_iri.rstrip("/").rsplit("/", 1)[-1] + ".shacl.ttl"
                (target / name).write_text(
                    result.report_graph.serialize(format="turtle"), encoding="utf-8"
                )
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    summary = {"graphs": len(graphs), "conform": len(graphs) - len(failing), "failing": failing}
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        click.echo(
            f"{summary['graphs']} graphs checked: {summary['conform']} conform, "
            f"{len(failing)} do not"
        )
    raise SystemExit(1 if failing else 0)
