"""``deploykb query``: run a SPARQL query against the store and print the results."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pyoxigraph as ox

from kb.namespaces import PREFIXES, sparql_prefixes
from kb.store import StoreError
from kb.store.options import open_for_cli, store_options

FORMATS = ("table", "csv", "tsv", "json")


def load_query(text: str) -> str:
    """The query text itself, or the content of ``@file.rq``."""
    if not text.startswith("@"):
        return text
    path = Path(text[1:])
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise click.ClickException(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: cannot read the query: {exc}") from None


def with_prefixes(query: str) -> str:
    """Prepend the project's PREFIX lines unless the query declares its own."""
    declared = {
        line.split()[1].rstrip(":")
        for line in query.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    if declared:
        return query
    # one line, joined to the query's first line, so syntax errors keep the user's line numbers
    return sparql_prefixes().replace("\n", " ") + query


def compact(term: Any) -> str:
    """A short, readable rendering of a term for the terminal table."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(base) and term.value != base:
                local = term.value[len(base) :]
                if all(c.isalnum() or c in "-_." for c in local):
                    return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _plain(term: Any) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def render(result: Any, fmt: str, out: io.TextIOBase) -> int:
    """Write ``result`` to ``out`` (rows streamed except for the table); returns the row count."""
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if fmt == "json":
            out.write(json.dumps({"head": {}, "boolean": value}) + "\n")
        else:
            out.write(("true" if value else "false") + "\n")
        return 1
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows: Iterator[list[Any]] = ([row[v] for v in variables] for row in result)
    else:  # CONSTRUCT / DESCRIBE
        variables = ["subject", "predicate", "object"]
        rows = ([t.subject, t.predicate, t.object] for t in result)
    count = 0
    if fmt == "json":
        out.write(json.dumps({"head": {"vars": variables}})[:-1] + ', "results": {"bindings": [')
        for row in rows:
            binding = {
                v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None
            }
            out.write(("," if count else "") + "\n " + json.dumps(binding, ensure_ascii=False))
            count += 1
        out.write("\n]}}\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_plain(t) for t in row])
            count += 1
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*variables, show_lines=False, header_style="bold")
        for row in rows:
            table.add_row(*(compact(t) for t in row))
            count += 1
        width = shutil.get_terminal_size((200, 24)).columns if out.isatty() else 200
        console = Console(file=out, width=width, no_color=not out.isatty())
        console.print(table)
        console.print(f"{count} row{'s' if count != 1 else ''}")
    return count


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


@click.command(
    epilog="""\b
Examples:
  deploykb query 'SELECT ?claim ?asset WHERE { ?claim dkb:asset ?asset } LIMIT 5'
  deploykb query @ontology/queries/b_latest_estimate.rq --format csv > answers.csv
The project's prefixes (dkb:, eq:, pl:, ac:, schema:, prov:, skos: …) are predeclared
when the query declares none. The default graph is the union of all graphs.
"""
)
@click.argument("sparql", metavar="SPARQL|@FILE.rq")
@store_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def command(sparql: str, data_dir: str | None, store_url: str | None, fmt: str) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against the store."""
    query = with_prefixes(load_query(sparql))
    store = open_for_cli(data_dir, store_url, read_only=True)
    try:
        render(store.query(query), fmt, sys.stdout)
        sys.stdout.flush()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:  # the reader went away (`| head`): click ends quietly on EPIPE
        raise
    except (OSError, RuntimeError, ValueError) as exc:  # raised while rows are read
        raise click.ClickException(f"query failed: {' '.join(str(exc).split())}") from None
    finally:
        store.close()
