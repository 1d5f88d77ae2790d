"""Store calls of the server, bounded in time, memory, answer size and number at once.

Two pools of worker processes (kg.server.pool) answer them: one for the pages (index, articles,
entities, search, stored queries, VoID), whose queries are the server's own, and one for the
SPARQL endpoint, whose queries are anyone's. Pages wait for a worker up to the query timeout;
a SPARQL query finding every query worker busy is answered 503 with Retry-After at once. Query
workers run at a lower CPU priority, so runaway queries do not slow the pages.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import TypeVar

from kg.server.errors import ApiError
from kg.server.pool import Limits, MiB, Opener, StorePool
from kg.store import QueryResult, Store, Term

T = TypeVar("T")
# how much less CPU priority the SPARQL endpoint's workers have than the pages' (nice(2))
QUERY_NICENESS = 10


class Runner:
    """The pools that run store calls for pages and for the SPARQL endpoint."""

    def __init__(
        self,
        opener: Opener,
        timeout: float,
        max_rows: int,
        page_workers: int = 2,
        query_workers: int = 2,
        worker_memory: int = 512 * MiB,
        max_result: int = 16 * MiB,
    ) -> None:
        self.timeout = timeout
        self.max_rows = max_rows
        limits = Limits(timeout, worker_memory, max_result)
        self.pages = StorePool(opener, page_workers, limits, wait=timeout)
        self.queries = StorePool(opener, query_workers, limits, wait=0, niceness=QUERY_NICENESS)
        # an application dropped without its shutdown still stops its workers
        weakref.finalize(self, _close, self.pages, self.queries)

    async def call(self, func: Callable[..., T], *args: object) -> T:
        """Run ``func(store, *args)`` for a page."""
        return await self.pages.call(func, *args)

    async def rows(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, user: bool = False
    ) -> QueryResult:
        """Run a SELECT or ASK query, reading one row past the limit to tell it was passed.

        ``user`` queries (the SPARQL endpoint's) go to the query workers.
        """
        pool = self.queries if user else self.pages
        return await pool.call(select, sparql, bindings, self.max_rows + 1)

    async def triples(self, sparql: str) -> bytes:
        """Run a user's CONSTRUCT or DESCRIBE, computing one triple past the limit at most."""
        return await self.queries.call(construct, sparql, self.max_rows + 1)

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

    def start(self) -> None:
        """Start the workers now rather than at the first call."""
        self.pages.start()
        self.queries.start()

    def reopen(self) -> None:
        """Replace every worker, so that the next calls read the store as it is now."""
        _close(self.pages, self.queries)

    def close(self) -> None:
        """Stop every worker."""
        _close(self.pages, self.queries)


def select(
    store: Store, sparql: str, bindings: Mapping[str, Term] | None, max_rows: int
) -> QueryResult:
    """Run a SELECT or ASK query in a worker."""
    return store.query(sparql, bindings, max_rows)


def construct(store: Store, sparql: str, max_triples: int) -> bytes:
    """Run a CONSTRUCT or DESCRIBE query in a worker."""
    return store.construct(sparql, max_triples)


def _close(*pools: StorePool) -> None:
    for pool in pools:
        pool.close()
