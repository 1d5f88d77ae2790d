"""Resolvers anchored to the time last named: "the same day", "the following year", "on the 5th".

TimeML anchors these to the reference time of the narrative, not to the publication date; an
expression resolved here is itself a reference time for the ones after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kg.extract.time_resolvers import (
    Context,
    Value,
    date_value,
    month_value,
    pick,
    safe_date,
    shifted,
)
from kg.model import Span, TimeGranularity


@dataclass(frozen=True)
class Found:
    """A matched expression and its value."""

    span: Span
    value: str
    granularity: TimeGranularity


Ref = tuple[date, TimeGranularity]  # a time named earlier: its first day and its precision


AnchoredResolver = Callable[[re.Match[str], list[Ref], Context], Value | None]


# the precision at which a time found is a reference for those after it
_AS_REFERENCE: dict[TimeGranularity, TimeGranularity] = {
    "date": "date",
    "gYearMonth": "gYearMonth",
    "gYear": "gYear",
    "dateTimeStamp": "date",
    "partOfDay": "date",
    "clock": "date",
    "season": "gYear",
    "quarter": "gYear",
}

_AT_LEAST: dict[str, tuple[TimeGranularity, ...]] = {
    "year": ("gYear", "gYearMonth", "date"),
    "month": ("gYearMonth", "date"),
    "day": ("date",),
}


def reference(f: Found) -> Ref | None:
    """Return the first day of what a found expression names, and its precision; None for
    what names no day, month or year ("last week", "two years", "recently")."""
    grain = _AS_REFERENCE.get(f.granularity)
    if grain is None:
        return None
    parts = [int(p) for p in f.value[:10].split("-")] if grain != "gYear" else [int(f.value[:4])]
    month, day = [*parts[1:], 1, 1][:2]
    return date(parts[0], month, day), grain


def _last(refs: list[Ref], unit: str) -> Ref | None:
    """Return the last reference at least as precise as a unit ("year", "month", "day")."""
    fit = [r for r in refs if r[1] in _AT_LEAST[unit]]
    return fit[-1] if fit else None


def same_day(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "the day", "the same day": the last day named before it, else the publication date."""
    ref = _last(refs, "day")
    day = ref[0] if ref else ctx.published
    return date_value(day) if day else None


def same_period(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "the same month a year ago", "the same period last year": the month (or day) last
    named, a year back."""
    unit = m["unit"].lower()
    ref = _last(refs, "day" if unit == "day" else "month")
    if ref is None:
        return None
    first, grain = ref
    back = 1 if m["back"] else 0
    if unit == "month" or grain == "gYearMonth":
        return month_value(first.year - back, first.month)
    day = safe_date(first.year - back, first.month, first.day)
    return date_value(day) if day else None


def next_to_reference(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "the following day", "the previous year", "the month before": one unit from the time
    last named, else from the publication date."""
    unit = m["unit"].lower()
    ref = _last(refs, unit)
    start = ref[0] if ref else ctx.published
    if start is None:
        return None
    back = m["rel"].lower() in ("previous", "preceding", "prior", "before")
    return shifted(start, unit, -1 if back else 1)


def units_from_reference(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "two years later", "a month earlier": counted from the time last named."""
    unit = m["unit"].lower().rstrip("s")
    ref = _last(refs, unit)
    if ref is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else ctx.lex.time_counts[m["n"].lower()]
    return shifted(ref[0], unit, n if m["dir"].lower() in ("later", "after") else -n)


def day_of_month(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "on the 5th": a day of the month last named; after a named day (or the publication
    date) the month around it that the tense points to."""
    ref = _last(refs, "month") or ((ctx.published, "date") if ctx.published else None)
    if ref is None:
        return None
    first, grain = ref
    day = int(m["day"])
    if grain == "gYearMonth":
        only = safe_date(first.year, first.month, day)
        return date_value(only) if only else None
    months = [first.year * 12 + first.month - 1 + k for k in (-1, 0, 1)]
    options = [safe_date(n // 12, n % 12 + 1, day) for n in months]
    days = [d for d in options if d is not None]
    return date_value(pick(days, first, ctx.tense)) if days else None


def part_of_day(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "in morning trading", "late in the afternoon": a part of the day last named, else of
    the publication day."""
    ref = _last(refs, "day")
    day = ref[0] if ref else ctx.published
    if day is None:
        return None
    return f"{day.isoformat()}T{ctx.lex.day_parts[m['part'].lower()]}", "partOfDay"


def clock(m: re.Match[str], refs: list[Ref], ctx: Context) -> Value | None:
    """ "at 3 p.m.", "10:30 am": a time on the day last named, else on the publication day;
    with no time zone, the clock reading TIMEX3 writes ("2008-10-05T15:00")."""
    ref = _last(refs, "day")
    day = ref[0] if ref else ctx.published
    hour = int(m["h"]) % 12 + (12 if m["ampm"].lower() == "p" else 0)
    if day is None or hour > 23:
        return None
    return f"{day.isoformat()}T{hour:02d}:{m['min'] or '00'}", "clock"
