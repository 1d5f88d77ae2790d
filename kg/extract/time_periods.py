"""Resolvers of the times TIMEX3 writes and XSD does not: a pattern's match -> a TIMEX3 value.

Amounts of time ("two years" P2Y, "several weeks" PXW), the present, past and future of the
article ("currently" PRESENT_REF), ISO 8601 weeks and weekends ("last week" 2016-W43),
seasons ("last summer" 2016-SU), quarters ("the third quarter of 2008" 2008-Q3), decades
("the 1990s" 199) and parts of days ("Monday morning" 2016-10-31TMO), after the TimeML
annotation guidelines 1.2.1 (section 2.2). The units, codes and words are the lexicon's
(``time_units``, ``day_parts``, ``seasons``, ``quarter_words``, ``time_references``); a season
or weekend with no year is placed by the clause's tense.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.time_resolvers import Context, Value, weekday

_FOLLOWING = ("next", "this coming", "the coming", "the following")
_PRECEDING = ("last", "this past", "the past", "the previous")
_ADJECTIVES = ("current", "recent")


def count(m: re.Match[str], ctx: Context) -> int:
    """Return the number a match's "n" group writes, in digits or words (one if it has none)."""
    n = m.groupdict().get("n") or "1"
    return int(n) if n.isdigit() else ctx.lex.time_counts[n.lower()]


def _duration(n: int | str, code: str) -> str:
    """Write a TIMEX3 duration: "P2Y", "PT30M" (units under a day after "T"), "PXW"."""
    return f"PT{n}{code[1:]}" if code.startswith("T") else f"P{n}{code}"


def _unit_code(m: re.Match[str], ctx: Context) -> str:
    return ctx.lex.time_units[m["unit"].lower()]


def duration(m: re.Match[str], ctx: Context) -> Value | None:
    """ "two years", "18 months", "a 12-year", "thirty minutes": a counted amount of time."""
    n = count(m, ctx)
    return (_duration(n, _unit_code(m, ctx)), "duration") if n > 0 else None


def years_between(m: re.Match[str], ctx: Context) -> Value | None:
    """ "from 2009 to 2011", "between 2014 and 2016": the years from one to the other (P2Y)."""
    years = int(m["y2"]) - int(m["y1"] or m["y1b"])
    return (f"P{years}Y", "duration") if years > 0 else None


def vague_duration(m: re.Match[str], ctx: Context) -> Value | None:
    """ "several years", "for decades", "over the years": an amount of time of unsaid length."""
    return _duration("X", _unit_code(m, ctx)), "duration"


def present_past_future(m: re.Match[str], ctx: Context) -> Value | None:
    """ "currently", "recently", "in the future": the article's present, past or future;
    "current" and "recent" only before a noun ("the current crisis")."""
    ref = " ".join(m["ref"].lower().split())
    if ref in _ADJECTIVES and not re.match(r" [a-z]", m.string[m.end() : m.end() + 2]):
        return None
    return ctx.lex.time_references[ref], "reference"


def iso_week(d: date, weekend: bool = False) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")


def week(m: re.Match[str], ctx: Context) -> Value | None:
    """ "last week", "this week", "next week", "the weekend": the ISO week around the
    publication date; a weekend with no "last" or "next" is the one the tense points to."""
    if ctx.published is None:
        return None
    pub, rel = ctx.published, " ".join((m["rel"] or "").lower().split())
    weekend = m["week"].lower() == "weekend"
    if rel in _PRECEDING:
        return iso_week(pub - timedelta(days=7), weekend), "week"
    if rel in _FOLLOWING:
        return iso_week(pub + timedelta(days=7), weekend), "week"
    if not weekend:
        # "the week" alone is the rest of a week named before, or an amount of time
        return (iso_week(pub), "week") if rel == "this" else None
    if pub.weekday() < 5:
        # on a weekday: the weekend just past in the past tense, the coming one in the future;
        # "this weekend" with no tense is the coming one, "the weekend" the one just past
        ahead = ctx.tense == "future" or (rel == "this" and ctx.tense is None)
        return iso_week(pub if ahead else pub - timedelta(days=7), weekend), "week"
    return iso_week(pub, weekend), "week"


def weeks_ago(m: re.Match[str], ctx: Context) -> Value | None:
    """ "two weeks ago": the ISO week that many weeks before the publication date."""
    if ctx.published is None:
        return None
    return iso_week(ctx.published - timedelta(weeks=count(m, ctx))), "week"


def day_part(m: re.Match[str], ctx: Context) -> Value | None:
    """ "this morning", "tonight", "last night", "yesterday afternoon", "Monday evening"."""
    if ctx.published is None:
        return None
    day = _day_of_part(m, ctx)
    if day is None:
        return None
    part = (m["part"] or "night").lower()  # "tonight"
    return f"{day}T{ctx.lex.day_parts[part]}", "partOfDay"


def _day_of_part(m: re.Match[str], ctx: Context) -> str | None:
    assert ctx.published is not None
    if m["weekday"]:
        found = weekday(m, ctx)
        return found[0] if found else None
    shift = {"yesterday": -1, "last": -1, "tomorrow": 1}.get((m["rel"] or "").lower(), 0)
    return (ctx.published + timedelta(days=shift)).isoformat()


def season(m: re.Match[str], ctx: Context) -> Value | None:
    """ "last summer", "the autumn of 2008", "Autumn": a season, by the year it begins in."""
    word = m["season"].lower()
    code, month = ctx.lex.seasons[word]
    if m["year"]:
        return f"{m['year']}-{code}", "season"
    if ctx.published is None or _names_a_thing(m):
        return None
    rel = (m["rel"] or "").lower()
    if word == "fall" and not rel:
        return None  # "the fall of Mosul" is no season
    starts = [date(y, month, 1) for y in range(ctx.published.year - 2, ctx.published.year + 2)]
    year = _season_year(starts, ctx, rel)
    return f"{year:04d}-{code}", "season"


def _season_year(starts: list[date], ctx: Context, rel: str) -> int:
    """Return the year of the season meant: before, around or after the publication date."""
    pub = ctx.published
    assert pub is not None
    ended = [s for s in starts if _plus_months(s, 3) <= pub]
    begun = [s for s in starts if s <= pub]
    ahead = [s for s in starts if _plus_months(s, 3) > pub]
    if rel == "last":
        return ended[-1].year
    if rel == "next":
        return next(s for s in starts if s > pub).year
    if ctx.tense == "future":
        return ahead[0].year
    return begun[-1].year


def _plus_months(d: date, months: int) -> date:
    n = d.year * 12 + d.month - 1 + months
    return date(n // 12, n % 12 + 1, 1)


def _names_a_thing(m: re.Match[str]) -> bool:
    """Tell a season that is part of a name ("the Arab Spring") by the capital before it."""
    head, _, before = m.string[: m.start("season")].rstrip().rpartition(" ")
    starts_sentence = not head.rstrip() or head.rstrip()[-1] in '.!?"\n'
    return m["season"][0].isupper() and before[:1].isupper() and not starts_sentence


def decade(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the 1990s", "the '80s", "the 70s": a decade, written as TIMEX3 does ("199")."""
    if m["century"]:
        return f"{m['century']}{m['decade']}", "decade"
    now = ctx.published.year if ctx.published else date.today().year
    start = now - now % 100 + int(m["decade"]) * 10
    start = start - 100 if start > now else start
    return f"{start // 10:03d}", "decade"


def relative_decade(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the past decade", "this decade", "the next decade": the decade before, of or after
    the publication year."""
    if ctx.published is None:
        return None
    rel = " ".join(m["rel"].lower().split())
    shift = -1 if rel in _PRECEDING else 1 if rel in _FOLLOWING else 0
    return f"{ctx.published.year // 10 + shift:03d}", "decade"


def quarter(m: re.Match[str], ctx: Context) -> Value | None:
    """ "the third quarter of 2008", "Q1 2009", "the second half of this year", "last quarter":
    a quarter or half of a year."""
    g = m.groupdict()
    if g.get("qrel"):
        return (
            (_quarter_from(ctx.published, g["qrel"].lower()), "quarter") if ctx.published else None
        )
    half = (g.get("part") or "").lower() == "half"
    number = int(g["qn"]) if g.get("qn") else ctx.lex.quarter_words[g["ord"].lower()]
    if half and number > 2:
        return None
    if g.get("year"):
        year = int(g["year"])
    elif ctx.published is None:
        return None
    else:
        rel = (g.get("yrel") or "this").lower()
        year = ctx.published.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
    return f"{year:04d}-{'H' if half else 'Q'}{number}", "quarter"


def _quarter_from(pub: date, rel: str) -> str:
    """ "last quarter", "this quarter", "next quarter": a quarter from the publication date's."""
    n = pub.year * 4 + (pub.month - 1) // 3 + (-1 if rel == "last" else 1 if rel == "next" else 0)
    return f"{n // 4:04d}-Q{n % 4 + 1}"
