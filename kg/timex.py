"""TIMEX3 values -> the forms the graph writes them in (no RDF here: the mapping writes them).

A value XSD can write is written as XSD: a day, month, year or instant as the OWL-Time
position of the time (``time:inXSDDate`` …), an amount of time as ``time:hasXSDDuration``.
A value only TIMEX3 can write (ISO-TimeML, TimeML annotation guidelines 1.2.1, section 2.2)
also keeps its TIMEX3 value: a part of a day ("2008-10-05TMO"), a clock time with no time zone
("2008-10-05T15:00"), a season ("2008-SU") and a quarter ("2008-Q3") with the day or year they
fall in, a week ("2008-W41"), a decade ("199") and the present, past or
future ("PRESENT_REF") with no XSD value, a duration in weeks or decades ("P2W", "P1DE") with
the days or years XSD counts them in, and a vague one ("PXY") with none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kg.model import TimeExpression

XsdKind = Literal["date", "gYearMonth", "gYear", "dateTimeStamp", "duration"]

_XSD_DURATION = re.compile(r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?")
# TIMEX3 units XSD has no designator for, and what XSD counts them in
_SCALED = {"W": (7, "D"), "DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y")}
_SCALED_DURATION = re.compile(r"P(?P<n>\d+)(?P<unit>W|DE|CE|ML)")


@dataclass(frozen=True)
class TimeForm:
    """How one time value is written: its XSD value, its TIMEX3 value, what kind of node."""

    xsd: tuple[XsdKind, str] | None  # the XSD datatype and lexical form, when XSD can write it
    timex: str | None  # the TIMEX3 value, when XSD cannot write it exactly
    duration: bool  # an amount of time (time:Duration), not a position in time
    local: bool  # placed only by the article's own date ("PAST_REF"): a node per article


def form(expression: TimeExpression) -> TimeForm:
    """Return how a time expression's value is written."""
    value, grain = expression.value, expression.granularity
    if grain in ("date", "gYearMonth", "gYear", "dateTimeStamp"):
        return TimeForm((grain, value), None, duration=False, local=False)
    if grain == "duration":
        xsd = xsd_duration(value)
        exact = xsd == value
        return TimeForm(("duration", xsd) if xsd else None, None if exact else value, True, False)
    if grain in ("partOfDay", "clock"):
        return TimeForm(("date", value[:10]), value, duration=False, local=False)
    if grain in ("season", "quarter"):
        return TimeForm(("gYear", value[:4]), value, duration=False, local=False)
    return TimeForm(None, value, duration=False, local=grain == "reference")


def placed(expression: TimeExpression) -> bool:
    """Tell whether a time is a place on the time line (not an amount, not "the past")."""
    return expression.granularity not in ("duration", "reference")


def xsd_duration(value: str) -> str | None:
    """Return a TIMEX3 duration as an xsd:duration ("P2W" -> "P14D"), or None ("PXY")."""
    m = _SCALED_DURATION.fullmatch(value)
    if m is not None:
        factor, unit = _SCALED[m["unit"]]
        return f"P{int(m['n']) * factor}{unit}"
    return value if _XSD_DURATION.fullmatch(value) else None
