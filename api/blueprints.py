"""The blueprints of the app, one module per concern."""

from __future__ import annotations

from flask import Blueprint


def all_blueprints() -> list[Blueprint]:
    from api import describe, dumps, pages, sparql, writes

    return [sparql.bp, describe.bp, dumps.bp, writes.bp, pages.bp]
