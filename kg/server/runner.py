"""Run store calls in worker threads, bounded in time, in number at once and in rows returned.

The store's query call cannot be interrupted, so a query past its time is abandoned: the client
gets an error at once, and the query keeps its worker slot until the store returns, so runaway
queries never run more than ``query_workers`` at a time. Calls wait for a free slot until their
own deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

import anyio
import anyio.to_thread

from kg.errors import KgError, QueryError, StoreError
from kg.server.errors import ApiError
from kg.store import QueryResult, Store, Term

T = TypeVar("T")


class Runner:
    """Calls into the store with a timeout and a limit on concurrent calls."""

    def __init__(self, timeout: float, workers: int, max_rows: int) -> None:
        self.timeout = timeout
        self.max_rows = max_rows
        self._slots = threading.BoundedSemaphore(workers)

    async def call(self, func: Callable[..., T], *args: object) -> T:
        """Run ``func(*args)`` in a worker thread; map store errors to API errors."""
        abandoned = threading.Event()
        deadline = time.monotonic() + self.timeout
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(
                    self._guarded, func, args, deadline, abandoned, abandon_on_cancel=True
                )
        except TimeoutError:
            abandoned.set()
            raise ApiError(
                503, f"the query took longer than {self.timeout:g} s and was stopped; narrow it"
            ) from None
        except _Busy:
            raise ApiError(
                503, "every query worker stayed busy with slow queries; try again shortly"
            ) from None
        except (QueryError, StoreError) as e:
            raise ApiError(400, str(e)) from e
        except KgError as e:
            raise ApiError(500, str(e)) from e

    def _guarded(
        self,
        func: Callable[..., T],
        args: tuple[object, ...],
        deadline: float,
        abandoned: threading.Event,
    ) -> T:
        # the slot is taken and given back in the thread, so that a query abandoned by its
        # client still holds it until the store returns; waiting for one ends at the deadline
        if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise _Busy
        try:
            if abandoned.is_set():
                raise _Busy
            return func(*args)
        finally:
            self._slots.release()

    async def rows(
        self, store: Store, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> QueryResult:
        """Run a SELECT or ASK query, reading one row past the limit to tell it was passed."""
        return await self.call(store.query, sparql, bindings, self.max_rows + 1)

    def check_rows(self, result: QueryResult) -> QueryResult:
        """Refuse a result with more rows than allowed."""
        if len(result.rows) > self.max_rows:
            raise ApiError(
                413,
                f"the query returns more than the {self.max_rows} rows this server sends; "
                "add a LIMIT or narrow it",
            )
        return result

    def truncate(self, result: QueryResult) -> tuple[QueryResult, bool]:
        """Keep at most ``max_rows`` rows for a page; say whether some were left out."""
        if len(result.rows) <= self.max_rows:
            return result, False
        return QueryResult(result.variables, result.rows[: self.max_rows], result.boolean), True


class _Busy(Exception):
    """No worker slot is free."""
