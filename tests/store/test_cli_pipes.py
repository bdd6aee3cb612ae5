"""Output piped into a reader that stops early (`deploykb ... | head -1`) ends quietly."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = {
    "query": ["query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--format", "csv"],
    "dump": ["dump", "--format", "nt"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_reader_closing_early_gives_no_error(name: str, new_store_dir) -> None:
    data = new_store_dir()
    args = [sys.executable, "-m", "kb.cli", *COMMANDS[name], "--data", data]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away while the command is still writing
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    # the vocabulary graphs alone are tens of thousands of lines, so the pipe did break
    assert first.strip(), "the command wrote nothing"
    assert "Error" not in err and "Traceback" not in err, err
