"""A pronoun's own clause: its subject, and what binding forbids (hand-made parses, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.extract.pronoun_clause import local_subject

LEX = Lexicon.load()
VOCAB = spacy.blank("en").vocab
LEMMAS = {"forced": "force", "is": "be"}


def parsed(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A document from (word, part of speech, dependency, head index) rows."""
    words, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    return Doc(
        VOCAB,
        words=words,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=[LEMMAS.get(w, w.lower()) for w in words],
    )


def subject_of(doc: Doc, i: int) -> tuple[str | None, bool]:
    span, bound = local_subject(doc[i], LEX.object_control_verbs)
    return (doc.text[span.start : span.end] if span else None), bound


# "Brussels forced Apple to lower its prices"
FORCED = [
    ("Brussels", "PROPN", "nsubj", 1),
    ("forced", "VERB", "ROOT", 1),
    ("Apple", "PROPN", "dobj", 1),
    ("to", "PART", "aux", 4),
    ("lower", "VERB", "xcomp", 1),
    ("its", "PRON", "poss", 6),
    ("prices", "NOUN", "dobj", 4),
]


def test_an_object_control_verb_gives_its_object_as_the_subject() -> None:
    assert subject_of(parsed(FORCED), 5) == ("Apple", False)


def test_another_verb_gives_its_own_subject() -> None:
    rows = [(w, p, d, h) for w, p, d, h in FORCED]
    rows[1] = ("wanted", "VERB", "ROOT", 1)
    rows[2] = ("badly", "ADV", "advmod", 1)
    assert subject_of(parsed(rows), 5) == ("Brussels", False)


def test_an_object_pronoun_is_bound_to_be_other_than_the_subject() -> None:
    doc = parsed(
        [
            ("Daimler", "PROPN", "nsubj", 2),
            ("is", "AUX", "aux", 2),
            ("divesting", "VERB", "ROOT", 2),
            ("by", "ADP", "prep", 2),
            ("selling", "VERB", "pcomp", 3),
            ("it", "PRON", "dobj", 4),
        ]
    )
    assert subject_of(doc, 5) == ("Daimler", True)


def test_a_reflexive_and_a_subject_pronoun_are_not_bound() -> None:
    doc = parsed(
        [
            ("Daimler", "PROPN", "nsubj", 1),
            ("sold", "VERB", "ROOT", 1),
            ("itself", "PRON", "dobj", 1),
        ]
    )
    assert subject_of(doc, 2) == ("Daimler", False)
    doc = parsed([("It", "PRON", "nsubj", 1), ("sold", "VERB", "ROOT", 1)])
    assert subject_of(doc, 0) == (None, False)
