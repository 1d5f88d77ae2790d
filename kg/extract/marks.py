"""Quote marks in a text: where direct quotes and the words between quote marks are.

Double marks are paired within a paragraph (an unclosed quote runs to the paragraph's end, and
goes on in the next paragraph when that opens with a quote mark);
single marks only around a stretch that reads as words, never around an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Span

DOUBLE_OPEN = "“"
DOUBLE_CLOSE = "”"
_SINGLE = re.compile(r"(?<![\w])[‘'](?=[\w“\"])([^\n]{1,400}?)(?<=[\w.,!?\"”])[’'](?![\w])")
_TRAILING = ",.;:"
_DOUBLE_OR_BREAK = re.compile(f'[\n{DOUBLE_OPEN}{DOUBLE_CLOSE}"]')


@dataclass
class Marks:
    """A pair of quote marks: the characters just inside them."""

    start: int
    end: int
    nested: bool = False
    unclosed: bool = False  # ran to the end of its paragraph with no closing mark


def double_marks(text: str) -> list[Marks]:
    """Pair double quote marks within each paragraph; an unclosed quote runs to its end."""
    pairs: list[Marks] = []
    opened: int | None = None
    # only line breaks and double marks change anything: the scan visits them alone
    for m in _DOUBLE_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n" and opened is not None:
            pairs.append(Marks(opened, i, unclosed=True))
            opened = None
        elif ch == DOUBLE_OPEN or (ch == '"' and opened is None):
            opened = i + 1
        elif (ch == DOUBLE_CLOSE or ch == '"') and opened is not None:
            pairs.append(Marks(opened, i))
            opened = None
    if opened is not None:
        pairs.append(Marks(opened, len(text), unclosed=True))
    return pairs


def join_paragraphs(text: str, pairs: list[Marks]) -> list[Marks]:
    """Join a quote left open at a paragraph's end to the quote opening the next paragraph.

    News leaves a quote that goes on into the next paragraph open and opens it again there:
    the two are one quote, whose content spans both paragraphs.
    """
    joined: list[Marks] = []
    for marks in pairs:
        last = joined[-1] if joined else None
        if last is not None and last.unclosed and _reopens(text, last.end, marks.start):
            joined[-1] = Marks(last.start, marks.end, unclosed=marks.unclosed)
        else:
            joined.append(marks)
    return joined


def _reopens(text: str, end: int, start: int) -> bool:
    """Tell whether only a paragraph break and an opening mark lie between two quotes."""
    between = text[end : start - 1]
    return "\n" in between and not between.strip() and text[start - 1] in (DOUBLE_OPEN, '"')


def single_marks(text: str) -> list[Marks]:
    """Find single-quoted stretches ('Do not retreat'), leaving apostrophes alone."""
    return [Marks(m.start(1), m.end(1), nested=True) for m in _SINGLE.finditer(text)]


def content_span(text: str, marks: Marks) -> Span:
    """Return the quoted text without surrounding blanks and trailing ",.;:"."""
    start, end = marks.start, marks.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return Span(start, end)
