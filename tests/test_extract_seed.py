"""The seed article end to end: the events, participants and speakers it must yield."""

from __future__ import annotations

import pytest

from kg.extract import DEFAULT_MODEL, extract, load_pipeline
from kg.model import Annotations, Event
from kg.reader import read_articles
from kg.reference import ReferenceIndex
from tests.conftest import SEED

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed() -> Annotations:
    reference = ReferenceIndex.load()
    article = read_articles([SEED])[0]
    return extract(article, load_pipeline(DEFAULT_MODEL, reference))


def name(ann: Annotations, index: int | None) -> str | None:
    return ann.entities[index].name if index is not None else None


def event_at(ann: Annotations, trigger: str, after: str) -> Event:
    """Return the event one of whose mentions is the first ``trigger`` after the text ``after``."""
    text = ann.article.text
    start = text.index(trigger, text.index(after))
    (event,) = [e for e in ann.events if any(t.start == start for t in e.triggers)]
    return event


def agents(ann: Annotations, event: Event) -> list[str | None]:
    return [name(ann, r.entity) for r in event.actors if r.role == "agent"]


def time_of(ann: Annotations, event: Event) -> str | None:
    return ann.times[event.time].value if event.time is not None else None


def test_seed_caption_flight_has_baghdadi_and_mosul(seed: Annotations) -> None:
    flee = event_at(seed, "fled", "Abubakr al-Baghdadi")
    assert flee.type == "Flee"
    assert agents(seed, flee) == ["Abu Bakr al-Baghdadi"]
    assert name(seed, flee.place) == "Mosul"


def test_seed_leader_who_fled_is_baghdadi_not_the_group(seed: Annotations) -> None:
    flee = event_at(seed, "fled", "notorious leader")
    assert flee.type == "Flee"
    assert agents(seed, flee) == ["Abu Bakr al-Baghdadi"]
    assert name(seed, flee.place) == "Mosul"
    trigger = next(t for t in flee.triggers if t.start > seed.article.text.index("notorious"))
    (resting,) = [c for c in flee.claims if trigger in c.evidence]
    assert resting.certainty == "PROBABLE"


def test_seed_offensive_on_mosul_takes_the_time_it_began(seed: Annotations) -> None:
    offensive = event_at(seed, "offensive", "A coalition")
    # the offensive and the battle for Mosul are one happening of the Conflict family
    assert offensive.type in {"MilitaryOffensive", "Battle"}
    assert name(seed, offensive.place) == "Mosul"
    assert time_of(seed, offensive) == "2016-10-17"


def test_seed_capture_of_iraqs_second_city_is_mosul(seed: Annotations) -> None:
    capture = event_at(seed, "captured", "Iraq's second city")
    assert capture.type == "Capture"
    assert agents(seed, capture) == ["Islamic State group"]
    patients = [name(seed, r.entity) for r in capture.actors if r.role == "patient"]
    assert "Iraq" not in patients
    assert name(seed, capture.place) == "Mosul"
    assert time_of(seed, capture) == "2014-06"


def test_seed_caliphate_declared_in_the_city_of_mosul(seed: Annotations) -> None:
    declared = event_at(seed, "declared", "the city of Mosul")
    assert declared.type == "Declaration"
    assert agents(seed, declared) == ["Abu Bakr al-Baghdadi"]
    assert name(seed, declared.place) == "Mosul"
    assert time_of(seed, declared) == "2014"


def test_seed_audio_statement_is_baghdadis_with_hedged_speaker(seed: Annotations) -> None:
    statement = event_at(seed, "statement", "an audio")
    assert statement.type == "Statement"
    assert agents(seed, statement) == ["Abu Bakr al-Baghdadi"]
    quote = next(q for q in seed.quotes if q.medium == "audio statement")
    assert name(seed, quote.speaker) == "Abu Bakr al-Baghdadi"
    assert quote.speaker_certainty == "POSSIBLE"


def test_seed_tweet_is_the_embassys_statement(seed: Annotations) -> None:
    tweet = event_at(seed, "tweet", "a tweet")
    assert tweet.type == "Statement"
    assert agents(seed, tweet) == ["British Embassy in Baghdad"]


def test_seed_terror_boss_is_baghdadi(seed: Annotations) -> None:
    text = seed.article.text
    start = text.index("the terror boss")
    quote = next(q for q in seed.quotes if q.source_mention and q.source_mention.start == start)
    assert name(seed, quote.speaker) == "Abu Bakr al-Baghdadi"
