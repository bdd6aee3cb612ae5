"""`deploykb extract` takes the same inputs as `ingest`: files, directories, globs and `-`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kb.cli import cli

ARTICLE = "Four Turkish F-16 jets arrived at Incirlik on Tuesday, a defence official said.\n"


def _docs(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_stdin_with_metadata_flags() -> None:
    result = CliRunner().invoke(
        cli,
        ["extract", "-", "--published", "2021-06-01", "--publisher", "Example Wire"],
        input=ARTICLE,
    )
    assert result.exit_code == 0, result.output
    (doc,) = _docs(result.stdout)
    assert doc["published"] == "2021-06-01" and doc["publisher"] == "Example Wire"
    (claim,) = doc["deployments"]
    assert claim["item_model"] == "F-16" and claim["quantity"]["value"] == 4


def test_glob_and_missing_file(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "*.txt"), str(tmp_path / "no.txt")])
    assert result.exit_code == 1
    assert [d["id"] for d in _docs(result.stdout)] == ["a", "b"]
    assert "no.txt: no such file or directory" in result.stderr
