"""Direct quotes: the text between quote marks -> quotes with a cue, a source and a speaker.

The cue is a verb of saying next to the marks (after a closing mark that ends in a comma, else
before the opening one); a quote without a cue is kept when it reads as a clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.marks import Marks, content_span, double_marks, join_paragraphs, single_marks
from kg.extract.quote_sources import WINDOW, is_cue, make_quote, source_of, stops
from kg.extract.spans import Known, doc_text, token_at
from kg.model import Quote, Span


def direct_quotes(doc: Doc, known: Known, lex: Lexicon) -> list[Quote]:
    """Return the quotes between quote marks that have a cue or read as a clause."""
    text = doc_text(doc)
    quotes: list[Quote] = []
    for marks in join_paragraphs(text, double_marks(text)) + single_marks(text):
        content = content_span(text, marks)
        if content.end - content.start < 2:
            continue
        quote = _direct_quote(doc, known, marks, content, lex)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _direct_quote(
    doc: Doc, known: Known, marks: Marks, content: Span, lex: Lexicon
) -> Quote | None:
    clause = _clause_like(doc, content)
    if not clause and (len(content.text(doc_text(doc)).split()) < 2 or _is_term(doc, marks)):
        return None
    after = _after(doc, marks.end)
    before = _before(doc, marks.start)
    trailing_comma = doc_text(doc)[marks.end - 1 : marks.end + 2].strip().startswith(",")
    windows = (after, before) if trailing_comma or not before else (before, after)
    for window in windows:
        cues = [t for t in window if is_cue(t, lex)]
        if not cues:
            continue
        cue = cues[0] if window is after else cues[-1]
        return make_quote(known, content, True, cue, source_of(cue, window, lex), lex)
    return Quote(content=content, direct=True) if clause else None


def _clause_like(doc: Doc, content: Span) -> bool:
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in words)


def _is_term(doc: Doc, marks: Marks) -> bool:
    """Tell whether quote marks sit inside a noun phrase ("a 'historic' deal"): a term."""
    before = token_at(doc, marks.start - 1)
    before = doc[before.i - 1] if before.i > 0 and before.is_quote else before
    return before.pos_ in ("DET", "ADJ", "ADP", "NUM") or before.dep_ == "poss"


def _after(doc: Doc, end: int) -> list[Token]:
    """Return the tokens after a closing mark up to the end of the clause."""
    first = token_at(doc, end)
    while first.i < len(doc) - 1 and first.idx < end + 1:
        first = doc[first.i + 1]
    out: list[Token] = []
    for tok in doc[first.i : first.i + WINDOW]:
        if stops(tok):
            break
        out.append(tok)
    return out


def _before(doc: Doc, start: int) -> list[Token]:
    """Return the tokens before an opening mark back to the start of the clause."""
    out: list[Token] = []
    i = token_at(doc, start - 1).i - 1
    while i >= 0 and len(out) < WINDOW and not stops(doc[i]):
        out.insert(0, doc[i])
        i -= 1
    return out
