"""Disjoint sets (union-find): which items have been joined into one group.

Coreference of names, of event mentions and of happenings across articles all group items
this way; a group's root is its first item by the order given (the earliest mention, the
earliest report), so the same joins give the same roots whatever order they come in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Groups of items, joined two at a time; each group is led by its first item."""

    def __init__(self, order: Callable[[K], Any] | None = None) -> None:
        self.parent: dict[K, K] = {}
        self.order: Callable[[K], Any] = order or (lambda item: item)

    def find(self, item: K) -> K:
        """Return the root of an item's group (an item not seen before is its own group)."""
        parent = self.parent
        parent.setdefault(item, item)
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression
            parent[item], item = root, parent[item]
        return root

    def union(self, a: K, b: K) -> K:
        """Join the groups of ``a`` and ``b``; return the root of the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, gone = (ra, rb) if self.order(ra) <= self.order(rb) else (rb, ra)
        self.parent[gone] = keep
        return keep

    def groups(self) -> dict[K, list[K]]:
        """Return every group by its root, its items in the order they were first seen."""
        found: dict[K, list[K]] = defaultdict(list)
        for item in list(self.parent):
            found[self.find(item)].append(item)
        return dict(found)
