"""Reported speech and thought named by a noun: "his claim that …", "in her view, …" -> quotes.

A noun of statement or thought with a that-clause ("concern that the nominee would hurt the
party"), or the subject of "is that …" ("Clinton's view is that …"), reports that clause; its
owner is the source: a possessive, an "of", "by", "from" or "among" phrase, a name compounded
with it, or the subject of a verb that voices it ("made the claim that"). "In X's view, …" and
"in the opinion of X, …" report the rest of the sentence, as "according to X" does.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.extract.quote_sources import SOURCE_SKIP, Source, speaker
from kg.extract.spans import Known, subtree_tokens, tokens_span
from kg.model import Quote, Span

_OWNER_PREPOSITIONS = frozenset({"of", "by", "from", "among"})


def noun_quote(tok: Token, known: Known, lex: Lexicon) -> Quote | None:
    """Return the quote a noun of statement, thought or point of view introduces, if any."""
    if tok.pos_ != "NOUN":
        return None
    if tok.lemma_.lower() in lex.viewpoint_nouns and tok.dep_ == "pobj":
        found = _viewpoint(tok)
        if found is not None:
            return _quote(known, *found, lex)
    if tok.lemma_.lower() not in lex.attribution_nouns:
        return None
    content = _that_clause(tok)
    owner = _owner(tok, lex)
    if content is None or owner is None:
        return None
    return _quote(known, content, [tok], owner, lex)


def _quote(known: Known, content: Span, cue: list[Token], owner: Token, lex: Lexicon) -> Quote:
    src = Source(tokens_span(subtree_tokens(owner, (*SOURCE_SKIP, "acl", "prep", "case"))), owner)
    quote = Quote(content=content, direct=False, cue=tokens_span(cue), source_mention=src.span)
    quote.speaker = speaker(known, src, lex)
    return quote


def _that_clause(noun: Token) -> Span | None:
    """Return the that-clause a noun governs, or the one it is the subject of ("… is that …")."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i]
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i]
    for clause in clauses:
        if any(c.dep_ == "mark" and c.lower_ == "that" and c.i < clause.i for c in clause.children):
            toks = [t for t in subtree_tokens(clause) if not (t.dep_ == "mark" and t.i < clause.i)]
            return tokens_span(toks) if toks else None
    return None


def _owner(noun: Token, lex: Lexicon) -> Token | None:
    """Return who holds a claim or view: "his", "of economists", "Trump", "made" its subject."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _OWNER_PREPOSITIONS and child.i > noun.i:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in lex.voicing_verbs:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _viewpoint(noun: Token) -> tuple[Span, list[Token], Token] | None:
    """Return content, cue and owner of "In her view, …" or "in the opinion of the court, …"."""
    prep = noun.head
    if prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if owner is None and of is not None:
        owner = next((c for c in of.children if c.dep_ == "pobj"), None)
    if owner is None:
        return None
    phrase = {t.i for t in prep.subtree}
    sent = [t for t in noun.sent if not t.is_space and "\n" not in t.text]
    rest = [t for t in sent if t.i > max(phrase)] if min(phrase) <= sent[0].i else []
    rest = rest or [t for t in sent if t.i < min(phrase)]
    while rest and (rest[0].is_punct or rest[-1].is_punct):
        rest = rest[1:] if rest[0].is_punct else rest[:-1]
    if not rest:
        return None
    cue = [t for t in noun.doc[prep.i : noun.i + 1]]
    return tokens_span(rest), cue, owner
