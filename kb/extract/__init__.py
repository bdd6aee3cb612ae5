"""Extraction: from a Report to the deployment claims it states (pure, no I/O, no RDF).

``extract(report)`` is the entry point; the catalog is loaded once and cached.

Components, each a module with one job:

* ``sentences``  - news-aware sentence splitting (abbreviations, run-ons capped)
* ``tokens``     - word tokens with offsets and lookup keys
* ``lexicon``    - phrase tables built once from the catalog (equipment, places, actors)
* ``heads``      - generic head nouns and the equipment class they name
* ``mentions``   - one mention per "manufacturer + designation + NATO name + head"
* ``quantities`` - counts, approximations, bounds, ranges, vague amounts
* ``places``     - gazetteer names, facility phrases, references back
* ``placing``    - which place an item is at (origins, verbs, specificity)
* ``actors``     - who deployed (adjective, subject, discourse, fallbacks)
* ``attribution``- who says so
* ``status``     - deployed / arriving / planned / withdrawn / denied, and non-claims
* ``dates``      - relative time expressions against the publication date
* ``references`` - references back: corroboration, refinement, antecedents
* ``pipeline``   - wires the above together and keeps the discourse state
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kb.extract.lexicon import Lexicon
from kb.extract.pipeline import extract_report
from kb.model import Extraction, Report

__all__ = ["extract", "lexicon_for"]

_LEXICONS: dict[int, tuple[Any, Lexicon]] = {}


@lru_cache(maxsize=1)
def _default_catalog() -> Any:
    try:
        from kb.catalog import load_catalog

        return load_catalog()
    except (ImportError, OSError, ValueError):
        return None


def lexicon_for(catalog: Any = None) -> Lexicon:
    """The lookup tables for ``catalog`` (the project catalog when None), built once."""
    if catalog is None:
        catalog = _default_catalog()
    key = id(catalog)
    cached = _LEXICONS.get(key)
    if cached is None or cached[0] is not catalog:
        cached = (catalog, Lexicon.from_catalog(catalog))
        _LEXICONS[key] = cached
    return cached[1]


def extract(report: Report, catalog: Any = None) -> Extraction:
    """Every deployment claim stated in ``report``, with evidence spans into ``report.text``."""
    lex = lexicon_for(catalog)
    result = extract_report(report, lex)
    if catalog is None and _default_catalog() is None:
        result.warnings.append("catalog unavailable: only generic equipment classes recognised")
    return result
