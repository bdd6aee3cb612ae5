"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed articles, read from ../shared (never copied into the project)."""
    if not (SEEDS / "gold.jsonl").is_file():
        pytest.skip(f"seed corpus not found at {SEEDS} (../shared is absent)")
    return SEEDS


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
