"""The ``deploykb`` command line. Each command lives in ``kb/commands/<name>.py`` and exposes
``command`` (a click command); they are imported only when used, so ``--help`` stays fast."""

from __future__ import annotations

import importlib

import click

from kb import __version__

COMMANDS: dict[str, str] = {
    "extract": "Extract deployment claims from articles and print them; stores nothing.",
    "eval": "Score extraction against a gold JSONL file.",
    "ingest": "Extract, validate and store articles, one named graph per report.",
    "validate": "Check every graph in the store against the SHACL shapes.",
    "query": "Run a SPARQL query against the store.",
    "dump": "Write the whole KB as RDF (streamed).",
    "stats": "Summarise what the KB holds.",
    "delete": "Delete a report and its claims.",
    "serve": "Serve the SPARQL endpoint, dumps and web UI.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"kb.commands.{name.replace('-', '_')}")
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deploykb")
def cli() -> None:
    """deploykb: a knowledge base of military deployments as reported in the news.

    \b
    Quick start:
      deploykb ingest examples/        # extract, validate, store
      deploykb serve                   # SPARQL endpoint + web UI on http://127.0.0.1:8000
    """


def main() -> None:
    cli(prog_name="deploykb")


if __name__ == "__main__":
    main()
