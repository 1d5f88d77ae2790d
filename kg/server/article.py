"""An article's named graph -> what its page shows: the text cut into plain and mentioned
segments, the quotes, the claims grouped by source, and schema.org JSON-LD for search engines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, TIME
from rdflib.term import Node

from kg.server.rdf import first, text_of
from kg.server.settings import ServerSettings, linkable
from kg.vocab import GAF, ITSRDF, NIF, NKG, PROV, SCHEMA

ORGANIZATIONS = {SCHEMA.Organization, SCHEMA.GovernmentOrganization, SCHEMA.NewsMediaOrganization}
SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}
CERTAINTIES = ("Certain", "Probable", "Possible", "Underspecified")


@dataclass(frozen=True)
class Mention:
    """A span of the text that names something, linked to its page."""

    start: int
    end: int
    kind: str
    href: str
    title: str

    @property
    def fragment(self) -> str:
        return f"char={self.start},{self.end}"


@dataclass(frozen=True)
class Segment:
    """A run of the text, mentioned or not."""

    text: str
    mention: Mention | None = None


@dataclass(frozen=True)
class Snippet:
    """The sentence around a span, the span itself marked."""

    before: str
    marked: str
    after: str


@dataclass(frozen=True)
class Quote:
    """A quote or reported speech, with who said it and how sure the article is of that."""

    fragment: str
    start: int
    text: str
    quote_type: str
    speaker: str
    speaker_href: str
    cue: str
    medium: str
    certainty: str
    hedge: str


@dataclass(frozen=True)
class Claim:
    """One source's claim about an event, a statement or a figure."""

    fragment: str
    start: int
    certainty: str
    negative: bool
    hedges: tuple[str, ...]
    about_kind: str
    about_fragment: str
    snippet: Snippet
    event_href: str = ""  # the page of the event the claim is about, with every source's claims


@dataclass
class Source:
    """A source and the claims the article attributes to it."""

    name: str
    href: str
    own_voice: bool
    claims: list[Claim] = field(default_factory=list)

    @property
    def hedged(self) -> list[Claim]:
        """Claims below certain, or denied: what a reader must weigh."""
        return [c for c in self.claims if c.certainty != "Certain" or c.negative]

    @property
    def plain(self) -> list[Claim]:
        return [c for c in self.claims if c.certainty == "Certain" and not c.negative]

    @property
    def certainty_counts(self) -> list[tuple[str, int]]:
        counts = Counter(c.certainty for c in self.claims)
        return [(level, counts[level]) for level in CERTAINTIES if counts[level]]


@dataclass(frozen=True)
class Entity:
    """Something the article mentions, with how often."""

    name: str
    kind: str
    href: str
    mentions: int


@dataclass(frozen=True)
class ArticlePage:
    """Everything the article page shows."""

    iri: str
    identifier: str
    headline: str
    date: str
    publisher: str
    url: str
    url_href: str  # the url if a page may link to it, else ""
    segments: tuple[Segment, ...]
    quotes: tuple[Quote, ...]
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    schema_org: dict[str, Any]


def article_page(graph: Graph, iri: str, settings: ServerSettings) -> ArticlePage:
    """Read an article's graph into the page's parts."""
    article = URIRef(iri)
    context = first(graph, article, NKG.context)
    text = text_of(graph, context, NIF.isString) if context is not None else ""
    mentions = _mentions(graph, settings)
    publisher = first(graph, article, SCHEMA.publisher)
    page = ArticlePage(
        iri=iri,
        identifier=text_of(graph, article, SCHEMA.identifier),
        headline=text_of(graph, article, SCHEMA.headline),
        date=text_of(graph, article, SCHEMA.datePublished),
        publisher=name_of(graph, publisher) if publisher is not None else "",
        url=text_of(graph, article, SCHEMA.url),
        url_href=linkable(text_of(graph, article, SCHEMA.url)),
        segments=tuple(segments(text, mentions)),
        quotes=tuple(_quotes(graph, settings)),
        sources=tuple(_sources(graph, text, publisher, settings)),
        entities=tuple(_entities(graph, mentions, settings)),
        schema_org={},
    )
    object.__setattr__(page, "schema_org", _schema_org(graph, page))
    return page


def name_of(graph: Graph, node: Node) -> str:
    """Return a node's name, label, or the last part of its IRI."""
    for predicate in (SCHEMA.name, RDFS.label):
        value = first(graph, node, predicate)
        if value is not None:
            return str(value)
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1].replace("-", " ")


def kind_of(graph: Graph, node: Node) -> str:
    """Return person, organization, place, time or other from a node's types."""
    types = set(graph.objects(node, RDF.type))
    if SCHEMA.Person in types:
        return "person"
    if types & ORGANIZATIONS:
        return "organization"
    if SCHEMA.Place in types:
        return "place"
    if TIME.TemporalEntity in types:
        return "time"
    return "other"


def local_name(node: Node | None) -> str:
    """Return the part of an IRI after its last # (nkg:Probable -> Probable)."""
    return "" if node is None else str(node).rsplit("#", 1)[-1]


def _span(graph: Graph, span: Node | None) -> tuple[int, int]:
    if span is None:
        return (0, 0)
    begin = first(graph, span, NIF.beginIndex)
    end = first(graph, span, NIF.endIndex)
    return (int(str(begin or 0)), int(str(end or 0)))


def _mentions(graph: Graph, settings: ServerSettings) -> list[Mention]:
    found = []
    for span, target in graph.subject_objects(ITSRDF.taIdentRef):
        kind = kind_of(graph, target)
        if kind == "other":  # event triggers: their claims are listed below the text
            continue
        start, end = _span(graph, span)
        found.append(Mention(start, end, kind, settings.href(str(target)), name_of(graph, target)))
    return found


def segments(text: str, mentions: list[Mention]) -> list[Segment]:
    """Cut the text into segments; of overlapping mentions the longer, earlier one is kept."""
    out: list[Segment] = []
    position = 0
    for mention in sorted(mentions, key=lambda m: (m.start, m.start - m.end)):
        if mention.start < position or mention.end > len(text) or mention.end <= mention.start:
            continue
        if mention.start > position:
            out.append(Segment(text[position : mention.start]))
        out.append(Segment(text[mention.start : mention.end], mention))
        position = mention.end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out


def snippet(text: str, start: int, end: int, limit: int = 240) -> Snippet:
    """Return the sentence holding ``text[start:end]``, cut to about ``limit`` characters."""
    marks = (". ", "? ", "! ", "\n")
    left = max(text.rfind(mark, 0, start) for mark in marks) + 1
    rights = [i for i in (text.find(mark, end) for mark in marks) if i >= 0]
    right = min(rights, default=len(text) - 1) + 1
    before, after = text[left:start].lstrip(), text[end:right].rstrip()
    if len(before) > limit // 2:
        before = "…" + before[-(limit // 2) :].split(" ", 1)[-1]
    if len(after) > limit // 2:
        after = after[: limit // 2].rsplit(" ", 1)[0] + "…"
    return Snippet(before, text[start:end], after)


def humanize(name: str) -> str:
    """Turn a term's local name into words: MilitaryOffensive -> military offensive."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def event_href(iri: str) -> str:
    """Return the path of an article event's page (its IRI's fragment cannot be a page)."""
    return f"/event?iri={quote(iri, safe='')}"


def _fragment(node: Node) -> str:
    return str(node).partition("#")[2]


def _quotes(graph: Graph, settings: ServerSettings) -> list[Quote]:
    quotes = []
    for node in graph.subjects(RDF.type, NKG.Quote):
        speaker = first(graph, node, SCHEMA.creator)
        hedge = first(graph, node, NKG.speakerHedge)
        start, _ = _span(graph, first(graph, node, GAF.denotedBy))
        quotes.append(
            Quote(
                fragment=_fragment(node),
                start=start,
                text=text_of(graph, node, SCHEMA.text),
                quote_type=local_name(first(graph, node, NKG.quoteType)),
                speaker=name_of(graph, speaker) if speaker is not None else "unknown",
                speaker_href=_page_of(speaker, settings),
                cue=_anchor(graph, first(graph, node, NKG.cue)),
                medium=text_of(graph, node, NKG.medium),
                certainty=local_name(first(graph, node, NKG.speakerCertainty)) or "Certain",
                hedge=_anchor(graph, hedge),
            )
        )
    return sorted(quotes, key=lambda q: q.start)


def _page_of(node: Node | None, settings: ServerSettings) -> str:
    # article-local agents ("some sources") have no page of their own
    if node is None or "#" in str(node):
        return ""
    return settings.href(str(node))


def _anchor(graph: Graph, span: Node | None) -> str:
    return "" if span is None else text_of(graph, span, NIF.anchorOf)


def _sources(
    graph: Graph, text: str, publisher: Node | None, settings: ServerSettings
) -> list[Source]:
    sources: dict[Node, Source] = {}
    for node in graph.subjects(RDF.type, NKG.Claim):
        who = first(graph, node, PROV.wasAttributedTo)
        if who is None:
            continue
        if who not in sources:
            own = who == publisher
            sources[who] = Source(name_of(graph, who), _page_of(who, settings), own)
        sources[who].claims.append(_claim(graph, node, text))
    for source in sources.values():
        source.claims.sort(key=lambda c: c.start)
    return sorted(sources.values(), key=lambda s: (not s.own_voice, -len(s.claims), s.name))


def _claim(graph: Graph, node: Node, text: str) -> Claim:
    about = first(graph, node, NKG.about)
    span = first(graph, about, GAF.denotedBy) if about is not None else None
    start, end = _span(graph, span)
    hedges = sorted(graph.objects(node, NKG.hedge), key=lambda h: _span(graph, h))
    if about is not None and (about, RDF.type, NKG.Quote) in graph:
        kind = "statement"
    elif about is not None and (about, RDF.type, SCHEMA.QuantitativeValue) in graph:
        kind = "figure"
    else:
        kind = local_name(first(graph, about, NKG.eventType)) if about is not None else ""
    return Claim(
        fragment=_fragment(node),
        start=start,
        certainty=local_name(first(graph, node, NKG.certainty)) or "Underspecified",
        negative=first(graph, node, NKG.polarity) == NKG.Negative,
        hedges=tuple(_anchor(graph, h) for h in hedges),
        about_kind=humanize(kind) if kind else "event",
        about_fragment=_fragment(about) if about is not None else "",
        event_href=event_href(str(about))
        if about is not None and _fragment(about).startswith("event=")
        else "",
        snippet=snippet(text, start, end),
    )


def _entities(graph: Graph, mentions: list[Mention], settings: ServerSettings) -> list[Entity]:
    counts = Counter((m.href, m.title, m.kind) for m in mentions if m.kind != "time")
    found = [Entity(title, kind, href, n) for (href, title, kind), n in counts.items()]
    return sorted(found, key=lambda e: (-e.mentions, e.name))


def _schema_org(graph: Graph, page: ArticlePage) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": page.iri,
        "identifier": page.identifier,
        "headline": page.headline,
    }
    if page.date:
        data["datePublished"] = page.date
    if page.url:
        data["url"] = page.url
    if page.publisher:
        data["publisher"] = {"@type": "Organization", "name": page.publisher}
    data["mentions"] = [_schema_thing(graph, node) for node in _mentioned(graph)]
    return data


def _mentioned(graph: Graph) -> list[Node]:
    targets = {
        t for t in graph.objects(None, ITSRDF.taIdentRef) if kind_of(graph, t) in SCHEMA_TYPES
    }
    return sorted(targets, key=str)


def _schema_thing(graph: Graph, node: Node) -> dict[str, Any]:
    thing: dict[str, Any] = {
        "@type": SCHEMA_TYPES[kind_of(graph, node)],
        "@id": str(node),
        "name": name_of(graph, node),
    }
    same = sorted(str(o) for p in (OWL.sameAs, SCHEMA.sameAs) for o in graph.objects(node, p))
    if same:
        thing["sameAs"] = same
    return thing
