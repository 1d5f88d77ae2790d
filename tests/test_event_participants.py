"""The agents an event noun takes from the verb it completes (hand-made parses, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Token

from kg.extract.event_participants import completed_verb, with_verb_agents
from kg.model import Event, Role, Span

VOCAB = spacy.blank("en").vocab


def parsed(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A document from (word, part of speech, dependency, head index) rows."""
    words, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, pos=pos, deps=deps, heads=heads)


# "Chrysler filed for bankruptcy after the crisis."
FILED = parsed([
    ("Chrysler", "PROPN", "nsubj", 1), ("filed", "VERB", "ROOT", 1), ("for", "ADP", "prep", 1),
    ("bankruptcy", "NOUN", "pobj", 2), ("after", "ADP", "prep", 1), ("the", "DET", "det", 6),
    ("crisis", "NOUN", "pobj", 4),
])  # fmt: skip


def event(doc: Doc, i: int, actors: list[Role] | None = None) -> Event:
    tok = doc[i]
    return Event(Span(tok.idx, tok.idx + len(tok)), "Other", actors=actors or [])


def head(doc: Doc, span: Span) -> Token | None:
    found = doc.char_span(span.start, span.end)
    return found[0] if found is not None else None


def test_the_noun_after_for_completes_the_verb_and_one_after_after_does_not() -> None:
    assert completed_verb(FILED[3]) == FILED[1]
    assert completed_verb(FILED[6]) is None  # a time: who filed after a crisis did not make it
    assert completed_verb(FILED[1]) is None  # not a noun


def test_an_event_noun_takes_the_named_agent_of_the_verb_it_completes() -> None:
    events = [event(FILED, 1, [Role(0, "agent")]), event(FILED, 3), event(FILED, 6)]
    filed, bankruptcy, crisis = with_verb_agents(FILED, events, head)
    assert bankruptcy.actors == [Role(0, "agent")]
    assert crisis.actors == [] and filed.actors == [Role(0, "agent")]


def test_a_pronoun_agent_or_an_agent_of_its_own_is_not_replaced() -> None:
    by_pronoun = [event(FILED, 1, [Role(0, "agent", pronoun=True)]), event(FILED, 3)]
    assert with_verb_agents(FILED, by_pronoun, head)[1].actors == []
    own = [event(FILED, 1, [Role(0, "agent")]), event(FILED, 3, [Role(1, "agent")])]
    assert with_verb_agents(FILED, own, head)[1].actors == [Role(1, "agent")]
