"""Every kind of bad input: one clear line naming the file, no traceback, store unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import report_quads

from kb.cli import cli
from kb.store import open_store

ARTICLES = Path(__file__).parent / "data" / "articles"
CALM = ARTICLES / "calm.txt"
NEUTRAL = (
    "Town council approves new library\n\n"
    "The council voted on Monday to build a library next to the old market hall.\n\n"
    "Work is due to begin in the spring, a spokeswoman said."
)
META = {"title": "Town council approves new library", "published": "2021-03-02"}


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, ["ingest", *args], input=input, catch_exceptions=False)


@pytest.fixture
def data(new_store_dir) -> str:
    """A store that already holds one report, so 'unchanged' is checked against real data."""
    path = new_store_dir()
    result = run(str(CALM), "--data", path)
    assert result.exit_code == 0, result.output
    return path


def snapshot(path: str):
    store = open_store(path, read_only=True)
    try:
        # the state token changes with any write; the report graphs must be the same too
        return report_quads(store), store.state()
    finally:
        store.close()


def article(tmp_path: Path, name: str, content: bytes | str, meta: dict | str | None = META):
    target = tmp_path / "in" / name
    target.parent.mkdir(exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    target.write_bytes(content)
    if meta is not None:
        sidecar = target.with_name(target.stem + ".meta.json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta))
    return target


def assert_one_clear_line(result, name: str, problem: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert name in lines[0] and problem in lines[0], lines[0]


@pytest.mark.parametrize(
    ("name", "content", "meta", "problem"),
    [
        ("empty.txt", b"", META, "empty"),
        ("blank.txt", b"  \n\n ", META, "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, META, "binary"),
        ("bad-utf16.txt", b"\xff\xfe" + b"a\x00b", META, "invalid utf-16"),
        ("badmeta.txt", NEUTRAL, "{not json", "invalid sidecar JSON"),
        ("baddate.txt", NEUTRAL, {"published": "2021-13-45"}, "invalid published date"),
        ("nodate.txt", NEUTRAL, {"title": "x"}, "no publication date"),
        ("badjson.json", "{ nope", META, "invalid JSON"),
    ],
)
def test_bad_file(tmp_path, data, name, content, meta, problem):
    before = snapshot(data)
    target = article(tmp_path, name, content, meta)
    result = run(str(target), "--data", data)
    assert_one_clear_line(result, name.rsplit(".", 1)[0], problem)
    assert snapshot(data) == before


def test_file_over_the_size_limit(tmp_path, data):
    before = snapshot(data)
    target = article(tmp_path, "big.txt", NEUTRAL * 5)
    result = run(str(target), "--data", data, "--max-bytes", "200")
    assert_one_clear_line(result, "big.txt", "too large")
    assert snapshot(data) == before


def test_missing_file_and_directory_without_articles(tmp_path, data):
    before = snapshot(data)
    missing = run(str(tmp_path / "nowhere.txt"), "--data", data)
    assert_one_clear_line(missing, "nowhere.txt", "no such file")
    (tmp_path / "empty-dir" / "sub").mkdir(parents=True)
    (tmp_path / "empty-dir" / "sub" / "x.meta.json").write_text("{}")
    empty = run(str(tmp_path / "empty-dir"), "--data", data)
    assert_one_clear_line(empty, "empty-dir", "no articles")
    nomatch = run(str(tmp_path / "*.txt"), "--data", data)
    assert_one_clear_line(nomatch, "*.txt", "no article matches")
    assert snapshot(data) == before


def test_invalid_published_option_is_a_usage_error(data):
    result = run(str(CALM), "--data", data, "--published", "yesterday")
    assert result.exit_code == 2 and "invalid published date" in result.stderr


def test_non_utf8_text_is_decoded(tmp_path, data):
    text = (
        "Le conseil municipal approuve la nouvelle bibliothèque\n\n"
        "Les élus ont voté lundi pour construire une bibliothèque à côté de la halle.\n\n"
        "Les travaux débuteront au printemps, a précisé une porte-parole de la mairie."
    )
    latin = article(tmp_path, "latin.txt", text.encode("cp1252"))
    first = run(str(latin), "--data", data, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["ingested"] == 1
    utf8 = article(tmp_path, "utf8.txt", text.encode("utf-8"))
    second = run(str(utf8), "--data", data, "--json")
    assert json.loads(second.stdout)["unchanged"] == 1  # same text once decoded


def test_bad_inputs_do_not_stop_the_batch(tmp_path, data):
    good = article(tmp_path, "good.txt", NEUTRAL)
    empty = article(tmp_path, "empty.txt", b"")
    result = run(str(tmp_path / "in"), "--data", data, "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["ingested"], summary["failed"]) == (1, 1)
    assert str(empty) in result.stderr and str(good) not in result.stderr


def test_store_locked_by_another_process(tmp_path, data):
    before = snapshot(data)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys, pyoxigraph
                s = pyoxigraph.Store({data!r})
                print("ready", flush=True)
                sys.stdin.read()
            """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run(str(article(tmp_path, "n.txt", NEUTRAL)), "--data", data)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.strip().count("\n") == 0
        assert data in result.stderr and "in use by another process" in result.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert snapshot(data) == before


@pytest.mark.skipif(
    shutil.which("setpriv") is None or not hasattr(__import__("os"), "geteuid"),
    reason="needs setpriv to drop the permission override of root",
)
def test_read_only_store_directory(tmp_path, data):
    import os

    before = snapshot(data)
    for root, dirs, files in os.walk(data):
        for name in dirs + files:
            os.chmod(Path(root) / name, 0o555 if name in dirs else 0o444)
    os.chmod(data, 0o555)
    try:
        # root ignores file modes; drop that capability so the directory is really read-only
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
        prefix = prefix if os.geteuid() == 0 else []
        deploykb = [sys.executable, "-m", "kb.cli"]
        target = article(tmp_path, "n.txt", NEUTRAL)
        proc = subprocess.run(
            [*prefix, *deploykb, "ingest", str(target), "--data", data],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
        assert proc.stderr.strip().splitlines() == [
            f"Error: {data}: the store directory is read-only (permission denied)"
        ]
        stats = subprocess.run(
            [*prefix, *deploykb, "stats", "--json", "--data", data],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["reports"] == 1
    finally:
        for root, dirs, _ in os.walk(data):
            for name in dirs:
                os.chmod(Path(root) / name, 0o755)
        os.chmod(data, 0o755)
    assert snapshot(data) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_remote_store_down(dead_url, jobs):
    result = run(str(ARTICLES), "--store", dead_url, "--jobs", jobs)
    assert result.exit_code == 1 and "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]
    assert dead_url in last and "is the server running" in last
    assert "ingested" not in result.stdout  # stopped at the first write, no summary


def test_stdin(data):
    result = run("-", "--data", data, "--published", "2021-03-02", "--json", input=NEUTRAL)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ingested"] == 1
    empty = run("-", "--data", data, "--published", "2021-03-02", input="")
    assert_one_clear_line(empty, "<stdin>", "empty")
