"""Fuzz the mapping: random annotations over random real text always give a conforming graph.

Hypothesis draws an article of shuffled real sentences (tests/fuzzing.py) and annotations
over a few spans of it, so that mentions, times, triggers, quotes and quantities often share
their spans; everything drawn keeps the promises of kg/model.py (spans inside the text, indices
into the lists they name, a time's value written at its granularity, event types of the
ontology, a quantity with a value or a range). Derandomised, so CI runs the same examples;
NEWSKG_FUZZ_EXAMPLES (100 unless set) runs more.
"""

from __future__ import annotations

import os
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.namespace import RDF

from kg.iris import Iris
from kg.mapping import Provenance, article_data
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
from kg.resources import data_dir
from kg.validate import default_validator
from kg.vocab import NKG
from tests.fuzzing import DATES, PUBLISHERS, SEPARATORS, sentences

PROV = Provenance("0.0.test", "en_core_web_sm 3.8.0", {"model": "test"})
FUZZ = settings(
    max_examples=int(os.environ.get("NEWSKG_FUZZ_EXAMPLES", "100")),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CERTAINTY = st.sampled_from(["CERTAIN", "PROBABLE", "POSSIBLE", "UNDERSPECIFIED"])
POLARITY = st.sampled_from(["POSITIVE", "NEGATIVE", "UNDERSPECIFIED"])
# few, so that links collide; one a user's reference file gives as an IRI of its own
KEYS = ("mosul-99072", "islamic-state", "https://example.org/ref/Q1")


@lru_cache(maxsize=1)
def event_types() -> list[str]:
    ontology = Graph().parse(data_dir() / "ontology" / "newskg.ttl")
    return sorted(str(t).removeprefix(str(NKG)) for t in ontology.subjects(RDF.type, NKG.EventType))


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(sentences()), min_size=1, max_size=5))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(s + p for s, p in zip(["", *seps], parts, strict=False))


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 40)))
    return Span(start, end)


@st.composite
def links(draw: st.DrawFn) -> Link:
    return Link(
        key=draw(st.sampled_from(KEYS)),
        name=draw(st.sampled_from([None, "Mosul", "Islamic State"])),
        wikidata=draw(st.sampled_from([None, "Q796", "Q131"])),
        wikipedia=draw(st.sampled_from([None, "Mosul", "Boris Johnson"])),
        geonames=draw(st.sampled_from([None, 99072])),
        lat=draw(st.sampled_from([None, 36.335, -0.00001])),
        lon=draw(st.sampled_from([None, 43.11889, 179.5])),
        confidence=draw(st.floats(0, 1)),
        types=draw(st.sampled_from([(), ("http://schema.org/City",)])),
    )


@st.composite
def times(draw: st.DrawFn, pool: list[Span]) -> TimeExpression:
    granularity, value = draw(
        st.sampled_from(
            [
                ("date", "2016-11-03"),
                ("date", "2016-11-01"),
                ("gYearMonth", "2016-10"),
                ("gYear", "2014"),
                ("dateTimeStamp", "2016-11-03T10:00:00Z"),
            ]
        )
    )
    return TimeExpression(draw(st.sampled_from(pool)), value, granularity)  # type: ignore[arg-type]


@st.composite
def claims(draw: st.DrawFn, pool: list[Span], n_entities: int) -> Claim:
    return Claim(
        source=draw(st.none() | st.integers(0, n_entities - 1)),
        certainty=draw(CERTAINTY),
        polarity=draw(POLARITY),
        hedges=draw(st.lists(st.sampled_from(pool), max_size=2)),
        evidence=draw(st.lists(st.sampled_from(pool), max_size=2)),
    )


@st.composite
def annotations(draw: st.DrawFn) -> Annotations:
    text = draw(texts())
    article = Article(
        id=draw(st.sampled_from(["fuzz-1", "a b/c?d", "ünï"])),
        text=text,
        headline=draw(st.none() | st.just(text[:60])),
        date_published=draw(st.sampled_from(DATES)),
        publisher=draw(st.sampled_from(PUBLISHERS)),
        url=draw(st.sampled_from([None, "https://example.org/a b%zz"])),
        author=draw(st.sampled_from([None, "Jane Doe"])),
        description=draw(st.none() | st.just(text[-80:])),
    )
    # a few spans that every annotation draws from, so that readings of one span collide
    pool = draw(st.lists(spans(text), min_size=1, max_size=6))
    span = st.sampled_from(pool)
    entities = [
        Entity(
            draw(st.sampled_from(["PERSON", "ORG", "PLACE", "OTHER"])),
            draw(span).text(text),
            [draw(span).text(text) for _ in range(draw(st.integers(0, 2)))],
            draw(st.none() | links()),
        )
        for _ in range(draw(st.integers(1, 5)))
    ]
    n = len(entities)
    entity = st.integers(0, n - 1)
    places = [i for i, e in enumerate(entities) if e.type == "PLACE"]
    kind = st.sampled_from(["NAM", "PRE", "NOM", "PRO"])
    mentions = draw(st.lists(st.builds(Mention, span, entity, kind), max_size=8))
    time_list = draw(st.lists(times(pool), max_size=4))
    events = [
        Event(
            trigger=draw(span),
            type=draw(st.sampled_from(event_types())),
            actors=draw(
                st.lists(
                    st.builds(
                        Role, entity, st.sampled_from(["agent", "patient", "x"]), st.booleans()
                    )
                )
            ),
            place=draw(st.none() | st.sampled_from(places)) if places else None,
            time=draw(st.none() | st.integers(0, len(time_list) - 1)) if time_list else None,
            claims=draw(st.lists(claims(pool, n), max_size=3)),
            others=draw(st.lists(span, max_size=3)),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    quotes = [
        Quote(
            content=draw(span),
            direct=draw(st.booleans()),
            cue=draw(st.none() | span),
            source_mention=draw(st.none() | span),
            speaker=draw(st.none() | entity),
            speaker_certainty=draw(CERTAINTY),
            speaker_hedges=draw(st.lists(span, max_size=2)),
            medium=draw(st.sampled_from([None, "tweet", "audio statement"])),
            medium_span=draw(st.none() | span),
            claims=draw(st.lists(claims(pool, n), max_size=2)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    quantities = [draw(quantity(span, entity, pool, n)) for _ in range(draw(st.integers(0, 3)))]
    return Annotations(article, entities, mentions, time_list, events, quotes, quantities)


@st.composite
def quantity(
    draw: st.DrawFn, span: st.SearchStrategy[Span], entity: st.SearchStrategy[int], pool, n
) -> Quantity:
    number = st.integers(0, 10**6) | st.floats(0, 1e6, allow_nan=False).map(lambda x: round(x, 2))
    low, high = sorted([draw(number), draw(number)])
    shape = draw(st.sampled_from(["value", "range", "min", "max"]))
    return Quantity(
        span=draw(span),
        unit=draw(st.sampled_from(["fighters", "people", "USD"])),
        value=low if shape == "value" else None,
        min_value=low if shape in ("range", "min") else None,
        max_value=high if shape in ("range", "max") else None,
        approximate=draw(st.booleans()),
        about=draw(st.none() | entity),
        claims=draw(st.lists(claims(pool, n), max_size=2)),
    )


@FUZZ
@given(annotations())
def test_random_annotations_always_give_a_conforming_graph(ann: Annotations) -> None:
    data = article_data(ann, Iris(), PROV)
    report = default_validator().validate_data(data)
    assert report.conforms, report.describe()
