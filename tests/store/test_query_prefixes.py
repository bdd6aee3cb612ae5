"""Predeclared prefixes: queries may use dkb:, pl: … without PREFIX lines, and syntax errors
still point at the user's own line."""

from __future__ import annotations

from click.testing import CliRunner

from kb.cli import cli


def test_predeclared_prefixes_work(new_store_dir) -> None:
    data = new_store_dir()
    q = "ASK { pl:hmeimim-air-base a dkb:AirBase }"
    result = CliRunner().invoke(cli, ["query", q, "--data", data, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"boolean":true' in result.output.replace(" ", "")


def test_syntax_error_names_the_users_line(new_store_dir) -> None:
    data = new_store_dir()
    q = "SELECT ?x WHERE { ?x a dkb:DeploymentClaim }\nLIMT 3"
    result = CliRunner().invoke(cli, ["query", q, "--data", data])
    assert result.exit_code == 1
    assert "error at 2:" in result.output, result.output
