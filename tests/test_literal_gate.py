"""Tests of the words every match of a regex must contain (kg.extract.literal_gate)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.extract.lexicon import Lexicon
from kg.extract.literal_gate import Anchor, Gate, Scan, fold
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
def test_a_scan_finds_what_finditer_finds(text: str) -> None:
    patterns = compile_patterns(Lexicon.load())
    scan = Scan(text)
    for pattern, _ in [*patterns.dated, *patterns.anchored, *patterns.spans]:
        found = [m.span() for m in scan.finditer(pattern, Gate.of(pattern))]
        assert found == [m.span() for m in pattern.finditer(text)], pattern.pattern
        if not Gate.of(pattern).open(scan.folded):
            assert not found


def test_an_anchor_is_the_first_fixed_words_at_a_bounded_distance() -> None:
    gate = Gate.of(re.compile(r"\b(?P<d>[0-3]?\d)(?:st|th)? (?P<m>May|June)\b"))
    assert gate.anchor == Anchor(frozenset({"may", "june"}), 2, 5)
    assert Gate.of(re.compile(r"\b\d+ (?:May|June)\b")).anchor is None  # unbounded before


def test_an_anchored_scan_finds_overlapping_candidates_in_text_order() -> None:
    pattern = re.compile(r"\b\d\d? (?:May|June)(?: \d\d? (?:May|June))?")
    text = "On 3 May 4 June, then 12 June; 5May; 7 may; 8 June"
    gate = Gate.of(pattern)
    assert gate.anchor is not None
    assert [m.group() for m in Scan(text).finditer(pattern, gate)] == [
        "3 May 4 June",
        "12 June",
        "8 June",
    ]


def test_gates_close_most_time_patterns_on_a_text_without_times() -> None:
    patterns = compile_patterns(Lexicon.load())
    every = [*patterns.dated, *patterns.anchored, *patterns.spans]
    closed = [p for p, _ in every if not Gate.of(p).open(fold("The council met the mayor."))]
    assert len(closed) > len(every) / 2


def test_without_the_regex_parser_every_gate_is_open(monkeypatch) -> None:
    import importlib
    import sys

    real = importlib.import_module

    def without_parser(name: str, *args, **kwargs):
        if name == "re._parser":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", without_parser)
    monkeypatch.delitem(sys.modules, "kg.extract.literal_gate")
    gate_module = real("kg.extract.literal_gate")
    pattern = re.compile(r"\b(\d+) years ago\b")
    assert gate_module.Gate.of(pattern) == gate_module.Gate()
    assert gate_module.Gate.of(pattern).open("nothing of the kind")
