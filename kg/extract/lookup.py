"""The reference lookups the entity stages need, as protocols the reference index satisfies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kg.model import Entity, EntityType, Link


class RefEntry(Protocol):
    """A known entity of the reference data."""

    @property
    def key(self) -> str: ...
    @property
    def type(self) -> EntityType: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def link(self) -> Link | None: ...


class Lookup(Protocol):
    """Names, demonyms and links from reference knowledge."""

    def patterns(self) -> list[tuple[str, str]]:
        """Return (label, type) pairs, type one of PERSON, ORG, PLACE."""
        ...

    def demonym(self, word: str) -> RefEntry | None:
        """Return the country a demonym or adjectival name denotes."""
        ...

    def link(self, entity: Entity, context: str = "") -> Link | None:
        """Return the identifiers of the thing an entity denotes."""
        ...
