"""Time expressions: parsed Doc -> ``Annotations.times`` (TIMEX3-like values).

Expressions are found with patterns over the text (dates, months, weekdays, "yesterday",
"last year", "two years ago", bare years the model or a preposition marks as dates) and
resolved against the publication date at the precision the text gives.  A weekday, a day
without a year or a month alone is placed by the tense of its clause: the most recent one in
past tense, the next one in future tense, the nearest one otherwise.  Without a publication
date only absolute expressions are kept.  Durations ("two years") and weeks ("last week",
which the output datatypes cannot hold) are left out.
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
    published = publication_date(ann.article.date_published) or dateline_date(doc.text)
    found = [f for f in candidates(doc, published) if f.value]
    kept = choose(found)
    kept = choose(kept + same_days(doc.text, kept, published))
    ann.times += [TimeExpression(f.span, f.value, f.granularity) for f in kept]


def dateline_date(text: str) -> date | None:
    """Return the date of a dateline: a line near the top that holds only a full date."""
    for line in text.split("\n")[:_DATELINE_LINES]:
        for pattern in _FULL_DATES:
            m = pattern.fullmatch(line.strip())
            if m is not None:
                return _safe_date(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    return None


def same_days(text: str, kept: list[Found], published: date | None) -> list[Found]:
    """Resolve "the day", "the same day" to the last day named before it (else publication)."""
    out: list[Found] = []
    for m in _SAME_DAY.finditer(text):
        days = [f for f in kept if f.granularity == "date" and f.span.end <= m.start()]
        value = days[-1].value if days else published.isoformat() if published else None
        if value is not None:
            out.append(Found(Span(*m.span()), value, "date"))
    return out


def publication_date(value: str | None) -> date | None:
    """Parse the ISO date (or date-time) an article was published, if given."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def candidates(doc: Doc, published: date | None) -> Iterator[Found]:
    """Yield every resolvable match of every pattern."""
    for pattern, resolve in PATTERNS:
        for m in pattern.finditer(doc.text):
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
    """ "Thursday": the most recent one (past, or tense unknown) or the next one (future)."""
    if ctx.published is None:
        return None
    pub, target = ctx.published, WEEKDAYS.index(m["weekday"])
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
    """ "last year", "next month", "this year", "the previous year"."""
    if ctx.published is None:
        return None
    which = m["rel"].lower().removeprefix("the ")
    shift = -1 if which in ("last", "previous") else 1 if which in ("next", "following") else 0
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


_REL_WORDS = r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Tt]he previous|[Tt]he following)"
_FULL_DATES = [re.compile(rf"{_D} {_M},? {_Y}"), re.compile(rf"{_M} {_D},? {_Y}")]
_DATELINE_LINES = 5
# "the day" of a report is the day it has just named: "gains on Friday ... ending the day"
_SAME_DAY = re.compile(r"\b[Tt]he (?:same |very )?day\b(?! before\b)")
PATTERNS: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(rf"\b{_D} {_M},? {_Y}{_END}"), full_date),
    (re.compile(rf"\b{_M} {_D},? {_Y}{_END}"), full_date),
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
        re.compile(r"\b(?P<h>[0-2]?\d):(?P<min>[0-5]\d) ?(?:UTC|GMT)(?: (?P<word>today))?\b"),
        clock_time,
    ),
]
