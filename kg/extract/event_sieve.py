"""Within-article event coreference by a multi-pass sieve: event mentions -> happenings.

As the entity sieve does for names, the passes run from most to least precise, each joining
clusters of mentions that no fact sets apart: first what the syntax equates ("launched an
offensive", "the offensive is expected to be a battle"), then one predicate ("fled", "flight"),
one reported statement (the same words quoted), one verb of saying restated by its speaker
or with its figures ("X announces 10,000 cuts", "X announced ..."), a definite noun of saying
taken up from its verb ("announced"; "this announcement"), one specific type with a
participant or place in common ("escaped" and "fled" by the same man), and last a generic
mention of a narrower happening at the same place ("is out of Mosul"). Two clusters never join
when their agents, patients, places, times or figures differ, one is many happenings and the
other one, or their types cannot be one.
``resolve(mentions, types) -> list[int]`` gives each mention its cluster number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.disjoint import DisjointSets

TypeInfo = Mapping[str, tuple[str | None, bool]]  # type -> (broader type, generic)


@dataclass(frozen=True)
class EventMention:
    """What the sieve knows of one event mention."""

    type: str
    keys: frozenset[str] = frozenset()  # predicate: its lemma, and the verbs a noun derives from
    speech: bool = False  # of saying: a verb's lemma alone says nothing of identity ("said")
    noun: bool = False  # an event noun: a definite one ("the statement") names what was told before
    grammatical: bool = False  # "be", "have": no predicate of its own
    agents: frozenset[int] = frozenset()  # entities named or described as its agents
    patients: frozenset[int] = frozenset()
    place: int | None = None
    time: str | None = None  # the value of its time expression
    content: str = ""  # for a report: the words it reports, normalised
    amounts: frozenset[str] = frozenset()  # the figures it gives ("fell 5%")
    plural: bool | None = None  # for a noun: "the deals" are many happenings, "the deal" one
    same_as: int | None = None  # another mention the syntax equates it with
    senses: frozenset[str] = frozenset()  # for an event noun: its WordNet senses
    broader: frozenset[str] = frozenset()  # and the senses directly above them
    definite: bool = False  # a noun with a definite determiner or a possessive ("the deal")
    other: bool = False  # a noun set apart from one told before ("a previous order")


@dataclass
class _Cluster:
    """What a cluster of mentions holds, for telling whether another may join it."""

    types: set[str]
    agents: set[int] = field(default_factory=set)
    patients: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)
    times: set[str] = field(default_factory=set)
    amounts: set[str] = field(default_factory=set)
    numbers: set[bool] = field(default_factory=set)

    @classmethod
    def of(cls, m: EventMention) -> _Cluster:
        places = {m.place} if m.place is not None else set()
        times = {m.time} if m.time else set()
        numbers = {m.plural} if m.plural is not None else set()
        return cls({m.type}, set(m.agents), set(m.patients), places, times, set(m.amounts), numbers)

    def absorb(self, other: _Cluster) -> None:
        self.types |= other.types
        self.agents |= other.agents
        self.patients |= other.patients
        self.places |= other.places
        self.times |= other.times
        self.amounts |= other.amounts
        self.numbers |= other.numbers

    def shares_a_participant(self, other: _Cluster) -> bool:
        return bool(
            self.agents & other.agents
            or self.patients & other.patients
            or self.places & other.places
        )


class _Sieve:
    """Union-find over mention indices, keeping each cluster's participants."""

    def __init__(self, mentions: list[EventMention], types: TypeInfo) -> None:
        self.mentions, self.types = mentions, types
        self.sets: DisjointSets[int] = DisjointSets()
        self.clusters = {i: _Cluster.of(m) for i, m in enumerate(mentions)}

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def join(self, i: int, j: int) -> bool:
        """Join the clusters of ``i`` and ``j`` unless a fact sets them apart; say if joined."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if not self.compatible(self.clusters[a], self.clusters[b]):
            return False
        keep = self.sets.union(a, b)
        self.clusters[keep].absorb(self.clusters.pop(max(a, b)))
        return True

    def compatible(self, a: _Cluster, b: _Cluster) -> bool:
        """Tell whether two clusters may be one happening: nothing of theirs conflicts."""
        pairs: list[tuple[set[Any], set[Any]]] = [(a.agents, b.agents), (a.patients, b.patients)]
        pairs += [(a.places, b.places), (a.amounts, b.amounts), (a.numbers, b.numbers)]
        for mine, theirs in pairs:
            if mine and theirs and not mine & theirs:
                return False
        if any(not _times_agree(s, t) for s in a.times for t in b.times):
            return False
        return all(self.types_agree(s, t) for s in a.types for t in b.types)

    def types_agree(self, a: str, b: str) -> bool:
        """Tell whether two event types can be one happening's ("fled", "left", "battle")."""
        if a == b or self.generic(a) or self.generic(b):
            return a == b or self._within(a, b) or self._within(b, a) or "Other" in (a, b)
        shared = {t for t in self._above(a) & self._above(b) if not self.generic(t)}
        return self._within(a, b) or self._within(b, a) or bool(shared)

    def generic(self, etype: str) -> bool:
        return self.types.get(etype, (None, True))[1]

    def _within(self, narrow: str, broad: str) -> bool:
        return broad in self._above(narrow)

    def _above(self, etype: str) -> set[str]:
        found, seen = set(), etype
        while (up := self.types.get(seen, (None, True))[0]) is not None and up not in found:
            found.add(up)
            seen = up
        return found

    def specific(self, i: int) -> bool:
        return not self.generic(self.mentions[i].type)

    def cluster(self, i: int) -> _Cluster:
        return self.clusters[self.find(i)]


def _times_agree(a: str, b: str) -> bool:
    """Tell whether two time values can name one time ("2016-11" holds "2016-11-03")."""
    return a.startswith(b) or b.startswith(a)


def match_syntax(sieve: _Sieve) -> None:
    """Pass 1: join what the syntax equates: a light verb and its event noun, a copula's terms."""
    for i, m in enumerate(sieve.mentions):
        if m.same_as is not None:
            sieve.join(m.same_as, i)


def match_predicates(sieve: _Sieve) -> None:
    """Pass 2: join mentions of one predicate ("fled", "flight"), but not verbs of saying, nor
    a later noun set apart from the earlier ("a previous order", "additional assistance")."""
    _pairs(
        sieve,
        lambda a, b: bool(a.keys & b.keys) and _predicative(a) and _predicative(b) and not b.other,
    )


def match_synonyms(sieve: _Sieve) -> None:
    """Pass 2b: join an event noun to an earlier one of the same sense or one directly above or
    below it ("an agreement", "the settlement"; "the controversy", "the dispute") when the later
    one is definite or the two share a participant or their time: a definite description takes
    up what was told before, by another word (Vieira & Poesio on definite descriptions)."""
    nouns = [i for i, m in enumerate(sieve.mentions) if m.noun and m.senses and not m.speech]
    for i, j in ((nouns[x], nouns[y]) for y in range(len(nouns)) for x in range(y)):
        a, b = sieve.mentions[i], sieve.mentions[j]
        if b.other or not _synonyms(a, b):
            continue
        one, other = sieve.cluster(i), sieve.cluster(j)
        if b.definite or one.shares_a_participant(other) or one.times & other.times:
            sieve.join(i, j)


def _synonyms(a: EventMention, b: EventMention) -> bool:
    """Tell whether two nouns share a sense, or one's sense is directly above the other's."""
    return bool(a.senses & b.senses or a.senses & b.broader or b.senses & a.broader)


def match_reports(sieve: _Sieve) -> None:
    """Pass 3: join reports of the same words: one statement quoted twice is one statement."""
    _pairs(sieve, lambda a, b: a.speech and b.speech and bool(a.content) and a.content == b.content)


def match_restated(sieve: _Sieve) -> None:
    """Pass 4: join reports by one predicate of one speaker or of the same figures: a headline's
    "X announces 10,000 cuts" is the lead's "X announced 10,000 cuts", unless the words they
    report differ."""
    for i, j in _ordered_pairs(len(sieve.mentions)):
        a, b = sieve.mentions[i], sieve.mentions[j]
        if not (a.speech and b.speech) or a.noun or b.noun or not _lemma_keys(a) & _lemma_keys(b):
            continue
        if a.content and b.content and a.content != b.content:
            continue  # each reports other words: two tellings
        one, other = sieve.cluster(i), sieve.cluster(j)
        if one.agents & other.agents or one.amounts & other.amounts:
            sieve.join(i, j)


def match_taken_up(sieve: _Sieve) -> None:
    """Pass 4b: join a definite noun of saying to the latest report before it by the verb it
    derives from ("Chrysler announced that ..."; "as a result of this announcement"): a
    definite description takes up what was told before (Vieira & Poesio)."""
    for j, b in enumerate(sieve.mentions):
        if not (b.noun and b.speech and b.definite) or b.other:
            continue
        keys = _lemma_keys(b)
        earlier = [
            i
            for i, a in enumerate(sieve.mentions[:j])
            if a.speech and not a.noun and keys & _lemma_keys(a)
        ]
        if earlier:
            sieve.join(earlier[-1], j)


def _lemma_keys(m: EventMention) -> set[str]:
    """Return a mention's predicate lemmas: its keys but its stems and senses."""
    return {k for k in m.keys if not k.startswith(("stem:", "sense:"))}


def match_types(sieve: _Sieve) -> None:
    """Pass 5: join mentions of one specific type that share a participant or their place."""
    for i, j in _ordered_pairs(len(sieve.mentions)):
        a, b = sieve.mentions[i], sieve.mentions[j]
        if a.speech or b.speech or not (sieve.specific(i) and sieve.specific(j)):
            continue
        if sieve.types_agree(a.type, b.type) and sieve.cluster(i).shares_a_participant(
            sieve.cluster(j)
        ):
            sieve.join(i, j)


def match_generic(sieve: _Sieve) -> None:
    """Pass 6: join a generic mention ("left", "is out of") to a narrower happening at its place."""
    for i, m in enumerate(sieve.mentions):
        if sieve.specific(i) or m.speech or m.type == "Other" or m.place is None:
            continue
        for j in range(len(sieve.mentions)):
            other = sieve.mentions[j]
            narrower = sieve.specific(j) and sieve._within(other.type, m.type)
            if narrower and m.place in sieve.cluster(j).places and sieve.join(j, i):
                break


def _predicative(m: EventMention) -> bool:
    return not m.grammatical and (m.noun or not m.speech)


def _ordered_pairs(n: int) -> Iterable[tuple[int, int]]:
    return ((i, j) for j in range(n) for i in range(j))


def _pairs(sieve: _Sieve, related: Callable[[EventMention, EventMention], bool]) -> None:
    for i, j in _ordered_pairs(len(sieve.mentions)):
        if related(sieve.mentions[i], sieve.mentions[j]):
            sieve.join(i, j)


PASSES = (
    match_syntax,
    match_predicates,
    match_synonyms,
    match_reports,
    match_restated,
    match_taken_up,
    match_types,
    match_generic,
)


def resolve(mentions: list[EventMention], types: TypeInfo) -> list[int]:
    """Cluster event mentions; return each one's cluster number (its first mention's index)."""
    sieve = _Sieve(mentions, types)
    for run in PASSES:
        run(sieve)
    return [sieve.find(i) for i in range(len(mentions))]
