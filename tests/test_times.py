"""Tests of time expressions and their values."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from kg.extract import times
from kg.extract.times import pick, publication_date
from kg.model import Annotations, Article, TimeExpression


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def found(nlp: Language, text: str, published: str | None = "2016-11-06") -> list[TimeExpression]:
    ann = Annotations(Article(id="t", text=text, date_published=published))
    times.find(nlp(text), ann)
    return ann.times


def values(nlp: Language, text: str, published: str | None = "2016-11-06") -> list[tuple[str, str]]:
    return [(t.span.text(text), t.value) for t in found(nlp, text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It fell on 06 November, 2016.", ("06 November, 2016", "2016-11-06")),
        ("Signed November 24, 2004 in Paris.", ("November 24, 2004", "2004-11-24")),
        ("The city fell in June 2014.", ("June 2014", "2014-06")),
        ("It began on 17 October and goes on.", ("17 October", "2016-10-17")),
        ("He declared it two years ago.", ("two years ago", "2014")),
        ("Prices rose last year.", ("last year", "2015")),
        ("Talks resume next month.", ("next month", "2016-12")),
        ("It rained yesterday.", ("yesterday", "2016-11-05")),
        ("It opened in 2010 with fanfare.", ("2010", "2010")),
        ("Thursday was calm.", ("Thursday", "2016-11-03")),
    ],
)
def test_find_resolves_against_publication(
    blank: Language, text: str, expected: tuple[str, str]
) -> None:
    assert values(blank, text) == [expected]


def test_find_gives_granularity_of_the_text(blank: Language) -> None:
    grains = [t.granularity for t in found(blank, "In June 2014, in 2010, on 17 October.")]
    assert grains == ["gYearMonth", "gYear", "date"]


def test_find_skips_durations_weeks_and_decades(blank: Language) -> None:
    text = "His first in more than a year, two years long, last week, in the 1990s."
    assert found(blank, text) == []


def test_find_without_publication_keeps_only_absolute(blank: Language) -> None:
    text = "On Thursday, 17 October, and on November 24, 2004."
    assert values(blank, text, None) == [("November 24, 2004", "2004-11-24")]


def test_find_month_alone_takes_most_recent(blank: Language) -> None:
    text = "Lawmakers rejected the proposal in October."
    assert values(blank, text, "2004-11-24") == [("October", "2004-10")]


def test_find_ignores_may_as_a_verb(blank: Language) -> None:
    assert values(blank, "It May rain, they said in May.", "2016-08-06") == [("May", "2016-05")]


def test_find_skips_numbers_that_are_not_years(blank: Language) -> None:
    assert found(blank, "It cost $2000 and 1,999 people came; 2012s are rare.") == []


def test_pick_follows_tense() -> None:
    pub = publication_date("2009-05-14")
    assert pub is not None
    options = [pub.replace(year=2008, month=6, day=3), pub.replace(month=6, day=3)]
    assert pick(options, pub, "past").isoformat() == "2008-06-03"
    assert pick(options, pub, "future").isoformat() == "2009-06-03"
    assert pick(options, pub, None).isoformat() == "2009-06-03"


@pytest.mark.model
def test_find_future_weekday_is_next_one() -> None:
    from kg.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    text = "The minister will visit Paris on Friday."
    assert values(nlp, text, "2008-09-18") == [("Friday", "2008-09-19")]


@pytest.mark.model
def test_find_past_weekday_is_previous_one() -> None:
    from kg.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    text = "On Thursday, Baghdadi called on his fighters to resist."
    assert values(nlp, text) == [("Thursday", "2016-11-03")]


def test_find_without_publication_resolves_against_the_dateline(blank: Language) -> None:
    text = "Car sales fall\nFebruary 03, 2009\n\nSales fell in January and last month."
    assert values(blank, text, None) == [
        ("February 03, 2009", "2009-02-03"),
        ("January", "2009-01"),
        ("last month", "2009-01"),
    ]


def test_find_the_day_is_the_day_just_named(blank: Language) -> None:
    text = "Stocks rose on Friday, ending the day higher. For the day, bonds fell."
    assert values(blank, text, "2009-04-04") == [
        ("Friday", "2009-04-03"),
        ("the day", "2009-04-03"),
        ("the day", "2009-04-03"),
    ]


def test_find_the_day_without_a_named_day_is_publication(blank: Language) -> None:
    assert values(blank, "Shares fell late in the day.", "2007-08-10") == [
        ("the day", "2007-08-10")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It flew on 7/8/07 in Everett.", ("7/8/07", "2007-07-08")),
        ("Filed on 25/12/2008 in court.", ("25/12/2008", "2008-12-25")),
        ("The lowest level since '82 fell.", ("'82", "1982")),
        ("Up since the beginning of the year.", ("the beginning of the year", "2008")),
        ("Sales dropped from the previous year.", ("the previous year", "2007")),
        ("A speech at 16:00 UTC today.", ("16:00 UTC today", "2008-06-01T16:00:00Z")),
    ],
)
def test_find_reads_numeric_short_and_part_of_year_forms(
    blank: Language, text: str, expected: tuple[str, str]
) -> None:
    assert values(blank, text, "2008-06-01") == [expected]
