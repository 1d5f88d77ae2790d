"""The tense of a clause, from the parse: past, future, or unknown (``None``).

A weekday, a day without a year or a month alone is placed by it: the most recent one in
past tense, the next one in future tense.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon

Tense = Literal["past", "future"] | None


def tense_at(doc: Doc, char: int, lex: Lexicon) -> Tense:
    """Return the tense of the clause a character belongs to, when the parse tells it."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    verb = _governing_verb(span[0])
    tense = _verb_tense(verb, lex) if verb is not None else None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return "future" if before in lex.until_words and tense != "past" else tense


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above a token in the parse."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token, lex: Lexicon) -> Tense:
    """Tell past or future from a verb, its auxiliaries and what governs an infinitive."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in lex.future_auxiliaries for a in aux):
        return "future"
    if any(a.lower_ == "to" for a in aux) and verb.head.lemma_ in lex.future_heads:
        return "future"
    if verb.lemma_ in lex.future_verbs:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    # the present perfect ("has continued ... until Friday") does not place a date
    return None
