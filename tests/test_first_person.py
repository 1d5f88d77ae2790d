"""First person inside a direct quote joins the speaker (no spaCy model needed)."""

from __future__ import annotations

from kg.extract.first_person import first_person_mentions, organisation_of, pronouns
from kg.extract.lexicon import Lexicon
from kg.extract.spans import Known
from kg.model import Entity, EntityType, Mention, Quote, Span
from tests.conftest import span_of

LEX = Lexicon.load()


def quoted(text: str) -> Span:
    """Return the content between the first pair of double quote marks."""
    start = text.index('"') + 1
    return Span(start, text.index('"', start))


def words(text: str, mentions: list[Mention]) -> list[tuple[str, int]]:
    return [(text[m.span.start : m.span.end], m.entity) for m in mentions if m.kind == "PRO"]


def known_of(text: str, *names: tuple[str, EntityType]) -> Known:
    """Entities named once each, in the order given."""
    entities = [Entity(etype, name) for name, etype in names]
    return Known(entities, [Mention(span_of(text, name), i) for i, (name, _) in enumerate(names)])


def test_i_joins_the_speaker_and_we_waits_for_an_organisation() -> None:
    text = '"I think we did our best, and my team knows it," Jonah Kessler said.'
    known = known_of(text, ("Jonah Kessler", "PERSON"))
    first_person_mentions(text, [Quote(quoted(text), direct=True, speaker=0)], known, LEX)
    assert words(text, known.mentions) == [("I", 0), ("my", 0)]


def test_we_joins_the_organisation_the_speaker_holds_a_post_in() -> None:
    for text in (
        '"We wish them well. I am sure," said Neil Aspinall, manager of Apple Corps.',
        '"We wish them well. I am sure," said Neil Aspinall, Apple Corps\'s chief.',
        '"We wish them well. I am sure," said Apple Corps chief executive Neil Aspinall.',
    ):
        known = known_of(text, ("Neil Aspinall", "PERSON"), ("Apple Corps", "ORG"))
        first_person_mentions(text, [Quote(quoted(text), direct=True, speaker=0)], known, LEX)
        assert words(text, known.mentions) == [("We", 1), ("I", 0)], text


def test_a_name_next_to_an_organisation_is_not_a_post_in_it() -> None:
    text = "Neil Aspinall, who sued Apple Inc. last year, spoke. Apple Inc. said Neil Aspinall."
    known = known_of(text, ("Neil Aspinall", "PERSON"), ("Apple Inc.", "ORG"))
    assert organisation_of(text, known, 0, LEX) is None


def test_an_organisation_or_an_unnamed_sources_affiliation_is_we() -> None:
    text = 'The club said: "We will not sell him." A source at the club said: "We, I, no."'
    known = known_of(text, ("The club", "ORG"))
    known.add_unnamed(span_of(text, "A source"), "A source at the club", affiliation=0)
    first = Quote(quoted(text), direct=True, speaker=0)
    second = Quote(span_of(text, "We, I, no."), direct=True, speaker=1)
    first_person_mentions(text, [first, second], known, LEX)
    assert words(text, known.mentions) == [("We", 0), ("We", 0), ("I", 1)]


def test_no_speaker_reported_speech_and_names_are_left_alone() -> None:
    text = '"I love the US," she said. He said I would go. "I am here."'
    known = known_of(text, ("US", "PLACE"))
    known.entities.append(Entity("PERSON", "Ann"))
    direct = Quote(quoted(text), direct=True, speaker=1)
    reported = Quote(span_of(text, "I would go"), direct=False, speaker=1)
    unattributed = Quote(span_of(text, "I am here."), direct=True)
    first_person_mentions(text, [direct, reported, unattributed], known, LEX)
    assert words(text, known.mentions) == [("I", 1)]


def test_a_span_gets_one_referent() -> None:
    text = '"My Chemical Romance is my band," Gerard Way said.'
    known = known_of(text, ("My Chemical Romance", "ORG"), ("Gerard Way", "PERSON"))
    first_person_mentions(text, [Quote(quoted(text), direct=True, speaker=1)], known, LEX)
    spans = [m.span for m in known.mentions]
    assert len(spans) == len(set(spans)) == 3
    band = span_of(text, "My Chemical Romance")
    assert [m.entity for m in known.mentions if m.span.overlaps(band)] == [0]


def test_pronouns_only_as_written() -> None:
    text = '"i-Phone sales to US buyers fell, and I said ‘I quit,’ he wrote, me too."'
    found = [text[s.start : s.end] for s, _ in pronouns(text, quoted(text), LEX)]
    assert found == ["I", "me"]
