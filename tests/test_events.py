"""Events: triggers, types, participants, places, times and claims."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.event_triggers import Triggers
from kg.extract.events import EventFinder, _times_by_trigger, of_complements
from kg.extract.lexicon import Lexicon
from kg.extract.quotes import QuoteFinder
from kg.model import Annotations, Article, Entity, Event, Mention, Span, TimeExpression
from tests.conftest import put_on_doc, take_from_doc

LEX = Lexicon.load()

_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE"}


def names(doc: Doc, text: str) -> Annotations:
    """Annotate the model's named entities and dates."""
    ann = Annotations(Article("t", text))
    for ent in doc.ents:
        span = Span(ent.start_char, ent.end_char)
        if ent.label_ == "DATE":
            ann.times.append(TimeExpression(span, "2016-11-03", "date"))
        elif ent.label_ in _TYPES:
            ann.entities.append(Entity(_TYPES[ent.label_], ent.text))  # type: ignore[arg-type]
            ann.mentions.append(Mention(span, len(ann.entities) - 1))
    return ann


def run(nlp: Language, text: str) -> tuple[Annotations, dict[str, Event]]:
    doc = nlp(text)
    ann = names(doc, text)
    take_from_doc(EventFinder(LEX)(QuoteFinder(LEX)(put_on_doc(doc, ann))), ann)
    return ann, {e.trigger.text(text): e for e in ann.events}


def entity(ann: Annotations, index: int | None) -> str | None:
    return ann.entities[index].name if index is not None else None


@pytest.mark.model
def test_find_flee_has_agent_place_and_type(nlp: Language) -> None:
    ann, found = run(nlp, "Abu Bakr al-Baghdadi fled Mosul after the offensive began.")
    flee = found["fled"]
    assert flee.type == "Flee"
    assert entity(ann, flee.place) == "Mosul"
    assert [entity(ann, r.entity) for r in flee.actors if r.role == "agent"] == [
        "Abu Bakr al-Baghdadi"
    ]


@pytest.mark.model
def test_find_reportedly_fled_is_probable_for_the_article(nlp: Language) -> None:
    _, found = run(nlp, "The group's leader has reportedly fled Mosul.")
    (claim,) = found["fled"].claims
    assert claim.source is None
    assert claim.certainty == "PROBABLE"


@pytest.mark.model
def test_find_phrasal_trigger_and_type(nlp: Language) -> None:
    _, found = run(nlp, "Rumours persist that the group's leader has run away from the battle.")
    assert found["run away"].type == "Flee"
    assert found["run away"].claims[0].certainty == "POSSIBLE"
    assert found["battle"].type == "Battle"


@pytest.mark.model
def test_find_event_in_quote_is_claimed_by_speaker(nlp: Language) -> None:
    text = "Some sources said that Baghdadi fled Mosul."
    ann, found = run(nlp, text)
    (claim,) = found["fled"].claims
    assert claim.source is not None
    assert claim.source == ann.quotes[0].speaker
    assert found["said"].claims[0].source is None


@pytest.mark.model
def test_find_time_attaches_to_its_clause(nlp: Language) -> None:
    ann, found = run(nlp, "The city was captured by the group in June 2014.")
    capture = found["captured"]
    assert capture.type == "Capture"
    assert capture.time is not None
    assert ann.times[capture.time].span.text(ann.article.text) == "June 2014"


def test_of_complements_are_what_an_event_noun_happens_to() -> None:
    words = ["the", "bankruptcy", "of", "Chrysler", "in", "May"]
    heads = [1, 1, 1, 2, 1, 4]
    deps = ["det", "ROOT", "prep", "pobj", "prep", "pobj"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in of_complements(doc[1])] == ["Chrysler"]
    # a verb's "of" is no complement of its event ("spoke of Chrysler")
    doc = Doc(doc.vocab, words=words, heads=heads, deps=deps, pos=["DET", "VERB", *pos[2:]])
    assert of_complements(doc[1]) == []
    # one "of" before the noun is none of its complements ("most of the bankruptcy")
    words = ["most", "of", "the", "bankruptcy"]
    doc = Doc(
        doc.vocab,
        words=words,
        heads=[0, 0, 3, 1],
        deps=["ROOT", "prep", "det", "pobj"],
        pos=["ADJ", "ADP", "DET", "NOUN"],
    )
    assert of_complements(doc[3]) == []


def test_times_by_trigger_leaves_out_amounts_and_references() -> None:
    words = ["He", "ruled", "for", "two", "years", "until", "2010"]
    heads = [1, 1, 1, 4, 2, 1, 5]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=["dep"] * 7)
    text = doc.text
    times = [
        TimeExpression(Span(text.index("two"), text.index(" until")), "P2Y", "duration"),
        TimeExpression(Span(text.index("2010"), len(text)), "2010", "gYear"),
    ]
    assert _times_by_trigger(doc, times, {1}) == {1: 1}
    times[1] = TimeExpression(times[1].span, "PAST_REF", "reference")
    assert _times_by_trigger(doc, times, {1}) == {}


@pytest.mark.model
def test_find_negated_event_has_negative_polarity(nlp: Language) -> None:
    _, found = run(nlp, "The fighters did not retreat.")
    assert found["retreat"].claims[0].polarity == "NEGATIVE"


@pytest.mark.model
def test_find_skips_auxiliaries_and_names(nlp: Language) -> None:
    _, found = run(nlp, "Iraqi forces have entered the city of Mosul.")
    assert "have" not in found
    assert "Mosul" not in found
    assert found["entered"].type == "MilitaryOffensive"


def test_is_event_noun_uses_lexicon_and_suffixes() -> None:
    vocab = spacy.blank("en").vocab
    doc = Doc(
        vocab,
        words=["offensive", "reorganization", "nation", "table"],
        lemmas=["offensive", "reorganization", "nation", "table"],
        pos=["NOUN"] * 4,
    )
    assert [Triggers(LEX).is_event_noun(t) for t in doc] == [True, True, False, False]


def test_find_reads_the_same_triggers_as_is_trigger_token_by_token() -> None:
    # every branch of the rule: a shouted participle and its auxiliary, a copula and an
    # auxiliary "be", a name, a predicative adjective, an event noun, an adverb governing a
    # subject, a verb lemma listed as no event
    words = ["Police", "say", "he", "has", "ESCAPED", ".", "It", "was", "calm", "and", "forces"]
    words += ["close", "in", ",", "the", "offensive", "was", "launched", "by", "Mosul", "."]
    heads = [1, 1, 4, 4, 1, 1, 7, 7, 7, 7, 11, 7, 11, 7, 15, 17, 17, 7, 17, 18, 7]
    deps = ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct", "nsubj", "ROOT", "acomp", "cc"]
    deps += ["nsubj", "conj", "prt", "punct", "det", "nsubjpass", "auxpass", "conj", "agent"]
    deps += ["pobj", "punct"]
    pos = ["NOUN", "VERB", "PRON", "AUX", "PROPN", "PUNCT", "PRON", "AUX", "ADJ", "CCONJ"]
    pos += ["NOUN", "ADV", "ADP", "PUNCT", "DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    lemmas = ["police", "say", "he", "have", "ESCAPED", ".", "it", "be", "calm", "and", "force"]
    lemmas += ["close", "in", ",", "the", "offensive", "be", "launch", "by", "Mosul", "."]
    ents = ["O"] * 19 + ["B-GPE", "O"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
    )
    triggers = Triggers(LEX)
    expected = [t.i for t in doc if triggers.is_trigger(t)]
    assert triggers.find(doc) == expected
    assert [doc[i].text for i in expected] == [
        "say", "ESCAPED", "was", "calm", "close", "offensive", "launched",
    ]  # fmt: skip
    assert triggers.find(Doc(doc.vocab, words=[])) == []


@pytest.mark.model
def test_find_event_noun_takes_the_time_of_its_aspectual_verb(nlp: Language) -> None:
    ann, found = run(nlp, "A coalition offensive on Mosul began on 17 October.")
    offensive = found["offensive"]
    assert offensive.time is not None
    assert ann.times[offensive.time].span.text(ann.article.text) == "17 October"
    assert entity(ann, offensive.place) == "Mosul"


@pytest.mark.model
def test_find_statement_noun_takes_the_agent_of_sent_by(nlp: Language) -> None:
    ann, found = run(nlp, "A tweet sent by the United Nations warned of famine.")
    agents = [entity(ann, r.entity) for r in found["tweet"].actors if r.role == "agent"]
    assert agents == ["the United Nations"]


@pytest.mark.model
def test_find_possessed_role_is_not_its_possessor(nlp: Language) -> None:
    ann, found = run(nlp, "Germany's leader visited Paris.")
    assert all(entity(ann, r.entity) != "Germany" for r in found["visited"].actors)


@pytest.mark.model
def test_an_event_a_speaker_denies_is_claimed_negative_by_that_speaker(nlp: Language) -> None:
    ann, found = run(nlp, "Sanne Dekovic denied that the club had accepted any bid.")
    (claim,) = found["accepted"].claims
    assert claim.source is not None and claim.source == ann.quotes[0].speaker
    assert (claim.certainty, claim.polarity) == ("CERTAIN", "NEGATIVE")
