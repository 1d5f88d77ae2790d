"""`kg build` and `kg validate`: articles -> graph files, and graph files checked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import build_options, progress_bar, report_failures, settings
from kg.serialize import format_names


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the graph files (one per article).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(format_names()),
    default="trig",
    show_default=True,
    help="Graph file format (nq = nquads, ttl = turtle).",
)
@build_options
def build(inputs, out_dir, fmt, model, base, reference, min_link_confidence) -> None:
    """Build, validate and write one graph file per article.

    INPUTS are files or folders of articles: JSON, JSON Lines, .txt (optional YAML front
    matter) or .html. Articles that violate the shapes are reported and not written.
    """
    from kg.build import build_files
    from kg.reader import count_records

    chosen = settings(model, base, reference, min_link_confidence)
    with progress_bar(count_records(inputs)) as tick:
        summary = build_files(inputs, out_dir, fmt, chosen, progress=tick)
    report_failures(summary.failed)
    for built in summary.invalid:
        click.secho(f"does not conform: {built.article.id}", fg="yellow", err=True)
        click.echo(built.report.describe(), err=True)
    click.echo(summary.describe(), err=True)
    sys.exit(0 if summary.ok else 1)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Validate graph files against the SHACL shapes.

    Exit code 0: every graph conforms; 1: violations (reported); 2: a file could not be read.
    """
    from kg.graphfiles import validate_files

    failures = 0
    for path, report in validate_files(files):
        if report.conforms:
            click.echo(f"{path}: {report.graph}: conforms")
        else:
            failures += 1
            click.echo(f"{path}: {report.describe()}")
    sys.exit(1 if failures else 0)


COMMANDS = (build, validate)
