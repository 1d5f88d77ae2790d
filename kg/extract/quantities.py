"""The quantities component: numbers with their units -> ``doc._.nkg_quantities``.

A quantity is a number or a range of numbers ("3,000 to 5,000") with the noun it counts
("fighters"); a range without a noun takes the unit of the one before it in the sentence.
Whose figure it is comes from the quote it sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import ORTH, POS
from spacy.parts_of_speech import NUM
from spacy.tokens import Doc, Token

from kg.extract import doc_state
from kg.extract.claims import of_figure
from kg.extract.lexicon import Lexicon
from kg.extract.spans import Known, doc_text, entity_of, tokens_span
from kg.model import Quantity

_SKIP_LABELS = frozenset(
    {"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "LAW"}
)
_CURRENCY = re.compile(r"^(?:US|USD|A|AU|C|CA|NZ)?\$|^[£€¥]")
_CURRENCY_FIRST = frozenset("$£€¥UACN")  # the first characters _CURRENCY matches
_CURRENCY_SIGNS = frozenset("$£€¥")  # one of which every match of _CURRENCY holds
_CODES = {"": "USD", "US": "USD", "USD": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD"}
_CODES |= {"NZ": "NZD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@dataclass
class _Run:
    """Consecutive number tokens: one value or a range."""

    numbers: list[Token]
    values: list[float]
    before: list[Token] = field(default_factory=list)
    bounds: tuple[bool, bool, bool] = (False, False, False)  # approximate, at least, at most


@doc_state.lexicon_component(
    "newskg_quantities",
    requires=[
        "token.dep",
        doc_state.attr(doc_state.ENTITIES),
        doc_state.attr(doc_state.MENTIONS),
        doc_state.attr(doc_state.QUOTES),
    ],
    assigns=[doc_state.attr(doc_state.QUANTITIES)],
)
class QuantityFinder(doc_state.Component):
    """Find the quantities of a document."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.approximate = lex.hedges_meaning("approximate")
        self.at_least = lex.hedges_meaning("at_least")
        self.at_most = lex.hedges_meaning("at_most")
        self.hedges = self.approximate | self.at_least | self.at_most

    def __call__(self, doc: Doc) -> Doc:
        known, quotes = doc_state.known(doc), doc_state.quotes(doc)
        found: list[Quantity] = []
        previous: Quantity | None = None
        for run in self._runs(doc):
            quantity = _quantity(known, run, previous)
            if quantity is None:
                continue
            quantity.claims = [of_figure(quotes, quantity.span)]
            found.append(quantity)
            previous = quantity
        setattr(doc._, doc_state.QUANTITIES, found)
        return doc

    def _is_number(self, tok: Token) -> bool:
        if tok.ent_type_ in _SKIP_LABELS or tok.lower_ == "a":
            return False
        numeric = tok.pos_ == "NUM" or _CURRENCY.match(tok.text) is not None
        return numeric and number_value(tok.text, self.lex) is not None

    def _runs(self, doc: Doc) -> list[_Run]:
        """Group numbers with their scale words and range words into runs."""
        runs: list[_Run] = []
        numeric = _numeric(doc)
        i, n = 0, len(doc)
        while i < n:
            if not numeric[i] or not self._is_number(doc[i]):
                i += 1
                continue
            run, i = self._read_run(doc, i)
            runs.append(run)
        return runs

    def _read_run(self, doc: Doc, i: int) -> tuple[_Run, int]:
        numbers: list[Token] = []
        values: list[float] = []
        while i < len(doc) and self._is_number(doc[i]):
            value = number_value(doc[i].text, self.lex) or 0.0
            numbers.append(doc[i])
            i += 1
            while i < len(doc) and doc[i].lower_ in self.lex.scale_words:
                value *= self.lex.scale_words[doc[i].lower_]
                numbers.append(doc[i])
                i += 1
            values.append(value)
            if (
                i + 1 < len(doc)
                and doc[i].lower_ in self.lex.range_words
                and self._is_number(doc[i + 1])
            ):
                numbers.append(doc[i])
                i += 1
        first = numbers[0].i
        before = [t for t in doc[max(0, first - 2) : first] if t.lower_ in self.hedges]
        return _Run(numbers, values, before, self._bounds(before)), i

    def _bounds(self, before: list[Token]) -> tuple[bool, bool, bool]:
        """Tell whether the words before a number make it approximate, a minimum, a maximum."""
        words = {t.lower_ for t in before}
        return (
            bool(words & self.approximate),
            bool(words & self.at_least),
            bool(words & self.at_most),
        )


def _numeric(doc: Doc) -> list[bool]:
    """Tell, token by token, whether it is a numeral or begins with a currency (read as
    arrays, not as Tokens): only these can be numbers."""
    columns = doc.to_array([POS, ORTH])
    numerals: list[bool] = (columns[:, 0] == NUM).tolist()
    if not _CURRENCY_SIGNS.intersection(doc_text(doc)):
        return numerals  # every currency _CURRENCY matches is written with a sign
    strings = doc.vocab.strings
    orths = columns[:, 1].tolist()
    return [num or _is_currency(strings[orth]) for num, orth in zip(numerals, orths, strict=True)]


def _is_currency(text: str) -> bool:
    return text[:1] in _CURRENCY_FIRST and _CURRENCY.match(text) is not None


def number_value(text: str, lex: Lexicon) -> float | None:
    """Return the value of a numeral ("3,000", "1.5", "twenty"), or None."""
    clean = _CURRENCY.sub("", text).replace(",", "")
    if clean.lower() in lex.number_words:
        return lex.number_words[clean.lower()]
    try:
        return float(clean)
    except ValueError:
        return None


def _unit_noun(run: _Run) -> Token | None:
    """Return the noun the last number counts."""
    last = run.numbers[-1]
    head = last
    while head.dep_ in ("nummod", "quantmod", "compound") and head.head.i > head.i:
        head = head.head
    if head.i == last.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return head


def currency_code(text: str) -> str | None:
    """Return the ISO code of a currency prefix ("USD$23" -> "USD"), or None."""
    found = _CURRENCY.match(text)
    if found is None:
        return None
    return _CODES.get(found.group(0).rstrip("$"), "USD")


def _unit(run: _Run, noun: Token | None) -> tuple[str, Token | None]:
    """Return the unit text and the last token of the quantity's span."""
    code = currency_code(run.numbers[0].text)
    if code is not None or noun is None:
        return code or "", None
    doc = noun.doc
    mods = [t for t in doc[run.numbers[-1].i + 1 : noun.i] if t.dep_ in _MODIFIER_DEPS]
    start = mods[0].idx if mods else noun.idx
    return doc_text(doc)[start : noun.idx + len(noun.text)], noun


def _quantity(known: Known, run: _Run, previous: Quantity | None) -> Quantity | None:
    noun = _unit_noun(run)
    unit, last = _unit(run, noun)
    about = _about(known, noun) if noun is not None else None
    if not unit and previous is not None and _same_sentence(run, previous):
        unit, about = previous.unit, previous.about
    if not unit:
        return None
    tokens = [*run.before, *run.numbers] + ([last] if last is not None else [])
    quantity = Quantity(span=tokens_span(tokens), unit=unit, about=about)
    _set_values(quantity, run)
    return quantity


def _same_sentence(run: _Run, previous: Quantity) -> bool:
    sent = run.numbers[0].sent
    return sent.start_char <= previous.span.start < sent.end_char


def _set_values(quantity: Quantity, run: _Run) -> None:
    approximate, at_least, at_most = run.bounds
    if len(run.values) > 1:
        quantity.min_value, quantity.max_value = min(run.values), max(run.values)
    elif at_least:
        quantity.min_value = run.values[0]
    elif at_most:
        quantity.max_value = run.values[0]
    else:
        quantity.value = run.values[0]
    quantity.approximate = approximate


def _about(known: Known, noun: Token) -> int | None:
    """Return the entity that has or counts the things: the subject of their clause."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "attr", "nsubj", "conj") or verb.i == noun.i:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i != noun.i:
            return entity_of(known, child)
    return None
