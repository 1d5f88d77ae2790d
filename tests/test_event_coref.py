"""Event coreference through the whole pipeline: mentions of one happening become one event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import DEFAULT_MODEL, extract, load_pipeline
from kg.model import Annotations, Article, Event
from kg.reference import ReferenceIndex

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return load_pipeline(DEFAULT_MODEL, ReferenceIndex.load())


def events(pipeline: Language, text: str) -> tuple[Annotations, list[Event]]:
    ann = extract(Article("t", text), pipeline)
    return ann, ann.events


def words(ann: Annotations, event: Event) -> list[str]:
    return [t.text(ann.article.text) for t in event.triggers]


def agents(ann: Annotations, event: Event) -> list[str]:
    return [ann.entities[r.entity].name for r in event.actors if r.role == "agent"]


def test_a_verb_and_its_noun_are_one_happening(pipeline: Language) -> None:
    text = (
        "Abu Bakr al-Baghdadi fled Mosul on Sunday, officials said. "
        "His flight was confirmed by the British Embassy."
    )
    ann, found = events(pipeline, text)
    (flight,) = [e for e in found if e.type == "Flee"]
    assert words(ann, flight) == ["fled", "flight"]
    assert agents(ann, flight) == ["Abu Bakr al-Baghdadi"]
    # the confirmation is a happening of its own
    assert any(words(ann, e) == ["confirmed"] for e in found)


def test_each_way_a_happening_is_worded_is_kept_as_a_lemma(pipeline: Language) -> None:
    text = (
        "Abu Bakr al-Baghdadi fled Mosul on Sunday, officials said. "
        "His flight was confirmed by the British Embassy."
    )
    _, found = events(pipeline, text)
    (flight,) = [e for e in found if e.type == "Flee"]
    by_word = {span.text(text): lemma for span, lemma in flight.lemmas.items()}
    assert by_word == {"fled": "flee", "flight": "flight"}
    assert set(flight.lemmas) == set(flight.triggers)
    # a phrasal verb keeps its particle
    _, found = events(pipeline, "The boy ran away from home on Friday.")
    (run,) = [e for e in found if e.type == "Flee"]
    assert list(run.lemmas.values()) == ["run away"]


def test_an_event_keeps_the_amounts_its_predicate_gives(pipeline: Language) -> None:
    text = (
        "The Nasdaq index has risen by 2.53% to 2248.63. Apple first introduced iPhone 4 in 2010."
    )
    _, found = events(pipeline, text)
    by_word = {e.trigger.text(text): e.figures for e in found}
    assert by_word["risen"] == {"2.53", "2248.63"}
    # an ordinal, a year and a number in a name are no amounts
    assert by_word["introduced"] == frozenset()


def test_one_predicate_with_other_participants_is_two_happenings(pipeline: Language) -> None:
    text = (
        "Police arrested John Smith in Paris on Monday. "
        "On Tuesday police arrested Mary Jones in London."
    )
    ann, found = events(pipeline, text)
    arrests = [e for e in found if e.type == "Arrest"]
    assert [words(ann, e) for e in arrests] == [["arrested"], ["arrested"]]


def test_the_result_state_joins_the_happening_and_keeps_each_voice(pipeline: Language) -> None:
    text = "Reuters reported that Baghdadi fled Mosul. Most likely he is out of Mosul."
    ann, found = events(pipeline, text)
    (flight,) = [e for e in found if e.type == "Flee"]
    assert words(ann, flight) == ["fled", "is out"]
    voices = {
        (c.source is not None and ann.entities[c.source].name, c.certainty) for c in flight.claims
    }
    assert ("Reuters", "CERTAIN") in voices
    assert (False, "PROBABLE") in voices
    # each claim rests on the mention it was read from
    for claim in flight.claims:
        assert claim.evidence and all(span in flight.triggers for span in claim.evidence)


def test_a_shouted_participle_is_the_happening_not_its_auxiliary(pipeline: Language) -> None:
    text = "Abu Bakr al-Baghdadi has ESCAPED Mosul after the terror boss told his fighters to go."
    ann, found = events(pipeline, text)
    (escape,) = [e for e in found if "ESCAPED" in words(ann, e)]
    assert escape.type == "Flee"
    assert agents(ann, escape) == ["Abu Bakr al-Baghdadi"]
    assert all("has" not in words(ann, e) for e in found)


def test_the_object_of_an_order_is_the_agent_of_what_is_ordered(pipeline: Language) -> None:
    ann, found = events(pipeline, "President Obama ordered General Smith to withdraw from Kabul.")
    (withdraw,) = [e for e in found if words(ann, e) == ["withdraw"]]
    assert agents(ann, withdraw) == ["General Smith"]


def referent(ann: Annotations, word: str, after: str = "") -> str | None:
    """Return the name of the entity the first ``word`` after ``after`` denotes, if any."""
    text = ann.article.text
    start = text.index(word, text.index(after) if after else 0)
    found = [m for m in ann.mentions if m.span.start == start]
    return ann.entities[found[0].entity].name if found else None


def test_it_and_its_stand_for_the_organisation_of_their_sentence(pipeline: Language) -> None:
    text = (
        "General Motors said on Tuesday that its sales fell. "
        "It plans to close three plants in Michigan."
    )
    ann = extract(Article("t", text), pipeline)
    assert referent(ann, "its") == "General Motors"
    assert referent(ann, "It", "fell") == "General Motors"


def test_an_it_that_stands_for_nothing_denotes_nothing(pipeline: Language) -> None:
    text = "General Motors reported a loss. It is likely that the plant will close."
    ann = extract(Article("t", text), pipeline)
    assert referent(ann, "It") is None


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes(pipeline: Language) -> None:
    text = "The deal was approved by Boeing, which builds aircraft in Seattle."
    ann = extract(Article("t", text), pipeline)
    assert referent(ann, "which") == "Boeing"


def test_event_pronouns_are_mentions_of_the_happening_they_stand_for(pipeline: Language) -> None:
    text = (
        "Airbus has won an order from Qatar Airways for 60 jets. The order, which is believed "
        "to be worth $15 billion, was signed on Monday. Stock markets fell sharply today. "
        "This is due to fears of a recession."
    )
    ann, found = events(pipeline, text)
    (order,) = [e for e in found if "order" in words(ann, e)]
    assert "which" in words(ann, order)
    (fall,) = [e for e in found if "fell" in words(ann, e)]
    assert words(ann, fall) == ["fell", "This"]


def test_a_previous_order_is_another_order(pipeline: Language) -> None:
    text = (
        "Airbus has won an order from Qatar Airways for 60 jets. The order is worth $15 "
        "billion. Qatar has a previous order for two A380s."
    )
    ann, found = events(pipeline, text)
    orders = [words(ann, e) for e in found if any("order" in w for w in words(ann, e))]
    assert orders == [["order", "order"], ["order"]]


def test_a_definite_shell_noun_takes_up_the_leads_happening(pipeline: Language) -> None:
    text = (
        "Mark Papermaster, an Apple executive, is stepping down from his post. "
        "The move came after Apple received criticism last month."
    )
    ann, found = events(pipeline, text)
    (leaving,) = [e for e in found if "move" in words(ann, e)]
    assert words(ann, leaving)[0].startswith("stepping")
