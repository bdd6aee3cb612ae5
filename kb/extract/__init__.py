"""Extraction: from a Report to the deployment claims it states (pure, no I/O, no RDF).

``extract(report)`` is the entry point; the catalog is loaded once and cached.
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
