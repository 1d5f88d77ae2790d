"""The ASGI application: settings -> a Starlette app with every route of the server."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.server.cache import TtlCache
from kg.server.errors import ApiError, handle_api_error, handle_http_exception
from kg.server.limits import BodyLimit
from kg.server.pages import index, search
from kg.server.resources import resource
from kg.server.runner import Runner
from kg.server.search import NameIndex
from kg.server.settings import ServerSettings
from kg.server.sparql import sparql
from kg.server.stored import query_list, query_page
from kg.server.templating import STATIC
from kg.server.void import StatsCache, void

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
        Route("/.well-known/void", void),
        Route("/.well-known/void.{ext}", void),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", resource),
    ]


def create_app(settings: ServerSettings) -> Starlette:
    """Build the application over a store."""
    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, max_bytes=settings.max_body),
        ],
        exception_handlers={ApiError: handle_api_error, HTTPException: handle_http_exception},
    )
    app.state.settings = settings
    app.state.runner = Runner(settings.query_timeout, settings.query_workers, settings.max_rows)
    app.state.names = NameIndex(settings.cache_seconds)
    app.state.void = StatsCache(settings.cache_seconds)
    # parsing an article's graph costs more than rendering its page: keep the popular ones
    app.state.articles = TtlCache(settings.cache_seconds)
    return app
