"""Errors of the server and the one body every API error has: {"ok", "error", "status"}."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.server import conneg
from kg.server.templating import render


class ApiError(Exception):
    """An HTTP error with a message for the person or program that asked."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_body(status: int, message: str) -> dict[str, Any]:
    """Return the JSON body of every API error."""
    return {"ok": False, "error": message, "status": status}


def wants_html(request: Request) -> bool:
    """Tell whether an error should be an HTML page (browsers) rather than JSON (programs)."""
    if getattr(request.state, "api", False):
        return False
    _, asked = conneg.split_extension(request.url.path, conneg.ALL_FORMATS)
    if asked is not None:
        return asked == conneg.HTML
    return conneg.negotiate(request.headers.get("accept"), [conneg.HTML, conneg.JSON]) in (
        conneg.HTML,
        None,
    )


def error_response(
    request: Request, status: int, message: str, extra: dict[str, str] | None = None
) -> Response:
    """Answer with the error page or the JSON error body."""
    headers = {"Vary": "Accept", **(extra or {})}
    if wants_html(request):
        context = {"status": status, "message": message}
        return render(request, "error.html", context, status=status, headers=headers)
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


async def handle_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)  # Starlette routes only ApiError here
    return error_response(request, exc.status, exc.message, exc.headers)


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # Starlette routes only HTTPException here
    message = exc.detail if exc.status_code != 404 else _not_found(request)
    return error_response(request, exc.status_code, message)


def _not_found(request: Request) -> str:
    return f"nothing is published at {request.url.path}"
