"""What every view needs: the app's settings and runner, format choice, data responses."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import Response

from kg.server import conneg
from kg.server.errors import ApiError
from kg.server.runner import Runner
from kg.server.settings import ServerSettings


def settings_of(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def runner_of(request: Request) -> Runner:
    runner: Runner = request.app.state.runner
    return runner


def choose(
    request: Request, offers: Sequence[conneg.Format], asked: conneg.Format | None
) -> conneg.Format:
    """Return the format a file extension asked for, else the one the Accept header prefers."""
    fmt = asked or conneg.negotiate(request.headers.get("accept"), offers)
    if fmt is None:
        request.state.api = True
        types = ", ".join(f.media_type for f in offers)
        raise ApiError(
            406, f"none of the accepted types is available here; this page offers {types}"
        )
    if fmt != conneg.HTML:
        request.state.api = True
    return fmt


def negotiated_headers(
    path: str, offers: Sequence[conneg.Format], fmt: conneg.Format
) -> dict[str, str]:
    """Return the Link (other formats) and Vary headers of a negotiated response."""
    return {"Link": conneg.alternates(path, offers, fmt), "Vary": "Accept"}


def data_response(
    body: str, fmt: conneg.Format, headers: dict[str, str], status: int = 200
) -> Response:
    """Answer with a text body in a data format."""
    return Response(body, status_code=status, media_type=fmt.media_type, headers=headers)
