"""Bounds on what a request may make the server hold: the size of its body, and how many
requests are answered at once (the rest get 503 with Retry-After at once, not a queue).

Both are ASGI middleware, so they act before any route reads the body: a body declared too
large by Content-Length is refused unread, and a chunked one is stopped at the limit.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.server.errors import ApiError, error_body

# seconds a client is told to wait when the server is full
RETRY_AFTER = 2


class BodyTooLarge(ApiError):
    """The request body passed the limit while it was being read."""


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413, reading no more than that."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def message(self) -> str:
        return (
            f"the request body is larger than the {self.max_bytes} bytes this server reads; "
            "send a shorter query"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            response = JSONResponse(error_body(413, self.message()), status_code=413)
            # the body is not read: the connection cannot be reused for another request
            response.headers["connection"] = "close"
            await response(scope, receive, send)
            return
        received = 0

        async def bounded() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(413, self.message())
            return message

        await self.app(scope, bounded, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP server refuses those before the app sees them
    return None


async def refuse_for_now(
    status: int, message: str, scope: Scope, receive: Receive, send: Send
) -> None:
    """Answer ``status`` with ``message`` and Retry-After: the request may come back later."""
    response = JSONResponse(
        error_body(status, message),
        status_code=status,
        headers={"Retry-After": str(RETRY_AFTER)},
    )
    await response(scope, receive, send)


class RequestLimit:
    """Answer at most ``max_requests`` requests at once; the next get 503 with Retry-After."""

    def __init__(self, app: ASGIApp, max_requests: int) -> None:
        self.app = app
        self.max_requests = max_requests
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.active >= self.max_requests:
            message = (
                f"the server is answering {self.max_requests} requests, as many as it takes at "
                "once; try again in a moment"
            )
            await refuse_for_now(503, message, scope, receive, send)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1


class ClientLimit:
    """Answer at most ``per_client`` SPARQL queries of one client at once; the next get 429
    with Retry-After, while other clients' queries and every page go on.

    The client is the peer address; behind a reverse proxy named in ``trusted_proxies`` it is
    the left-most address of X-Forwarded-For. From any other peer that header is ignored: a
    header a client sets itself must not let it pass for another client.
    """

    def __init__(
        self,
        app: ASGIApp,
        per_client: int,
        trusted_proxies: tuple[str, ...] = (),
        paths: tuple[str, ...] = ("/sparql",),
    ) -> None:
        self.app = app
        self.per_client = per_client
        self.trusted = frozenset(trusted_proxies)
        self.paths = paths
        self.active: dict[str, int] = {}

    def client(self, scope: Scope) -> str:
        peer = scope.get("client")
        address = peer[0] if peer else ""
        if address not in self.trusted:
            return address
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                first = value.decode("latin-1").split(",")[0].strip()
                if first:
                    return first
        return address

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        client = self.client(scope)
        held = self.active.get(client, 0)
        if held >= self.per_client:
            message = (
                f"this client already has {self.per_client} queries running, as many as one "
                "client may; wait for them before sending another"
            )
            await refuse_for_now(429, message, scope, receive, send)
            return
        self.active[client] = held + 1
        try:
            await self.app(scope, receive, send)
        finally:
            left = self.active[client] - 1
            if left:
                self.active[client] = left
            else:
                del self.active[client]
