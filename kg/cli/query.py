"""`kg queries`, `kg query` and `kg export`: what reads a store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import store_options
from kg.serialize import format_names

if TYPE_CHECKING:
    from kg.remote import Endpoint


@click.command("queries")
def list_stored_queries() -> None:
    """List the stored queries with their parameters."""
    from kg.queries import list_queries

    for stored in list_queries():
        click.secho(stored.name, bold=True)
        click.echo(f"  {stored.title}: {stored.description}")
        for p in stored.params:
            optional = " (optional)" if p.optional else ""
            click.echo(f"  -p {p.name}=…  {p.description}{optional}")


@click.command()
@click.argument("name")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter."
)
@store_options
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table"
)
def query(
    name: str, params: tuple[str, ...], store_path: Path | None, endpoint: Endpoint | None, fmt: str
) -> None:
    """Run the stored query NAME (see `kg queries`), or your own query in a .rq file.

    A query without FROM reads every article graph of the embedded store; GRAPH ?g tells which
    article a triple comes from. A file may start with the header of a stored query (# param:
    lines) to take -p values. CONSTRUCT and DESCRIBE queries print N-Triples.
    """
    from kg.connect import open_store
    from kg.queries import find_query
    from kg.results import format_result

    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: write parameters as name=value", param_hint="-p")
        values[key.strip()] = value
    stored = find_query(name)
    store = open_store(store_path, read_only=True, endpoint=endpoint)
    try:
        answer = stored.answer(store, values)
    finally:
        store.close()
    if isinstance(answer, bytes):
        click.echo(answer.decode("utf-8"), nl=False)
    else:
        click.echo(format_result(answer, fmt), nl=False)


@click.command()
@click.option("--article", "article_id", default=None, help="Export only this article's graph.")
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(format_names()),
    required=True,
    help="Output format (nq = nquads, ttl = turtle).",
)
@click.option("--base", default=None, help="Base IRI the articles were built with.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def export(article_id, store_path, endpoint, fmt, base, output):
    """Write the store's content (or one article) as Turtle, JSON-LD, TriG or N-Quads."""
    from kg.connect import open_store
    from kg.export import export as export_store
    from kg.iris import Iris, default_base

    store = open_store(store_path, read_only=True, endpoint=endpoint)
    try:
        text = export_store(store, fmt, article_id, Iris(base or default_base()))
    finally:
        store.close()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


COMMANDS = (list_stored_queries, query, export)
