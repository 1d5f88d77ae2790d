"""Tests of how TIMEX3 values are written: XSD where it can, the TIMEX3 value where it cannot."""

from __future__ import annotations

import pytest

from kg.model import Span, TimeExpression, TimeGranularity
from kg.timex import form, placed, xsd_duration


def _expr(value: str, grain: TimeGranularity) -> TimeExpression:
    return TimeExpression(Span(0, 4), value, grain)


@pytest.mark.parametrize(
    ("timex", "xsd"),
    [
        ("P2Y", "P2Y"),
        ("P18M", "P18M"),
        ("PT30M", "PT30M"),
        ("P2W", "P14D"),
        ("P1DE", "P10Y"),
        ("P2CE", "P200Y"),
        ("PXY", None),
        ("PXDE", None),
        ("P", None),
    ],
)
def test_xsd_duration_counts_weeks_in_days_and_decades_in_years(timex, xsd):
    assert xsd_duration(timex) == xsd


def test_form_keeps_timex_value_only_where_xsd_is_not_exact():
    assert form(_expr("2016-11-03", "date")).timex is None
    assert form(_expr("P2Y", "duration")).timex is None
    assert form(_expr("P2W", "duration")).timex == "P2W"
    assert form(_expr("2016-W44", "week")).xsd is None


@pytest.mark.parametrize(
    ("value", "grain", "xsd"),
    [
        ("2016-11-03TMO", "partOfDay", ("date", "2016-11-03")),
        ("2016-SU", "season", ("gYear", "2016")),
        ("2016-Q3", "quarter", ("gYear", "2016")),
        ("2016-11-03T15:00", "clock", ("date", "2016-11-03")),
        ("199", "decade", None),
        ("FUTURE_REF", "reference", None),
    ],
)
def test_form_places_a_timex_value_in_the_period_it_falls_in(value, grain, xsd):
    written = form(_expr(value, grain))
    assert (written.xsd, written.timex) == (xsd, value)


def test_only_references_are_local_and_only_positions_are_placed():
    assert form(_expr("PAST_REF", "reference")).local
    assert not form(_expr("2016-W44", "week")).local
    assert not placed(_expr("P2Y", "duration"))
    assert not placed(_expr("PAST_REF", "reference"))
    assert placed(_expr("2016-W44", "week"))
