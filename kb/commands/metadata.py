"""Metadata options shared by the commands that read articles (``extract``, ``ingest``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from kb.document import parse_published

    try:
        return parse_published(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def metadata_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --published/--title/--publisher/--source-url; the command receives them as one
    ``overrides`` dict holding only the options given (they win over sidecars and the text)."""

    @click.option("--published", callback=_published, help="Publication date YYYY-MM-DD.")
    @click.option("--title", help="Headline.")
    @click.option("--publisher", help="Publisher name.")
    @click.option("--source-url", help="Where the article was published.")
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        published: Any,
        title: str | None,
        publisher: str | None,
        source_url: str | None,
        **kwargs: Any,
    ) -> Any:
        given = {"published": published, "title": title, "publisher": publisher}
        given["source_url"] = source_url
        kwargs["overrides"] = {k: v for k, v in given.items() if v is not None}
        return func(*args, **kwargs)

    return wrapper
