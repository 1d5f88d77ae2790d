"""Tests of the words every match of a regex must contain (kg.extract.literal_gate)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.extract.lexicon import Lexicon
from kg.extract.literal_gate import Gate, fold
from kg.extract.time_patterns import compile_patterns

ARTICLES = Path(__file__).parent.parent / "data" / "articles"


def test_gate_requires_the_literal_words_of_a_pattern() -> None:
    gate = Gate.of(re.compile(r"\b\d+ years? ago\b"))
    assert gate.groups == (frozenset({" year"}), frozenset({" ago"}))
    assert gate.open(fold("It was 3 years ago."))
    assert not gate.open(fold("It was 3 years later."))


def test_gate_takes_one_word_of_each_alternative() -> None:
    gate = Gate.of(re.compile(r"\b(?:[Ll]ast|[Nn]ext) (?:week|month)\b"))
    assert gate.groups == (frozenset({"last week", "last month", "next week", "next month"}),)
    assert gate.open(fold("Next Month we vote"))
    assert not gate.open(fold("last year"))


def test_gate_is_open_for_patterns_of_no_literal_word() -> None:
    gate = Gate.of(re.compile(r"\b\d{4}\b"))
    assert gate.groups == ()
    assert gate.open(fold(""))


def test_gate_of_an_optional_word_does_not_require_it() -> None:
    gate = Gate.of(re.compile(r"\b(?:early )?spring\b"))
    assert gate.groups == (frozenset({"spring"}),)
    assert gate.open(fold("in spring"))


def test_fold_maps_what_ignorecase_matches_with_ascii_letters() -> None:
    pattern = re.compile(r"\bdays\b", re.IGNORECASE)
    for text in ("two daſs", "DAYS", "the İdays"):
        assert (pattern.search(text) is not None) <= Gate.of(pattern).open(fold(text))
    assert fold("ſİK") == "sik"


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in (ARTICLES / "demo.jsonl").open()]
    texts += [p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt")]
    return [
        *texts,
        "On Monday, 3 March 2014, the 5th of May and March 3-5; two years ago; Q1 2016.",
        "The following day, the same day last year, 10 p.m., in the morning, the 1990s.",
        "From 2009 to 2011 it rained; in '82; the past decade; this coming Friday night.",
    ]


@pytest.mark.parametrize("text", _texts())
def test_a_closed_gate_means_no_time_pattern_matches(text: str) -> None:
    patterns = compile_patterns(Lexicon.load())
    folded = fold(text)
    for pattern, _ in [*patterns.dated, *patterns.anchored, *patterns.spans]:
        if not Gate.of(pattern).open(folded):
            assert pattern.search(text) is None, pattern.pattern


def test_gates_close_most_time_patterns_on_a_text_without_times() -> None:
    patterns = compile_patterns(Lexicon.load())
    every = [*patterns.dated, *patterns.anchored, *patterns.spans]
    closed = [p for p, _ in every if not Gate.of(p).open(fold("The council met the mayor."))]
    assert len(closed) > len(every) / 2
