"""App configuration: defaults, environment variables and opening the store."""

from __future__ import annotations

from typing import Any

from flask import Flask


def defaults() -> dict[str, Any]:
    return {"STORE": None, "DATA_DIR": "./deploykb-data", "STORE_URL": None}


def init_store(app: Flask) -> None:
    """Make ``app.extensions['deploykb.store']`` the store the app serves."""
    app.extensions["deploykb.store"] = app.config.get("STORE")
