"""``deploykb ingest``: extract, validate and store articles, one named graph per report."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from kb.commands.metadata import metadata_options
from kb.ingest import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_BYTES,
    FAILED,
    REJECTED,
    Processed,
    Summary,
    run_ingest,
    write_shacl_report,
)
from kb.store import StoreError
from kb.store.options import open_for_cli, store_options


@click.command(
    epilog="""\b
Examples:
  deploykb ingest examples/                 # a directory, recursively
  deploykb ingest 'news/**/*.html' --jobs 2 # a glob, two worker processes
  cat article.txt | deploykb ingest - --published 2024-05-02 --title "…"
  deploykb ingest examples/ --json --report-dir rejected/
"""
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes for reading, extraction and validation (0 = one per core).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False),
    help="Write the SHACL report of each rejected article there, as Turtle.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Size limit of one article file.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Reports written per transaction.",
)
@metadata_options
def command(
    paths: tuple[str, ...],
    data_dir: str | None,
    store_url: str | None,
    jobs: int,
    as_json: bool,
    report_dir: str | None,
    max_bytes: int,
    batch_size: int,
    overrides: dict[str, Any],
) -> None:
    """Extract deployment claims from articles, validate them against the SHACL shapes and
    store each report as its own named graph.

    PATH is a file, a directory (searched recursively for .txt .html .htm .md .json, README/LICENSE files skipped; metadata
    comes from NAME.meta.json sidecars), a glob, or - for standard input. Re-ingesting the
    same text changes nothing; new text at a known source URL replaces the old report.
    Exits with status 1 when any article was rejected or could not be read.
    """
    jobs = jobs or os.cpu_count() or 1
    store = open_for_cli(data_dir, store_url, read_only=False)

    def on_processed(item: Processed) -> None:
        progress.advance()
        if item.status not in (REJECTED, FAILED):
            return
        progress.echo(f"{item.status}: {item.origin}: {item.message}")
        if item.shacl_text:
            progress.echo(_indent(item.shacl_text))
        if report_dir and item.shacl_turtle:
            try:
                target = write_shacl_report(report_dir, item)
            except OSError as exc:
                progress.echo(f"  cannot write the SHACL report to {report_dir}: {exc.strerror}")
            else:
                progress.echo(f"  SHACL report written to {target}")

    progress = _Progress(enabled=sys.stderr.isatty() and not as_json)
    try:
        with progress:
            summary = run_ingest(
                store,
                list(paths),
                jobs=jobs,
                overrides=overrides,
                max_bytes=max_bytes,
                batch_size=batch_size,
                on_total=progress.set_total,
                on_processed=on_processed,
            )
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
    else:
        click.echo(_summary_line(summary))
    sys.exit(0 if summary.ok else 1)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.strip().splitlines())


def _summary_line(s: Summary) -> str:
    return (
        f"ingested {s.ingested}, unchanged {s.unchanged}, replaced {s.replaced}, "
        f"rejected {s.rejected}, failed {s.failed}; {s.claims_added} claims added "
        f"({s.seconds:.1f} s)"
    )


class _Progress:
    """A rich progress bar (items, rate, ETA) on a terminal; nothing otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("ingest", total=None, rate="")
        return self

    def set_total(self, total: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, total=total)

    def echo(self, text: str) -> None:
        """A message on stderr that does not break the bar."""
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
            speed = self._bar.tasks[0].speed
            self._bar.update(self._task, rate=f"{speed:.1f}/s" if speed else "")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
