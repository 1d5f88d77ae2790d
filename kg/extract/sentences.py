"""The newline sentences component: a sentence starts after every line break.

Headline, dateline and caption lines are sentences of their own; inside a line, a sentence
may only start after final punctuation, which keeps datelines such as "06 November, 2016"
whole. It runs before the parser, which respects the boundaries it sets.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_ENDS = frozenset(".!?…:;\"'”’)]")


@Language.component("newline_sentences", assigns=["token.is_sent_start"])
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break; inside a line only after final punctuation."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text or "\n" in before.whitespace_:
            token.is_sent_start = True
        elif not token.is_space and before.text[-1] not in SENTENCE_ENDS:
            token.is_sent_start = False
    return doc
