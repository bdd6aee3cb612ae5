"""``deploykb stats``: what the KB holds (reports, claims by category, actor and place)."""

from __future__ import annotations

import json
from typing import Any

import click

from kb.namespaces import CATALOG_GRAPH, sparql_prefixes
from kb.store import Store, StoreError
from kb.store.options import open_for_cli, store_options

# explicit GRAPH patterns, so the numbers are the same on a remote store without union graph
_COUNT_REPORTS = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?r a dkb:Report } }"
_COUNT_CLAIMS = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a dkb:DeploymentClaim } }"
_BY_CATEGORY = f"""SELECT ?top (COUNT(DISTINCT ?c) AS ?n) WHERE {{
  GRAPH ?g {{ ?c a dkb:DeploymentClaim ; dkb:asset ?e }}
  OPTIONAL {{ GRAPH <{CATALOG_GRAPH}> {{ ?e skos:broader* ?top . ?top skos:topConceptOf ?scheme }} }}
}} GROUP BY ?top ORDER BY DESC(?n) ?top"""
_BY_LINK = """SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE {{
  GRAPH ?g {{ ?c a dkb:DeploymentClaim ; {prop} ?x }}
}} GROUP BY ?x ORDER BY DESC(?n) ?x"""
_LABELS = f"""SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{
  VALUES ?x {{ {{values}} }}
  GRAPH <{CATALOG_GRAPH}> {{ ?x rdfs:label ?l }}
}} GROUP BY ?x"""


def _select(store: Store, query: str) -> list[dict[str, Any]]:
    result = store.query(sparql_prefixes() + query)
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names} for row in result]


def _count(store: Store, query: str) -> int:
    rows = _select(store, query)
    return int(rows[0]["n"].value) if rows else 0


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _ranked(store: Store, prop: str, limit: int) -> list[dict[str, Any]]:
    rows = _select(store, _BY_LINK.format(prop=prop))
    labels: dict[str, str] = {}
    top = [r for r in rows if r["x"] is not None][:limit]
    if top:
        values = " ".join(f"<{r['x'].value}>" for r in top)
        for row in _select(store, _LABELS.replace("{values}", values)):
            labels[row["x"].value] = row["label"].value
    return [
        {
            "id": _slug(r["x"].value),
            "label": labels.get(r["x"].value, _slug(r["x"].value)),
            "claims": int(r["n"].value),
        }
        for r in top
    ]


def collect_stats(store: Store, limit: int = 15) -> dict[str, Any]:
    """The numbers ``deploykb stats`` prints, as a JSON-able dict."""
    _, modified = store.state()
    by_category = [
        {
            "category": _slug(r["top"].value) if r["top"] is not None else "(not in catalog)",
            "claims": int(r["n"].value),
        }
        for r in _select(store, _BY_CATEGORY)
    ]
    return {
        "store": store.description,
        "reports": _count(store, _COUNT_REPORTS),
        "claims": _count(store, _COUNT_CLAIMS),
        "claims_by_category": by_category,
        "claims_by_actor": _ranked(store, "dkb:actor", limit),
        "claims_by_place": _ranked(store, "dkb:location", limit),
        "last_change": modified.isoformat() if modified else None,
    }


@click.command(
    epilog="""\b
Examples:
  deploykb stats
  deploykb stats --json | jq .claims_by_actor
"""
)
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=15,
    show_default=True,
    help="Actors and places listed.",
)
def command(data_dir: str | None, store_url: str | None, as_json: bool, limit: int) -> None:
    """Summarise the KB: reports, claims, claims by category, actor and place, last change."""
    store = open_for_cli(data_dir, store_url, read_only=True)
    try:
        stats = collect_stats(store, limit)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    _print(stats)


def _print(stats: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{stats['store']}[/bold]")
    console.print(f"reports: {stats['reports']}   claims: {stats['claims']}")
    console.print(f"last change: {stats['last_change'] or 'never'}")
    for title, key, column in (
        ("claims by category", "claims_by_category", "category"),
        ("claims by actor", "claims_by_actor", "label"),
        ("claims by place", "claims_by_place", "label"),
    ):
        if not stats[key]:
            continue
        table = Table(column, "claims", title=title, title_justify="left")
        for row in stats[key]:
            table.add_row(str(row[column]), str(row["claims"]))
        console.print(table)
