"""Tests of kg.extract.name_typing helpers that need no model."""

from __future__ import annotations

import re

import pytest

from kg.extract.name_typing import last_word, occurrences


def test_occurrences_finds_whole_words_only() -> None:
    text = "McCain met McCainites; McCain-Feingold passed. McCain_x, 2McCain, McCain."
    assert list(occurrences(text, "McCain")) == [(0, 6), (66, 72)]


def test_occurrences_accepts_non_ascii_edges() -> None:
    text = "«Baghdadi» and éBaghdadi and Baghdadi’s"
    assert list(occurrences(text, "Baghdadi")) == [(1, 9), (29, 37)]


def test_occurrences_does_not_overlap() -> None:
    assert list(occurrences("Abab Abab Abab", "Abab Abab")) == [(0, 9)]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Sen. John McCain said John McCain-like views; John McCain.", "John McCain"),
        ("I.B.M. and I.B.M.s and (I.B.M.)", "I.B.M."),
        ("a-Qaeda Qaeda Qaeda- Qaeda_ Qaeda", "Qaeda"),
        ("Aa Aaa Aa Aa Aa", "Aa Aa"),
        ("Ωmega Ωmega1 ωΩmega Ωmega", "Ωmega"),
    ],
)
def test_occurrences_agree_with_the_word_boundary_regex(text: str, name: str) -> None:
    pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
    assert list(occurrences(text, name)) == [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(
    "text",
    ["the magazine ", "by Sen. ", "U.S. '", "...", "’.", "", " , ", "x" * 150 + " the ", "a1_b!? "],
)
def test_last_word_agrees_with_the_regex_it_replaces(text: str) -> None:
    m = re.search(r"([\w.]+)\W*$", text)
    assert last_word(text) == (m.group(1) if m else "")


def test_last_word_keeps_the_dots_of_an_abbreviation() -> None:
    assert last_word("said Gen. ") == "Gen."
