"""Tables shown in the UI, downloadable as CSV or JSON (Datasette-style ``?_format=``)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

DOWNLOAD_FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Cell:
    """One value: ``value`` is what downloads carry (an IRI or a literal), ``label`` what people
    read, ``href`` where the UI links to (a local page when the IRI is ours)."""

    value: Any
    label: str | None = None
    href: str | None = None

    @property
    def text(self) -> str:
        if self.label is not None:
            return self.label
        return "" if self.value is None else str(self.value)


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    #: columns whose cells are resources: downloads add a ``<column>_label`` column
    link_columns: tuple[str, ...] = ()
    #: a remark shown under the title (e.g. that the list is cut short), with an optional link
    note: str | None = None
    note_href: str | None = None

    def add(self, **cells: Any) -> None:
        self.rows.append({k: v if isinstance(v, Cell) else Cell(v) for k, v in cells.items()})

    def download_columns(self) -> list[str]:
        out: list[str] = []
        for col in self.columns:
            out.append(col)
            if col in self.link_columns:
                out.append(f"{col}_label")
        return out

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain dicts (IRIs and literal values, plus labels of link columns)."""
        out = []
        for row in self.rows:
            rec: dict[str, Any] = {}
            for col in self.columns:
                cell = row.get(col, Cell(None))
                rec[col] = cell.value
                if col in self.link_columns:
                    rec[f"{col}_label"] = cell.label
            out.append(rec)
        return out

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=self.download_columns(), lineterminator="\r\n")
        writer.writeheader()
        for rec in self.records():
            writer.writerow({k: "" if v is None else v for k, v in rec.items()})
        return buf.getvalue()

    def to_json(self) -> str:
        doc = {
            "table": self.name,
            "title": self.title,
            "columns": self.download_columns(),
            "rows": self.records(),
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, default=str)


class BadFormat(ValueError):
    """A ``_format``/``format`` value or suffix the UI cannot produce."""


def check_download_format(fmt: str) -> str:
    if fmt not in DOWNLOAD_FORMATS:
        raise BadFormat(f"unsupported _format {fmt!r}: use one of {', '.join(DOWNLOAD_FORMATS)}")
    return fmt


def pick_table(tables: list[Table], name: str | None) -> Table | None:
    """The table called ``name`` (the first one when no name is given)."""
    if not tables:
        return None
    if not name:
        return tables[0]
    return next((t for t in tables if t.name == name), None)
