"""``deploykb delete``: remove a report (its whole named graph, claims included)."""

from __future__ import annotations

import click

from kb.ingest import stored_versions
from kb.namespaces import DKB, REPORT_GRAPH_PREFIX
from kb.store import Store, StoreError
from kb.store.common import iri
from kb.store.options import open_for_cli, store_options


def graphs_of_report(store: Store, report: str) -> list[str]:
    """The named graphs holding this report (given by its IRI or its graph IRI)."""
    if report.startswith(REPORT_GRAPH_PREFIX):
        return [report] if store.graph_exists(report) else []
    rows = store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {iri(report)} a <{DKB.Report}> }} }}"
    )
    return [row["g"].value for row in rows]


@click.command(
    epilog="""\b
Examples:
  deploykb delete https://w3id.org/deploykb/id/report/0123456789abcdef0123456789abcdef
  deploykb delete --source-url https://example.org/news/2024/05/airbase
"""
)
@click.argument("report", required=False, metavar="REPORT-IRI")
@click.option("--source-url", help="Delete the report(s) with this source URL instead.")
@store_options
def command(
    report: str | None, source_url: str | None, data_dir: str | None, store_url: str | None
) -> None:
    """Delete a report and all of its claims (its named graph) in one transaction."""
    if bool(report) == bool(source_url):
        raise click.UsageError("give either a REPORT-IRI or --source-url URL")
    store = open_for_cli(data_dir, store_url, read_only=False)
    try:
        if report:
            graphs = graphs_of_report(store, report)
            what = report
        else:
            graphs = [g for g, _ in stored_versions(store, source_url or "")]
            what = f"source URL {source_url}"
        if not graphs:
            raise click.ClickException(f"{what}: no such report in the store")
        store.replace_graphs({}, drop=graphs)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    for graph in graphs:
        click.echo(f"deleted {graph}")
