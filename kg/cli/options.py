"""Options shared by several commands, and the settings and stores they stand for."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import click

if TYPE_CHECKING:
    from kg.builder import Settings
    from kg.model import Failed
    from kg.publish import Summary
    from kg.remote import Endpoint

_REMOTE_KEYS = (
    "query_url",
    "update_url",
    "graph_store_url",
    "user",
    "password",
    "auth",
    "timeout",
)


def store_option(func: Any) -> Any:
    """Add --store (the embedded store's folder)."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Embedded store folder (default: .newskg/store in the working directory).",
    )(func)


def store_options(func: Callable[..., Any]) -> Any:
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
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            metavar="SECONDS",
            help="Seconds to wait for each answer of the remote store (default 120).",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return store_option(wrapper)


def _endpoint(
    query_url: str | None,
    update_url: str | None,
    graph_store_url: str | None,
    user: str | None,
    password: str | None,
    auth: Literal["basic", "digest"],
    timeout: float | None,
) -> Endpoint | None:
    from kg.remote import DEFAULT_TIMEOUT, Endpoint

    if query_url is None:
        if update_url or graph_store_url or timeout is not None:
            raise click.UsageError(
                "--update-endpoint, --graph-store and --timeout need --endpoint URL"
            )
        return None
    chosen = DEFAULT_TIMEOUT if timeout is None else timeout
    return Endpoint(query_url, update_url, graph_store_url, user, password, auth, chosen)


def build_options(func: Any) -> Any:
    """Add the options a build depends on (model, base, reference, link confidence)."""
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


def settings(
    model: str | None, base: str | None, reference: tuple[Path, ...], conf: float
) -> Settings:
    """Return the build settings the options stand for."""
    from kg.builder import Settings

    values: dict[str, Any] = {"reference": reference, "min_link_confidence": conf}
    if model:
        values["model"] = model
    if base:
        values["base"] = base
    return Settings(**values)


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """Show articles done, articles/s and the time left on stderr (only on a terminal)."""
    from tqdm import tqdm

    with tqdm(total=total, unit="article", file=sys.stderr, disable=None) as bar:
        yield bar.update


def report_failures(failed: list[Failed]) -> None:
    """Print each failure on one line, naming the record."""
    for f in failed:
        click.secho(f"failed: {f.where}: {f.reason}", fg="yellow", err=True)


def finish(summary: Summary) -> NoReturn:
    """Report what a load did and exit: 0 if nothing failed, else 1."""
    report_failures(summary.failed)
    click.echo(summary.describe(), err=True)
    sys.exit(0 if summary.ok else 1)
