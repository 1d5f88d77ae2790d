"""Appositions join a name: "Alan Mulally, the chief executive," (hand-made parses, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.candidates import Cand
from kg.extract.coref import Coreference, appositive_name
from kg.extract.lexicon import Lexicon
from kg.extract.sieve import resolve
from kg.model import EntityType, Span

LEX = Lexicon.load()
VOCAB = spacy.blank("en").vocab


def parsed(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A document from (word, part of speech, dependency, head index) rows."""
    words, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    tags = ["POS" if p == "PART" else "NN" if p == "NOUN" else "" for p in pos]
    # no space before a comma or a possessive, as written
    spaces = [nxt not in (",", "'s") for nxt in [*words[1:], ""]]
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, tags=tags)


def name(doc: Doc, start: int, end: int, etype: EntityType) -> Cand:
    span = doc[start:end]
    return Cand(Span(span.start_char, span.end_char), etype, "NAM", span.text, 0)


def nominals(doc: Doc, known: list[Cand]) -> list[tuple[str, str | None]]:
    """The nominal candidates, each with the name it is equated with."""
    cands = Coreference(LEX).nominal_cands(doc, [0] * len(doc), known)
    text = doc.text
    return [
        (
            text[c.span.start : c.span.end],
            c.antecedent and text[c.antecedent.start : c.antecedent.end],
        )
        for c in cands
    ]


MULALLY = [
    ("Alan", "PROPN", "compound", 1),
    ("Mulally", "PROPN", "nsubj", 7),
    (",", "PUNCT", "punct", 1),
    ("the", "DET", "det", 5),
    ("chief", "NOUN", "compound", 5),
    ("executive", "NOUN", "appos", 1),
    (",", "PUNCT", "punct", 1),
    ("said", "VERB", "ROOT", 7),
]


def test_an_office_in_apposition_to_a_person_joins_them() -> None:
    doc = parsed(MULALLY)
    person = name(doc, 0, 2, "PERSON")
    assert nominals(doc, [person]) == [
        ("the chief executive", "Alan Mulally"),
        ("Alan Mulally, the chief executive", "Alan Mulally"),
    ]
    cands = [person, *Coreference(LEX).nominal_cands(doc, [0] * len(doc), [person])]
    clusters = resolve(cands, LEX)
    assert clusters[0] == clusters[1] >= 0


def test_a_name_in_apposition_to_a_possessed_role() -> None:
    doc = parsed(
        [
            ("Ford", "PROPN", "poss", 2),
            ("'s", "PART", "case", 0),
            ("chief", "NOUN", "nsubj", 7),
            (",", "PUNCT", "punct", 2),
            ("Alan", "PROPN", "compound", 5),
            ("Mulally", "PROPN", "appos", 2),
            (",", "PUNCT", "punct", 2),
            ("said", "VERB", "ROOT", 7),
        ]
    )
    known = [name(doc, 0, 1, "ORG"), name(doc, 4, 6, "PERSON")]
    assert nominals(doc, known) == [
        ("chief", "Alan Mulally"),
        ("Ford's chief, Alan Mulally", "Alan Mulally"),
    ]


def test_an_office_with_no_article_leaves_its_organisation_out() -> None:
    doc = parsed(
        [
            ("Neil", "PROPN", "compound", 1),
            ("Aspinall", "PROPN", "nsubj", 8),
            (",", "PUNCT", "punct", 1),
            ("manager", "NOUN", "appos", 1),
            ("of", "ADP", "prep", 3),
            ("Apple", "PROPN", "compound", 6),
            ("Corps", "PROPN", "pobj", 4),
            (",", "PUNCT", "punct", 1),
            ("said", "VERB", "ROOT", 8),
        ]
    )
    known = [name(doc, 0, 2, "PERSON"), name(doc, 5, 7, "ORG")]
    assert nominals(doc, known) == [
        ("manager", "Neil Aspinall"),
        ("Neil Aspinall, manager of Apple Corps", "Neil Aspinall"),
    ]


def test_the_kind_must_fit_the_name() -> None:
    doc = parsed(MULALLY)
    organisation = name(doc, 0, 2, "ORG")
    assert appositive_name(doc[5], [organisation], LEX) is None
    assert nominals(doc, [organisation]) == []


def test_an_indefinite_apposition_joins_the_name_too() -> None:
    doc = parsed(
        [
            ("Julien", "PROPN", "compound", 1),
            ("Talavan", "PROPN", "nsubj", 6),
            (",", "PUNCT", "punct", 1),
            ("a", "DET", "det", 4),
            ("spokesman", "NOUN", "appos", 1),
            (",", "PUNCT", "punct", 1),
            ("said", "VERB", "ROOT", 6),
        ]
    )
    assert nominals(doc, [name(doc, 0, 2, "PERSON")]) == [
        ("a spokesman", "Julien Talavan"),
        ("Julien Talavan, a spokesman", "Julien Talavan"),
    ]


def test_an_office_in_capitals_is_in_apposition_too() -> None:
    doc = parsed(
        [
            ("Jim", "PROPN", "compound", 1),
            ("Press", "PROPN", "nsubj", 9),
            (",", "PUNCT", "punct", 1),
            ("the", "DET", "det", 5),
            ("Vice", "PROPN", "compound", 5),
            ("Chairman", "PROPN", "appos", 1),
            ("of", "ADP", "prep", 5),
            ("Chrysler", "PROPN", "pobj", 6),
            (",", "PUNCT", "punct", 1),
            ("said", "VERB", "ROOT", 9),
        ]
    )
    known = [name(doc, 0, 2, "PERSON"), name(doc, 7, 8, "ORG")]
    found = nominals(doc, known)
    assert ("Jim Press, the Vice Chairman of Chrysler", "Jim Press") in found
    assert all(named == "Jim Press" for _, named in found)


def test_any_singular_noun_in_apposition_describes_the_name() -> None:
    doc = parsed(
        [
            ("AirTanker", "PROPN", "nsubj", 5),
            (",", "PUNCT", "punct", 0),
            ("a", "DET", "det", 3),
            ("consortium", "NOUN", "appos", 0),
            (",", "PUNCT", "punct", 0),
            ("signed", "VERB", "ROOT", 5),
        ]
    )
    assert nominals(doc, [name(doc, 0, 1, "ORG")]) == [
        ("a consortium", "AirTanker"),
        ("AirTanker, a consortium", "AirTanker"),
    ]


def test_a_name_hung_far_from_a_noun_of_no_known_kind_is_not_its_apposition() -> None:
    doc = parsed(
        [
            ("The", "DET", "det", 1),
            ("dispute", "NOUN", "nsubj", 2),
            ("arose", "VERB", "ROOT", 2),
            ("between", "ADP", "prep", 2),
            ("them", "PRON", "pobj", 3),
            ("-", "PUNCT", "punct", 1),
            ("Apple", "PROPN", "appos", 1),
        ]
    )
    assert nominals(doc, [name(doc, 6, 7, "ORG")]) == []
