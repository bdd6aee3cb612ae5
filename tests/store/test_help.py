"""Every command of this area explains itself with an example."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kb.cli import cli


@pytest.mark.parametrize("name", ["ingest", "validate", "query", "dump", "stats", "delete"])
def test_help_has_an_example_and_the_store_options(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"deploykb {name}" in result.output
    assert "--data DIR" in result.output and "--store URL" in result.output
