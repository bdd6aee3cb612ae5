"""SPARQL results (solutions, a boolean or triples) as a UI table."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from api.ui.tables import Table
from api.ui.terms import labels, py_value, resource_cell


def result_table(
    store: Any, name: str, title: str, results: Any, max_rows: int
) -> tuple[Table, bool]:
    """Query results as a table; the flag says the row cap cut it short."""
    if isinstance(results, ox.QueryBoolean):
        table = Table(name, title, ["result"])
        table.add(result=bool(results))
        return table, False
    if isinstance(results, ox.QuerySolutions):
        columns = [v.value for v in results.variables]
        rows = []
        for sol in results:
            rows.append({c: sol[c] for c in columns})
            if len(rows) > max_rows:
                break
        table = Table(name, title, columns)
    else:  # triples
        columns = ["subject", "predicate", "object"]
        rows = []
        for t in results:
            rows.append({"subject": t.subject, "predicate": t.predicate, "object": t.object})
            if len(rows) > max_rows:
                break
        table = Table(name, title, columns)
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    iris = {t.value for r in rows for t in r.values() if isinstance(t, ox.NamedNode)}
    names = labels(store, iris)
    link_cols = set()
    for r in rows:
        cells = {}
        for col, term in r.items():
            if isinstance(term, ox.NamedNode):
                link_cols.add(col)
                cells[col] = resource_cell(term.value, names.get(term.value))
            else:
                cells[col] = py_value(term)
        table.add(**cells)
    table.link_columns = tuple(c for c in table.columns if c in link_cols)
    return table, truncated
