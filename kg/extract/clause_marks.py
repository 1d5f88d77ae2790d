"""What the parse says of one clause, for factuality: its mood, tense and scope, and the
record of the hedges and negation found while the assessment walks up the parse
(``kg.extract.factuality``).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from kg.extract.spans import token_span
from kg.extract.token_table import token_table
from kg.model import Certainty, Polarity, Span

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")

RANK: dict[Certainty, int] = {"UNDERSPECIFIED": 0, "POSSIBLE": 1, "PROBABLE": 2, "CERTAIN": 3}


class Assessment(NamedTuple):
    """How sure a source is of a predicate, and the words that say so."""

    certainty: Certainty
    polarity: Polarity
    hedges: list[Span]


class Found:
    """Collects hedges and negation while walking up the parse."""

    def __init__(self) -> None:
        self.certainty: Certainty = "CERTAIN"
        self.negative = False
        self.open = False  # neither affirmed nor denied: conditions, questions, wishes
        self.hedges: list[Span] = []

    def hedge(self, level: Certainty, span: Span) -> None:
        if RANK[level] < RANK[self.certainty]:
            self.certainty = level
        if span not in self.hedges:
            self.hedges.append(span)

    def leave_open(self, span: Span) -> None:
        """Record a context that says neither how sure nor whether: certainty and polarity U."""
        self.hedge("UNDERSPECIFIED", span)
        self.open = True

    def suppose(self, level: Certainty, span: Span) -> None:
        """Record a hypothetical: as sure as ``level`` says, neither affirmed nor denied."""
        self.hedge(level, span)
        self.open = True

    def result(self) -> Assessment:
        polarity: Polarity = "NEGATIVE" if self.negative else "POSITIVE"
        if self.open:
            polarity = "UNDERSPECIFIED"
        return Assessment(self.certainty, polarity, sorted(self.hedges))


def feared_noun(clause: Token) -> Token | None:
    """Return the noun a "whether" clause is the content of ("fears over whether …")."""
    head = clause.head
    if clause.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif clause.dep_ not in ("acl", "ccomp"):
        return None
    return head if head.pos_ in ("NOUN", "PROPN") and head.i != clause.i else None


def mark_mood(node: Token, found: Found, scope: Span | None) -> None:
    """Leave open what a question asks ("Will it fall?") or a command demands ("Stop the sale")."""
    words = token_table(node.doc)
    deps, lower = words.dep, words.lower
    marks = [c for c in words.children[node.i] if deps[c] == "punct" and lower[c] == "?"]
    if marks and in_scope(node.doc[marks[-1]], scope):
        found.leave_open(Span(words.start[marks[-1]], words.end[marks[-1]]))
    elif scope is not None and is_imperative(node, scope):
        # only in quoted speech: a news text's own voice gives no orders, and a capitalised
        # headline word is sometimes tagged as a bare verb ("Automaker GM to cut jobs")
        found.leave_open(token_span(node))


def is_imperative(verb: Token, scope: Span) -> bool:
    """Tell whether a quoted sentence is a command: a bare verb first, no subject, no auxiliary."""
    top = verb.dep_ == "ROOT" or not in_scope(verb.head, scope)
    if verb.tag_ != "VB" or not top:
        return False  # "what we saw happen": a bare verb inside the sentence is no command
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in verb.children):
        return False
    words = [t for t in verb.subtree if not t.is_punct]
    return bool(words) and words[0].i == verb.i


def is_hypothetical(modal: Token) -> bool:
    """Tell whether "would" marks a hypothetical rather than the future of a past report.

    In "said it would cut jobs" and "the announcement that it would buy" the tense is shifted
    back from a reported "will"; elsewhere ("the collapse would be a setback", "we would
    prefer") the outcome is only supposed. "would like" is a polite "want"; in an adverbial
    clause ("so that it would stop") its conjunction tells what the clause is.
    """
    verb = modal.head
    if verb.lemma_.lower() == "like":
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "advcl":
        return False  # "so that it would stop": the conjunction says what the clause is
    # a "that" clause after a noun is sometimes parsed as a relative clause with a mark
    complement = clause.dep_ == "relcl" and any(c.dep_ == "mark" for c in clause.children)
    if clause.dep_ not in ("ccomp", "acl") and not complement:
        return True
    gov = clause.head
    return gov.pos_ not in ("NOUN", "PROPN") and not is_past(gov)


def is_past(verb: Token) -> bool:
    """Tell whether a verb is in a past tense ("said", "has announced", "had said")."""
    return verb.tag_ in ("VBD", "VBN") or any(
        c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children
    )


def in_scope(tok: Token, scope: Span | None) -> bool:
    return scope is None or scope.contains(token_span(tok))


def conjunct_governor(node: Token, gov: Token, scope: Span | None) -> Token | None:
    """Return the predicate a conjunct without its own subject shares its clause with."""
    if has_subject(node):
        return None
    if not other_form(node, gov):
        return gov
    # a conjunct attached to the infinitive below its real partner: go on from that clause
    above = gov.head
    return above if above.i != gov.i and in_scope(above, scope) else None


def passive_permission(gov: Token) -> bool:
    """Tell whether "allowed to" is passive: "was allowed to bid", headline "X allowed to bid".

    An active "allows users to record" has an object (or a clause), and states an ability.
    """
    if gov.tag_ == "VBN":
        return True
    return gov.tag_ == "VBD" and not any(c.dep_ in ("dobj", "ccomp") for c in gov.children)


def hedge_purpose(node: Token, found: Found) -> None:
    """Hedge the infinitive of an intention ("efforts to ease the crisis"): not yet real."""
    to = [t for t in node.children if t.dep_ == "aux" and t.tag_ == "TO"]
    if to:
        found.hedge("POSSIBLE", token_span(to[0]))


def other_form(conj: Token, verb: Token) -> bool:
    """Tell whether a conjunct cannot share the "to" of an infinitive ("to hinder … and placing").

    Verbs coordinated under one "to" share its form; a participle or a finite verb coordinated
    with an infinitive belongs to the clause above it (a misattached conjunct).
    """
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    return infinitive and conj.pos_ in ("VERB", "AUX") and conj.tag_ != verb.tag_


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def has_subject(tok: Token) -> bool:
    words = token_table(tok.doc)
    deps = words.dep
    return any(deps[c] in _SUBJECT_DEPS for c in words.children[tok.i])


def weakest(levels: list[Certainty]) -> Certainty:
    """Return the least certain of several levels (CERTAIN when there are none)."""
    return min(levels, key=RANK.__getitem__, default="CERTAIN")
