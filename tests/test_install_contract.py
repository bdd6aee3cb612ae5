"""The README's first command is what CI runs, and what it installs is declared directly."""

from __future__ import annotations

import importlib.util
import pathlib
import re
import subprocess
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _readme_command_1() -> str:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("# 1. "))
    return lines[index + 1]


def test_ci_runs_readme_command_1_as_written() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = _readme_command_1()
    assert command.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert command.endswith(" && .venv/bin/deploykb serve")
    # CI reads the command from the README instead of keeping a copy that could drift ...
    assert "grep -A1 -m1 '^# 1\\. ' README.md" in ci
    # ... and nothing before it upgrades pip, which would hide an install step stock pip cannot do.
    before = ci[: ci.index('bash -euo pipefail -c "$install_and_ingest"')]
    assert not re.search(r"pip\S* install[^\n]*--upgrade", before)
    assert "pip install" not in before


def test_ci_extracts_the_same_command_as_the_readme() -> None:
    script = "grep -A1 -m1 '^# 1\\. ' README.md | tail -n 1"
    out = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == _readme_command_1()


def test_lxml_html_clean_is_a_direct_dependency_and_importable() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=\[ ;]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]}
    assert "lxml_html_clean" in names
    assert importlib.util.find_spec("lxml_html_clean") is not None
    from lxml.html.clean import Cleaner  # the import trafilatura makes

    cleaned = Cleaner(scripts=True).clean_html("<div><script>x()</script><p>kept</p></div>")
    assert "script" not in cleaned and "kept" in cleaned
