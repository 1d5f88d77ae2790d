"""A small time-bounded LRU cache of values the server rebuilds from the store.

Another process may re-ingest an article at any time, so entries live ``ttl`` seconds at most.
Only values found are kept: a miss (None, an IRI the store has nothing for) is not cached, so
requests for IRIs a client makes up cannot push the pages that were asked for out.
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

    async def get(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> tuple[Any, bool]:
        """Return the value of ``key`` and whether it was cached, loading it when missing."""
        now = time.monotonic()
        found = self._items.get(key)
        if found is not None and now - found[0] <= self.ttl:
            self._items.move_to_end(key)
            return found[1], True
        value = await load()
        if value is None:
            self._items.pop(key, None)
            return None, False
        self._items[key] = (now, value)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value, False

    def clear(self) -> None:
        """Forget every value (after the server's own update of the store)."""
        self._items.clear()
