"""Extraction accuracy on real news, scored by the reference scorer.

Writes each passage of ``../shared/corpus/realnews/{dev,test}.jsonl`` to a temporary folder as
``ID.txt`` + ``ID.meta.json`` (the passages stay out of the project), runs ``deploykb extract``
over them, and scores the predictions with ``../shared/corpus/score.py``. Prints one row per
split: strict, lenient and strict+status F1. Run it after every change to the extractor and add
a row to the table in bench/RESULTS.md.

    .venv/bin/python bench/bench_realnews.py [--shared ../shared] [--splits dev test]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METRICS = ("strict", "lenient", "strict+status")


def write_passages(gold: Path, out: Path) -> int:
    """One .txt and one .meta.json per passage; returns the number of passages."""
    count = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        (out / f"{item['id']}.txt").write_text(item["text"], encoding="utf-8")
        meta = {k: item[k] for k in ("publisher", "published", "source_url") if item.get(k)}
        (out / f"{item['id']}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        count += 1
    return count


def score_split(shared: Path, split: str) -> dict[str, float]:
    gold = shared / "corpus" / "realnews" / f"{split}.jsonl"
    deploykb = Path(sys.executable).with_name("deploykb")
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        write_passages(gold, texts)
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as out:
            subprocess.run(
                [str(deploykb), "extract", str(texts), "--format", "jsonl"],
                stdout=out,
                stderr=subprocess.DEVNULL,
                check=True,
            )
        metrics = Path(tmp) / "metrics.json"
        subprocess.run(
            [
                sys.executable,
                str(shared / "corpus" / "score.py"),
                str(gold),
                str(pred),
                "--json",
                str(metrics),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return json.loads(metrics.read_text(encoding="utf-8"))


def f1_of(metrics: dict, name: str) -> float | None:
    entry = metrics.get(name)
    if isinstance(entry, dict):
        return entry.get("f1")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    args = parser.parse_args()
    if not (args.shared / "corpus" / "score.py").is_file():
        sys.exit(f"error: {args.shared}/corpus/score.py not found (pass --shared)")
    print(f"{'split':6s} " + " ".join(f"{m:>14s}" for m in METRICS))
    for split in args.splits:
        metrics = score_split(args.shared, split)
        cells = []
        for m in METRICS:
            value = f1_of(metrics, m)
            cells.append(f"{value:14.3f}" if value is not None else f"{'?':>14s}")
        print(f"{split:6s} " + " ".join(cells))


if __name__ == "__main__":
    main()
