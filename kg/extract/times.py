"""The times component: the text + the publication date -> ``doc._.nkg_times`` (TIMEX3-like values).

Expressions are found with patterns over the text (``kg.extract.time_patterns``: dates,
months, weekdays, "yesterday", "last year", "two years ago", ranges such as "March 3-5", bare
years the model or a preposition marks as dates) and resolved against the publication date at
the precision the text gives (``kg.extract.time_resolvers``). What XSD cannot write gets its
TIMEX3 value (``kg.extract.time_periods``): durations ("two years" P2Y, "for decades" PXDE),
the article's present, past and future ("currently" PRESENT_REF), weeks and weekends ("last
week"), seasons, quarters, decades and parts of days ("Monday morning"). A weekday, a day without a
year, a month or a season alone, and a weekend, are placed by the tense of its clause
(``kg.extract.tense``). As in TimeML, expressions relative to the narrative ("the same day",
"the following year", "on the 5th", "in morning trading", "at 3 p.m.") are resolved against
the time last named before them (``kg.extract.time_anchors``). An amount of time between two
times named ("from 2009 to 2011") is kept beside them. Without a publication date (or a dateline)
only absolute expressions, durations, references and those anchored to them are kept.

The patterns are this project's own: date-parsing libraries (dateparser among them) resolve a
phrase to one instant, with no TIMEX3 type, granularity or span, and read "two years" or
"five-year" as dates in the past.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc

from kg.extract import doc_state
from kg.extract.lexicon import Lexicon
from kg.extract.literal_gate import Gate, Scan
from kg.extract.tense import tense_at
from kg.extract.time_anchors import Found, reference
from kg.extract.time_patterns import TimePatterns, compile_patterns
from kg.extract.time_resolvers import Context, safe_date
from kg.model import Span, TimeExpression

_DATELINE_LINES = 5  # a dateline stands among the first lines


@doc_state.lexicon_component(
    "newskg_times",
    requires=["token.dep", "doc.ents"],
    assigns=[doc_state.attr(doc_state.TIMES)],
)
class TimeFinder(doc_state.Component):
    """Find and resolve the time expressions of a document."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.patterns: TimePatterns = compile_patterns(lex)
        self.gates = _gates(self.patterns)

    def __call__(self, doc: Doc) -> Doc:
        article = doc_state.article(doc)
        # the article's text is the doc's text; ``doc.text`` would rebuild it on every access
        text = article.text
        published = publication_date(article.date_published) or self.dateline_date(text)
        scan = Scan(text)
        found = [f for f in self.candidates(doc, text, published, scan) if f.value]
        kept = choose(found)
        kept = choose(kept + self.anchored(doc, text, kept, published, scan))
        kept = sorted(kept + self.spans_between(text, published, scan), key=_where_found)
        times = [TimeExpression(f.span, f.value, f.granularity) for f in kept]
        setattr(doc._, doc_state.TIMES, times)
        return doc

    def dateline_date(self, text: str) -> date | None:
        """Return the date of a dateline: a line near the top that holds only a full date."""
        for line in text.split("\n")[:_DATELINE_LINES]:
            for pattern in self.patterns.full_dates:
                m = pattern.fullmatch(line.strip())
                if m is not None:
                    return safe_date(int(m["year"]), self.lex.months[m["month"]], int(m["day"]))
        return None

    def candidates(
        self, doc: Doc, text: str, published: date | None, scan: Scan | None = None
    ) -> Iterator[Found]:
        """Yield every resolvable match of every pattern in ``text`` (the doc's text)."""
        scan = scan or Scan(text)
        for pattern, resolve in self.patterns.dated:
            for m in scan.finditer(pattern, self.gates[pattern]):
                if not _plausible(doc, m):
                    continue
                result = resolve(m, self._context(doc, m, published))
                if result is not None:
                    yield Found(Span(*_where(m)), *result)

    def spans_between(
        self, text: str, published: date | None, scan: Scan | None = None
    ) -> list[Found]:
        """Return the amounts of time from one time named to another ("from 2009 to 2011"),
        which TimeML marks beside the two times."""
        out: list[Found] = []
        scan = scan or Scan(text)
        for pattern, resolve in self.patterns.spans:
            for m in scan.finditer(pattern, self.gates[pattern]):
                result = resolve(m, Context(published, None, self.lex))
                if result is not None:
                    out.append(Found(Span(*m.span()), *result))
        return out

    def anchored(
        self,
        doc: Doc,
        text: str,
        kept: list[Found],
        published: date | None,
        scan: Scan | None = None,
    ) -> list[Found]:
        """Resolve expressions relative to the time last named before them, in text order."""
        scan = scan or Scan(text)
        matches = sorted(
            (
                (m, resolve)
                for pattern, resolve in self.patterns.anchored
                for m in scan.finditer(pattern, self.gates[pattern])
            ),
            key=lambda pair: pair[0].start(),
        )
        out: list[Found] = []
        for m, resolve in matches:
            before = sorted((f for f in kept + out if f.span.end <= m.start()), key=_where_found)
            refs = [r for r in map(reference, before) if r is not None]
            result = resolve(m, refs, self._context(doc, m, published))
            if result is not None:
                out.append(Found(Span(*_where(m)), *result))
        return out

    def _context(self, doc: Doc, m: re.Match[str], published: date | None) -> Context:
        return Context(published, tense_at(doc, m.start(), self.lex), self.lex)


def _gates(patterns: TimePatterns) -> dict[re.Pattern[str], Gate]:
    """Return the gate of every pattern: a text without its words cannot match it."""
    every = [*patterns.dated, *patterns.anchored, *patterns.spans]
    return {pattern: Gate.of(pattern) for pattern, _ in every}


def _where(m: re.Match[str]) -> tuple[int, int]:
    """Return where the expression is: a pattern's "expr" group (without its cue), or it all."""
    return m.span("expr") if "expr" in m.re.groupindex else m.span()


def publication_date(value: str | None) -> date | None:
    """Parse the ISO date (or date-time) an article was published, if given."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def choose(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping matches, in text order."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.span.start - f.span.end, f.span.start)):
        if not any(k.span.overlaps(f.span) for k in kept):
            kept.append(f)
    return sorted(kept, key=_where_found)


def _where_found(f: Found) -> tuple[int, int]:
    """Order found expressions by their spans (start, then end), as Span orders itself."""
    return (f.span.start, f.span.end)


def _plausible(doc: Doc, m: re.Match[str]) -> bool:
    """Reject bare years the model calls a number, money or quantity, and "current" or
    "recent" it does not call an adjective ("against the current")."""
    if "ref" in m.re.groupindex and m["ref"].lower() in ("current", "recent"):
        word = doc.char_span(m.start(), m.end())
        return word is None or not doc.has_annotation("POS") or word[0].pos_ == "ADJ"
    if "bare_year" not in m.re.groupindex:
        return True
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None or not doc.has_annotation("ENT_IOB"):
        return True
    labels = {t.ent_type_ for t in span}
    return not labels & {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
