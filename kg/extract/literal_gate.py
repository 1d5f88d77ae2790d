"""The words every match of a regex must contain: a compiled pattern -> a cheap test on a text.

Python's ``re`` tries a pattern at every position of a text; a pattern that starts with
``\\b`` or a look-behind gets no fast scan for its first character, so dozens of them cost
dozens of full passes. ``Gate.of(pattern)`` reads the parsed pattern for the literal words a
match cannot do without ("ago", one of the month names, "quarter"), and for an anchor: words
found at a bounded distance from the start of every match. ``Scan(text).finditer(pattern,
gate)`` yields what ``pattern.finditer(text)`` yields, but tries the pattern only on a text
that holds the words, and with an anchor only at the few positions where a match may start.
The words are lower-case ASCII, looked for in ``fold(text)``, which maps every character that a
pattern (case-sensitive or not) could match with an ASCII letter to that letter in lower case.
A pattern the reader does not understand gets a gate that is always open.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from types import SimpleNamespace
from typing import Any

# the parser behind re.compile (private, without type stubs; read with care below); a Python
# whose re keeps it elsewhere gets gates that are always open (Gate.of), never a wrong match
try:
    _sre: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - every supported Python has it
    _sre = SimpleNamespace(LITERAL=None, IN=None, SUBPATTERN=None, BRANCH=None)
    _sre.MAX_REPEAT = _sre.MIN_REPEAT = None

# characters outside ASCII that ``re.IGNORECASE`` matches with an ASCII letter, and that
# str.lower() does not map to it ("ſ" matches "s"; "İ" lowers to "i" and a combining dot)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_MAX_ALTERNATIVES = 8  # a run of literals with more is cut: each word is one more look
_MIN_LENGTH = 3  # shorter words are in nearly every text
_MAX_GROUPS = 3  # the most telling words of a pattern are enough
_MAX_ANCHOR_WORDS = 64  # an anchor's words (the month names and their abbreviations)
_MAX_REACH = 40  # characters at most between a match's start and its anchor

_LITERAL = _sre.LITERAL
_IN = _sre.IN
_SUBPATTERN = _sre.SUBPATTERN
_BRANCH = _sre.BRANCH
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None))

Words = frozenset[str]  # one of these occurs in every match


def fold(text: str) -> str:
    """Return the text as gates test it: lower case, with the look-alikes of ASCII letters."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


@dataclass(frozen=True)
class Anchor:
    """Words one of which every match holds, ``lo`` to ``hi`` characters after its start."""

    words: Words
    lo: int
    hi: int


@dataclass(frozen=True)
class Gate:
    """Words of which every match of a pattern holds at least one of each group."""

    groups: tuple[Words, ...] = ()
    anchor: Anchor | None = None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Gate:
        """Return the gate of a compiled pattern (always open when its parse is not read)."""
        try:
            parsed = _sre.parse(pattern.pattern, pattern.flags)
            groups = _required(parsed)
            anchor = _anchor(parsed, parsed.state) if parsed.getwidth()[0] > 0 else None
        except Exception:  # a construct the reader does not know: no gate, never wrong
            return cls()
        useful = [g for g in groups if min(map(len, g)) >= _MIN_LENGTH]
        useful.sort(key=_telling)
        return cls(tuple(useful[:_MAX_GROUPS]), anchor)

    def open(self, folded: str, seen: dict[Words, bool] | None = None) -> bool:
        """Tell whether a text (as ``fold`` returns it) may hold a match.

        ``seen`` keeps, for one text, which groups it holds: patterns share groups (the month
        names), and each is then looked for once.
        """
        seen = {} if seen is None else seen
        for group in self.groups:
            held = seen.get(group)
            if held is None:
                held = seen[group] = any(word in folded for word in group)
            if not held:
                return False
        return True


class Scan:
    """One text as gates read it: folded once, each group of words looked for once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self._held: dict[Words, bool] = {}
        self._at: dict[Words, list[int]] = {}

    def finditer(self, pattern: re.Pattern[str], gate: Gate) -> Iterator[re.Match[str]]:
        """Yield what ``pattern.finditer(text)`` yields; ``gate`` is the pattern's own."""
        if not gate.open(self.folded, self._held):
            return iter(())
        # folding keeps every character in its place (one character for one): checked anyway
        if gate.anchor is None or len(self.folded) != len(self.text):
            return pattern.finditer(self.text)
        return self._anchored(pattern, gate.anchor)

    def _anchored(self, pattern: re.Pattern[str], anchor: Anchor) -> Iterator[re.Match[str]]:
        # as finditer: the leftmost match, then the next from where it ended; a match starts
        # only where its anchor's words stand lo to hi characters on
        end = 0
        for start in self._starts(anchor):
            if start >= end:
                m = pattern.match(self.text, start)
                if m is not None:
                    yield m
                    end = m.end()

    def _starts(self, anchor: Anchor) -> list[int]:
        at = self._at.get(anchor.words)
        if at is None:
            at = self._at[anchor.words] = sorted(
                i for word in anchor.words for i in _occurrences(self.folded, word)
            )
        return sorted({s for i in at for s in range(max(0, i - anchor.hi), i - anchor.lo + 1)})


def _occurrences(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _anchor(items: Any, state: Any, lo: int = 0, hi: int = 0) -> Anchor | None:
    """Return the first item of fixed words at a bounded distance from a match's start."""
    for op, av in items:
        fixed = _fixed(op, av, _MAX_ANCHOR_WORDS)
        if fixed is not None and min(map(len, fixed)) >= _MIN_LENGTH:
            return Anchor(frozenset(fixed), lo, hi)
        if op is _SUBPATTERN:
            inner = _anchor(av[-1], state, lo, hi)
            if inner is not None:
                return inner
        low, high = _sre.SubPattern(state, [(op, av)]).getwidth()
        lo, hi = lo + low, hi + high
        if hi > _MAX_REACH:
            return None
    return None


def _required(items: Any) -> list[Words]:
    """Return the groups of words a sequence of parsed items always matches."""
    groups: list[Words] = []
    run = {""}  # the strings the current run of fixed items matches
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is not None and len(run) * len(fixed) <= _MAX_ALTERNATIVES:
            run = {a + b for a, b in product(run, fixed)}
            continue
        if run != {""}:
            groups.append(frozenset(run))
        run = fixed if fixed is not None else {""}
        if fixed is None:
            groups += _inner(op, av)
    if run != {""}:
        groups.append(frozenset(run))
    return groups


def _inner(op: Any, av: Any) -> list[Words]:
    """Return the groups of words an item that matches no fixed string still requires."""
    if op is _SUBPATTERN:
        return _required(av[-1])
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2])
    if op is _BRANCH:
        best = [_best(_required(branch)) for branch in av[1]]
        if all(best):
            return [frozenset().union(*best)]  # type: ignore[arg-type]
    return []  # an optional or unknown item, a class, an assertion: nothing required


def _best(groups: list[Words]) -> Words | None:
    """Return the most telling group of a branch."""
    return min(groups, key=_telling, default=None)


def _telling(group: Words) -> tuple[int, int]:
    """Rank groups: the longest shortest word first (rarer), then the fewest words (cheaper)."""
    return (-min(map(len, group)), len(group))


def _fixed(op: Any, av: Any, limit: int = _MAX_ALTERNATIVES) -> set[str] | None:
    """Return the folded strings an item always matches one of, if it matches few fixed ones."""
    if op is _LITERAL:
        return _letter(av)
    if op is _IN and all(o is _LITERAL for o, _ in av):
        letters: set[str] = set()
        for _, code in av:
            letter = _letter(code)
            if letter is None:
                return None
            letters |= letter
        return letters
    if op is _SUBPATTERN:
        return _fixed_sequence(av[-1], limit)
    if op is _BRANCH:
        strings: set[str] = set()
        for branch in av[1]:
            options = _fixed_sequence(branch, limit)
            if options is None:
                return None
            strings |= options
        return strings if len(strings) <= limit else None
    return None


def _fixed_sequence(items: Any, limit: int = _MAX_ALTERNATIVES) -> set[str] | None:
    strings = {""}
    for op, av in items:
        fixed = _fixed(op, av, limit)
        if fixed is None or len(strings) * len(fixed) > limit:
            return None
        strings = {a + b for a, b in product(strings, fixed)}
    return strings


def _letter(code: int) -> set[str] | None:
    """Return a literal ASCII character, folded; None for any other (not tested)."""
    return {chr(code).lower()} if code < 128 else None
