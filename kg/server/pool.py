"""Store calls in worker processes: a call and its arguments -> its answer, or an API error.

The store's query call cannot be interrupted from another thread, so every store call runs in a
worker process that opened the store itself (read-only, once). A call past its time is ended
with its process, which the pool (pebble) replaces: the CPU it used is free at once. Each
worker's heap is capped (RLIMIT_DATA), so a query that would need more memory ends its worker
instead of growing the server; an answer larger than ``max_bytes`` is refused in the worker,
before it is sent.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from pebble import ProcessExpired, ProcessPool

from kg.errors import KgError, QueryError, StoreError
from kg.server.errors import ApiError
from kg.server.limits import RETRY_AFTER
from kg.store import Store

T = TypeVar("T")
Opener = Callable[[], Store]
MiB = 1024 * 1024

_store: Store | None = None  # the worker's own store


@dataclass(frozen=True)
class Limits:
    """What one call may cost: seconds, heap bytes per worker, bytes of its answer."""

    timeout: float
    memory: int
    max_bytes: int


class ResultTooLarge(Exception):
    """An answer has more bytes than a call may send back."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class Busy(ApiError):
    """Every worker of a pool is busy."""

    def __init__(self) -> None:
        super().__init__(
            503,
            "the server is answering as many queries as it can; try again in a moment",
            {"Retry-After": str(RETRY_AFTER)},
        )


class StorePool:
    """Worker processes for store calls, each call bounded in time, memory and answer size.

    ``wait`` is how long a call waits for a free worker (0: refused at once when all are busy).
    ``niceness`` lowers the workers' CPU priority, so that other pools' calls come first.
    """

    def __init__(
        self, opener: Opener, workers: int, limits: Limits, wait: float, niceness: int = 0
    ) -> None:
        self.opener = opener
        self.workers = workers
        self.limits = limits
        self.wait = wait
        self.niceness = niceness
        self._pool: ProcessPool | None = None
        self._slots: anyio.Semaphore | None = None

    async def call(self, func: Callable[..., T], *args: object) -> T:
        """Run ``func(store, *args)`` in a worker; map what can go wrong to API errors."""
        slots = self._slots = self._slots or anyio.Semaphore(self.workers)
        await self._acquire(slots)
        try:
            future = self.start().schedule(
                _run, (func, args, self.limits.max_bytes), timeout=self.limits.timeout
            )
            try:
                # a worker that is being replaced takes a moment to start: bound the whole wait
                with anyio.fail_after(self.limits.timeout + 10):
                    data = await asyncio.wrap_future(future)
            except BaseException:
                future.cancel()  # a call whose client went away ends its worker too
                raise
        except TimeoutError:
            raise ApiError(
                503,
                f"the query took longer than {self.limits.timeout:g} s and was stopped; narrow it",
            ) from None
        except ProcessExpired:
            raise ApiError(
                400,
                f"the query ended its worker: it needed more than the "
                f"{self.limits.memory // MiB} MiB a query may use; narrow it",
            ) from None
        except ResultTooLarge as e:
            raise ApiError(
                413,
                f"the answer has {e.size} bytes, more than the {self.limits.max_bytes} this "
                "server sends; add a LIMIT or narrow the query",
            ) from None
        except (QueryError, StoreError) as e:
            raise ApiError(400, str(e)) from e
        except KgError as e:
            raise ApiError(500, str(e)) from e
        finally:
            slots.release()
        result: T = pickle.loads(data)
        return result

    async def _acquire(self, slots: anyio.Semaphore) -> None:
        if self.wait <= 0:
            try:
                slots.acquire_nowait()
            except anyio.WouldBlock:
                raise Busy() from None
            return
        with anyio.move_on_after(self.wait):
            await slots.acquire()
            return
        raise Busy()

    def start(self) -> ProcessPool:
        """Start the workers (once)."""
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            # workers fork from a server that has the store's and the server's modules loaded
            context.set_forkserver_preload(["kg.server.app"])
            self._pool = ProcessPool(
                max_workers=self.workers,
                initializer=_open,
                initargs=(self.opener, self.limits.memory, self.niceness),
                context=context,
            )
            # the pool starts its workers with its first task: start them now, not on a query
            self._pool.schedule(_ready)
        return self._pool

    def close(self) -> None:
        """Stop the workers (a running call among them ends)."""
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None


def _open(opener: Opener, memory: int, niceness: int) -> None:
    global _store
    # the store's code does not return to Python while it runs: the pool's own SIGTERM
    # handler would never run, so the default action (end at once) applies
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if niceness:
        os.nice(niceness)
    heap = resource.getrlimit(resource.RLIMIT_DATA)[1]
    limit = memory if heap == resource.RLIM_INFINITY else min(memory, heap)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, heap))
    _store = opener()


def _ready() -> None:
    """Do nothing (in a worker)."""


def _run(func: Callable[..., Any], args: tuple[object, ...], max_bytes: int) -> bytes:
    if _store is None:
        raise StoreError("the worker has no store open")
    data = pickle.dumps(func(_store, *args), protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) > max_bytes:
        raise ResultTooLarge(len(data))
    return data
