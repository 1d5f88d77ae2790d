"""Adjustments to the model's tokenizer that keep names whole at the end of a sentence.

spaCy's English suffix rules split a final period after a lower-case letter or after two
capitals ("IBM." -> "IBM" "."), but not after an initialism joined by an ampersand: "AT&T."
or "P&G." at the end of a sentence stays one token, so the name is not recognised and the
sentence boundary is lost. One more suffix rule splits that period; the text is unchanged,
only where the tokens end.
"""

from __future__ import annotations

import re

from spacy.language import Language

# a period after an ampersand initialism: "AT&T.", "P&G.", "S&P.", "R&D."
AMPERSAND_INITIALISM_PERIOD = r"(?<=&[A-Z])\.$"


def split_initialism_periods(nlp: Language) -> None:
    """Add the suffix rule to ``nlp``'s tokenizer, keeping the rules it has."""
    current = nlp.tokenizer.suffix_search
    pattern = current.__self__.pattern if current is not None else ""
    if AMPERSAND_INITIALISM_PERIOD in pattern:
        return
    rule = AMPERSAND_INITIALISM_PERIOD
    combined = f"{pattern}|{rule}" if pattern else rule
    nlp.tokenizer.suffix_search = re.compile(combined).search
