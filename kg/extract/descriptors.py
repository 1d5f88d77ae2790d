"""Descriptions the syntax equates with a name: parsed Doc + name candidates -> nominals.

Three constructions say of a name what it is, and each description is a mention of the
named thing (the ACE and MEANTIME guidelines annotate all three):

- a description before the name, in the same noun phrase ("U.S. automaker Chrysler",
  "Apple CEO Steve Jobs", "the company's vice president John Smith"): the description and
  the whole phrase;
- the whole of an apposition ("Jim Press, the vice chairman of Chrysler,"), whose second
  part ``kg.extract.coref`` finds;
- a predicate nominal of "be", "become" or "remain" whose subject is the name ("Barra will
  be the first woman to lead ...", "Apple is the producer of the iPod").

Each candidate is a nominal (``kind="NOM"``) whose ``antecedent`` is the name's span, so the
sieve joins it to the name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.candidates import Cand, make_cand
from kg.extract.lexicon import Lexicon
from kg.model import EntityType

# entity labels of the model that a noun before a name never describes it with
NOT_DESCRIPTIONS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
# verbs whose predicate nominal says what their subject is
COPULAS = frozenset({"be", "become", "remain"})


def descriptor_cands(doc: Doc, sents: list[int], known: list[Cand], lex: Lexicon) -> list[Cand]:
    """Return the descriptions before names, and predicate nominals of names."""
    found: list[Cand] = []
    for c in known:
        if c.kind != "NAM" or c.type == "OTHER":
            continue
        span = doc.char_span(c.span.start, c.span.end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        first, last = span[0], span[-1]
        before = description_before(first, last, c.type, lex)
        if before is not None:
            left, head = before
            for end in (head, last.i):
                found.append(
                    make_cand(doc[left : end + 1], c.type, "NOM", sents, antecedent=c.span)
                )
        predicate = predicate_nominal(last, c.type, lex)
        if predicate is not None:
            span = doc[predicate[0] : predicate[1] + 1]
            found.append(make_cand(span, c.type, "NOM", sents, antecedent=c.span))
    return found


def description_before(
    first: Token, last: Token, etype: EntityType, lex: Lexicon
) -> tuple[int, int] | None:
    """Return where a description just before a name starts and its head noun, or None.

    The head is a singular noun that modifies the name (or that the name stands in
    apposition to); the description takes the adjectives, nouns, names, possessives and
    "the" before it that modify it too. A title alone ("Senator McCain") is part of the name.
    """
    doc = first.doc
    if first.i == 0 or first.is_sent_start:
        return None
    head = doc[first.i - 1]
    attached = first.i <= head.head.i <= last.i or last.head.i == head.i
    # the parser often reads "the company Chrysler filed" as a relative clause on the noun
    clause = last.head
    attached |= last.dep_ == "nsubj" and clause.dep_ == "relcl" and clause.head.i == head.i
    if not attached or not describes(head, etype, lex):
        return None
    left = head.i
    while left > 0 and not doc[left].is_sent_start and _premodifies(doc[left - 1], last.i):
        left -= 1
        if doc[left].lower_ == "the":
            break
    if left == head.i and head.text in lex.all_titles:
        return None
    return left, head.i


def describes(noun: Token, etype: EntityType, lex: Lexicon) -> bool:
    """Tell whether a noun can describe a named thing of this type.

    A role or office describes a person, a nominal head its own kind of thing; any other
    common noun in lower case may describe anything ("airframer Airbus", "rapper Eminem").
    """
    if noun.tag_ not in ("NN", "NNP") or noun.ent_type_ in NOT_DESCRIPTIONS:
        return False
    known = described_type(noun.lower_, lex)
    if known is not None:
        return known == etype
    return noun.pos_ == "NOUN" and noun.is_lower


def described_type(word: str, lex: Lexicon) -> EntityType | None:
    """Return the type of thing a noun describes when the lexicon knows it: a role or office
    a person, a nominal head its own kind of thing ("the automaker" an organisation)."""
    if word in lex.person_nouns:
        return "PERSON"
    kind = lex.nominal_heads.get(word)
    return kind[0] if kind is not None else None


def _premodifies(word: Token, end: int) -> bool:
    """Tell whether a word before a description belongs to it: it modifies something
    after it in the phrase, and is an adjective, a noun, a name, a possessive or "the"."""
    if word.tag_ == "POS":
        # "'s" hangs on its owner, which modifies what follows
        return word.i < word.head.head.i <= end
    if not word.i < word.head.i <= end:
        return False
    return word.pos_ in ("ADJ", "NOUN", "PROPN") or word.lower_ == "the"


def predicate_nominal(name_root: Token, etype: EntityType, lex: Lexicon) -> tuple[int, int] | None:
    """Return the first and last token of what a copula says its subject name is, or None.

    "Senator McCain has been the deal's most vocal critic": the attribute's noun phrase up
    to its head (the clauses and phrases after the head are left out); a negated copula
    says what the name is not, a noun of another kind cannot be it, and a noun of no known
    kind must be definite to name it.
    """
    verb = name_root.head
    if name_root.dep_ != "nsubj" or verb.lemma_ not in COPULAS:
        return None
    if any(child.dep_ == "neg" for child in verb.children):
        return None
    attr = next((ch for ch in verb.children if ch.dep_ == "attr" and ch.i > verb.i), None)
    if attr is None or attr.pos_ != "NOUN" or attr.tag_ != "NN":
        return None
    known = described_type(attr.lower_, lex)
    if known is not None:
        if known != etype:
            return None
    elif not _definite(attr):
        # "the iTunes store was a breach of the agreement": an indefinite of a noun of no
        # known kind classes its subject rather than naming it
        return None
    return attr.left_edge.i, attr.i


def _definite(noun: Token) -> bool:
    """Tell whether a noun phrase is definite: "the", or a possessor ("the deal's")."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in noun.children)
