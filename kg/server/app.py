"""The ASGI application: settings -> a Starlette app with every route of the server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.connect import open_store
from kg.errors import StoreError
from kg.remote import RemoteStore
from kg.server.cache import TtlCache
from kg.server.errors import ApiError, handle_api_error, handle_http_exception
from kg.server.limits import BodyLimit, ClientLimit, RequestLimit
from kg.server.pages import index, search
from kg.server.pool import Opener
from kg.server.resources import event, resource
from kg.server.runner import Runner
from kg.server.search import NameIndex
from kg.server.settings import ServerSettings
from kg.server.sparql import sparql
from kg.server.stored import query_list, query_page
from kg.server.templating import STATIC
from kg.server.void import StatsCache, void
from kg.store import EmbeddedStore, Store

# pages never run scripts: the only <script> is schema.org JSON-LD, which is data
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
]


class SecurityHeaders:
    """Add the same security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def routes() -> list[Route | Mount]:
    """Return the routes; the last one serves every other IRI under the base."""
    return [
        Route("/", index),
        Route("/search", search),
        Route("/search.json", search),
        Route("/queries", query_list),
        Route("/queries.json", query_list),
        Route("/queries/{name}", query_page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/event", event),
        Route("/.well-known/void", void),
        Route("/.well-known/void.{ext}", void),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", resource),
    ]


def opener_for(store: Store) -> Opener:
    """Return how a worker process opens the store the server was given (read-only)."""
    if isinstance(store, EmbeddedStore):
        if not store.read_only:
            # the server holds the writer's lock for its updates: its own workers read under it
            # (it replaces them after each update), so they take no lock of their own
            return partial(EmbeddedStore, store.path, True)
        return partial(open_store, store.path, True)
    if isinstance(store, RemoteStore):
        return partial(open_store, None, True, store.endpoint)
    raise StoreError(f"the server cannot open {type(store).__name__} in its workers")


def create_app(settings: ServerSettings) -> Starlette:
    """Build the application over a store."""
    runner = Runner(
        opener_for(settings.store),
        settings.query_timeout,
        settings.max_rows,
        page_workers=settings.page_workers,
        query_workers=settings.query_workers,
        worker_memory=settings.worker_memory,
        max_result=settings.max_result,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runner.start()
        yield
        runner.close()

    app = Starlette(
        routes=routes(),
        lifespan=lifespan,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(RequestLimit, max_requests=settings.max_requests),
            Middleware(
                ClientLimit,
                per_client=settings.client_queries,
                trusted_proxies=settings.trusted_proxies,
            ),
            Middleware(BodyLimit, max_bytes=settings.max_body),
        ],
        exception_handlers={ApiError: handle_api_error, HTTPException: handle_http_exception},
    )
    app.state.settings = settings
    app.state.runner = runner
    app.state.names = NameIndex(settings.cache_seconds)
    app.state.void = StatsCache(settings.cache_seconds)
    # parsing an article's graph costs more than rendering its page: keep the popular ones
    app.state.articles = TtlCache(settings.cache_seconds)
    app.state.listings = TtlCache(settings.cache_seconds, size=4)
    # happenings and stories join several articles: as costly to gather as an article page
    app.state.corpus = TtlCache(settings.cache_seconds)
    return app
