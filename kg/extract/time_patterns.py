"""The patterns of time expressions, built from the lexicon's month, weekday and count words.

``compile_patterns(lex)`` returns the patterns resolved against the publication date, those
resolved against the time last named, and the full dates a dateline may hold. A pattern's
"expr" group, when it has one, is the expression without its cue ("in '82" -> "'82").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract import time_anchors as anchors
from kg.extract import time_periods as per
from kg.extract import time_resolvers as res
from kg.extract.lexicon import Lexicon

_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:1[6-9]|20)\d\d)"
_END = r"(?![\w'’]|[.,]?\d)"  # not followed by more of a word or number
_REL_WORDS = r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)"
# "the day" of a report is the day it has just named: "gains on Friday ... ending the day"
_SAME_DAY = re.compile(r"\b[Tt]he (?:same |very )?day\b(?! before\b)")
_TO = r"(?:-|–| to | through | and | until )"  # joins the two ends of a range
_D2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_NOT_RATE = r"(?! ?(?:%|percent\b|per ?cent\b))"
_BACK = r"(?: (?P<back>last year|a year (?:ago|earlier|before)|the (?:previous|prior) year))"
_PUNCT = r"(?=[,.;:)]|$)"  # "the day before." but not "the day before the vote"


@dataclass(frozen=True)
class TimePatterns:
    """The compiled patterns and their resolvers."""

    dated: list[tuple[re.Pattern[str], res.Resolver]]
    anchored: list[tuple[re.Pattern[str], anchors.AnchoredResolver]]
    full_dates: list[re.Pattern[str]]
    # the amounts of time between two times named ("from 2009 to 2011" P2Y): kept beside them
    spans: list[tuple[re.Pattern[str], res.Resolver]]


@functools.lru_cache(maxsize=8)
def compile_patterns(lex: Lexicon) -> TimePatterns:
    """Compile the patterns over one lexicon's words (once per lexicon)."""
    month_re = r"(?P<month>" + "|".join(sorted(lex.months, key=len, reverse=True)) + r")\.?"
    count_re = r"(?P<n>\d+|" + "|".join(lex.time_counts) + r")"
    weekdays = "|".join(lex.weekdays)
    return TimePatterns(
        _dated(month_re, count_re, weekdays) + _periods(lex, count_re, weekdays),
        _anchored(count_re) + _anchored_periods(lex),
        [re.compile(rf"{_D} {month_re},? {_Y}"), re.compile(rf"{month_re} {_D},? {_Y}")],
        [
            (
                re.compile(
                    r"\b(?:[Ff]rom (?P<y1>(?:1[6-9]|20)\d\d) (?:to|until|through)"
                    r"|[Bb]etween (?P<y1b>(?:1[6-9]|20)\d\d) and) (?P<y2>(?:1[6-9]|20)\d\d)\b"
                    r"(?![\d%]|s\b)"
                ),
                per.years_between,
            )
        ],
    )


def _dated(
    month_re: str, count_re: str, weekdays: str
) -> list[tuple[re.Pattern[str], res.Resolver]]:
    return [
        (re.compile(rf"\b{_D} {month_re},? {_Y}{_END}"), res.full_date),
        (re.compile(rf"\b{month_re} {_D},? {_Y}{_END}"), res.full_date),
        # before the day-and-month patterns: a tie in length goes to the earlier pattern
        (re.compile(rf"\b(?P<expr>{month_re} {_D}){_TO}{_D2},? {_Y}{_END}"), res.range_start),
        (
            re.compile(rf"\b{month_re} {_D}{_TO}(?P<expr>{_D2}(?:,? {_Y})?){_END}{_NOT_RATE}"),
            res.range_end,
        ),
        (re.compile(rf"\b(?P<expr>{_D}){_TO}{_D2} {month_re}(?:,? {_Y})?{_END}"), res.range_start),
        (
            re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th) of {month_re},? {_Y}{_END}"),
            res.full_date,
        ),
        (re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th) of {month_re}(?!\w)"), res.day_month),
        (
            re.compile(
                r"(?<![\d/.])\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d\d(?:\d\d)?)\b(?![/.]\d)"
            ),
            res.numeric_date,
        ),
        (
            re.compile(
                r"\b(?:since|in|of|from|until|by|before|after) (?P<expr>['’](?P<yy>\d\d))(?![\w'’])"
            ),
            res.short_year,
        ),
        (
            re.compile(
                r"\b[Tt]he (?:beginning|start|end|middle) of "
                r"(?P<rel>the|this|last|next|the previous) (?P<unit>year|month|week)\b"
            ),
            res.year_part,
        ),
        (re.compile(rf"\b{month_re},? {_Y}{_END}"), res.month_year),
        (re.compile(rf"\b{_D} {month_re}(?!\w)"), res.day_month),
        (re.compile(rf"\b{month_re} {_D}{_END}"), res.day_month),
        (
            re.compile(
                r"\b(?P<month>January|February|March|April|June|July|August|September|October"
                r"|November|December)(?![\w'’-]| [A-Z])"
            ),
            res.month_alone,
        ),
        (
            re.compile(
                r"\b(?:in|In|by|of|since|until|during|early|late|mid|from|to) "
                r"(?P<expr>(?P<month>May))\b"
            ),
            res.month_alone,
        ),
        (re.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his) {month_re}(?!\w)"), res.relative_month),
        (re.compile(r"\b(?P<weekday>" + weekdays + r")(?!\w)"), res.weekday),
        (
            re.compile(
                r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his past|[Tt]his coming) (?P<weekday>"
                + weekdays
                + r")(?!\w)"
            ),
            res.weekday,
        ),
        (re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow)\b"), res.day_word),
        (re.compile(rf"\b{_REL_WORDS} (?P<unit>year|month)\b"), res.relative_unit),
        (re.compile(rf"\b{count_re} (?P<unit>years?|months?|days?) ago\b", re.IGNORECASE), res.ago),
        (
            re.compile(
                r"(?<![$€£\d.,'’/-])\b(?P<bare_year>(?:1[6-9]|20)\d\d)(?![\d%]|s\b|,\d|\.\d|-year)"
            ),
            res.bare_year,
        ),
        (
            re.compile(
                r"(?<![$€£\d.,'’/-])\b(?P<y1>(?:1[6-9]|20)\d\d)[-–]"
                r"(?P<expr>(?P<bare_year>(?:1[6-9]|20)\d\d))(?![\d%]|s\b|,\d|\.\d|-year)"
            ),
            res.year_range_end,
        ),
        (
            re.compile(
                r"\b(?:[Mm]id|[Ee]arly|[Ll]ate)-(?P<bare_year>(?:1[6-9]|20)\d\d)(?![\d%]|s\b)"
            ),
            res.bare_year,
        ),
        (
            re.compile(r"\b(?P<h>[0-2]?\d):(?P<min>[0-5]\d) ?(?:UTC|GMT)(?: (?P<word>today))?\b"),
            res.clock_time,
        ),
    ]


def _anchored(count_re: str) -> list[tuple[re.Pattern[str], anchors.AnchoredResolver]]:
    return [
        (_SAME_DAY, anchors.same_day),
        (re.compile(rf"\b[Tt]he same (?P<unit>month)\b{_BACK}?"), anchors.same_period),
        # "at the same time" alone is simultaneity, not a time named before
        (re.compile(rf"\b[Tt]he same (?P<unit>day|period|time){_BACK}"), anchors.same_period),
        (
            re.compile(
                r"\b[Tt]he (?P<rel>following|previous|preceding|prior) (?P<unit>day|month|year)\b"
            ),
            anchors.next_to_reference,
        ),
        (
            re.compile(rf"\b[Tt]he (?P<unit>day|month|year) (?P<rel>before|after){_PUNCT}", re.M),
            anchors.next_to_reference,
        ),
        (
            re.compile(
                rf"\b{count_re} (?P<unit>years?|months?|days?) "
                rf"(?P<dir>earlier|later|(?:before|after){_PUNCT})",
                re.IGNORECASE | re.M,
            ),
            anchors.units_from_reference,
        ),
        (
            re.compile(
                r"\b(?:[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter) "
                r"(?P<expr>the (?P<day>[1-3]?\d)(?:st|nd|rd|th))(?![\w'’-]| \w)"
            ),
            anchors.day_of_month,
        ),
    ]


def _alternatives(words: Iterable[str]) -> str:
    """Return a regex alternation of words, longest first, spaces as any run of spaces."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _periods(
    lex: Lexicon, count_re: str, weekdays: str
) -> list[tuple[re.Pattern[str], res.Resolver]]:
    """The durations, references, weeks, seasons, decades and parts of days (TIMEX3 values)."""
    units = _alternatives(lex.time_units)
    unit_re = rf"(?P<unit>{units})s?"
    parts = _alternatives(lex.day_parts)
    seasons = _alternatives(lex.seasons)
    ordinals = _alternatives(lex.quarter_words)
    lead = r"(?:[Tt]he (?:next|past|last|previous|coming|following|first|final) )?"
    # "two years", "18 months", "a 12-year", "six straight days"; not "two years ago" or "a
    # year earlier", which say when
    counted = (
        rf"(?<![\d.,$€£])\b{lead}{count_re}(?: (?:straight|consecutive|successive|full|whole))?"
        rf"[ -]{unit_re}\b(?! (?:ago|earlier|later)\b)"
    )
    vague = _alternatives(lex.vague_time_counts)
    plural = rf"(?P<unit>{units})s"
    return [
        (re.compile(counted, re.IGNORECASE), per.duration),
        # "the past year", "the next month": one unit up to or from now ("last year" is a date,
        # "the past decade" the decade before this one)
        (
            re.compile(r"\b[Tt]he (?:past|next|coming) (?P<unit>year|month|week|day)\b"),
            per.duration,
        ),
        (re.compile(rf"\b(?:{vague}) {plural}\b", re.IGNORECASE), per.vague_duration),
        (
            re.compile(
                rf"\b(?:[Ff]or|[Oo]ver|[Ii]n) (?P<expr>(?:the (?:past )?)?{plural})\b"
                r"(?! (?:of|ago|later|earlier|before|after|to come)\b)"
            ),
            per.vague_duration,
        ),
        (re.compile(rf"\b{plural}-long\b", re.IGNORECASE), per.vague_duration),
        (
            re.compile(
                rf"(?<![\w-])(?P<ref>{_alternatives(lex.time_references)})(?![\w-])"
                # "as soon as", "shortly after the vote", "the future of the party", "the
                # past two years": no time of their own; "current", "recent" before a noun
                rf"(?<!\bas soon)(?! as\b| after\b| before\b| of\b| (?:\d|few|several|{units}))",
                re.IGNORECASE,
            ),
            per.present_past_future,
        ),
        (
            re.compile(
                r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his past|[Tt]his coming|[Tt]his|[Tt]he past"
                r"|[Tt]he coming|[Tt]he) (?P<week>weekend|week)\b"
            ),
            per.week,
        ),
        (re.compile(rf"\b{count_re} weeks? ago\b", re.IGNORECASE), per.weeks_ago),
        (
            re.compile(
                r"\b(?:(?P<rel>[Tt]his|[Yy]esterday|[Tt]omorrow|[Ll]ast) "
                rf"|(?P<weekday>{weekdays}) )"
                rf"(?P<part>{parts})\b|\b(?P<tonight>[Tt]onight)\b"
            ),
            per.day_part,
        ),
        (
            re.compile(
                rf"(?:\b(?P<rel>last|this|next|early|late|mid-?) |\b)"
                rf"(?P<season>(?i:{seasons}))\b(?:(?: of)? (?P<year>(?:1[6-9]|20)\d\d)\b)?"
            ),
            per.season,
        ),
        (
            re.compile(
                r"\b(?:[Tt]he |[Ee]arly |[Ll]ate |[Mm]id-)?(?P<expr>(?P<century>1[6-9]|20)"
                r"(?P<decade>\d)0s)\b"
            ),
            per.decade,
        ),
        (
            re.compile(
                r"(?:\b(?:[Tt]he|and|or|to) |(?<=\s)(?=['’]))(?P<expr>(?P<century>)['’]?"
                r"(?P<decade>[1-9])0s)\b"
            ),
            per.decade,
        ),
        (
            re.compile(r"\b(?P<rel>[Tt]he (?:past|last|previous|next|coming)|[Tt]his) decade\b"),
            per.relative_decade,
        ),
        # a quarter or half of a year named with its year: "in the first half" alone is as
        # often a match's as a year's
        (
            re.compile(
                rf"\b(?:[Tt]he )?(?P<ord>{ordinals})[ -](?P<part>quarter|half)"
                rf"(?:,? (?:of )?(?:{_Y}|(?P<yrel>this|last|next) year)\b| of the year\b)"
            ),
            per.quarter,
        ),
        (re.compile(rf"\bQ(?P<qn>[1-4]) {_Y}\b"), per.quarter),
        (re.compile(r"\b(?P<qrel>[Ll]ast|[Tt]his|[Nn]ext) quarter\b"), per.quarter),
    ]


def _anchored_periods(lex: Lexicon) -> list[tuple[re.Pattern[str], anchors.AnchoredResolver]]:
    parts = _alternatives(p for p in lex.day_parts if p != "night")  # "at night" is any night
    return [
        (
            re.compile(
                r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))? ?(?P<ampm>[AaPp])\.?[Mm]\.?"
                r"(?![\w'’])"
            ),
            anchors.clock,
        ),
        (
            re.compile(
                rf"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ee]arly|[Ll]ate|[Ll]ater|[Ee]arlier) "
                rf"(?P<expr>(?:the )?(?P<part>{parts}))\b"
            ),
            anchors.part_of_day,
        ),
    ]
