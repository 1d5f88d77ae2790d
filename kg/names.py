"""The forms a name is compared by, for linking and for coreference alike.

``normalise`` gives a name's key (case, diacritics, spaces, hyphens, punctuation, a leading
"the" and a possessive ignored); ``is_acronym`` tells the names that match only as written.
"""

from __future__ import annotations

import re
import unicodedata

_ACRONYM = re.compile(r"[A-Z][A-Z.&]*")
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[\W_]+")


def without_article(text: str) -> str:
    """Return a name without a leading "the"."""
    return _LEADING_ARTICLE.sub("", text)


def normalise(text: str) -> str:
    """Fold case, diacritics, spaces, hyphens and punctuation away; drop a leading "the"."""
    text = _POSSESSIVE.sub("", without_article(text.strip()))
    # NFKD splits letters from their accents; the accents, like punctuation, are not \w.
    return _NON_WORD.sub("", unicodedata.normalize("NFKD", text)).casefold()


def is_acronym(text: str) -> bool:
    """Tell whether a label is an acronym ("IS", "U.S."), which must match case-sensitively."""
    letters = text.replace(".", "").replace("&", "")
    return bool(_ACRONYM.fullmatch(text)) and len(letters) <= 5


def legal_cuts(name: str, legal_forms: frozenset[str], min_words: int = 1) -> list[str]:
    """Return a name and the names left as legal forms are cut off its end one by one ("Aer
    Lingus Group PLC", "Aer Lingus Group", "Aer Lingus"), each of ``min_words`` words or more."""
    forms = [name]
    words = name.split()
    while len(words) > min_words and words[-1].casefold().strip(",") in legal_forms:
        words = words[:-1]
        forms.append(" ".join(words).rstrip(","))
    return forms
