"""The deploykb contract as data: ontology, SHACL shapes, catalogs and competency queries.

The Turtle and SPARQL files ship inside the installed package; use these helpers rather
than paths relative to a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_ROOT = resources.files(__name__)


def path(*parts: str) -> Path:
    """Filesystem path of a file shipped in the ontology package, e.g. ``path("shapes.ttl")``."""
    return Path(str(_ROOT.joinpath(*parts)))


def read_text(*parts: str) -> str:
    return _ROOT.joinpath(*parts).read_text(encoding="utf-8")


def catalog_files() -> list[Path]:
    """All Turtle files of the reference catalog (equipment, places, actors)."""
    return sorted(path("catalog").glob("*.ttl"))


def query_files() -> list[Path]:
    """The competency questions, one SPARQL file each."""
    return sorted(path("queries").glob("*.rq"))
