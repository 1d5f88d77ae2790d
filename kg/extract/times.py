"""Time expressions: parsed Doc -> ``Annotations.times`` (TIMEX3-like values).

Expressions are found with patterns over the text (dates, months, weekdays, "yesterday",
"last year", "two years ago", ranges such as "March 3-5", bare years the model or a
preposition marks as dates) and resolved against the publication date at the precision the
text gives.  A weekday, a day without a year or a month alone is placed by the tense of its
clause: the most recent one in past tense, the next one in future tense, the nearest one
otherwise.  As in TimeML, expressions relative to the narrative ("the same day", "the
following year", "two days later", "the same month a year ago", "on the 5th") are resolved
against the time last named before them.  Without a publication date only absolute
expressions (and those anchored to them) are kept.  Durations ("two years") and weeks
("last week", which the output datatypes cannot hold) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Doc, Token

from kg.model import Annotations, Span, TimeExpression, TimeGranularity

Tense = Literal["past", "future"] | None

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "due", "set", "intend", "go"})
FUTURE_VERBS = frozenset({"schedule", "plan", "expect"})  # "a hearing has been scheduled"
UNTIL = frozenset({"until", "till", "by"})  # "closed until Friday": the next one

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:1[6-9]|20)\d\d)"
_END = r"(?![\w'’]|[.,]?\d)"  # not followed by more of a word or number
_N = r"(?P<n>\d+|" + "|".join(NUMBERS) + r")"


@dataclass(frozen=True)
class Found:
    """A matched expression and its value."""

    span: Span
    value: str
    granularity: TimeGranularity


@dataclass(frozen=True)
class Context:
    """What a resolver needs besides the match: publication date and the clause's tense."""

    published: date | None
    tense: Tense


Resolver = Callable[[re.Match[str], Context], tuple[str, TimeGranularity] | None]


def find(doc: Doc, ann: Annotations) -> None:
    """Fill ``ann.times`` with the time expressions of the document."""
    # the article's text is the doc's text; ``doc.text`` would rebuild it on every access
    text = ann.article.text
    published = publication_date(ann.article.date_published) or dateline_date(text)
    found = [f for f in candidates(doc, text, published) if f.value]
    kept = choose(found)
    kept = choose(kept + anchored(doc, text, kept, published))
    ann.times += [TimeExpression(f.span, f.value, f.granularity) for f in kept]


def dateline_date(text: str) -> date | None:
    """Return the date of a dateline: a line near the top that holds only a full date."""
    for line in text.split("\n")[:_DATELINE_LINES]:
        for pattern in _FULL_DATES:
            m = pattern.fullmatch(line.strip())
            if m is not None:
                return _safe_date(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    return None


def anchored(doc: Doc, text: str, kept: list[Found], published: date | None) -> list[Found]:
    """Resolve expressions relative to the time last named before them ("the same day",
    "the following year", "a year earlier", "on the 5th"), in text order.

    TimeML anchors these to the reference time of the narrative, not to the publication
    date; an expression resolved here is itself a reference time for the ones after it.
    """
    matches = sorted(
        ((m, resolve) for pattern, resolve in ANCHORED for m in pattern.finditer(text)),
        key=lambda pair: pair[0].start(),
    )
    out: list[Found] = []
    for m, resolve in matches:
        before = sorted((f for f in kept + out if f.span.end <= m.start()), key=lambda f: f.span)
        ctx = Context(published, tense_at(doc, m.start()))
        result = resolve(m, [reference(f) for f in before], ctx)
        if result is not None:
            where = m.span("expr") if "expr" in m.re.groupindex else m.span()
            out.append(Found(Span(*where), *result))
    return out


def publication_date(value: str | None) -> date | None:
    """Parse the ISO date (or date-time) an article was published, if given."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def candidates(doc: Doc, text: str, published: date | None) -> Iterator[Found]:
    """Yield every resolvable match of every pattern in ``text`` (the doc's text)."""
    for pattern, resolve in PATTERNS:
        for m in pattern.finditer(text):
            if not _plausible(doc, m):
                continue
            result = resolve(m, Context(published, tense_at(doc, m.start())))
            if result is not None:
                # a pattern's "expr" group, when it has one, is the expression without its cue
                where = m.span("expr") if "expr" in m.re.groupindex else m.span()
                yield Found(Span(*where), *result)


def choose(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping matches, in text order."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.span.start - f.span.end, f.span.start)):
        if not any(k.span.overlaps(f.span) for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.span)


def _plausible(doc: Doc, m: re.Match[str]) -> bool:
    """Reject bare years the model calls a number, money or quantity."""
    if "bare_year" not in m.re.groupindex:
        return True
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None or not doc.has_annotation("ENT_IOB"):
        return True
    labels = {t.ent_type_ for t in span}
    return not labels & {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}


# -- tense -----------------------------------------------------------------------------------


def tense_at(doc: Doc, char: int) -> Tense:
    """Return the tense of the clause a character belongs to, when the parse tells it."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    verb = _governing_verb(span[0])
    tense = _verb_tense(verb) if verb is not None else None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return "future" if before in UNTIL and tense != "past" else tense


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above a token in the parse."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense:
    """Tell past or future from a verb, its auxiliaries and what governs an infinitive."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in aux):
        return "future"
    if any(a.lower_ == "to" for a in aux) and verb.head.lemma_ in FUTURE_HEADS:
        return "future"
    if verb.lemma_ in FUTURE_VERBS:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    # the present perfect ("has continued ... until Friday") does not place a date
    return None


# -- resolvers -------------------------------------------------------------------------------


def _date(d: date) -> tuple[str, TimeGranularity]:
    return d.isoformat(), "date"


def _month(year: int, month: int) -> tuple[str, TimeGranularity]:
    return f"{year:04d}-{month:02d}", "gYearMonth"


def _year(year: int) -> tuple[str, TimeGranularity]:
    return f"{year:04d}", "gYear"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_date(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "06 November, 2016", "November 24, 2004"."""
    d = _safe_date(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    return _date(d) if d else None


def month_year(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "June 2014"."""
    return _month(int(m["year"]), MONTHS[m["month"]])


def day_month(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "17 October", "June 18": the year from the publication date and the tense."""
    if ctx.published is None:
        return None
    pub = ctx.published
    options = [
        _safe_date(y, MONTHS[m["month"]], int(m["day"]))
        for y in (pub.year - 1, pub.year, pub.year + 1)
    ]
    days = [d for d in options if d is not None]
    if not days:
        return None
    return _date(pick(days, pub, ctx.tense))


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


def month_alone(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "October": the year from the publication date and the tense."""
    if ctx.published is None:
        return None
    month = MONTHS[m["month"]]
    options = [
        date(y, month, 1)
        for y in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1)
    ]
    chosen = pick(options, ctx.published.replace(day=1), ctx.tense)
    return _month(chosen.year, chosen.month)


def relative_month(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "last September", "next March", "this May"."""
    if ctx.published is None:
        return None
    pub, month, which = ctx.published, MONTHS[m["month"]], m["rel"].lower()
    year = pub.year
    if which == "last" and month >= pub.month:
        year -= 1
    elif which == "next" and month <= pub.month:
        year += 1
    return _month(year, month)


def weekday(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "Thursday": the most recent one (past, or tense unknown) or the next one (future);
    "last Monday" is the one before the publication day, "next Monday" the one after it."""
    if ctx.published is None:
        return None
    pub, target = ctx.published, WEEKDAYS.index(m["weekday"])
    rel = (m.groupdict().get("rel") or "").lower()
    if rel in ("last", "this past"):
        return _date(pub - timedelta(days=(pub.weekday() - target) % 7 or 7))
    if rel in ("next", "this coming"):
        return _date(pub + timedelta(days=(target - pub.weekday()) % 7 or 7))
    if ctx.tense == "future":
        return _date(pub + timedelta(days=(target - pub.weekday()) % 7))
    return _date(pub - timedelta(days=(pub.weekday() - target) % 7))


def day_word(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "yesterday", "today", "tomorrow", "tonight"."""
    if ctx.published is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(m["word"].lower(), 0)
    return _date(ctx.published + timedelta(days=shift))


def relative_unit(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "last year", "next month", "this year"."""
    if ctx.published is None:
        return None
    which = m["rel"].lower()
    shift = -1 if which == "last" else 1 if which == "next" else 0
    return _shifted(ctx.published, m["unit"].lower(), shift)


def ago(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "two years ago", "three months ago", "five days ago"."""
    if ctx.published is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"].lower()]
    unit = m["unit"].lower().rstrip("s")
    return _shifted(ctx.published, unit, -n)


def _shifted(pub: date, unit: str, n: int) -> tuple[str, TimeGranularity] | None:
    """Return the day, month or year ``n`` units from the publication date."""
    if unit == "year":
        return _year(pub.year + n)
    if unit == "month":
        months = pub.year * 12 + pub.month - 1 + n
        return _month(months // 12, months % 12 + 1)
    if unit == "day":
        return _date(pub + timedelta(days=n))
    return None


def range_start(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "3" of "3-5 March", "March 3" of "March 3-5, 2009": the first day of a range of days."""
    if int(m["day"]) >= int(m["day2"]):
        return None
    return full_date(m, ctx) if m["year"] else day_month(m, ctx)


def range_end(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "5" of "March 3-5": the last day of a range, in the month and year of the first."""
    if int(m["day"]) >= int(m["day2"]):
        return None
    first = full_date(m, ctx) if m["year"] else day_month(m, ctx)
    if first is None:
        return None
    year, month = (int(p) for p in first[0].split("-")[:2])
    end = _safe_date(year, month, int(m["day2"]))
    return _date(end) if end else None


def year_range_end(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "2011" of "2009-2011": the last year of a range (a range runs forwards)."""
    return bare_year(m, ctx) if int(m["y1"]) < int(m["bare_year"]) else None


def numeric_date(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "7/8/07", "12/25/2008": month first, as English news writes it, unless it cannot be."""
    first, second = int(m["a"]), int(m["b"])
    month, day = (first, second) if first <= 12 else (second, first)
    d = _safe_date(_full_year(m["y"], ctx.published), month, day)
    return _date(d) if d else None


def short_year(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "since '82": the latest such year not after the publication date."""
    return _year(_full_year(m["yy"], ctx.published))


def _full_year(digits: str, published: date | None) -> int:
    """Expand a two-digit year to the latest year with those digits not after publication."""
    if len(digits) == 4:
        return int(digits)
    now = published.year if published else date.today().year
    year = now - now % 100 + int(digits)
    return year - 100 if year > now else year


def year_part(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "the beginning of the year", "the end of last year": the year it is part of."""
    if ctx.published is None:
        return None
    which = m["rel"].lower()
    shift = -1 if which in ("last", "previous") else 1 if which == "next" else 0
    return _year(ctx.published.year + shift)


def bare_year(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "2010" after a preposition or a date word."""
    return _year(int(m["bare_year"]))


def clock_time(m: re.Match[str], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "16:08 UTC": a time stamp on the publication day."""
    if ctx.published is None:
        return None
    return f"{ctx.published.isoformat()}T{int(m['h']):02d}:{m['min']}:00Z", "dateTimeStamp"


# -- resolvers anchored to the time last named -----------------------------------------------

Ref = tuple[date, TimeGranularity]  # a time named earlier: its first day and its precision
AnchoredResolver = Callable[[re.Match[str], list[Ref], Context], tuple[str, TimeGranularity] | None]
_AT_LEAST: dict[str, tuple[TimeGranularity, ...]] = {
    "year": ("gYear", "gYearMonth", "date"),
    "month": ("gYearMonth", "date"),
    "day": ("date",),
}


def reference(f: Found) -> Ref:
    """Return the first day of what a found expression names, and its precision."""
    parts = [int(p) for p in f.value[:10].split("-")]
    month, day = [*parts[1:], 1, 1][:2]
    first = date(parts[0], month, day)
    return first, "date" if f.granularity == "dateTimeStamp" else f.granularity


def _last(refs: list[Ref], unit: str) -> Ref | None:
    """Return the last reference at least as precise as a unit ("year", "month", "day")."""
    fit = [r for r in refs if r[1] in _AT_LEAST[unit]]
    return fit[-1] if fit else None


def same_day(m: re.Match[str], refs: list[Ref], ctx: Context) -> tuple[str, TimeGranularity] | None:
    """ "the day", "the same day": the last day named before it, else the publication date."""
    ref = _last(refs, "day")
    day = ref[0] if ref else ctx.published
    return _date(day) if day else None


def same_period(
    m: re.Match[str], refs: list[Ref], ctx: Context
) -> tuple[str, TimeGranularity] | None:
    """ "the same month a year ago", "the same period last year": the month (or day) last
    named, a year back."""
    unit = m["unit"].lower()
    ref = _last(refs, "day" if unit == "day" else "month")
    if ref is None:
        return None
    first, grain = ref
    back = 1 if m["back"] else 0
    if unit == "month" or grain == "gYearMonth":
        return _month(first.year - back, first.month)
    day = _safe_date(first.year - back, first.month, first.day)
    return _date(day) if day else None


def next_to_reference(
    m: re.Match[str], refs: list[Ref], ctx: Context
) -> tuple[str, TimeGranularity] | None:
    """ "the following day", "the previous year", "the month before": one unit from the time
    last named, else from the publication date."""
    unit = m["unit"].lower()
    ref = _last(refs, unit)
    start = ref[0] if ref else ctx.published
    if start is None:
        return None
    back = m["rel"].lower() in ("previous", "preceding", "prior", "before")
    return _shifted(start, unit, -1 if back else 1)


def units_from_reference(
    m: re.Match[str], refs: list[Ref], ctx: Context
) -> tuple[str, TimeGranularity] | None:
    """ "two years later", "a month earlier": counted from the time last named."""
    unit = m["unit"].lower().rstrip("s")
    ref = _last(refs, unit)
    if ref is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"].lower()]
    return _shifted(ref[0], unit, n if m["dir"].lower() in ("later", "after") else -n)


def day_of_month(
    m: re.Match[str], refs: list[Ref], ctx: Context
) -> tuple[str, TimeGranularity] | None:
    """ "on the 5th": a day of the month last named; after a named day (or the publication
    date) the month around it that the tense points to."""
    ref = _last(refs, "month") or ((ctx.published, "date") if ctx.published else None)
    if ref is None:
        return None
    first, grain = ref
    day = int(m["day"])
    if grain == "gYearMonth":
        only = _safe_date(first.year, first.month, day)
        return _date(only) if only else None
    months = [first.year * 12 + first.month - 1 + k for k in (-1, 0, 1)]
    options = [_safe_date(n // 12, n % 12 + 1, day) for n in months]
    days = [d for d in options if d is not None]
    return _date(pick(days, first, ctx.tense)) if days else None


_REL_WORDS = r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)"
_FULL_DATES = [re.compile(rf"{_D} {_M},? {_Y}"), re.compile(rf"{_M} {_D},? {_Y}")]
_DATELINE_LINES = 5
# "the day" of a report is the day it has just named: "gains on Friday ... ending the day"
_SAME_DAY = re.compile(r"\b[Tt]he (?:same |very )?day\b(?! before\b)")
_TO = r"(?:-|–| to | through | and | until )"  # joins the two ends of a range
_D2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_NOT_RATE = r"(?! ?(?:%|percent\b|per ?cent\b))"
PATTERNS: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(rf"\b{_D} {_M},? {_Y}{_END}"), full_date),
    (re.compile(rf"\b{_M} {_D},? {_Y}{_END}"), full_date),
    # before the day-and-month patterns: a tie in length goes to the earlier pattern
    (re.compile(rf"\b(?P<expr>{_M} {_D}){_TO}{_D2},? {_Y}{_END}"), range_start),
    (re.compile(rf"\b{_M} {_D}{_TO}(?P<expr>{_D2}(?:,? {_Y})?){_END}{_NOT_RATE}"), range_end),
    (re.compile(rf"\b(?P<expr>{_D}){_TO}{_D2} {_M}(?:,? {_Y})?{_END}"), range_start),
    (re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th) of {_M},? {_Y}{_END}"), full_date),
    (re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th) of {_M}(?!\w)"), day_month),
    (
        re.compile(
            r"(?<![\d/.])\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d\d(?:\d\d)?)\b(?![/.]\d)"
        ),
        numeric_date,
    ),
    (
        re.compile(
            r"\b(?:since|in|of|from|until|by|before|after) (?P<expr>['’](?P<yy>\d\d))(?![\w'’])"
        ),
        short_year,
    ),
    (
        re.compile(
            r"\b[Tt]he (?:beginning|start|end|middle) of "
            r"(?P<rel>the|this|last|next|the previous) year\b"
        ),
        year_part,
    ),
    (re.compile(rf"\b{_M},? {_Y}{_END}"), month_year),
    (re.compile(rf"\b{_D} {_M}(?!\w)"), day_month),
    (re.compile(rf"\b{_M} {_D}{_END}"), day_month),
    (
        re.compile(
            r"\b(?P<month>January|February|March|April|June|July|August|September|October"
            r"|November|December)(?![\w'’-]| [A-Z])"
        ),
        month_alone,
    ),
    (
        re.compile(
            r"\b(?:in|In|by|of|since|until|during|early|late|mid|from|to) "
            r"(?P<expr>(?P<month>May))\b"
        ),
        month_alone,
    ),
    (re.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his) {_M}(?!\w)"), relative_month),
    (re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")(?!\w)"), weekday),
    (
        re.compile(
            r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his past|[Tt]his coming) (?P<weekday>"
            + "|".join(WEEKDAYS)
            + r")(?!\w)"
        ),
        weekday,
    ),
    (re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"), day_word),
    (re.compile(rf"\b{_REL_WORDS} (?P<unit>year|month)\b"), relative_unit),
    (re.compile(rf"\b{_N} (?P<unit>years?|months?|days?) ago\b", re.IGNORECASE), ago),
    (
        re.compile(
            r"(?<![$€£\d.,'’/-])\b(?P<bare_year>(?:1[6-9]|20)\d\d)(?![\d%]|s\b|,\d|\.\d|-year)"
        ),
        bare_year,
    ),
    (
        re.compile(
            r"(?<![$€£\d.,'’/-])\b(?P<y1>(?:1[6-9]|20)\d\d)[-–]"
            r"(?P<expr>(?P<bare_year>(?:1[6-9]|20)\d\d))(?![\d%]|s\b|,\d|\.\d|-year)"
        ),
        year_range_end,
    ),
    (
        re.compile(r"\b(?:[Mm]id|[Ee]arly|[Ll]ate)-(?P<bare_year>(?:1[6-9]|20)\d\d)(?![\d%]|s\b)"),
        bare_year,
    ),
    (
        re.compile(r"\b(?P<h>[0-2]?\d):(?P<min>[0-5]\d) ?(?:UTC|GMT)(?: (?P<word>today))?\b"),
        clock_time,
    ),
]
_BACK = r"(?: (?P<back>last year|a year (?:ago|earlier|before)|the (?:previous|prior) year))"
_PUNCT = r"(?=[,.;:)]|$)"  # "the day before." but not "the day before the vote"
ANCHORED: list[tuple[re.Pattern[str], AnchoredResolver]] = [
    (_SAME_DAY, same_day),
    (re.compile(rf"\b[Tt]he same (?P<unit>month)\b{_BACK}?"), same_period),
    # "at the same time" alone is simultaneity, not a time named before
    (re.compile(rf"\b[Tt]he same (?P<unit>day|period|time){_BACK}"), same_period),
    (
        re.compile(
            r"\b[Tt]he (?P<rel>following|previous|preceding|prior) (?P<unit>day|month|year)\b"
        ),
        next_to_reference,
    ),
    (
        re.compile(rf"\b[Tt]he (?P<unit>day|month|year) (?P<rel>before|after){_PUNCT}", re.M),
        next_to_reference,
    ),
    (
        re.compile(
            rf"\b{_N} (?P<unit>years?|months?|days?) "
            rf"(?P<dir>earlier|later|(?:before|after){_PUNCT})",
            re.IGNORECASE | re.M,
        ),
        units_from_reference,
    ),
    (
        re.compile(
            r"\b(?:[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter) "
            r"(?P<expr>the (?P<day>[1-3]?\d)(?:st|nd|rd|th))(?![\w'’-]| \w)"
        ),
        day_of_month,
    ),
]
