"""The competency questions (``ontology/queries/*.rq``) as examples for the query page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class CompetencyQuery:
    name: str
    title: str
    description: str
    text: str


def parse(name: str, text: str) -> CompetencyQuery:
    """Title = the first ``#`` comment line; the following comment lines are the description."""
    comments: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if comments:
                break
            continue
        if not stripped.startswith("#"):
            break
        comments.append(stripped.lstrip("#").strip())
    comments = [c for c in comments if c]
    title = comments[0] if comments else name.replace("_", " ").replace("-", " ")
    return CompetencyQuery(name, title, " ".join(comments[1:]), text)


def load(paths: list[Path]) -> list[CompetencyQuery]:
    out = []
    for p in sorted(paths):
        if p.suffix == ".rq" and _NAME.match(p.stem):
            out.append(parse(p.stem, p.read_text(encoding="utf-8")))
    return out


def find(queries: list[CompetencyQuery], name: str) -> CompetencyQuery | None:
    return next((q for q in queries if q.name == name), None)
