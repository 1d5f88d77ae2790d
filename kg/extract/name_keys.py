"""The forms a name is compared by in coreference: surnames of people, acronyms of names."""

from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.names import is_acronym, normalise

__all__ = ["acronym_forms", "initials", "is_acronym", "normalise", "surname_keys"]


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
    forms = {initials(name, lex)}
    words = name.split()
    while len(words) > 2 and words[-1].casefold().strip(",") in lex.legal_forms:
        words = words[:-1]
        forms.add(initials(" ".join(words), lex))
    return forms
