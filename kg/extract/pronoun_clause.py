"""What a pronoun's own clause says of its antecedent: parsed token -> subject and binding.

Two constraints of the grammar of pronouns, read from the dependency parse:

- the subject of a pronoun's clause is the most salient thing it can stand for (centering
  and Lappin & Leass's subject salience), and a clause with no subject of its own takes
  it from the clause it depends on: the object of an object-control verb ("forced Apple to
  lower its prices": Apple lowers), else that clause's subject ("Ford said it would cut
  jobs to reduce its costs");
- a pronoun that is an object of its clause's verb cannot be that clause's subject unless
  it is reflexive (binding principle B: in "DaimlerChrysler is selling it", "it" is not
  DaimlerChrysler).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.candidates import SUBJECT_DEPS
from kg.model import Span

# clauses that take their subject from the clause they depend on when they have none
_OPEN_CLAUSES = frozenset({"xcomp", "advcl", "pcomp", "acl"})
OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
# how many clauses up a missing subject is looked for
_REACH = 3


def clause_verb(token: Token) -> Token | None:
    """Return the verb of the clause a pronoun sits in (through its phrase), or None."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node is not token:
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def clause_subject(verb: Token, object_control: frozenset[str]) -> Token | None:
    """Return the subject of a verb's clause, or of the clause it depends on when it has
    none: the object of an object-control verb, else that verb's subject."""
    for _ in range(_REACH):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in _OPEN_CLAUSES or verb.head is verb:
            return None
        governor = verb.head
        # "by selling it": the clause hangs on a preposition, which hangs on the verb
        while governor.pos_ in ("ADP", "SCONJ") and governor.head is not governor:
            governor = governor.head
        if verb.dep_ == "xcomp" and governor.lemma_.lower() in object_control:
            obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        verb = governor
    return None


def local_subject(token: Token, object_control: frozenset[str]) -> tuple[Span | None, bool]:
    """Return the span of the subject of a pronoun's clause (None when it is that subject
    or there is none) and whether the pronoun is bound to be other than it (an object)."""
    if token.dep_ in SUBJECT_DEPS:
        return None, False
    verb = clause_verb(token)
    if verb is None:
        return None, False
    subject = clause_subject(verb, object_control)
    if subject is None or subject.i == token.i:
        return None, False
    span = Span(subject.idx, subject.idx + len(subject.text))
    own_object = token.dep_ in ("dobj", "dative") and token.head.i == verb.i
    return span, own_object and not token.lower_.endswith(("self", "selves"))
