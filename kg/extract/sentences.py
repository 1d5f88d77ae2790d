"""The newline sentences component: a sentence starts after every line break.

Headline, dateline and caption lines are sentences of their own; inside a line, a sentence
may only start after final punctuation, which keeps datelines such as "06 November, 2016"
whole. It runs before the parser, which respects the boundaries it sets.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_ENDS = frozenset(".!?…:;\"'”’)]")


@Language.component("newline_sentences", assigns=["token.is_sent_start"])
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break; inside a line only after final punctuation."""
    if len(doc) < 2:
        return doc
    # token attributes read once as arrays: a Token object per token cost more than the rule
    columns = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist()
    text = doc.text
    starts = [row[3] for row in columns]
    for i in range(1, len(columns)):
        idx, length = columns[i - 1][0], columns[i - 1][1]
        # a token's own whitespace is one space at most: a line break is in the token text
        if "\n" in text[idx : idx + length]:
            starts[i] = 1
        elif not columns[i][2] and text[idx + length - 1] not in SENTENCE_ENDS:
            starts[i] = -1
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc
