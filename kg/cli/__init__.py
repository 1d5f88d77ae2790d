"""The command line: parse arguments, call one library function, print.

Exit codes: 0 success, 1 some articles did not conform or failed (the rest were done),
2 an error stopped the command (bad input, missing model, unreadable store).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from kg.cli import build, query, serve, store
from kg.errors import KgError


class _Group(click.Group):
    """Turns KgError into a one-line message and exit code 2 instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.secho(f"error: {e}", fg="red", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: turn news articles into a knowledge graph of who said what, and how sure.

    Typical use: `kg ingest data/articles` builds, validates and stores the bundled
    articles; `kg queries` lists stored queries; `kg query who-said-what` runs one.
    """


for module in (build, store, query, serve):
    for command in module.COMMANDS:
        main.add_command(command)
