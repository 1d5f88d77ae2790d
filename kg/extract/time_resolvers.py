"""Resolvers of time expressions: a pattern's match + the publication date -> a value.

Each resolver returns the TIMEX3-like value and its precision ("date", "gYearMonth",
"gYear", "dateTimeStamp"), or None when the match cannot be placed. Those in
``kg.extract.time_anchors`` resolve against the time last named instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kg.extract.lexicon import Lexicon
from kg.extract.tense import Tense
from kg.model import TimeGranularity

Value = tuple[str, TimeGranularity]


@dataclass(frozen=True)
class Context:
    """What a resolver needs besides the match: publication date, the clause's tense, words."""

    published: date | None
    tense: Tense
    lex: Lexicon


Resolver = Callable[[re.Match[str], Context], Value | None]


def date_value(d: date) -> Value:
    return d.isoformat(), "date"


def month_value(year: int, month: int) -> Value:
    return f"{year:04d}-{month:02d}", "gYearMonth"


def year_value(year: int) -> Value:
    return f"{year:04d}", "gYear"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_date(m: re.Match[str], ctx: Context) -> Value | None:
    """ "06 November, 2016", "November 24, 2004"."""
    d = safe_date(int(m["year"]), ctx.lex.months[m["month"]], int(m["day"]))
    return date_value(d) if d else None


def month_year(m: re.Match[str], ctx: Context) -> Value | None:
    """ "June 2014"."""
    return month_value(int(m["year"]), ctx.lex.months[m["month"]])


def day_month(m: re.Match[str], ctx: Context) -> Value | None:
    """ "17 October", "June 18": the year from the publication date and the tense."""
    if ctx.published is None:
        return None
    pub = ctx.published
    options = [
        safe_date(y, ctx.lex.months[m["month"]], int(m["day"]))
        for y in (pub.year - 1, pub.year, pub.year + 1)
    ]
    days = [d for d in options if d is not None]
    if not days:
        return None
    return date_value(pick(days, pub, ctx.tense))


def pick(options: list[date], pub: date, tense: Tense) -> date:
    """Choose among candidate dates: latest not after ``pub`` (past), earliest not before
    (future), else the nearest."""
    before = [d for d in options if d <= pub]
    after = [d for d in options if d >= pub]
    if tense == "past" and before:
        return max(before)
    if tense == "future" and after:
        return min(after)
    return min(options, key=lambda d: (abs((d - pub).days), d > pub))


def month_alone(m: re.Match[str], ctx: Context) -> Value | None:
    """ "October": the year from the publication date and the tense."""
    if ctx.published is None:
        return None
    month = ctx.lex.months[m["month"]]
    options = [
        date(y, month, 1)
        for y in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1)
    ]
    chosen = pick(options, ctx.published.replace(day=1), ctx.tense)
    return month_value(chosen.year, chosen.month)


def relative_month(m: re.Match[str], ctx: Context) -> Value | None:
    """ "last September", "next March", "this May"."""
    if ctx.published is None:
        return None
    pub, month, which = ctx.published, ctx.lex.months[m["month"]], m["rel"].lower()
    year = pub.year
    if which == "last" and month >= pub.month:
        year -= 1
    elif which == "next" and month <= pub.month:
        year += 1
    return month_value(year, month)


def weekday(m: re.Match[str], ctx: Context) -> Value | None:
    """ "Thursday": the most recent one (past, or tense unknown) or the next one (future);
    "last Monday" is the one before the publication day, "next Monday" the one after it."""
    if ctx.published is None:
        return None
    pub, target = ctx.published, ctx.lex.weekdays.index(m["weekday"])
    rel = (m.groupdict().get("rel") or "").lower()
    if rel in ("last", "this past"):
        return date_value(pub - timedelta(days=(pub.weekday() - target) % 7 or 7))
    if rel in ("next", "this coming"):
        return date_value(pub + timedelta(days=(target - pub.weekday()) % 7 or 7))
    if ctx.tense == "future":
        return date_value(pub + timedelta(days=(target - pub.weekday()) % 7))
    return date_value(pub - timedelta(days=(pub.weekday() - target) % 7))


def day_word(m: re.Match[str], ctx: Context) -> Value | None:
    """ "yesterday", "today", "tomorrow", "tonight"."""
    if ctx.published is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(m["word"].lower(), 0)
    return date_value(ctx.published + timedelta(days=shift))


def relative_unit(m: re.Match[str], ctx: Context) -> Value | None:
    """ "last year", "next month", "this year"."""
    if ctx.published is None:
        return None
    which = m["rel"].lower()
    shift = -1 if which == "last" else 1 if which == "next" else 0
    return shifted(ctx.published, m["unit"].lower(), shift)


def ago(m: re.Match[str], ctx: Context) -> Value | None:
    """ "two years ago", "three months ago", "five days ago"."""
    if ctx.published is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else ctx.lex.time_counts[m["n"].lower()]
    unit = m["unit"].lower().rstrip("s")
    return shifted(ctx.published, unit, -n)


def shifted(pub: date, unit: str, n: int) -> Value | None:
    """Return the day, month or year ``n`` units from the publication date."""
    if unit == "year":
        return year_value(pub.year + n)
    if unit == "month":
        months = pub.year * 12 + pub.month - 1 + n
        return month_value(months // 12, months % 12 + 1)
    if unit == "day":
        return date_value(pub + timedelta(days=n))
    return None


def range_start(m: re.Match[str], ctx: Context) -> Value | None:
    """ "3" of "3-5 March", "March 3" of "March 3-5, 2009": the first day of a range of days."""
    if int(m["day"]) >= int(m["day2"]):
        return None
    return full_date(m, ctx) if m["year"] else day_month(m, ctx)


def range_end(m: re.Match[str], ctx: Context) -> Value | None:
    """ "5" of "March 3-5": the last day of a range, in the month and year of the first."""
    if int(m["day"]) >= int(m["day2"]):
        return None
    first = full_date(m, ctx) if m["year"] else day_month(m, ctx)
    if first is None:
        return None
    year, month = (int(p) for p in first[0].split("-")[:2])
    end = safe_date(year, month, int(m["day2"]))
    return date_value(end) if end else None


def year_range_end(m: re.Match[str], ctx: Context) -> Value | None:
    """ "2011" of "2009-2011": the last year of a range (a range runs forwards)."""
    return bare_year(m, ctx) if int(m["y1"]) < int(m["bare_year"]) else None


def numeric_date(m: re.Match[str], ctx: Context) -> Value | None:
    """ "7/8/07", "12/25/2008": month first, as English news writes it, unless it cannot be."""
    first, second = int(m["a"]), int(m["b"])
    month, day = (first, second) if first <= 12 else (second, first)
    d = safe_date(_full_year(m["y"], ctx.published), month, day)
    return date_value(d) if d else None


def short_year(m: re.Match[str], ctx: Context) -> Value | None:
    """ "since '82": the latest such year not after the publication date."""
    return year_value(_full_year(m["yy"], ctx.published))


def _full_year(digits: str, published: date | None) -> int:
    """Expand a two-digit year to the latest year with those digits not after publication."""
    if len(digits) == 4:
        return int(digits)
    now = published.year if published else date.today().year
    year = now - now % 100 + int(digits)
    return year - 100 if year > now else year


def year_part(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the beginning of the year", "the end of last month", "the end of the week": the
    year, month or ISO week it is part of."""
    if ctx.published is None:
        return None
    which = m["rel"].lower()
    shift = -1 if which in ("last", "the previous") else 1 if which == "next" else 0
    unit = m["unit"].lower()
    if unit == "week":
        year, week, _ = (ctx.published + timedelta(weeks=shift)).isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    return shifted(ctx.published, unit, shift)


def bare_year(m: re.Match[str], ctx: Context) -> Value | None:
    """ "2010" after a preposition or a date word."""
    return year_value(int(m["bare_year"]))


def clock_time(m: re.Match[str], ctx: Context) -> Value | None:
    """ "16:08 UTC": a time stamp on the publication day."""
    if ctx.published is None:
        return None
    return f"{ctx.published.isoformat()}T{int(m['h']):02d}:{m['min']}:00Z", "dateTimeStamp"
