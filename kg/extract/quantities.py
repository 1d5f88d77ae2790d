"""Quantities: parsed Doc + entities and quotes -> ``ann.quantities``.

A quantity is a number or a range of numbers ("3,000 to 5,000") with the noun it counts
("fighters"); a range without a noun takes the unit of the one before it in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract.events import quote_around
from kg.extract.lexicon import words
from kg.extract.spans import doc_text, entity_of, tokens_span
from kg.model import Annotations, Claim, Quantity, Span

_SKIP_LABELS = words("DATE TIME ORDINAL PERSON ORG GPE LOC FAC PRODUCT LAW")
_RANGE_WORDS = frozenset({"to", "-", "–", "and"})
_APPROX = words("around about approximately roughly some nearly almost estimated circa")
_AT_LEAST = words("over more least exceeding")
_AT_MOST = words("under fewer less most")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
_NUMERALS = """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
_WORDS = {w: float(i) for i, w in enumerate(_NUMERALS.split())} | {"dozen": 12.0, "hundred": 100.0}
_CURRENCY = re.compile(r"^(?:US|USD|A|AU|C|CA|NZ)?\$|^[£€¥]")
_CODES = {"": "USD", "US": "USD", "USD": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD"}
_CODES |= {"NZ": "NZD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@dataclass
class _Run:
    """Consecutive number tokens: one value or a range."""

    numbers: list[Token]
    values: list[float]
    before: list[Token] = field(default_factory=list)


def find(doc: Doc, ann: Annotations) -> None:
    """Append the quantities of ``doc`` to ``ann.quantities``."""
    previous: Quantity | None = None
    for run in _runs(doc):
        quantity = _quantity(ann, run, previous)
        if quantity is None:
            continue
        quantity.claims = [_claim(ann, quantity.span)]
        ann.quantities.append(quantity)
        previous = quantity


def number_value(text: str) -> float | None:
    """Return the value of a numeral ("3,000", "1.5", "twenty"), or None."""
    clean = _CURRENCY.sub("", text).replace(",", "")
    if clean.lower() in _WORDS:
        return _WORDS[clean.lower()]
    try:
        return float(clean)
    except ValueError:
        return None


def _is_number(tok: Token) -> bool:
    if tok.ent_type_ in _SKIP_LABELS or tok.lower_ == "a":
        return False
    numeric = tok.pos_ == "NUM" or _CURRENCY.match(tok.text) is not None
    return numeric and number_value(tok.text) is not None


def _runs(doc: Doc) -> list[_Run]:
    """Group numbers with their scale words and range words into runs."""
    runs: list[_Run] = []
    i = 0
    while i < len(doc):
        if not _is_number(doc[i]):
            i += 1
            continue
        run, i = _read_run(doc, i)
        runs.append(run)
    return runs


def _read_run(doc: Doc, i: int) -> tuple[_Run, int]:
    numbers: list[Token] = []
    values: list[float] = []
    while i < len(doc) and _is_number(doc[i]):
        value = number_value(doc[i].text) or 0.0
        numbers.append(doc[i])
        i += 1
        while i < len(doc) and doc[i].lower_ in _SCALES:
            value *= _SCALES[doc[i].lower_]
            numbers.append(doc[i])
            i += 1
        values.append(value)
        if i + 1 < len(doc) and doc[i].lower_ in _RANGE_WORDS and _is_number(doc[i + 1]):
            numbers.append(doc[i])
            i += 1
    first = numbers[0].i
    hedges = _APPROX | _AT_LEAST | _AT_MOST
    before = [t for t in doc[max(0, first - 2) : first] if t.lower_ in hedges]
    return _Run(numbers, values, before), i


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


def _quantity(ann: Annotations, run: _Run, previous: Quantity | None) -> Quantity | None:
    noun = _unit_noun(run)
    unit, last = _unit(run, noun)
    about = _about(ann, noun) if noun is not None else None
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
    words = {t.lower_ for t in run.before}
    if len(run.values) > 1:
        quantity.min_value, quantity.max_value = min(run.values), max(run.values)
    elif words & _AT_LEAST:
        quantity.min_value = run.values[0]
    elif words & _AT_MOST:
        quantity.max_value = run.values[0]
    else:
        quantity.value = run.values[0]
    quantity.approximate = bool(words & _APPROX)


def _about(ann: Annotations, noun: Token) -> int | None:
    """Return the entity that has or counts the things: the subject of their clause."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "attr", "nsubj", "conj") or verb.i == noun.i:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i != noun.i:
            return entity_of(ann, child)
    return None


def _claim(ann: Annotations, span: Span) -> Claim:
    """Return whose figure it is: the speaker of the quote holding it, else the article."""
    quote = quote_around(ann, span)
    return Claim(quote.speaker if quote is not None else None)
