"""Participants an event noun takes from the verb it completes ("Chrysler filed for bankruptcy").

An event noun after a preposition of source, goal or purpose under an event verb names what
the verb's subject goes into, comes out of or seeks: in "Chrysler filed for bankruptcy",
"GM emerged from bankruptcy", "the bank went into administration", the subject is a
participant of the noun's happening too, which a later "the bankruptcy of Chrysler" names.
Prepositions of time or place ("after the attack", "in the crash") set no such link: who
fled after an attack did not make it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.model import Event, Role, Span

# the prepositions of goal, source and purpose that take a state or process as their object
_COMPLETING = frozenset({"for", "from", "into"})


def with_verb_agents(
    doc: Doc, events: list[Event], head: Callable[[Doc, Span], Token | None]
) -> list[Event]:
    """Return ``events`` with each event noun that has no agent given the named agents of the
    event verb it completes (`completed_verb`); ``head`` finds a trigger's head token."""
    heads = [head(doc, e.trigger) for e in events]
    at = {tok.i: n for n, tok in enumerate(heads) if tok is not None}
    found = []
    for event, tok in zip(events, heads, strict=True):
        verb = completed_verb(tok) if tok is not None else None
        if verb is None or verb.i not in at or _agents(event):
            found.append(event)
            continue
        given = [r for r in _agents(events[at[verb.i]]) if not r.pronoun]
        found.append(replace(event, actors=[*event.actors, *given]) if given else event)
    return found


def completed_verb(noun: Token) -> Token | None:
    """Return the verb an event noun completes through a preposition of goal, source or
    purpose ("filed for bankruptcy", "emerged from bankruptcy"), else None."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.dep_ != "prep" or prep.lower_ not in _COMPLETING:
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" and verb.i != prep.i else None


def _agents(event: Event) -> list[Role]:
    return [r for r in event.actors if r.role == "agent"]
