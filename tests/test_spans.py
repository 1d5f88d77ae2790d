"""Tests of spans and of choosing the mention a phrase refers to."""

from __future__ import annotations

from kg.extract.spans import mention_at
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
