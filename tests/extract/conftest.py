"""Fixtures of the extraction tests: one catalog per session."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def _catalog() -> Any:
    try:
        from kb.catalog import load_catalog

        return load_catalog()
    except (ImportError, OSError, ValueError):
        from catalog_double import build

        return build()


@pytest.fixture(scope="session")
def catalog() -> Any:
    return _catalog()


@pytest.fixture(scope="session")
def run(catalog):
    """Extract claims from a text written in the test; returns the Extraction."""
    from kb.document import document_from_text
    from kb.extract import extract

    def _run(text: str, published: date | None = date(2021, 3, 12)):
        meta = {"published": published} if published else {}
        return extract(document_from_text(text, "t", meta), catalog)

    return _run
