"""Event triggers: which words a modifier or a preposition keeps from being a trigger."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.event_triggers import Triggers
from kg.extract.lexicon import Lexicon

LEX = Lexicon.load()
TRIGGERS = Triggers(LEX)


def parsed(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """Build a parsed document from (word, lemma, pos, tag, head, dep) rows."""
    words, lemmas, pos, tags, heads, deps = (list(column) for column in zip(*rows, strict=True))
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        lemmas=lemmas,
        pos=pos,
        tags=tags,
        heads=heads,
        deps=deps,
    )


def found(doc: Doc) -> list[str]:
    triggers = [doc[i].text for i in TRIGGERS.find(doc)]
    assert triggers == [t.text for t in doc if TRIGGERS.is_trigger(t)]
    return triggers


def test_compound_before_a_thing_is_no_trigger() -> None:
    doc = parsed([
        ("The", "the", "DET", "DT", 2, "det"),
        ("insurance", "insurance", "NOUN", "NN", 2, "compound"),
        ("company", "company", "NOUN", "NN", 3, "nsubj"),
        ("collapsed", "collapse", "VERB", "VBD", 3, "ROOT"),
    ])  # fmt: skip
    assert found(doc) == ["collapsed"]


def test_compound_before_an_event_noun_stays_a_trigger() -> None:
    doc = parsed([
        ("It", "it", "PRON", "PRP", 1, "nsubj"),
        ("sought", "seek", "VERB", "VBD", 1, "ROOT"),
        ("bankruptcy", "bankruptcy", "NOUN", "NN", 3, "compound"),
        ("protection", "protection", "NOUN", "NN", 1, "dobj"),
    ])  # fmt: skip
    assert found(doc) == ["sought", "bankruptcy", "protection"]


def test_compound_before_a_plan_noun_stays_a_trigger() -> None:
    doc = parsed([
        ("a", "a", "DET", "DT", 2, "det"),
        ("reorganization", "reorganization", "NOUN", "NN", 2, "compound"),
        ("plan", "plan", "NOUN", "NN", 2, "ROOT"),
    ])  # fmt: skip
    assert "reorganization" in found(doc)


def test_compound_before_a_bare_plural_verb_stays_a_trigger() -> None:
    # a headline's "as battle rages": the tagger read the verb as a plural noun
    doc = parsed([
        ("as", "as", "ADP", "IN", 0, "ROOT"),
        ("battle", "battle", "NOUN", "NN", 2, "compound"),
        ("rages", "rage", "NOUN", "NNS", 0, "pobj"),
    ])  # fmt: skip
    assert found(doc) == ["battle"]
    with_article = parsed([
        ("the", "the", "DET", "DT", 2, "det"),
        ("battle", "battle", "NOUN", "NN", 2, "compound"),
        ("rages", "rage", "NOUN", "NNS", 2, "ROOT"),
    ])  # fmt: skip
    assert found(with_article) == []


def test_compound_joined_to_a_particle_by_a_hyphen_stays_a_trigger() -> None:
    doc = parsed([
        ("a", "a", "DET", "DT", 3, "det"),
        ("sell", "sell", "NOUN", "NN", 3, "compound"),
        ("-", "-", "PUNCT", "HYPH", 3, "punct"),
        ("off", "off", "NOUN", "NN", 3, "ROOT"),
    ])  # fmt: skip
    assert found(doc) == ["sell"]


def test_participle_before_a_noun_is_no_trigger() -> None:
    doc = parsed([
        ("the", "the", "DET", "DT", 2, "det"),
        ("televised", "televise", "VERB", "VBN", 2, "amod"),
        ("speech", "speech", "NOUN", "NN", 2, "ROOT"),
    ])  # fmt: skip
    assert "televised" not in found(doc)


def test_participle_as_preposition_is_no_trigger_unless_it_heads_a_phrase() -> None:
    including = parsed([
        ("Ten", "ten", "NUM", "CD", 1, "nummod"),
        ("firms", "firm", "NOUN", "NNS", 2, "nsubj"),
        ("failed", "fail", "VERB", "VBD", 2, "ROOT"),
        ("including", "include", "VERB", "VBG", 1, "prep"),
        ("banks", "bank", "NOUN", "NNS", 3, "pobj"),
    ])  # fmt: skip
    assert found(including) == ["failed"]
    compared = parsed([
        ("Prices", "price", "NOUN", "NNS", 1, "nsubj"),
        ("rose", "rise", "VERB", "VBD", 1, "ROOT"),
        ("compared", "compare", "VERB", "VBN", 1, "prep"),
        ("with", "with", "ADP", "IN", 2, "prep"),
        ("May", "May", "PROPN", "NNP", 3, "pobj"),
    ])  # fmt: skip
    assert found(compared) == ["rose", "compared"]


def test_noun_whose_first_senses_are_happenings_is_an_event_noun() -> None:
    # WordNet's first two senses of "search" and "recovery" are acts and events; those of
    # "market" (an act, then a building) and "table" are not both happenings
    lemmas = ["search", "recovery", "market", "table"]
    doc = Doc(spacy.blank("en").vocab, words=lemmas, lemmas=lemmas, pos=["NOUN"] * 4)
    assert [TRIGGERS.is_event_noun(t) for t in doc] == [True, True, False, False]


def test_object_of_a_verb_of_undergoing_is_a_trigger_when_wordnet_knows_it_as_a_happening() -> None:
    underwent = parsed([
        ("He", "he", "PRON", "PRP", 1, "nsubj"),
        ("underwent", "undergo", "VERB", "VBD", 1, "ROOT"),
        ("a", "a", "DET", "DT", 3, "det"),
        ("transplant", "transplant", "NOUN", "NN", 1, "dobj"),
    ])  # fmt: skip
    assert found(underwent) == ["underwent", "transplant"]
    planned = parsed([
        ("He", "he", "PRON", "PRP", 1, "nsubj"),
        ("planned", "plan", "VERB", "VBD", 1, "ROOT"),
        ("a", "a", "DET", "DT", 3, "det"),
        ("transplant", "transplant", "NOUN", "NN", 1, "dobj"),
    ])  # fmt: skip
    assert found(planned) == ["planned"]
