"""Find entities by name: the names and alternative labels of every person, organisation and
place in the store, read once per ``cache_seconds``, matched case-insensitively."""

from __future__ import annotations

import time
from dataclasses import dataclass

from kg.server.runner import Runner
from kg.store import Store

NAMES = """
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?name ?label ?class WHERE {
  GRAPH ?g {
    ?entity a ?class ; schema:name ?name .
    VALUES ?class { schema:Person schema:Organization schema:Place }
    OPTIONAL { ?entity skos:altLabel ?label }
  }
}
"""
KINDS = {
    "http://schema.org/Person": "person",
    "http://schema.org/Organization": "organization",
    "http://schema.org/Place": "place",
}


@dataclass(frozen=True)
class Named:
    """An entity with the names it goes by."""

    iri: str
    name: str
    kind: str
    labels: tuple[str, ...]

    def rank(self, needle: str) -> int | None:
        """Return 0 for an exact name, 1 for a name that starts so, 2 for one that holds it."""
        best = None
        for label in (self.name, *self.labels):
            text = label.casefold()
            rank = (
                0
                if text == needle
                else 1
                if text.startswith(needle)
                else 2
                if needle in text
                else None
            )
            if rank is not None and (best is None or rank < best):
                best = rank
        return best


class NameIndex:
    """Entity names from the store, refreshed when older than ``ttl`` seconds."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._names: list[Named] = []
        self._read_at: float | None = None

    async def search(self, runner: Runner, text: str, limit: int = 50) -> list[Named]:
        """Return the entities whose name or label holds ``text``, best matches first."""
        needle = " ".join(text.split()).casefold()
        if not needle:
            return []
        names = await self._current(runner)
        ranked = [(r, n.name.casefold(), n) for n in names if (r := n.rank(needle)) is not None]
        return [n for _, _, n in sorted(ranked, key=lambda t: (t[0], t[1]))][:limit]

    async def _current(self, runner: Runner) -> list[Named]:
        now = time.monotonic()
        if self._read_at is None or now - self._read_at > self.ttl:
            self._names = await runner.call(read_names)
            self._read_at = now
        return self._names


def read_names(store: Store) -> list[Named]:
    """Read every entity's names from the store."""
    found: dict[str, tuple[str, str, set[str]]] = {}
    for row in store.query(NAMES).rows:
        iri, name = str(row["entity"]), str(row["name"])
        kind = KINDS.get(str(row["class"]), "other")
        entry = found.setdefault(iri, (name, kind, set()))
        if row.get("label") is not None:
            entry[2].add(str(row["label"]))
    return [Named(iri, n, k, tuple(sorted(labels))) for iri, (n, k, labels) in found.items()]
