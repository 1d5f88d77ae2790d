"""Tests of the forms names are compared by (no spaCy model needed)."""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.extract.name_keys import (
    abbreviates,
    acronym_forms,
    initials,
    is_acronym,
    normalise,
    surname_keys,
)

LEX = Lexicon.load()


def test_normalise_ignores_spaces_hyphens_and_case() -> None:
    assert normalise("Abu Bakr al-Baghdadi") == normalise("Abubakr al-Baghdadi")
    assert normalise("the Pentagon") == normalise("Pentagon")


def test_surname_keys_drop_arabic_article() -> None:
    assert surname_keys("Abu Bakr al-Baghdadi", LEX) == {"albaghdadi", "baghdadi"}
    assert surname_keys("Baghdadi", LEX) == set()


def test_initials_skip_function_words() -> None:
    assert initials("Islamic State", LEX) == "IS"
    assert initials("Islamic State of Iraq and the Levant", LEX) == "ISIL"


def test_acronym_forms_also_leave_the_legal_form_out() -> None:
    forms = acronym_forms("European Aeronautic Defence and Space Company", LEX)
    assert forms == {"EADSC", "EADS"}


def test_is_acronym_takes_capitals_dots_and_ampersands() -> None:
    assert is_acronym("U.N.") and is_acronym("ISIL") and is_acronym("S&P")
    assert not is_acronym("Iraq") and not is_acronym("IRAQIS")


def test_abbreviates_takes_letters_in_order_from_the_first_word() -> None:
    assert abbreviates("SIA", "Singapore Airlines")
    assert abbreviates("USAF", "United States Air Force")
    assert abbreviates("EADS", "European Aeronautic Defence & Space NV")


def test_abbreviates_rejects_other_orders_and_long_forms() -> None:
    assert not abbreviates("SIA", "Air Singapore")
    assert not abbreviates("UN", "Germany")
    assert not abbreviates("A", "Airbus")
    assert not abbreviates("SA", "Singapore Airlines of the Straits region of the far East Asia")


def test_legal_cuts_keep_at_least_the_words_asked_for() -> None:
    from kg.names import legal_cuts

    legal = frozenset({"plc", "group", "company"})
    assert legal_cuts("Aer Lingus Group PLC", legal) == [
        "Aer Lingus Group PLC",
        "Aer Lingus Group",
        "Aer Lingus",
    ]
    assert legal_cuts("Ford Motor Company", legal, min_words=2) == [
        "Ford Motor Company",
        "Ford Motor",
    ]
    assert legal_cuts("Tesco, PLC", legal) == ["Tesco, PLC", "Tesco"]
    assert legal_cuts("Group", legal) == ["Group"]
