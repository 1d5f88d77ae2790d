"""`kg ingest`, `kg load` and `kg delete`: what writes to a store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import build_options, finish, progress_bar, settings, store_options

if TYPE_CHECKING:
    from kg.remote import Endpoint


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that build articles (each loads the model once).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help='Build on the workers of this Dask scheduler instead (pip install "newskg[cluster]").',
)
@click.option(
    "--virtuoso-load",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write through Virtuoso's bulk loader via this folder (in the server's DirsAllowed).",
)
@click.option(
    "--isql",
    metavar="HOST:PORT",
    default="127.0.0.1:1111",
    show_default=True,
    help="Virtuoso's SQL port, for --virtuoso-load.",
)
@build_options
def ingest(
    inputs,
    store_path,
    endpoint,
    jobs,
    scheduler,
    virtuoso_load,
    isql,
    model,
    base,
    reference,
    min_link_confidence,
):
    """Build, validate and load a corpus into the store (one named graph per article).

    INPUTS are files or folders of articles (JSON Lines, JSON, .txt, .html). Each article
    graph is replaced in one transaction, and articles already stored with the same content
    are skipped, so an interrupted ingest can simply be run again. Articles that fail or do
    not conform are reported at the end; the rest are loaded.

    With --scheduler, the workers of a Dask cluster build the articles (each worker loads the
    model once) and this process writes their graphs to the store. With --virtuoso-load, a
    Virtuoso store is written through its bulk loader, much faster than one request an article.
    """
    if scheduler is not None and jobs > 1:
        raise click.UsageError("give --jobs or --scheduler, not both: the cluster's workers build")
    if jobs > 1:
        from kg import forkserver

        # the server imports the build code while this process imports it and opens the store
        forkserver.start()
    from kg.connect import open_store
    from kg.ingest import ingest as run_ingest
    from kg.reader import count_records

    chosen = settings(model, base, reference, min_link_confidence)
    total = count_records(inputs)
    store = open_store(store_path, endpoint=endpoint)
    if virtuoso_load is not None:
        from kg.virtuoso import bulk_store

        try:
            store = bulk_store(store, virtuoso_load, isql)
        except BaseException:
            store.close()
            raise
    try:
        with progress_bar(total) as tick:
            summary = run_ingest(
                inputs, store, chosen, jobs=jobs, progress=tick, scheduler=scheduler
            )
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every stored article is complete; run again to go on", err=True)
        sys.exit(130)
    finally:
        store.close()
    finish(summary)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_options
@build_options
def load(files, store_path, endpoint, model, base, reference, min_link_confidence):
    """Load built graph files (.trig .nq .ttl .jsonld) into the store; articles are built first.

    A folder that `kg build` wrote loads as it is: its article graphs, linked across articles by
    the store as `kg ingest` links them (the build's own corpus/stories file is not loaded).
    Each graph is validated before it is loaded; loading the same article twice leaves the
    store as after once.
    """
    from kg.connect import open_store
    from kg.ingest import load_files

    store = open_store(store_path, endpoint=endpoint)
    try:
        summary = load_files(files, store, settings(model, base, reference, min_link_confidence))
    finally:
        store.close()
    finish(summary)


@click.command()
@click.argument("article_id")
@store_options
@click.option("--base", default=None, help="Base IRI the article was built with.")
def delete(
    article_id: str, store_path: Path | None, endpoint: Endpoint | None, base: str | None
) -> None:
    """Remove one article's graph from the store."""
    from kg.connect import open_store
    from kg.iris import Iris, default_base
    from kg.publish import delete_article

    store = open_store(store_path, endpoint=endpoint)
    try:
        iri = delete_article(store, article_id, Iris(base or default_base()))
    finally:
        store.close()
    click.echo(f"deleted {article_id} (<{iri}>)", err=True)


COMMANDS = (ingest, load, delete)
