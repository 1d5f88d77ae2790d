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


def normalise(text: str) -> str:
    """Fold case, diacritics, spaces, hyphens and punctuation away; drop a leading "the"."""
    text = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text.strip()))
    # NFKD splits letters from their accents; the accents, like punctuation, are not \w.
    return _NON_WORD.sub("", unicodedata.normalize("NFKD", text)).casefold()


def is_acronym(text: str) -> bool:
    """Tell whether a label is an acronym ("IS", "U.S."), which must match case-sensitively."""
    letters = text.replace(".", "").replace("&", "")
    return bool(_ACRONYM.fullmatch(text)) and len(letters) <= 5
