"""A small time-bounded LRU cache of values the server rebuilds from the store.

Another process may re-ingest an article at any time, so entries live ``ttl`` seconds at most.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any


class TtlCache:
    """Keep up to ``size`` values, each for at most ``ttl`` seconds."""

    def __init__(self, ttl: float, size: int = 64) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()

    async def get(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        """Return the cached value of ``key``, loading it when missing or stale."""
        now = time.monotonic()
        found = self._items.get(key)
        if found is not None and now - found[0] <= self.ttl:
            self._items.move_to_end(key)
            return found[1]
        value = await load()
        self._items[key] = (now, value)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value
