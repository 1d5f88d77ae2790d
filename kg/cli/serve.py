"""`kg serve`: the graph over HTTP (linked-data pages, stored queries, SPARQL, VoID)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.options import store_options

# never an option: a token on the command line is visible to every user of the machine
TOKEN_VARIABLE = "NEWSKG_UPDATE_TOKEN"

if TYPE_CHECKING:
    from kg.remote import Endpoint


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--base-url",
    "--base",
    "base",
    default=None,
    help="Base IRI the articles were built with; IRIs under it are served from the root.",
)
@click.option(
    "--allow-updates",
    is_flag=True,
    help="Accept SPARQL updates at /sparql, with the bearer token of NEWSKG_UPDATE_TOKEN or "
    "--update-token-file (required unless --host is a loopback address).",
)
@click.option(
    "--update-token-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="File holding the bearer token updates must carry (instead of NEWSKG_UPDATE_TOKEN).",
)
@click.option(
    "--query-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run; then its worker is stopped and the client gets 503.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Most rows a query may return.",
)
@click.option(
    "--query-workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes for /sparql queries; when all are busy, a query gets 503 at once.",
)
@click.option(
    "--max-requests",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Requests answered at once; the next get 503 with Retry-After at once.",
)
@click.option(
    "--client-queries",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="SPARQL queries one client (one address) may have running at once; the next get "
    "429 with Retry-After, while other clients go on.",
)
@click.option(
    "--trusted-proxy",
    "trusted_proxies",
    metavar="ADDR",
    multiple=True,
    help="A reverse proxy's address (repeatable): from it, the left-most X-Forwarded-For "
    "address is the client. From any other peer the header is ignored.",
)
@click.option(
    "--page-workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes for the pages' queries (articles, entities, stored queries).",
)
@click.option(
    "--worker-memory",
    type=click.IntRange(min=64),
    default=512,
    show_default=True,
    metavar="MIB",
    help="Heap of each worker; a query that needs more ends its worker and gets 400.",
)
@click.option(
    "--max-result",
    type=click.IntRange(min=1024),
    default=16 * 1024 * 1024,
    show_default=True,
    metavar="BYTES",
    help="Largest answer a query may send; larger ones get 413.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1024),
    default=1_048_576,
    show_default=True,
    metavar="BYTES",
    help="Largest request body read (a POSTed query or update); larger ones get 413 unread.",
)
@click.option(
    "--service-allow",
    "service_allow",
    metavar="PREFIX",
    multiple=True,
    help="Let SERVICE and LOAD reach endpoints whose IRI starts so (repeatable); "
    "by default the server fetches from no other host.",
)
def serve(
    store_path: Path | None,
    endpoint: Endpoint | None,
    host: str,
    port: int,
    base: str | None,
    allow_updates: bool,
    update_token_file: Path | None,
    query_timeout: float,
    max_rows: int,
    query_workers: int,
    max_requests: int,
    client_queries: int,
    trusted_proxies: tuple[str, ...],
    page_workers: int,
    worker_memory: int,
    max_result: int,
    max_body: int,
    service_allow: tuple[str, ...],
) -> None:
    """Serve the graph over HTTP: article and entity pages, stored queries, SPARQL, VoID.

    Open http://HOST:PORT/ for the list of articles. Read-only unless --allow-updates.

    \b
    Memory: about 250 MiB for the server itself, plus --worker-memory for each of the
    --page-workers and --query-workers (with the defaults, 2.3 GiB at most).
    """
    import uvicorn

    from kg.connect import open_store
    from kg.iris import default_base
    from kg.server import ServerSettings, create_app

    token = update_token(update_token_file) if allow_updates else None
    if allow_updates and token is None and not is_loopback(host):
        raise click.UsageError(
            f"--allow-updates on {host} needs a token: set {TOKEN_VARIABLE} or give "
            "--update-token-file (only a loopback address may take updates without one)"
        )
    store = open_store(store_path, read_only=not allow_updates, endpoint=endpoint)
    settings = ServerSettings(
        store=store,
        base=base or default_base(),
        allow_updates=allow_updates,
        update_token=token,
        query_timeout=query_timeout,
        max_rows=max_rows,
        query_workers=query_workers,
        max_requests=max_requests,
        client_queries=client_queries,
        trusted_proxies=trusted_proxies,
        page_workers=page_workers,
        worker_memory=worker_memory * 1024 * 1024,
        max_result=max_result,
        max_body=max_body,
        service_allow=service_allow,
    )
    click.echo(f"serving {base or default_base()} at http://{host}:{port}/", err=True)
    try:
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_level="info",
            # the client limit reads X-Forwarded-For itself, from --trusted-proxy peers only
            proxy_headers=False,
        )
    finally:
        store.close()


def update_token(path: Path | None) -> str | None:
    """Return the bearer token for updates: from the file, else the environment, else None."""
    if path is not None:
        token = path.read_text(encoding="utf-8").strip()
        if not token:
            raise click.UsageError(f"{path} is empty: write the update token in it")
        return token
    return os.environ.get(TOKEN_VARIABLE, "").strip() or None


def is_loopback(host: str) -> bool:
    """Tell whether an address to listen on is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


COMMANDS = (serve,)
