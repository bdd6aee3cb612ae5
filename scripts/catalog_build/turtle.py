"""A tiny deterministic Turtle writer: sorted subjects, predicates and objects."""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from typing import Any

from catalog_build.common import PREFIXES, RDF_TYPE


@dataclass(frozen=True, order=True)
class Lit:
    text: str
    lang: str | None = None
    datatype: str | None = None


@dataclass
class Graph:
    triples: dict[str, dict[str, set[Any]]] = field(
        default_factory=lambda: collections.defaultdict(lambda: collections.defaultdict(set))
    )

    def add(self, s: str, p: str, o: str | Lit) -> None:
        self.triples[s][p].add(o)

    def __len__(self) -> int:
        return sum(len(objs) for preds in self.triples.values() for objs in preds.values())


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$")


def _iri(iri: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if (
            iri.startswith(ns)
            and _LOCAL.match(iri[len(ns) :])
            and (best is None or len(ns) > len(PREFIXES[best]))
        ):
            best = prefix
    if best is not None:
        return f"{best}:{iri[len(PREFIXES[best]) :]}"
    return f"<{iri}>"


def _term(obj: str | Lit) -> str:
    if isinstance(obj, Lit):
        text = f'"{_escape(obj.text)}"'
        if obj.lang:
            return f"{text}@{obj.lang}"
        if obj.datatype:
            return f"{text}^^{_iri(obj.datatype)}"
        return text
    return _iri(obj)


def to_turtle(graph: Graph, header: str) -> str:
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines.append("")
    lines += [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    for subject in sorted(graph.triples):
        preds = graph.triples[subject]
        order = sorted(preds, key=lambda p: (p != RDF_TYPE, p))
        lines.append("")
        lines.append(_term(subject))
        for i, pred in enumerate(order):
            objs = sorted(_term(o) for o in preds[pred])
            verb = "a" if pred == RDF_TYPE else _iri(pred)
            end = " ." if i == len(order) - 1 else " ;"
            lines.append(f"    {verb} {' , '.join(objs)}{end}")
    return "\n".join(lines) + "\n"


def en(text: str) -> Lit:
    return Lit(text, lang="en")


def plain(text: str) -> Lit:
    return Lit(text)
