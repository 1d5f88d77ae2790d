"""The figures an event predicate gives, which set two mentions of one predicate apart
(hand-made parses, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.event_coref import figures

VOCAB = spacy.blank("en").vocab
SCALE = frozenset({"million", "billion"})


def parsed(rows: list[tuple[str, str, int]]) -> Doc:
    """A document from (word, dependency, head index) rows."""
    words, deps, heads = (list(col) for col in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, deps=deps, heads=heads)


def test_a_figure_after_down_or_between_is_the_predicates() -> None:
    # "The Nasdaq also fell today, down 2.95% (54.97 points)."
    fell = parsed([
        ("The", "det", 1), ("Nasdaq", "nsubj", 3), ("also", "advmod", 3), ("fell", "ROOT", 3),
        ("today", "npadvmod", 3), (",", "punct", 3), ("down", "advmod", 3),
        ("2.95", "nummod", 8), ("%", "npadvmod", 6), ("(", "punct", 8),
        ("54.97", "nummod", 11), ("points", "appos", 8), (")", "punct", 8),
    ])  # fmt: skip
    assert figures(fell[3], SCALE) == {"2.95", "54.97"}
    # "It carries between 305 and 550 passengers."
    carries = parsed([
        ("It", "nsubj", 1), ("carries", "ROOT", 1), ("between", "prep", 1),
        ("305", "nummod", 6), ("and", "cc", 3), ("550", "conj", 3), ("passengers", "pobj", 2),
    ])  # fmt: skip
    assert figures(carries[1], SCALE) == {"305", "550"}


def test_a_scale_word_is_no_figure_of_its_own() -> None:
    # "Chrysler will receive 1 billion dollars."
    receive = parsed([
        ("Chrysler", "nsubj", 2), ("will", "aux", 2), ("receive", "ROOT", 2),
        ("1", "compound", 4), ("billion", "nummod", 5), ("dollars", "dobj", 2),
    ])  # fmt: skip
    assert figures(receive[2], SCALE) == {"1"}
    assert "billion" in figures(receive[2])


def test_a_clause_of_its_own_gives_the_predicate_no_figure() -> None:
    # "It fell, closing at 1,442."
    fell = parsed([
        ("It", "nsubj", 1), ("fell", "ROOT", 1), (",", "punct", 1), ("closing", "advcl", 1),
        ("at", "prep", 3), ("1,442", "pobj", 4),
    ])  # fmt: skip
    assert figures(fell[1], SCALE) == frozenset()
    assert figures(fell[3], SCALE) == {"1,442"}
