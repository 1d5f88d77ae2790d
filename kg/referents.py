"""One referent per span: Annotations -> the one reading the mapping writes for each span.

A span of the text is one mention, ``<A#char=b,e>``, and a mention denotes at most one thing
(``itsrdf:taIdentRef``, shapes/mention.ttl). Extraction can read one span more than one way: a
name that is also a month ("May"), an unnamed source that is also an event noun ("Reports
said …"), two entities' mentions with the same offsets, two events sharing a trigger. The
mapping asks this module which reading each span keeps, and writes only that one.

Precedence, first match wins:

1. an entity's name: a name before a modifier ("Iraqi");
2. a time expression;
3. an entity's description: a nominal ("the group", "Reports" as a source) before a pronoun;
4. an event's trigger.

Among mentions of one rank, an entity linked to reference knowledge comes before one that is
not (the surer link first), a person, organisation or place before an unnamed source ("some
sources"); otherwise, the reading listed first wins.

A name identifies its bearer ("May" the person, not the month, once a name was found there); a
time's value is read from the words themselves, so a date is a date even where a rule took it
for a speaker; a description in a participant's slot stands for the participant ("Reports said
…" names the source, not the act of reporting, which the cue verb denotes); an event reading
comes last because a happening is usually mentioned again and keeps its other mentions. What
loses a span keeps the rest of what it says: an entity is still described and still a speaker
or actor, a time is still an event's time, and an event keeps its other triggers. An event
left with no trigger of its own is not written (nothing refers to an event but its claims). An
event's IRI comes from its first remaining trigger, so two events never share one; likewise
the first quote of a content span and the first quantity of a span are the only nodes minted
from that span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from kg.model import Annotations, Entity, Event, Mention, Quantity, Quote, Span

T = TypeVar("T")
Layer = Literal["mention", "time", "event"]
# (rank, order within the rank) of each kind of mention; times rank 1, triggers 3
_KIND_RANK = {"NAM": (0, 0), "PRE": (0, 1), "NOM": (2, 0), "PRO": (2, 1)}
_TIME_RANK, _TRIGGER_RANK = 1, 3


@dataclass(frozen=True)
class Referent:
    """A reading of a span: a mention, a time expression or an event, by its list index."""

    layer: Layer
    index: int


@dataclass(frozen=True)
class Resolved:
    """The readings the mapping writes: one per span, one node per span of each kind."""

    referents: dict[Span, Referent]
    mentions: list[Mention]  # each span's one mention, in list order
    events: list[Event]  # cut to the triggers they keep; an event with none left is gone
    quotes: list[Quote]  # the first quote of each content span
    quantities: list[Quantity]  # the first quantity of each span


def resolve(ann: Annotations) -> Resolved:
    """Choose one reading per span, and the mentions, events, quotes and quantities kept."""
    referents = choose(ann)
    mentions = [
        m for i, m in enumerate(ann.mentions) if referents[m.span] == Referent("mention", i)
    ]
    events = [_own_triggers(e, n, referents) for n, e in enumerate(ann.events)]
    return Resolved(
        referents,
        mentions,
        [e for e in events if e is not None],
        _first_per_span(ann.quotes, lambda q: q.content),
        _first_per_span(ann.quantities, lambda q: q.span),
    )


def choose(ann: Annotations) -> dict[Span, Referent]:
    """Return, for every span read as a mention, time or event trigger, the reading it keeps."""
    best: dict[Span, tuple[tuple[float, ...], Referent]] = {}
    for span, rank, referent in _readings(ann):
        if span not in best or rank < best[span][0]:
            best[span] = (rank, referent)
    return {span: referent for span, (_, referent) in best.items()}


def _readings(ann: Annotations) -> Iterator[tuple[Span, tuple[float, ...], Referent]]:
    """Yield every reading of a span with its rank (lower wins; the list index breaks ties)."""
    for i, mention in enumerate(ann.mentions):
        yield mention.span, (*_mention_rank(ann, mention), i), Referent("mention", i)
    for i, expression in enumerate(ann.times):
        yield expression.span, (_TIME_RANK, i), Referent("time", i)
    for n, event in enumerate(ann.events):
        for span in event.triggers:
            yield span, (_TRIGGER_RANK, n), Referent("event", n)


def _mention_rank(ann: Annotations, mention: Mention) -> tuple[float, ...]:
    entity = ann.entities[mention.entity]
    link = entity.link
    return (
        *_KIND_RANK.get(mention.kind, (2, 2)),
        link is None,
        -link.confidence if link is not None else 0.0,
        entity.type == "OTHER",
    )


def _own_triggers(event: Event, n: int, referents: dict[Span, Referent]) -> Event | None:
    """Return the event with only the triggers it keeps (each once), or None if none is left."""
    own = [s for s in dict.fromkeys(event.triggers) if referents[s] == Referent("event", n)]
    if not own:
        return None
    if own == event.triggers:
        return event
    return replace(event, trigger=own[0], others=own[1:])


def _first_per_span(items: list[T], span_of: Callable[[T], Span]) -> list[T]:
    """Keep the first item of each span: the node minted from a span is minted once."""
    seen: set[Span] = set()
    kept = []
    for item in items:
        span = span_of(item)
        if span not in seen:
            seen.add(span)
            kept.append(item)
    return kept


def entity_nodes(entities: list[Entity], iris: list[str]) -> dict[str, Entity]:
    """Join the entities that share a node (linked to one reference entity): one per IRI."""
    groups: dict[str, list[Entity]] = {}
    for entity, iri in zip(entities, iris, strict=True):
        groups.setdefault(iri, []).append(entity)
    return {iri: _merged_entity(group) for iri, group in groups.items()}


def _merged_entity(group: list[Entity]) -> Entity:
    """Join entities linked to one node ("U.S.", "United States"): one name, one type.

    The type is the one most of them have (the first's on a tie): one node has one class.
    """
    if len(group) == 1:
        return group[0]
    names = [n for e in group for n in (e.name, *e.aliases)]
    name = max(names, key=len)
    aliases = [n for n in dict.fromkeys(names) if n != name]
    types = Counter(e.type for e in group)
    etype = max(types, key=lambda t: types[t])  # the first of the most common
    link = next((e.link for e in group if e.link is not None), None)
    return Entity(etype, name, aliases, link)
