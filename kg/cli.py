"""The command line: parse arguments, call one library function, print.

Exit codes: 0 success, 1 some articles did not conform or failed (the rest were done),
2 an error stopped the command (bad input, missing model, unreadable store).
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click
from rdflib import Dataset

from kg.errors import KgError
from kg.serialize import format_names

if TYPE_CHECKING:
    from kg.remote import Endpoint
    from kg.store import Store

STORE_HELP = "Embedded store folder (default: .newskg/store in the working directory)."


def _store_option(func: Any) -> Any:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=STORE_HELP,
    )(func)


def _store_options(func: Callable[..., Any]) -> Any:
    """Add --store and the remote endpoint options; pass ``endpoint`` (an Endpoint or None)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        remote = {k: kwargs.pop(k) for k in _REMOTE_KEYS}
        kwargs["endpoint"] = _endpoint(**remote)
        if kwargs["endpoint"] is not None and kwargs.get("store_path") is not None:
            raise click.UsageError("give --store or --endpoint, not both")
        return func(*args, **kwargs)

    options = [
        click.option(
            "--endpoint",
            "query_url",
            metavar="URL",
            help="SPARQL 1.1 query endpoint of a remote store, used instead of the embedded one.",
        ),
        click.option(
            "--update-endpoint", "update_url", metavar="URL", help="SPARQL 1.1 update endpoint."
        ),
        click.option(
            "--graph-store",
            "graph_store_url",
            metavar="URL",
            help="SPARQL 1.1 Graph Store endpoint: writes replace graphs with one PUT each.",
        ),
        click.option("--user", default=None, help="User name for the remote store."),
        click.option(
            "--password",
            envvar="NEWSKG_PASSWORD",
            default=None,
            help="Password for the remote store (or set NEWSKG_PASSWORD).",
        ),
        click.option(
            "--auth",
            type=click.Choice(["basic", "digest"]),
            default="basic",
            show_default=True,
            help="HTTP authentication scheme of the remote store.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return _store_option(wrapper)


_REMOTE_KEYS = ("query_url", "update_url", "graph_store_url", "user", "password", "auth")


def _endpoint(
    query_url: str | None,
    update_url: str | None,
    graph_store_url: str | None,
    user: str | None,
    password: str | None,
    auth: Literal["basic", "digest"],
) -> Endpoint | None:
    from kg.remote import Endpoint

    if query_url is None:
        if update_url or graph_store_url:
            raise click.UsageError("--update-endpoint and --graph-store need --endpoint URL")
        return None
    return Endpoint(query_url, update_url, graph_store_url, user, password, auth)


def _build_options(func: Any) -> Any:
    func = click.option("--model", default=None, help="spaCy pipeline package to load.")(func)
    func = click.option("--base", default=None, help="Base IRI for minted IRIs.")(func)
    func = click.option(
        "--reference",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra reference knowledge (RDF) for entity linking; repeatable.",
    )(func)
    return click.option(
        "--min-link-confidence",
        type=click.FloatRange(0, 1),
        default=0.6,
        show_default=True,
        help="Link an entity only at this confidence or above.",
    )(func)


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


def _settings(model: str | None, base: str | None, reference: tuple[Path, ...], conf: float):
    from kg.builder import Settings

    values: dict[str, Any] = {"reference": reference, "min_link_confidence": conf}
    if model:
        values["model"] = model
    if base:
        values["base"] = base
    return Settings(**values)


def _progress(items: Iterator[Any], label: str) -> Iterator[Any]:
    """Show a count and rate on stderr while items stream by (only on a terminal)."""
    started = time.monotonic()
    done = 0
    show = sys.stderr.isatty()
    for item in items:
        done += 1
        if show:
            rate = done / max(time.monotonic() - started, 1e-9)
            click.echo(f"\r{label}: {done} articles ({rate:.1f}/s)", err=True, nl=False)
        yield item
    if show and done:
        click.echo("", err=True)


def _report_failures(failed: list[Any], invalid: list[Any] | None = None) -> None:
    for f in failed:
        click.secho(f"failed: {f.where}: {f.reason}", fg="yellow", err=True)
    for b in invalid or []:
        click.secho(f"does not conform: {b.article.id}", fg="yellow", err=True)
        click.echo(b.report.describe(), err=True)


@main.command()
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
@_build_options
def build(inputs, out_dir, fmt, model, base, reference, min_link_confidence) -> None:
    """Build, validate and write one graph file per article.

    INPUTS are files or folders of articles: JSON, JSON Lines, .txt (optional YAML front
    matter) or .html. Articles that violate the shapes are reported and not written.
    """
    from kg.build import write_graph
    from kg.builder import Builder, Built
    from kg.reader import iter_records

    builder = Builder(_settings(model, base, reference, min_link_confidence))
    written, failed, invalid = 0, [], []
    for result in _progress(builder.build(iter_records(inputs)), "built"):
        if not isinstance(result, Built):
            failed.append(result)
        elif not result.ok:
            invalid.append(result)
        else:
            write_graph(result, out_dir, fmt)
            written += 1
    _report_failures(failed, invalid)
    click.echo(
        f"wrote {written} article graph(s) to {out_dir}"
        + (f"; {len(invalid)} did not conform, {len(failed)} failed" if failed or invalid else ""),
        err=True,
    )
    sys.exit(1 if failed or invalid else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Validate graph files against the SHACL shapes.

    Exit code 0: every graph conforms; 1: violations (reported); 2: a file could not be read.
    """
    from kg.graphfiles import read_graphs
    from kg.validate import validate_graph

    failures = 0
    for path in files:
        for graph in read_graphs(path):
            report = validate_graph(graph)
            if report.conforms:
                click.echo(f"{path}: {graph.identifier}: conforms")
            else:
                failures += 1
                click.echo(f"{path}: {report.describe()}")
    sys.exit(1 if failures else 0)


def _open_store(
    store_path: Path | None, read_only: bool = False, endpoint: Endpoint | None = None
) -> Store:
    """Open the embedded store (the default) or, given an Endpoint, a remote one."""
    if endpoint is not None:
        from kg.remote import RemoteStore

        if not read_only and not endpoint.writable:
            raise KgError(
                f"{endpoint.query} takes queries only: "
                "give --graph-store URL or --update-endpoint URL to write"
            )
        return RemoteStore(endpoint)
    from kg.store import DEFAULT_STORE, EmbeddedStore

    path = store_path or DEFAULT_STORE
    if read_only and not path.exists():
        raise KgError(f"no store at {path}; load articles first (`kg ingest data/articles`)")
    return EmbeddedStore(path, read_only=read_only)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_store_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that build articles (each loads the model once).",
)
@_build_options
def ingest(inputs, store_path, endpoint, jobs, model, base, reference, min_link_confidence):
    """Build, validate and load a corpus into the store (one named graph per article).

    INPUTS are files or folders of articles (JSON Lines, JSON, .txt, .html). Each article
    graph is replaced in one transaction, and articles already stored with the same content
    are skipped, so an interrupted ingest can simply be run again. Articles that fail or do
    not conform are reported at the end; the rest are loaded.
    """
    from tqdm import tqdm

    from kg.ingest import ingest as run_ingest
    from kg.reader import count_records

    settings = _settings(model, base, reference, min_link_confidence)
    total = count_records(inputs)
    store = _open_store(store_path, endpoint=endpoint)
    try:
        with tqdm(total=total, unit="article", file=sys.stderr, disable=None) as bar:
            summary = run_ingest(inputs, store, settings, jobs=jobs, progress=bar.update)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every stored article is complete; run again to go on", err=True)
        sys.exit(130)
    finally:
        store.close()
    for failure in summary.failed:
        click.secho(f"failed: {failure.where}: {failure.reason}", fg="yellow", err=True)
    click.echo(summary.describe(), err=True)
    sys.exit(0 if summary.ok else 1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_store_options
@_build_options
def load(files, store_path, endpoint, model, base, reference, min_link_confidence):
    """Load built graph files (.trig .nq .ttl .jsonld) into the store; articles are built first.

    Each graph is validated before it is loaded; loading the same article twice leaves the
    store as after once.
    """
    from kg.ingest import load_files

    store = _open_store(store_path, endpoint=endpoint)
    try:
        summary = load_files(files, store, _settings(model, base, reference, min_link_confidence))
    finally:
        store.close()
    _report_failures(summary.failed)
    click.echo(summary.describe(), err=True)
    sys.exit(0 if summary.ok else 1)


@main.command()
@click.argument("article_id")
@_store_options
@click.option("--base", default=None, help="Base IRI the article was built with.")
def delete(
    article_id: str, store_path: Path | None, endpoint: Endpoint | None, base: str | None
) -> None:
    """Remove one article's graph from the store."""
    from kg.iris import Iris, default_base

    store = _open_store(store_path, endpoint=endpoint)
    iri = Iris(base or default_base()).article(article_id)
    try:
        found = store.delete_graph(iri)
    finally:
        store.close()
    if not found:
        raise KgError(f"no article {article_id!r} in the store (looked for graph <{iri}>)")
    click.echo(f"deleted {article_id} (<{iri}>)", err=True)


@main.command("queries")
def list_stored_queries() -> None:
    """List the stored queries with their parameters."""
    from kg.queries import list_queries

    for query in list_queries():
        click.secho(query.name, bold=True)
        click.echo(f"  {query.title}: {query.description}")
        for p in query.params:
            optional = " (optional)" if p.optional else ""
            click.echo(f"  -p {p.name}=…  {p.description}{optional}")


@main.command()
@click.argument("name")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter."
)
@_store_options
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table"
)
def query(
    name: str, params: tuple[str, ...], store_path: Path | None, endpoint: Any, fmt: str
) -> None:
    """Run the stored query NAME (see `kg queries`), or your own query in a .rq file.

    A query without FROM reads every article graph of the embedded store; GRAPH ?g tells which
    article a triple comes from. A file may start with the header of a stored query (# param:
    lines) to take -p values. CONSTRUCT and DESCRIBE queries print N-Triples.
    """
    from kg.queries import find_query
    from kg.results import format_result
    from kg.sparqltext import query_form

    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: write parameters as name=value", param_hint="-p")
        values[key.strip()] = value
    stored = find_query(name)
    graph_form = query_form(stored.sparql) in ("CONSTRUCT", "DESCRIBE")
    if graph_form and values:
        raise click.BadParameter(
            "CONSTRUCT and DESCRIBE queries take no parameters", param_hint="-p"
        )
    store = _open_store(store_path, read_only=True, endpoint=endpoint)
    try:
        if graph_form:
            click.echo(store.construct(stored.sparql).decode("utf-8"), nl=False)
            return
        result = store.query(stored.sparql, stored.bindings(values))
    finally:
        store.close()
    click.echo(format_result(result, fmt), nl=False)


@main.command()
@click.option("--article", "article_id", default=None, help="Export only this article's graph.")
@_store_options
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
    from kg.iris import Iris, default_base
    from kg.serialize import serialize_dataset

    store = _open_store(store_path, read_only=True, endpoint=endpoint)
    graph = Iris(base or default_base()).article(article_id) if article_id else None
    try:
        if graph is not None and graph not in store.graphs():
            raise KgError(f"no article {article_id!r} in the store (looked for graph <{graph}>)")
        dump = store.dump(graph)
    finally:
        store.close()
    dataset = Dataset()
    dataset.parse(data=dump, format="nquads")
    text = serialize_dataset(dataset, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@_store_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--base-url",
    "--base",
    "base",
    default=None,
    help="Base IRI the articles were built with; IRIs under it are served from the root.",
)
@click.option("--allow-updates", is_flag=True, help="Accept SPARQL updates at /sparql.")
@click.option(
    "--query-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before it is abandoned with an error.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Most rows a query may return.",
)
def serve(
    store_path: Path | None,
    endpoint: Endpoint | None,
    host: str,
    port: int,
    base: str | None,
    allow_updates: bool,
    query_timeout: float,
    max_rows: int,
) -> None:
    """Serve the graph over HTTP: article and entity pages, stored queries, SPARQL, VoID.

    Open http://HOST:PORT/ for the list of articles. Read-only unless --allow-updates.
    """
    import uvicorn

    from kg.iris import default_base
    from kg.server import ServerSettings, create_app

    store = _open_store(store_path, read_only=not allow_updates, endpoint=endpoint)
    settings = ServerSettings(
        store=store,
        base=base or default_base(),
        allow_updates=allow_updates,
        query_timeout=query_timeout,
        max_rows=max_rows,
    )
    click.echo(f"serving {base or default_base()} at http://{host}:{port}/", err=True)
    try:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    finally:
        store.close()
