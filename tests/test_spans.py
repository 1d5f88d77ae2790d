"""Tests of spans and of choosing the mention a phrase refers to."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Token

from kg.extract.spans import (
    _rank,
    mention_at,
    phrase_span,
    subtree_tokens,
    token_span,
    tokens_span,
    trim,
)
from kg.model import Annotations, Article, Entity, Mention, Span

TEXT = "The Islamic State group's notorious leader fled."


def annotations(with_leader: bool) -> Annotations:
    ann = Annotations(Article(id="a", text=TEXT))
    ann.entities = [Entity("ORG", "Islamic State group"), Entity("PERSON", "Abu Bakr al-Baghdadi")]
    ann.mentions = [Mention(Span(4, 23), 0)]
    if with_leader:
        ann.mentions.append(Mention(Span(26, 42), 1, "NOM"))
    return ann


def test_mention_at_prefers_the_mention_over_the_head() -> None:
    found = mention_at(annotations(True), Span(0, 42), Span(36, 42))
    assert found is not None and found.entity == 1


def test_mention_at_strict_never_takes_a_possessor_for_the_head() -> None:
    ann = annotations(False)
    assert mention_at(ann, Span(0, 42), Span(36, 42), strict=True) is None
    loose = mention_at(ann, Span(0, 42), Span(36, 42))
    assert loose is not None and loose.entity == 0


def brute_force(ann: Annotations, span: Span, head: Span | None, strict: bool) -> Mention | None:
    """mention_at written as a scan over every mention, as the index must behave."""
    ms = ann.mentions

    def rank(m: Mention) -> tuple:
        return _rank(ann, m, head)

    if strict and head is not None:
        over = [m for m in ms if m.span.overlaps(head) and span.contains(m.span)]
        over = over or [m for m in ms if m.span.contains(head)]
        return min(over, key=rank) if over else None
    inside = [m for m in ms if span.contains(m.span)]
    around = inside or [m for m in ms if m.span.overlaps(span)]
    return min(around, key=rank) if around else None


def test_mention_at_sees_mentions_added_after_a_first_look() -> None:
    ann = annotations(False)
    assert mention_at(ann, Span(26, 42), None) is None
    ann.mentions.append(Mention(Span(26, 42), 1, "NOM"))
    found = mention_at(ann, Span(26, 42), None)
    assert found is not None and found.entity == 1


def test_mention_at_finds_what_a_scan_of_every_mention_finds() -> None:
    text = "x" * 400
    ann = Annotations(Article(id="b", text=text))
    ann.entities = [Entity("PERSON", "P"), Entity("ORG", "O")]
    # long and short mentions, nested and overlapping, in text order
    spans = [(0, 120), (5, 9), (30, 45), (40, 60), (100, 101), (150, 300), (160, 170), (299, 310)]
    ann.mentions = [Mention(Span(a, b), i % 2) for i, (a, b) in enumerate(spans)]
    probes = [(a, a + w) for a in range(0, 330, 7) for w in (1, 5, 30, 200)]
    for start, end in probes:
        span, head = Span(start, end), Span(max(start, end - 3), end)
        for strict in (False, True):
            assert mention_at(ann, span, head, strict) == brute_force(ann, span, head, strict)


def reference_subtree(tok: Token, skip: tuple[str, ...]) -> list[Token]:
    """subtree_tokens written with spaCy's own Token.children and Token.subtree."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ not in skip:
            keep.extend(child.subtree)
    return trim(sorted(keep, key=lambda t: t.i))


SKIPS = ((), ("relcl",), ("relcl", "prep"), ("punct",))


def test_subtree_tokens_and_phrase_span_read_as_spacy_does() -> None:
    # "the leader of the group , who fled , said ." with its edges of punctuation
    doc = Doc(
        spacy.blank("en").vocab,
        words=["the", "leader", "of", "the", "group", ",", "who", "fled", ",", "said", "."],
        pos=[
            "DET",
            "NOUN",
            "ADP",
            "DET",
            "NOUN",
            "PUNCT",
            "PRON",
            "VERB",
            "PUNCT",
            "VERB",
            "PUNCT",
        ],
        heads=[1, 9, 1, 4, 2, 1, 7, 1, 1, 9, 9],
        deps=[
            "det",
            "nsubj",
            "prep",
            "det",
            "pobj",
            "punct",
            "nsubj",
            "relcl",
            "punct",
            "ROOT",
            "punct",
        ],
    )
    for skip in SKIPS:
        for tok in doc:
            expected = reference_subtree(tok, skip)
            assert subtree_tokens(tok, skip) == expected, (tok.text, skip)
            span = tokens_span(expected) if expected else token_span(tok)
            assert phrase_span(tok, skip) == span, (tok.text, skip)
    assert phrase_span(doc[1], ("relcl",)).text(doc.text) == "the leader of the group"


def test_subtree_tokens_follow_crossing_arcs() -> None:
    # a parse that is not projective: "a hearing is set today on the case"
    doc = Doc(
        spacy.blank("en").vocab,
        words=["a", "hearing", "is", "set", "today", "on", "the", "case"],
        pos=["DET", "NOUN", "AUX", "VERB", "NOUN", "ADP", "DET", "NOUN"],
        heads=[1, 3, 3, 3, 3, 1, 7, 5],
        deps=["det", "nsubjpass", "auxpass", "ROOT", "npadvmod", "prep", "det", "pobj"],
    )
    for skip in SKIPS:
        for tok in doc:
            assert subtree_tokens(tok, skip) == reference_subtree(tok, skip), (tok.text, skip)
    assert [t.text for t in subtree_tokens(doc[1])] == ["a", "hearing", "on", "the", "case"]
