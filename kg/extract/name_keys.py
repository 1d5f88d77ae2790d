"""The forms a name is compared by in coreference: surnames of people, acronyms of names."""

from __future__ import annotations

import re
from functools import lru_cache

from kg import names
from kg.extract.lexicon import Lexicon
from kg.names import is_acronym, legal_cuts

__all__ = [
    "abbreviates",
    "acronym_forms",
    "initials",
    "is_acronym",
    "normalise",
    "surname_keys",
]


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Return a name's key (``kg.names.normalise``), worked out once for each name: the
    rules compare the names of an article, and the same words, many times over."""
    return names.normalise(text)


def surname_keys(name: str, lex: Lexicon) -> set[str]:
    """Return the keys a person can be called by alone ("al-Baghdadi", "Baghdadi")."""
    words = name.split()
    if len(words) < 2:
        return set()
    last = words[-1]
    keys = {normalise(last)}
    parts = re.split(r"[-‐]", last, maxsplit=1)
    if len(parts) == 2 and parts[0].casefold() in lex.name_particles:
        keys.add(normalise(parts[1]))
    return keys


def initials(name: str, lex: Lexicon) -> str:
    """Return the acronym a name would have ("Islamic State of Iraq" -> "ISI")."""
    words = [
        w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in lex.acronym_stopwords
    ]
    return "".join(w[0] for w in words).upper()


def acronym_forms(name: str, lex: Lexicon) -> set[str]:
    """Return the acronyms a name may take: its initials, also without its legal form.

    An acronym often leaves the legal form out ("EADS" for "European Aeronautic Defence and
    Space Company").
    """
    return {initials(form, lex) for form in legal_cuts(name, lex.legal_forms, min_words=2)}


def abbreviates(short: str, long: str) -> bool:
    """Tell whether ``short`` is an abbreviation ``long`` defines ("SIA" of "Singapore
    Airlines").

    The test of Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
    definitions in biomedical text": every letter and digit of the short form occurs in the
    long form in the same order, its first at the start of a word; here the match must also
    begin at the long form's first word, and the long form may have at most
    min(|short| + 5, 2 |short|) words.
    """
    if not 2 <= len(short) <= 10 or not short[0].isalnum() or not any(ch.isalpha() for ch in short):
        return False
    if len(long.split()) > min(len(short) + 5, 2 * len(short)):
        return False
    at = _long_form_start(short.casefold(), long.casefold())
    return at is not None and not long[:at].strip()


def _long_form_start(short: str, long: str) -> int | None:
    """Return where the long form matching ``short`` begins in ``long``, if it matches."""
    j = len(long) - 1
    for i in range(len(short) - 1, -1, -1):
        ch = short[i]
        if not ch.isalnum():
            continue
        # the first character must begin a word; the others may fall anywhere
        while j >= 0 and (long[j] != ch or (i == 0 and j > 0 and long[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return None
        j -= 1
    return j + 1
