"""Across articles: the events of different articles that are one happening, and stories.

Each article graph is built alone; this stage reads the events of built graphs (their type,
predicate, participants, time and the article's date: an `EventCard`) and joins events of
different articles that report one happening into a cluster (``X nkg:member E``). Articles
joined by a cluster form a story (``S nkg:member A``). Candidates for a new event come from an
index by participant and date, never from the whole corpus, so the cost of adding an article
does not grow with the corpus. `Corpus` holds the clusters; `corpus_graph` writes them.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import unquote

import pyoxigraph as ox
import snowballstemmer
from rdflib import RDF, RDFS, Graph, URIRef

from kg.disjoint import DisjointSets
from kg.iris import Iris
from kg.model import GraphData
from kg.vocab import NKG, SCHEMA, SEM

# reports more than this many days apart are not taken for reports of one happening: two
# months, as news follows a happening; what is retold later is told with its own time, and
# reports that give one happening the same time join however far apart ("launched in 2003")
WINDOW_DAYS = 61
# candidates a new event is compared with, the reports nearest in time: however many reports
# of one participant the corpus holds, linking an article costs the same
MAX_CANDIDATES = 8
# types whose mentions name what is said, not what happened: a statement of one source is
# told in its own words, and two articles' "said" are seldom one saying
_SPEECH = frozenset({"Statement", "Declaration"})
_STEMMER = snowballstemmer.stemmer("english")
_AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "been", "has", "have", "had"})
_YEAR = re.compile(r"\d{4}")

_RDF_TYPE = RDF.type.toPython()
_EVENT = SEM.Event.toPython()
CARD_FIELDS = {
    NKG.eventType.toPython(): "type",
    NKG.hasAgent.toPython(): "agents",
    NKG.hasPatient.toPython(): "patients",
    SEM.hasPlace.toPython(): "places",
    SEM.hasTime.toPython(): "times",
    SCHEMA.isPartOf.toPython(): "article",
    RDFS.label.toPython(): "label",
    NKG.lemma.toPython(): "lemmas",
    NKG.figure.toPython(): "figures",
}
_DATE = SCHEMA.datePublished.toPython()
_CARD_LINES = re.compile(
    rb"\n(?:<[^>]*>|_:\S+) (?:"
    + b"|".join(re.escape(f"<{p}>".encode()) for p in sorted({_RDF_TYPE, _DATE, *CARD_FIELDS}))
    + rb") [^\n]*"
)


@dataclass(frozen=True)
class EventCard:
    """What linking across articles knows of one article event."""

    event: str
    article: str
    type: str
    date: str | None = None  # the article's publication date, ISO 8601
    stems: frozenset[str] = frozenset()  # of its predicate: "fled", "flight" -> "fled", "flight"
    agents: frozenset[str] = frozenset()
    patients: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()  # values of its time expressions ("2016-11-03")
    figures: frozenset[str] = frozenset()  # numbers its predicate gives ("rose 2.53%": "2.53")

    @property
    def participants(self) -> frozenset[str]:
        return self.agents | self.patients | self.places

    @cached_property
    def years(self) -> frozenset[str]:
        """The years of its own time expressions ("2003-04-28" -> "2003")."""
        return frozenset(t[:4] for t in self.times if _YEAR.match(t))

    @property
    def founding(self) -> tuple[str, str]:
        """Order of reports: the earliest article first (undated last), then by IRI."""
        return (self.date or "9999", self.event)


@functools.lru_cache(maxsize=65536)
def stems(label: str) -> frozenset[str]:
    """Return the stems of a predicate's words ("has escaped" -> {"escap"})."""
    words = [w for w in label.lower().split() if w.isalpha() and w not in _AUXILIARIES]
    return frozenset(_STEMMER.stemWords(words))


def cards_of(data: GraphData) -> list[EventCard]:
    """Read the events of one article graph."""
    fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    events: set[str] = set()
    dates: dict[str, str] = {}
    # only the lines of the predicates read are parsed: N-Triples writes one triple a line
    lines = _CARD_LINES.findall(b"\n" + data.ntriples)
    for triple in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True):
        s, p, o = triple.subject.value, triple.predicate.value, triple.object.value
        if p == _RDF_TYPE and o == _EVENT:
            events.add(s)
        elif p == _DATE:
            dates[s] = o[:10]
        elif p in CARD_FIELDS:
            fields[s][CARD_FIELDS[p]].add(o)
    return [card_from(e, fields[e], dates) for e in sorted(events)]


def card_from(event: str, values: dict[str, set[str]], dates: dict[str, str]) -> EventCard:
    article = min(values["article"], default="")
    return EventCard(
        event=event,
        article=article,
        type=min(values["type"], default="Other").rsplit("#", 1)[-1],
        date=dates.get(article),
        # the words of its first mention and the lemmas of all ("underwent", "undergone")
        stems=frozenset(s for text in values["label"] | values["lemmas"] for s in stems(text)),
        agents=frozenset(values["agents"]),
        patients=frozenset(values["patients"]),
        places=frozenset(values["places"]),
        times=frozenset(unquote(t.rsplit("/", 1)[-1]) for t in values["times"]),
        figures=frozenset(values["figures"]),
    )


def same_happening(a: EventCard, b: EventCard, generic: frozenset[str]) -> bool:
    """Tell whether events of two articles may report one happening.

    They must be reported within the window, or give it one time (`told_as_one_time`), be of
    one type (and, for a generic type, name
    one predicate: the stems of their triggers), share a participant (a place alone will not
    do for a generic type), and nothing of theirs may conflict: other patients, other agents
    with no patient in common ("Apple launched" and "Jobs launched" the same store), figures
    with none in common ("rose 2.53%", "rose 11.81%"), or times that cannot be one.
    """
    if a.article == b.article or a.type in _SPEECH or b.type in _SPEECH:
        return False
    retold = not _within_window(a.date, b.date)
    if retold and (not told_as_one_time(a, b) or None in (day_of(a.date), day_of(b.date))):
        return False
    if a.type != b.type:
        return False
    is_generic = a.type in generic
    if is_generic and not a.stems & b.stems:
        return False
    shared = (a.agents | a.patients) & (b.agents | b.patients)
    if not shared and (is_generic or not a.places & b.places):
        return False
    if a.patients and b.patients and not a.patients & b.patients:
        return False
    if retold and (a.patients or b.patients) and not a.patients & b.patients:
        return False  # told long apart: what one did to something is not what it did alone
    if a.agents and b.agents and not a.agents & b.agents and not a.patients & b.patients:
        return False
    if a.figures and b.figures and not a.figures & b.figures:
        return False  # "rose 2.53%" and "rose 11.81%": the index rose twice
    return all(_times_agree(s, t) for s in a.times for t in b.times)


def _within_window(a: str | None, b: str | None) -> bool:
    return days_apart(a, b) <= WINDOW_DAYS


def told_as_one_time(a: EventCard, b: EventCard) -> bool:
    """Tell whether two events are each given their own time and the times can be one
    ("in 2003", "on April 28, 2003"): a happening retold months or years later is told with
    its time, which reports of another happening of the same kind seldom share."""
    return bool(a.years & b.years) and all(_times_agree(s, t) for s in a.times for t in b.times)


def _times_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


@dataclass
class Corpus:
    """Clusters of article events over a corpus, and the index that finds candidates.

    ``generic`` are the event types that say little of what happened ("Movement", "Other").
    """

    generic: frozenset[str]
    cards: dict[str, EventCard] = field(default_factory=dict)
    _index: dict[tuple[str, str, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    # events by participant, type and the year of their own time, however far apart reported
    _by_year: dict[tuple[str, str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, card: EventCard) -> None:
        """Add an article event, joining it to the happenings of other articles it reports."""
        if card.event in self.cards:
            return
        candidates = self.candidates(card)
        self.cards[card.event] = card
        self.happenings.find(card.event)
        for other in candidates:
            if same_happening(card, other, self.generic):
                self.happenings.union(card.event, other.event)
        for key in _keys(card, self.generic):
            self._index[key].append(card.event)
        for dated in year_keys(card, self.generic):
            self._by_year[dated].append(card.event)

    def add_all(self, cards: Iterable[EventCard]) -> None:
        for card in cards:
            self.add(card)

    def candidates(self, card: EventCard) -> list[EventCard]:
        """Return the events held of the same kind that share a participant, the
        ``MAX_CANDIDATES`` reported nearest in time within the window and those nearest
        outside it given a time in the same year (`nearest`)."""
        found: dict[str, EventCard] = {}
        week = _week(card.date)
        reach = 1 + WINDOW_DAYS // 7
        weeks = range(week - reach, week + reach + 1) if week >= 0 else range(-1, 0)
        for participant in sorted(card.participants):
            for kind, w in ((k, w) for k in kinds(card, self.generic) for w in weeks):
                for event in self._index.get((participant, kind, w), ()):
                    found.setdefault(event, self.cards[event])
        for dated in year_keys(card, self.generic):
            for event in self._by_year.get(dated, ()):
                found.setdefault(event, self.cards[event])
        return nearest(card, found.values())

    @cached_property
    def happenings(self) -> DisjointSets[str]:
        """The events joined into happenings, each led by its earliest report."""
        return DisjointSets(lambda event: self.cards[event].founding)

    def clusters(self) -> list[list[EventCard]]:
        """Return the happenings reported by more than one article, each earliest report first."""
        found = [
            sorted((self.cards[e] for e in events), key=lambda c: c.founding)
            for events in self.happenings.groups().values()
        ]
        return sorted(
            (g for g in found if len({c.article for c in g}) > 1), key=lambda g: g[0].founding
        )

    def stories(self) -> list[list[str]]:
        """Return the groups of articles that report the same happenings, earliest first."""
        dates = {c.article: c.date or "9999" for c in self.cards.values()}
        stories: DisjointSets[str] = DisjointSets(lambda a: (dates[a], a))
        for cluster in self.clusters():
            first, *rest = (c.article for c in cluster)
            for article in rest:
                stories.union(first, article)
        groups = stories.groups()
        return sorted(
            (sorted(g, key=lambda a: (dates[a], a)) for g in groups.values()),
            key=lambda g: (dates[g[0]], g[0]),
        )


def days_apart(a: str | None, b: str | None) -> int:
    """Return how many days apart two publication dates are; an undated report is never
    within the window (nothing would bound what it is compared with)."""
    one, two = day_of(a), day_of(b)
    return abs((one - two).days) if one and two else WINDOW_DAYS + 1


@functools.lru_cache(maxsize=4096)
def day_of(value: str | None) -> date | None:
    """Return the day of an ISO 8601 date or date-time ("2009-06-01T12:00"), else None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def nearest(card: EventCard, pool: Iterable[EventCard]) -> list[EventCard]:
    """Return the events of other articles in ``pool`` within the window of ``card``, the
    ``MAX_CANDIDATES`` nearest in time (then by IRI), and as many of those outside it whose
    own time is in a year of the card's; earliest report first."""
    near, far = [], []
    for other in pool:
        if other.article == card.article or card.date is None or other.date is None:
            continue
        days = days_apart(card.date, other.date)
        if days <= WINDOW_DAYS:
            near.append((days, other.event, other))
        elif card.years & other.years:
            far.append((days, other.event, other))
    chosen = sorted(near)[:MAX_CANDIDATES] + sorted(far)[:MAX_CANDIDATES]
    return sorted((c for _, _, c in chosen), key=lambda c: c.founding)


def kinds(card: EventCard, generic: frozenset[str]) -> list[str]:
    """Return the kinds an event is indexed by: its type, or for a generic type the type and
    each stem of its predicate ("Change:fall"), which two reports of it must share
    (`same_happening`); none for a verb of saying, which is never joined across articles."""
    if card.type in _SPEECH:
        return []
    if card.type in generic:
        return [f"{card.type}:{stem}" for stem in sorted(card.stems)]
    return [card.type]


def _keys(card: EventCard, generic: frozenset[str]) -> list[tuple[str, str, int]]:
    return [(p, k, _week(card.date)) for p in card.participants for k in kinds(card, generic)]


def year_keys(card: EventCard, generic: frozenset[str]) -> list[tuple[str, str, str]]:
    """Return (participant, kind, year) for each year of the event's own times, for a dated
    report (an undated one is not linked)."""
    if day_of(card.date) is None:
        return []
    mine = [(p, k) for p in sorted(card.participants) for k in kinds(card, generic)]
    return [(p, k, y) for p, k in mine for y in sorted(card.years)]


def generic_types() -> frozenset[str]:
    """Return the event types of the taxonomy that are generic ("Movement", "Other")."""
    from kg.extract.lexicon import Lexicon

    hierarchy = Lexicon.load().event_type_hierarchy
    return frozenset(t for t, (_broader, generic) in hierarchy.items() if generic)


def _week(day: str | None) -> int:
    if not day:
        return -1
    try:
        return date.fromisoformat(day[:10]).toordinal() // 7
    except ValueError:
        return -1


def corpus_graph(corpus: Corpus, iris: Iris) -> Graph:
    """Write the clusters and stories of a corpus as one graph (named ``iris.corpus()``)."""
    graph = Graph(identifier=URIRef(iris.corpus()), bind_namespaces="none")
    graph.bind("nkg", NKG)
    graph.bind("rdfs", RDFS)
    for cluster in corpus.clusters():
        x = URIRef(iris.happening(cluster[0].event))
        graph.add((x, RDF.type, NKG.EventCluster))
        graph.add((x, NKG.firstReport, URIRef(cluster[0].event)))
        for card in cluster:
            graph.add((x, NKG.member, URIRef(card.event)))
    for articles in corpus.stories():
        s = URIRef(iris.story(articles[0]))
        graph.add((s, RDF.type, NKG.Story))
        graph.add((s, NKG.firstArticle, URIRef(articles[0])))
        for article in articles:
            graph.add((s, NKG.member, URIRef(article)))
    return graph
