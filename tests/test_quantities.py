"""Quantities: numbers and ranges with their units, owners and sources."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.extract.quantities import QuantityFinder, _numeric, number_value
from kg.extract.quotes import QuoteFinder
from kg.model import Annotations, Article, Entity, Mention, Quantity, Span
from tests.conftest import put_on_doc, take_from_doc

LEX = Lexicon.load()


def run(nlp: Language, text: str, names: dict[str, str] | None = None) -> list[Quantity]:
    doc = nlp(text)
    ann = Annotations(Article("t", text))
    for name, etype in (names or {}).items():
        start = text.index(name)
        ann.entities.append(Entity(etype, name))  # type: ignore[arg-type]
        ann.mentions.append(Mention(Span(start, start + len(name)), len(ann.entities) - 1))
    take_from_doc(QuantityFinder(LEX)(QuoteFinder(LEX)(put_on_doc(doc, ann))), ann)
    return ann.quantities


def test_number_value_reads_separators_currency_and_words() -> None:
    assert number_value("3,000", LEX) == 3000.0
    assert number_value("USD$23", LEX) == 23.0
    assert number_value("twelve", LEX) == 12.0
    assert number_value("many", LEX) is None


@pytest.mark.model
def test_find_range_with_unit_and_carried_unit(nlp: Language) -> None:
    text = (
        "According to the US military, IS has 3,000 to 5,000 fighters inside Mosul and "
        "another 1,500 to 2,500 in the city's outer defensive belt."
    )
    first, second = run(nlp, text, {"the US military": "ORG"})
    assert first.span.text(text) == "3,000 to 5,000 fighters"
    assert (first.min_value, first.max_value, first.unit) == (3000.0, 5000.0, "fighters")
    assert second.span.text(text) == "1,500 to 2,500"
    assert (second.min_value, second.max_value, second.unit) == (1500.0, 2500.0, "fighters")
    assert first.claims[0].source == 0  # the figure is the US military's


@pytest.mark.model
def test_find_approximate_value_keeps_modifiers_in_unit(nlp: Language) -> None:
    text = "The total number includes around 1,000 foreign fighters."
    (found,) = run(nlp, text)
    assert found.span.text(text) == "around 1,000 foreign fighters"
    assert (found.value, found.unit, found.approximate) == (1000.0, "foreign fighters", True)
    assert found.claims[0].source is None


@pytest.mark.model
def test_find_scaled_money_and_owner(nlp: Language) -> None:
    text = "Boeing has 100 mid-air tanker aircraft and a USD$23 billion deal."
    found = run(nlp, text, {"Boeing": "ORG"})
    aircraft = next(q for q in found if "aircraft" in q.unit)
    assert aircraft.value == 100.0
    assert aircraft.about == 0
    money = next(q for q in found if q.value and q.value > 1e9)
    assert money.value == 23e9


@pytest.mark.model
def test_find_skips_dates(nlp: Language) -> None:
    assert run(nlp, "The offensive began on 17 October 2016.") == []


def test_only_numerals_and_currency_amounts_may_be_numbers() -> None:
    words = ["It", "cost", "US$5", "or", "€4", ",", "three", "Apples", "and", "CAD"]
    pos = ["PRON", "VERB", "SYM", "CCONJ", "SYM", "PUNCT", "NUM", "NOUN", "CCONJ", "PROPN"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    assert [w for w, n in zip(words, _numeric(doc), strict=True) if n] == ["US$5", "€4", "three"]
