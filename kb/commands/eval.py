"""``deploykb eval``: score extraction against a gold JSONL file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click


@click.command(
    epilog="""\b
Examples:
  deploykb eval devset/gold.jsonl --texts devset
  deploykb eval ../shared/corpus/seeds/gold.jsonl --texts ../shared/corpus/seeds --json"""
)
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option(
    "--texts",
    "texts",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory of the articles (default: the gold file's directory).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--details", is_flag=True, help="List missed and spurious claims.")
def command(gold: str, texts: str | None, as_json: bool, details: bool) -> None:
    """Precision, recall and F1 (strict and lenient) and per-field accuracy.

    The matching rules are documented in kb/evaluate.py.
    """
    from kb.document import DocumentError, read_document
    from kb.evaluate import GoldError, evaluate, read_gold
    from kb.extract import extract

    try:
        docs = read_gold(gold)
    except GoldError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    base = Path(texts) if texts else Path(gold).parent
    if not base.is_dir():
        click.echo(f"error: {base}: no such directory", err=True)
        sys.exit(2)
    problems: list[str] = []

    def predict(doc: dict[str, Any]) -> dict[str, Any]:
        name = doc.get("file") or f"{doc['id']}.txt"
        try:
            report = read_document(base / name)
        except DocumentError as err:
            problems.append(str(err))
            return {"deployments": []}
        return extract(report).to_json()

    score = evaluate(docs, predict)
    for p in problems:
        click.echo(f"error: {p}", err=True)
    result = score.to_json()
    if not details:
        result.pop("missed")
        result.pop("spurious")
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(f"documents: {len(docs)}")
        for name in ("strict", "lenient"):
            c = result[name]
            click.echo(
                f"{name:8s} P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f} "
                f"(tp={c['tp']} predicted={c['predicted']} gold={c['gold']})"
            )
        acc = ", ".join(
            f"{k}={v:.2f}" for k, v in result["field_accuracy"].items() if v is not None
        )
        click.echo(f"field accuracy on {result['matched_pairs']} lenient pairs: {acc}")
        click.echo(f"claims from not_deployments: {len(result['not_deployment_hits'])}")
        for hit in result["not_deployment_hits"]:
            click.echo(f"  {hit['id']}: {hit['item_text']!r} <- {hit['not_deployment']}")
        if details:
            for kind in ("missed", "spurious"):
                for d in result[kind]:
                    click.echo(f"{kind}: {json.dumps(d, ensure_ascii=False)}")
    if problems:
        sys.exit(1)
