"""The keys the store's corpus stage finds an event under (`kg.story_store`).

An event is kept under a key for each participant and kind (`kg.stories.kinds`) with the month
of its article, and with the year of each of its own times; the keys of an event's window are
those of two months each side of its article's month, and of the years of its times. The keys
hold a digest of the participant, so a key is short whatever the participant's IRI.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator

from kg.stories import EventCard, day_of, kinds, year_keys


def link_keys(card: EventCard, generic: frozenset[str]) -> list[str]:
    """Return the keys a store finds an event under: each participant, kind (`kinds`) and the
    month of its article; and each participant, kind and year of its own times ("@2003")."""
    month = card.date[:7] if day_of(card.date) else None
    if month is None:
        return []
    by_month = [
        _link_key(p, k, month) for p in sorted(card.participants) for k in kinds(card, generic)
    ]
    return by_month + [_link_key(p, k, f"@{y}") for p, k, y in year_keys(card, generic)]


def is_year_key(key: str) -> bool:
    """Tell whether a link key is by the year of an event's own time, not the month of its
    article (`link_keys`)."""
    return key.rsplit(" ", 1)[-1].startswith("@")


def search_keys(card: EventCard, generic: frozenset[str]) -> list[str]:
    """Return the keys of the events that may be in an event's window (two months each side)."""
    day = day_of(card.date)
    if day is None:
        return []
    months = []
    for step in range(-2, 3):
        number = day.year * 12 + day.month - 1 + step
        months.append(f"{number // 12:04d}-{number % 12 + 1:02d}")
    mine = [(p, k) for p in sorted(card.participants) for k in kinds(card, generic)]
    by_month = [_link_key(p, k, m) for p, k in mine for m in months]
    return by_month + [_link_key(p, k, f"@{y}") for p, k, y in year_keys(card, generic)]


def _link_key(participant: str, etype: str, month: str) -> str:
    digest = hashlib.sha1(participant.encode("utf-8")).hexdigest()[:16]
    return f"{digest} {etype} {month}"


def earlier_indexed(new: list[EventCard], generic: frozenset[str]) -> Iterator[list[EventCard]]:
    """For each event of a batch, those before it the index would offer (one kind, a
    participant: `kinds`), found by (kind, participant) as the store finds them, not by a pass
    over every earlier event of the batch."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, card in enumerate(new):
        keys = [(k, p) for k in kinds(card, generic) for p in card.participants]
        before = {i for key in keys for i in seen.get(key, ())}
        yield [new[i] for i in sorted(before)]
        for key in keys:
            seen[key].append(n)
