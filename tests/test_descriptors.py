"""Descriptions the syntax equates with a name (hand-made parses, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.candidates import Cand
from kg.extract.descriptors import descriptor_cands
from kg.extract.lexicon import Lexicon
from kg.extract.sieve import resolve
from kg.model import EntityType, Span

LEX = Lexicon.load()
VOCAB = spacy.blank("en").vocab
TAGS = {"NOUN": "NN", "PROPN": "NNP", "PART": "POS"}


def parsed(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A document from (word, part of speech, dependency, head index) rows."""
    words, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    tags = [TAGS.get(p, "") for p in pos]
    lemmas = ["be" if w in ("is", "was") else w.lower() for w in words]
    spaces = [nxt not in (",", "'s", ".") for nxt in [*words[1:], ""]]
    return Doc(
        VOCAB, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, tags=tags, lemmas=lemmas
    )


def name(doc: Doc, start: int, end: int, etype: EntityType) -> Cand:
    span = doc[start:end]
    return Cand(Span(span.start_char, span.end_char), etype, "NAM", span.text, 0)


def described(doc: Doc, known: list[Cand]) -> list[tuple[str, str]]:
    """The descriptions found, each with the name it is equated with."""
    text = doc.text
    cands = descriptor_cands(doc, [0] * len(doc), known, LEX)
    return [(c.span.text(text), c.antecedent.text(text)) for c in cands if c.antecedent]


CHRYSLER = [
    ("The", "DET", "det", 3),
    ("U.S.", "PROPN", "compound", 2),
    ("automaker", "NOUN", "compound", 3),
    ("Chrysler", "PROPN", "nsubj", 4),
    ("filed", "VERB", "ROOT", 4),
]


def test_a_description_before_a_name_and_the_whole_phrase_join_it() -> None:
    doc = parsed(CHRYSLER)
    chrysler = name(doc, 3, 4, "ORG")
    assert described(doc, [name(doc, 1, 2, "PLACE"), chrysler]) == [
        ("The U.S. automaker", "Chrysler"),
        ("The U.S. automaker Chrysler", "Chrysler"),
    ]
    cands = [chrysler, *descriptor_cands(doc, [0] * len(doc), [chrysler], LEX)]
    clusters = resolve(cands, LEX)
    assert clusters[0] == clusters[1] == clusters[2] >= 0


def test_a_description_the_parser_reads_as_a_relative_clause_still_joins() -> None:
    # "The auto company Chrysler filed": the name taken for the subject of a relative clause
    doc = parsed(
        [
            ("The", "DET", "det", 2),
            ("auto", "NOUN", "compound", 2),
            ("company", "NOUN", "ROOT", 2),
            ("Chrysler", "PROPN", "nsubj", 4),
            ("filed", "VERB", "relcl", 2),
        ]
    )
    assert described(doc, [name(doc, 3, 4, "ORG")])[0] == ("The auto company", "Chrysler")


def test_a_possessed_role_before_a_person_describes_them() -> None:
    doc = parsed(
        [
            ("the", "DET", "det", 1),
            ("company", "NOUN", "poss", 4),
            ("'s", "PART", "case", 1),
            ("vice", "NOUN", "compound", 4),
            ("president", "NOUN", "compound", 6),
            ("John", "PROPN", "compound", 6),
            ("Smith", "PROPN", "nsubj", 7),
            ("said", "VERB", "ROOT", 7),
        ]
    )
    assert described(doc, [name(doc, 5, 7, "PERSON")]) == [
        ("the company's vice president", "John Smith"),
        ("the company's vice president John Smith", "John Smith"),
    ]


def test_a_description_must_fit_the_kind_of_name() -> None:
    doc = parsed(CHRYSLER)
    assert described(doc, [name(doc, 3, 4, "PERSON")]) == []


def test_a_title_alone_is_part_of_the_name() -> None:
    doc = parsed(
        [
            ("Senator", "PROPN", "compound", 1),
            ("McCain", "PROPN", "nsubj", 2),
            ("spoke", "VERB", "ROOT", 2),
        ]
    )
    assert described(doc, [name(doc, 1, 2, "PERSON")]) == []


def test_a_noun_of_another_phrase_does_not_describe_the_name() -> None:
    doc = parsed(
        [
            ("They", "PRON", "nsubj", 1),
            ("told", "VERB", "ROOT", 1),
            ("reporter", "NOUN", "dative", 1),
            ("Chrysler", "PROPN", "dobj", 1),
        ]
    )
    assert described(doc, [name(doc, 3, 4, "ORG")]) == []


MCCAIN = [
    ("McCain", "PROPN", "nsubj", 1),
    ("is", "AUX", "ROOT", 1),
    ("the", "DET", "det", 5),
    ("most", "ADV", "advmod", 4),
    ("vocal", "ADJ", "amod", 5),
    ("critic", "NOUN", "attr", 1),
    ("of", "ADP", "prep", 5),
    ("the", "DET", "det", 8),
    ("deal", "NOUN", "pobj", 6),
]


def test_a_predicate_nominal_of_a_name_joins_it() -> None:
    doc = parsed(MCCAIN)
    assert described(doc, [name(doc, 0, 1, "PERSON")]) == [("the most vocal critic", "McCain")]


def test_a_negated_copula_says_what_the_name_is_not() -> None:
    rows = [
        *MCCAIN[:2],
        ("not", "PART", "neg", 1),
        *((w, p, d, h + 1) for w, p, d, h in MCCAIN[2:]),
    ]
    doc = parsed(rows)
    assert described(doc, [name(doc, 0, 1, "PERSON")]) == []


def test_a_predicate_of_another_kind_is_not_the_name() -> None:
    doc = parsed(
        [
            ("Apple", "PROPN", "nsubj", 1),
            ("is", "AUX", "ROOT", 1),
            ("the", "DET", "det", 3),
            ("spokesman", "NOUN", "attr", 1),
        ]
    )
    assert described(doc, [name(doc, 0, 1, "ORG")]) == []


def test_an_indefinite_predicate_of_no_known_kind_classes_the_name() -> None:
    doc = parsed(
        [
            ("iTunes", "PROPN", "nsubj", 1),
            ("was", "AUX", "ROOT", 1),
            ("a", "DET", "det", 3),
            ("breach", "NOUN", "attr", 1),
        ]
    )
    assert described(doc, [name(doc, 0, 1, "ORG")]) == []
    doc = parsed(
        [
            ("Apple", "PROPN", "nsubj", 1),
            ("is", "AUX", "ROOT", 1),
            ("the", "DET", "det", 3),
            ("producer", "NOUN", "attr", 1),
        ]
    )
    assert described(doc, [name(doc, 0, 1, "ORG")]) == [("the producer", "Apple")]
