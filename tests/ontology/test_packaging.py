"""A built wheel ships the ontology, the shapes and the queries, and code finds them inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.mark.slow
def test_wheel_ships_ontology_files(repo_root: Path, tmp_path: Path) -> None:
    # build from a copy of the sources: an in-tree build writes build/ in the shared checkout,
    # where a concurrent build could interfere
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in ("kb", "api", "ontology"):
        shutil.copytree(repo_root / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(repo_root / name, src / name)
    out = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheels = list(out.glob("deploykb-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    expected = {"ontology/deploykb.ttl", "ontology/shapes.ttl"}
    expected |= {
        f"ontology/queries/{p.name}" for p in (repo_root / "ontology" / "queries").glob("*.rq")
    }
    assert len(expected) >= 9
    assert expected <= names, sorted(expected - names)

    # imported from the unpacked wheel (not the checkout), the helpers find the files
    probe = (
        "import ontology, kb.validate as v\n"
        "print(ontology.__file__)\n"
        "print(len(ontology.query_files()))\n"
        "print(len(v.shapes_graph()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    module_file, n_queries, n_shape_triples = run.stdout.split()
    assert Path(module_file).is_relative_to(tmp_path / "site")
    assert int(n_queries) == len(expected) - 2
    assert int(n_shape_triples) > 300
