"""Tests of time expressions and their values."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from kg.extract import doc_state
from kg.extract.lexicon import Lexicon
from kg.extract.time_anchors import Found, reference
from kg.extract.time_resolvers import pick
from kg.extract.times import TimeFinder, publication_date
from kg.model import Article, Span, TimeExpression

FIND = TimeFinder(Lexicon.load())


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def found(nlp: Language, text: str, published: str | None = "2016-11-06") -> list[TimeExpression]:
    doc = nlp(text)
    setattr(doc._, doc_state.ARTICLE, Article(id="t", text=text, date_published=published))
    return doc_state.times(FIND(doc))


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("His first in more than a year.", ("a year", "P1Y")),
        ("The 18 months behind schedule.", ("18 months", "P18M")),
        ("A 12-year low.", ("12-year", "P12Y")),
        ("After six straight days of losses.", ("six straight days", "P6D")),
        ("It failed after thirty minutes.", ("thirty minutes", "PT30M")),
        ("Cuts over the next four years.", ("the next four years", "P4Y")),
        ("A four-week streak.", ("four-week", "P4W")),
        ("It took several months.", ("several months", "PXM")),
        ("Their staff over the years.", ("the years", "PXY")),
        ("It fell 9% in the past year.", ("the past year", "P1Y")),
        ("A decades-long dispute.", ("decades-long", "PXDE")),
    ],
)
def test_find_durations_as_timex_amounts(blank: Language, text: str, expected: tuple) -> None:
    assert values(blank, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The store currently sells music.", ("currently", "PRESENT_REF")),
        ("It has recently begun.", ("recently", "PAST_REF")),
        ("Under the current circumstances.", ("current", "PRESENT_REF")),
        ("Losses in recent years.", ("recent years", "PAST_REF")),
        ("Perhaps in the future.", ("in the future", "FUTURE_REF")),
        ("It will be done soon.", ("soon", "FUTURE_REF")),
    ],
)
def test_find_the_present_past_and_future(blank: Language, text: str, expected: tuple) -> None:
    assert values(blank, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Call as soon as you can.",
        "Shortly after the vote.",
        "They swam against the current.",  # a noun, not the present
        "The future of the party.",
        "The now-defunct firm.",
        "Over the past two days.",  # an amount of time, found as one
        "In the past year it fell.",
    ],
)
def test_find_no_reference_where_the_words_do_not_place_a_time(blank: Language, text: str) -> None:
    assert "PRESENT_REF" not in {v for _, v in values(blank, text)}
    assert not {v for _, v in values(blank, text)} & {"PAST_REF", "FUTURE_REF"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("A speech last week.", "2004-11-24", ("last week", "2004-W47")),
        ("In a court this week.", "2006-03-28", ("this week", "2006-W13")),
        ("Talks resume next week.", "2016-11-06", ("next week", "2016-W45")),
        ("It came two weeks ago.", "2016-11-06", ("two weeks ago", "2016-W42")),
        # published on a Monday: the weekend just past, and the coming one
        ("Talks took place during the weekend.", "2008-10-13", ("the weekend", "2008-W41-WE")),
        ("Talks will be held this weekend.", "2008-10-13", ("this weekend", "2008-W42-WE")),
        ("Shares fell this morning.", "2008-01-09", ("this morning", "2008-01-09TMO")),
        ("He will speak tonight.", "2016-11-06", ("tonight", "2016-11-06TNI")),
        ("It was quiet last night.", "2016-11-06", ("last night", "2016-11-05TNI")),
        ("It fell on Monday morning.", "2008-10-29", ("Monday morning", "2008-10-27TMO")),
        ("Their Autumn meetings were held.", "2008-10-13", ("Autumn", "2008-FA")),
        ("It closed last summer.", "2008-10-13", ("last summer", "2008-SU")),
        ("In the summer of 1999 it fell.", "2008-10-13", ("summer of 1999", "1999-SU")),
        ("The cars of the 1970s.", "2007-02-09", ("1970s", "197")),
        ("Cars of the 70s and 80s.", "2007-02-09", ("70s", "197")),
        ("Third in the past decade.", "2011-01-17", ("the past decade", "200")),
    ],
)
def test_find_weeks_parts_of_days_seasons_decades(
    blank: Language, text: str, published: str, expected: tuple
) -> None:
    assert values(blank, text, published)[0] == expected


def test_find_no_season_in_a_name_or_a_fall(blank: Language) -> None:
    text = "After the Arab Spring and the fall of Mosul."
    assert values(blank, text, "2016-11-06") == []


def test_find_a_part_of_the_day_last_named(blank: Language) -> None:
    text = "Shares rose on Tuesday. They fell in morning trading."
    assert values(blank, text, "2010-03-03")[-1] == ("morning", "2010-03-02TMO")


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
def test_find_future_weekday_is_next_one(nlp: Language) -> None:
    text = "The minister will visit Paris on Friday."
    assert values(nlp, text, "2008-09-18") == [("Friday", "2008-09-19")]


@pytest.mark.model
def test_find_past_weekday_is_previous_one(nlp: Language) -> None:
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit runs March 3-5 in Geneva.", [("March 3", "2008-03-03"), ("5", "2008-03-05")]),
        ("Talks ran 3-5 March 2009.", [("3", "2009-03-03"), ("5 March 2009", "2009-03-05")]),
        (
            "Talks ran from March 3 to 5, 2007.",
            [("March 3", "2007-03-03"), ("5, 2007", "2007-03-05")],
        ),
        ("Growth of March 3-5 percent.", [("March 3", "2008-03-03")]),
        ("Held on March 5-3.", [("March 5", "2008-03-05")]),
    ],
)
def test_find_reads_both_ends_of_a_range_of_days(
    blank: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert values(blank, text, "2008-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ran 2009-2011 in all.", [("2009", "2009"), ("2011", "2011")]),
        ("A typo, 2011-2009, here.", [("2011", "2011")]),
        ("Output peaked in mid-2008.", [("mid-2008", "2008")]),
        ("The 5th of May was quiet.", [("5th of May", "2008-05-05")]),
        ("On the 4th of July, 1976, it rang.", [("4th of July, 1976", "1976-07-04")]),
    ],
)
def test_find_reads_year_ranges_year_parts_and_day_of_month_names(
    blank: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert values(blank, text, "2008-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # published on a Wednesday: "last" and "next" never mean the publication day itself
        ("They met last Wednesday.", ("last Wednesday", "2009-06-03")),
        ("They meet next Wednesday.", ("next Wednesday", "2009-06-17")),
        ("They meet next Monday.", ("next Monday", "2009-06-15")),
        ("They met this past Monday.", ("this past Monday", "2009-06-08")),
        ("They meet this coming Friday.", ("this coming Friday", "2009-06-12")),
    ],
)
def test_find_relative_weekday_takes_its_direction_from_the_word(
    blank: Language, text: str, expected: tuple[str, str]
) -> None:
    assert values(blank, text, "2009-06-10") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Founded in 2004, it went public the following year.",
            [("2004", "2004"), ("the following year", "2005")],
        ),
        (
            "In 2004 it hired staff; the previous year it fired some.",
            [("2004", "2004"), ("the previous year", "2003")],
        ),
        (
            "Sales in January fell from the same month a year ago.",
            [("January", "2009-01"), ("the same month a year ago", "2008-01")],
        ),
        (
            "Sales rose in February compared to the same period last year.",
            [("February", "2009-02"), ("the same period last year", "2008-02")],
        ),
        (
            "He was held on June 3, 2008. Two days later he was freed.",
            [("June 3, 2008", "2008-06-03"), ("Two days later", "2008-06-05")],
        ),
        (
            "He was held on June 3, 2008 and freed the day after.",
            [("June 3, 2008", "2008-06-03"), ("the day after", "2008-06-04")],
        ),
        (
            "In March, prices rose. On the 12th, they fell.",
            [("March", "2009-03"), ("the 12th", "2009-03-12")],
        ),
    ],
)
def test_find_anchors_relative_expressions_to_the_time_last_named(
    blank: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert values(blank, text, "2009-06-10") == expected


@pytest.mark.parametrize(
    "text",
    [
        "A month earlier, he had resigned.",  # nothing named to count from
        "Up 14% from a year earlier.",
        "They spoke at the same time.",  # simultaneity, not a time
        "He died the day before the vote.",  # anchored to an event, not a time
        "He moved to the 5th floor.",
        "The same period last year was weak.",
    ],
)
def test_find_skips_relative_expressions_without_an_anchor(blank: Language, text: str) -> None:
    assert found(blank, text, None) == []


def test_find_day_of_month_follows_the_publication_date_without_a_named_month(
    blank: Language,
) -> None:
    # tense unknown: the nearest such day
    assert values(blank, "On the 5th, he resigned.", "2009-06-10") == [("the 5th", "2009-06-05")]
    assert values(blank, "On the 28th, he resigned.", "2009-06-02") == [("the 28th", "2009-05-28")]


def test_reference_gives_first_day_and_precision() -> None:
    found: list[Found] = [
        Found(Span(0, 1), "2014", "gYear"),
        Found(Span(0, 1), "2016-10", "gYearMonth"),
        Found(Span(0, 1), "2016-11-03", "date"),
        Found(Span(0, 1), "2008-06-01T16:00:00Z", "dateTimeStamp"),
    ]
    refs = [reference(f) for f in found]
    assert [(d.isoformat(), g) for d, g in refs] == [
        ("2014-01-01", "gYear"),
        ("2016-10-01", "gYearMonth"),
        ("2016-11-03", "date"),
        ("2008-06-01", "date"),
    ]


def test_candidates_read_the_text_given(blank: Language) -> None:
    text = "It opened on 17 October."
    pub = publication_date("2016-11-06")
    assert [f.value for f in FIND.candidates(blank(text), text, pub)] == [
        "2016-10-17",
        "2016-10",  # "October" too: choose() keeps the longest
    ]


@pytest.mark.model
def test_find_day_of_month_is_placed_by_tense(nlp: Language) -> None:
    assert values(nlp, "He will resign on the 5th.", "2009-06-20") == [("the 5th", "2009-07-05")]
    assert values(nlp, "He resigned on the 25th.", "2009-06-20") == [("the 25th", "2009-05-25")]


def test_find_the_years_between_two_years_beside_them(blank: Language) -> None:
    text = "Deliveries from 2009 to 2011, then between 2014 and 2016."
    assert values(blank, text) == [
        ("from 2009 to 2011", "P2Y"),
        ("2009", "2009"),
        ("2011", "2011"),
        ("between 2014 and 2016", "P2Y"),
        ("2014", "2014"),
        ("2016", "2016"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profit fell in the third quarter of 2008.", ("the third quarter of 2008", "2008-Q3")),
        ("Its fourth-quarter 2006 growth.", ("fourth-quarter 2006", "2006-Q4")),
        ("Sales in Q1 2009 rose.", ("Q1 2009", "2009-Q1")),
        ("Due in the second half of this year.", ("the second half of this year", "2016-H2")),
        ("Sales fell last quarter.", ("last quarter", "2016-Q3")),
    ],
)
def test_find_quarters_and_halves_of_a_year(blank: Language, text: str, expected: tuple) -> None:
    assert values(blank, text) == [expected]


def test_find_no_quarter_or_half_of_a_match(blank: Language) -> None:
    assert values(blank, "He scored in the first half and the fourth quarter.") == []


def test_find_clock_times_on_the_day_last_named(blank: Language) -> None:
    text = "On Friday, around 3 p.m. EST, it fell. At 10:30 am it rose."
    assert values(blank, text, "2016-11-06")[1:] == [
        ("3 p.m.", "2016-11-04T15:00"),
        ("10:30 am", "2016-11-04T10:30"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Done by the end of the year.", ("the end of the year", "2016")),
        ("Due at the end of last month.", ("the end of last month", "2016-10")),
        ("Due by the end of next month.", ("the end of next month", "2016-12")),
        ("Back by the end of the week.", ("the end of the week", "2016-W44")),
        ("At the start of the previous year.", ("the start of the previous year", "2015")),
    ],
)
def test_find_the_part_of_a_year_month_or_week(blank: Language, text: str, expected: tuple) -> None:
    assert values(blank, text) == [expected]
