"""A story (nkg:Story: articles joined by the happenings they share) -> what its page shows:
its articles in date order, and its timeline of claims, each happening linked to its page."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.queries import run_query
from kg.server.article import event_href
from kg.server.settings import ServerSettings
from kg.store import Store

ARTICLES = """
PREFIX schema: <http://schema.org/>
PREFIX nkg: <https://w3id.org/newskg/ns#>
SELECT ?article ?headline ?date ?first WHERE {
  GRAPH ?corpus { ?story a nkg:Story ; nkg:member ?article }
  OPTIONAL { GRAPH ?article { ?article schema:headline ?headline } }
  OPTIONAL { GRAPH ?article { ?article schema:datePublished ?date } }
  OPTIONAL { GRAPH ?corpus { ?story nkg:firstArticle ?first } }
}
ORDER BY ?date ?article
"""


@dataclass(frozen=True)
class StoryArticle:
    """One article of the story."""

    href: str
    headline: str
    date: str
    first: bool


@dataclass(frozen=True)
class TimelineRow:
    """One claim of the timeline: who said what, when, how sure, and whether it differs from
    the first claim about the same happening."""

    date: str
    what: str
    happening_href: str
    source: str
    certainty: str
    polarity: str
    article_href: str
    headline: str
    first: bool  # the first claim about its happening
    differs: bool  # another certainty or polarity than that first claim

    @property
    def negative(self) -> bool:
        return self.polarity == "Negative"


@dataclass(frozen=True)
class StoryPage:
    """Everything a story page shows."""

    iri: str
    headline: str
    articles: tuple[StoryArticle, ...]
    timeline: tuple[TimelineRow, ...]

    @property
    def happenings(self) -> int:
        return len({r.happening_href for r in self.timeline})


def story_page(store: Store, iri: str, settings: ServerSettings) -> StoryPage | None:
    """Gather a story's page from the store; None when there is no such story."""
    rows = store.query(ARTICLES, {"story": URIRef(iri)}).rows
    if not rows:
        return None
    articles = tuple(
        StoryArticle(
            href=settings.href(str(r["article"])),
            headline=str(r["headline"] or r["article"]),
            date=str(r["date"] or ""),
            first=r["first"] is not None and str(r["first"]) == str(r["article"]),
        )
        for r in rows
    )
    firsts = [a for a in articles if a.first] or list(articles[:1])
    return StoryPage(
        iri=iri,
        headline=firsts[0].headline,
        articles=articles,
        timeline=tuple(_timeline(store, iri, settings)),
    )


def _timeline(store: Store, iri: str, settings: ServerSettings) -> list[TimelineRow]:
    first_said: dict[str, tuple[str, str]] = {}
    rows = []
    for r in run_query(store, "story-timeline", {"story": iri}).rows:
        happening = str(r["happening"])
        said = (str(r["certainty"]), str(r["polarity"]))
        first = happening not in first_said
        first_said.setdefault(happening, said)
        rows.append(
            TimelineRow(
                date=str(r["date"] or ""),
                what=str(r["what"]),
                happening_href=_happening_href(happening, settings),
                source=str(r["sourceName"]),
                certainty=said[0],
                polarity=said[1],
                article_href=settings.href(str(r["article"])),
                headline=str(r["headline"] or r["article"]),
                first=first,
                differs=said != first_said[happening],
            )
        )
    return rows


def _happening_href(iri: str, settings: ServerSettings) -> str:
    # a happening is a cluster under the base; an event alone has its page by query parameter
    return event_href(iri) if "#" in iri else settings.href(iri)
