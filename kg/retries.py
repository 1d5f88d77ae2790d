"""Retries of idempotent requests to a remote store: a transient failure -> the same request again.

A connection reset or dropped before the answer, and the HTTP statuses a server or proxy gives
while it restarts or is overloaded (502, 503, 504), are transient: the request is sent again,
after an exponentially growing pause, a bounded number of times. Only requests that leave the
store as one request would are retried (a query, a Graph Store PUT or DELETE of a whole graph,
the one update that drops and inserts a graph). A refused connection (nothing listens) and a
timeout (the server is slow: asking again would only wait longer) are not transient.
"""

from __future__ import annotations

import http.client
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

T = TypeVar("T")
TRANSIENT_STATUS = frozenset({502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How often to send a request again, and how long to wait before the first retry."""

    attempts: int = 5  # in all, the first one included
    first_wait: float = 0.5  # seconds; doubled at each retry
    max_wait: float = 8.0


class TransientStatus(Exception):
    """An HTTP answer that says: try again later (502, 503, 504)."""

    def __init__(self, status: int, url: str, text: str = "") -> None:
        super().__init__(f"{url} answered HTTP {status}")
        self.status = status
        self.url = url
        self.text = text


def is_transient(error: BaseException) -> bool:
    """Tell whether sending the same request again may succeed where this one failed."""
    if isinstance(error, TransientStatus):
        return True
    if isinstance(error, urllib.error.HTTPError):
        return error.code in TRANSIENT_STATUS
    if isinstance(error, (httpx.ReadError, httpx.WriteError)):
        return True
    if isinstance(error, httpx.RemoteProtocolError):
        # the same class says "closed before it answered" and "answered something not HTTP"
        return str(error).startswith("Server disconnected")
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        return is_transient(error.reason)
    # RemoteDisconnected is a ConnectionResetError: the server closed before it answered
    return isinstance(error, (ConnectionResetError, BrokenPipeError, http.client.IncompleteRead))


def retried(call: Callable[[], T], policy: RetryPolicy) -> T:
    """Return ``call()``, calling it again after transient failures; raise the last failure."""
    retrying = Retrying(
        retry=retry_if_exception(is_transient),
        stop=stop_after_attempt(policy.attempts),
        wait=wait_exponential(multiplier=policy.first_wait, max=policy.max_wait),
        reraise=True,
    )
    return retrying(call)
