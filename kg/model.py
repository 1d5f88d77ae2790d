"""Plain data passed between the stages: Article -> Annotations -> GraphData (or Failed).

Every span is a pair of Python string indices into ``Article.text`` (end exclusive); the text
itself is never altered.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

from kg.errors import InputError, StoreError

if TYPE_CHECKING:
    from rdflib import Graph

EntityType = Literal["PERSON", "ORG", "PLACE", "OTHER"]
MentionKind = Literal["NAM", "PRE", "NOM", "PRO"]
Certainty = Literal["CERTAIN", "PROBABLE", "POSSIBLE", "UNDERSPECIFIED"]
Polarity = Literal["POSITIVE", "NEGATIVE", "UNDERSPECIFIED"]
# what a time value is: a day, month, year or instant XSD writes, or one only TIMEX3 writes
# (a part of a day "2008-10-05TMO", a clock time with no zone "2008-10-05T15:00", a week
# "2008-W41", a season "2008-SU", a quarter or half "2008-Q3", a decade "199", the present,
# past or future "PRESENT_REF"), or an amount of time ("P2Y", "PXY")
TimeGranularity = Literal[
    "date",
    "gYearMonth",
    "gYear",
    "dateTimeStamp",
    "partOfDay",
    "clock",
    "week",
    "season",
    "quarter",
    "decade",
    "reference",
    "duration",
]


@dataclass(frozen=True, order=True)
class Span:
    """A character span ``text[start:end]`` of an article."""

    start: int
    end: int

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Article:
    """One news article as read from input; ``text`` is kept exactly as given."""

    id: str
    text: str
    headline: str | None = None
    date_published: str | None = None  # ISO date or date-time
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    description: str | None = None
    source: str | None = None  # file the article was read from, for messages

    def content_hash(self) -> str:
        """Return the SHA-256 (hex) of what was read, not of where it was read from."""
        fields = {k: v for k, v in asdict(self).items() if k != "source"}
        canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class Link:
    """Identifiers of the real-world thing an entity denotes, from reference knowledge."""

    # the reference entity's key: its path under the base's entity/ ("mosul-99072"), or an IRI
    # of its own for nodes of a user's reference file outside the bundled namespace
    key: str
    name: str | None = None  # the reference's canonical name ("Islamic State")
    wikidata: str | None = None  # "Q796"
    wikipedia: str | None = None  # English Wikipedia title, "Abu Bakr al-Baghdadi"
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 1.0
    types: tuple[str, ...] = ()  # extra rdf:types (full IRIs) from the reference data


@dataclass
class Mention:
    """A span that refers to an entity; ``entity`` indexes ``Annotations.entities``."""

    span: Span
    entity: int
    kind: MentionKind = "NAM"


@dataclass
class Entity:
    """A person, organisation or place of one article (mentions resolved together)."""

    type: EntityType
    name: str  # canonical name: the longest proper name among its mentions
    aliases: list[str] = field(default_factory=list)
    link: Link | None = None
    affiliation: int | None = None  # an unnamed source's organisation ("a source at the club")


@dataclass
class TimeExpression:
    """A time expression and its value, resolved against the publication date."""

    span: Span
    value: str  # its TIMEX3 value: "2016-11-03", "2016-10", "2016-W44", "P2Y", "PAST_REF" …
    granularity: TimeGranularity


@dataclass
class Claim:
    """Who asserts something and how sure they are.

    ``source`` indexes ``Annotations.entities``; ``None`` is the article's own voice (the
    publisher).
    """

    source: int | None
    certainty: Certainty = "CERTAIN"
    polarity: Polarity = "POSITIVE"
    hedges: list[Span] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)  # the mentions the claim rests on


@dataclass
class Role:
    """A participant of an event: an entity index and its role ("agent", "patient", ...)."""

    entity: int
    role: str
    pronoun: bool = False  # known only through a pronoun ("he fled"), the least sure link


@dataclass
class Event:
    """A happening the article reports: its mentions (triggers), a type and participants."""

    trigger: Span  # its first mention
    type: str  # local name of a type in the nkg ontology, e.g. "Flee"
    actors: list[Role] = field(default_factory=list)
    place: int | None = None  # entity index
    time: int | None = None  # index into Annotations.times
    claims: list[Claim] = field(default_factory=list)
    others: list[Span] = field(default_factory=list)  # its other mentions, in text order
    # the predicate of each mention, as a lemma ("underwent" -> "undergo", "ran away" -> "run
    # away"): what reports of one happening in other words share
    lemmas: dict[Span, str] = field(default_factory=dict)
    # the numbers its mentions' predicates give, as written ("rose 2.53% to 2248.63" -> "2.53",
    # "2248.63"): reports of one happening give the same, two that give only others are two
    figures: frozenset[str] = frozenset()

    @property
    def triggers(self) -> list[Span]:
        """Return every mention of the happening, the first one first."""
        return [self.trigger, *self.others]


@dataclass
class Quote:
    """A direct quote or reported speech."""

    content: Span  # inside the quote marks for direct quotes
    direct: bool
    cue: Span | None = None
    source_mention: Span | None = None  # the span naming the speaker ("he", "a voice said to be X")
    speaker: int | None = None  # entity index
    speaker_certainty: Certainty = "CERTAIN"
    speaker_hedges: list[Span] = field(default_factory=list)
    medium: str | None = None  # "tweet", "audio statement"
    medium_span: Span | None = None
    claims: list[Claim] = field(default_factory=list)  # who asserts the quoted proposition


@dataclass
class Quantity:
    """A number or range of things ("3,000 to 5,000 fighters")."""

    span: Span
    unit: str
    value: float | None = None
    min_value: float | None = None
    max_value: float | None = None
    approximate: bool = False
    about: int | None = None  # entity index the figure is about
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Annotations:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(frozen=True)
class GraphData:
    """One named graph as N-Triples, ready to store without another parse in rdflib."""

    iri: str
    ntriples: bytes

    @classmethod
    def of(cls, graph: Graph) -> GraphData:
        """Serialise an rdflib graph named by an IRI."""
        from rdflib import URIRef

        if not isinstance(graph.identifier, URIRef):
            raise StoreError("only graphs named by an IRI can be stored")
        return cls(str(graph.identifier), graph.serialize(format="nt", encoding="utf-8"))

    def to_graph(self) -> Graph:
        """Parse the N-Triples into an rdflib graph named by the IRI."""
        # imported here: the extraction stages use this module and need no RDF library
        from rdflib import Graph, URIRef

        # SimpleMemory: a plain triple set, about twice as fast to fill as the default store
        graph = Graph(store="SimpleMemory", identifier=URIRef(self.iri), bind_namespaces="none")
        return graph.parse(data=self.ntriples, format="nt")


@dataclass(frozen=True)
class Failed:
    """A record or file that gave no graph: where it is, and why."""

    where: str
    reason: str

    @classmethod
    def of(cls, error: InputError) -> Failed:
        """Make the failure of a record that could not be read."""
        return cls(*error.parts())
