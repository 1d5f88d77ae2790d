"""Event anaphora: pronouns that stand for a happening -> the trigger they refer back to.

Abstract anaphora (Kolhatkar & Hirst): "which" after an event noun ("the order, which is
believed to be worth $15bn"), a bare demonstrative as the subject or object of a clause ("Stocks
fell sharply today. This is due to ..."; "we are doing this"), and "it" whose copula names an
event ("It was the largest single-day decline"). MEANTIME and ECB+ annotate such pronouns as
mentions of the event they stand for; ``anaphors(doc, at, descend) -> [(token, antecedent)]``
finds them, ``at`` mapping a trigger's token index to its event.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from kg.extract.spans import doc_text

# the pronoun's function in its clause: an argument, not a determiner or a complementiser
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_DEMONSTRATIVES = frozenset({"this", "that"})
_RELATIVES = frozenset({"which", "that"})
# clausal complements through which a clause's main verb hands on its happening
_COMPLEMENTS = ("xcomp", "ccomp")
# the entity labels of a copula's complement that make "this" deictic ("this is a big day")
_TIME_LABELS = frozenset({"DATE", "TIME"})
# what gives a shell noun content of its own ("the decision to ban", "the move of the plant")
_CONTENT_DEPS = frozenset({"acl", "relcl", "ccomp", "xcomp", "appos"})
_POSSESSIVE_OR_DEFINITE = frozenset({"the", "this", "that"})


_PRONOUNS = _DEMONSTRATIVES | _RELATIVES | {"it"}


def candidates(doc: Doc) -> list[Token]:
    """Return the tokens that may be event pronouns, read from the lower-case forms as an
    array: the other words never become Token objects."""
    strings = doc.vocab.strings
    wanted = {strings.add(word) for word in _PRONOUNS}
    return [doc[i] for i, lower in enumerate(doc.to_array([LOWER]).tolist()) if lower in wanted]


def anaphors(
    tokens: list[Token], at: Mapping[int, int], descend: frozenset[str], times: frozenset[str]
) -> list[tuple[Token, int]]:
    """Return the event pronouns among ``tokens`` with the event each refers back to.

    ``descend``: lemmas of verbs whose complement is the clause's happening ("said that",
    "continued to fall"); ``times``: nouns of time, which make "this" deictic.
    """
    found = []
    for tok in tokens:
        antecedent = relative_antecedent(tok, at)
        if antecedent is None and _demonstrative(tok, times):
            antecedent = clause_antecedent(tok, at, descend)
        if antecedent is None and _event_it(tok, at):
            antecedent = clause_antecedent(tok, at, descend)
        if antecedent is not None:
            found.append((tok, antecedent))
    return found


def relative_antecedent(tok: Token, at: Mapping[int, int]) -> int | None:
    """Return the event of the noun a relative pronoun's clause describes ("the order, which")."""
    if tok.lower_ not in _RELATIVES or tok.tag_ != "WDT" or tok.dep_ not in _ARGUMENT_DEPS:
        return None
    verb = tok.head
    noun = verb.head
    if verb.dep_ != "relcl" or noun.i > tok.i:
        return None
    if noun.pos_ == "NOUN" and noun.i in at:
        return at[noun.i]
    return _governing_event(noun, at)


def _governing_event(noun: Token, at: Mapping[int, int]) -> int | None:
    """Return the event noun a thing's phrase completes, which a relative clause after it may
    describe instead ("the 1991 agreement between the two companies, which defined ...")."""
    node = noun.head if noun.dep_ == "conj" else noun
    prep = node.head
    if node.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    event = prep.head
    return at.get(event.i) if event.pos_ == "NOUN" else None


def _demonstrative(tok: Token, times: frozenset[str]) -> bool:
    """Tell a bare demonstrative argument ("this is due to", "doing this") from a determiner
    ("this deal") and from a deictic one ("this is a big day")."""
    if tok.lower_ not in _DEMONSTRATIVES or tok.tag_ != "DT" or tok.dep_ not in _ARGUMENT_DEPS:
        return False
    if any(True for _ in tok.children):
        return False  # "this year's", "that of the impact": a phrase, not a pronoun
    complements = [c for c in tok.head.children if c.dep_ in ("attr", "acomp")]
    return not any(c.lemma_.lower() in times or c.ent_type_ in _TIME_LABELS for c in complements)


def _event_it(tok: Token, at: Mapping[int, int]) -> bool:
    """Tell "it" as the subject of a copula whose complement is an event ("It was the 7th
    largest decline"): the pronoun stands for that happening, not a thing."""
    if tok.lower_ != "it" or tok.dep_ != "nsubj" or tok.head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.pos_ == "NOUN" and c.i in at for c in tok.head.children)


def clause_antecedent(tok: Token, at: Mapping[int, int], descend: frozenset[str]) -> int | None:
    """Return the happening of the clause before a pronoun's: the first conjunct of its own
    clause ("... to perpetuate X, and ... would be doing exactly that"), or the main clause of
    a subordinate one ("It ended up 1.2%, although this follows a large fall"), else the main
    event of the sentence before."""
    verb = tok.head
    if verb.dep_ in ("conj", "advcl") and verb.head.i < tok.i:
        return main_event(verb.head, at, descend)
    sentence = tok.sent
    if sentence.start == 0:
        return None
    return main_event(tok.doc[sentence.start - 1].sent.root, at, descend)


def main_event(verb: Token, at: Mapping[int, int], descend: frozenset[str]) -> int | None:
    """Return the event a clause reports: its verb's, or for a verb of saying, thinking or
    aspect the event of its complement ("said that it would axe", "continued to fall")."""
    node = verb
    for _ in range(4):
        if node.lemma_.lower() not in descend and node.lemma_ != "be" and node.i in at:
            return at[node.i]
        inner = [c for c in node.children if c.dep_ in _COMPLEMENTS]
        if not inner:
            break
        node = inner[0]
    return at.get(verb.i)


def lead_event(
    doc: Doc, headline: str, at: Mapping[int, int], descend: frozenset[str]
) -> int | None:
    """Return the main event of the lead: the first sentence after the headline (when the text
    opens with it) whose root is an event; a date line has none."""
    headline = headline.strip()
    skip = len(headline) if headline and doc_text(doc).startswith(headline) else 0
    lead = next(
        (s for s in _sentences(doc) if s.start_char >= skip and _tells(s, headline, at)), None
    )
    return main_event(lead.root, at, descend) if lead is not None else None


def _sentences(doc: Doc) -> Iterator[Span]:
    """Yield the sentences one by one, their starts read as an array (``doc.sents`` makes a
    Token of every word first)."""
    starts = [
        i for i, flag in enumerate(doc.to_array([SENT_START]).tolist()) if flag == 1 or i == 0
    ]
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        yield doc[start:end]


def _tells(sentence: Span, headline: str, at: Mapping[int, int]) -> bool:
    return sentence.root.i in at and not (headline and sentence.text.strip() in headline)


def shell_noun(tok: Token, shells: frozenset[str]) -> bool:
    """Tell a definite shell noun with no content of its own ("the move", "the company's move
    on Wednesday"; not "the decision to ban", "the move of the plant", "the moves")."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in shells:
        return False
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _POSSESSIVE_OR_DEFINITE)
        for c in tok.children
    )
    content = any(
        c.dep_ in _CONTENT_DEPS or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
    )
    return definite and not content
