"""Claims: who asserts a predicate, a quoted proposition or a figure, and how sure they are.

What a quote holds is its speaker's claim (the article's own voice otherwise); the certainty
and polarity come from the factuality of the predicate within the quote, and a verb that
denies what it reports ("denied that …") turns the speaker's claim around.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.factuality import Factuality, weakest
from kg.extract.quote_sources import verb_lemma
from kg.extract.token_table import token_table
from kg.model import Certainty, Claim, Polarity, Quote, Span


def quote_around(quotes: list[Quote], span: Span) -> Quote | None:
    """Return the innermost quote whose content holds ``span``."""
    around = [q for q in quotes if q.content.contains(span)]
    return min(around, key=lambda q: q.content.end - q.content.start, default=None)


def reversed_polarity(polarity: Polarity) -> Polarity:
    """Turn what a source affirms into what it denies, and back; an open question stays open."""
    if polarity == "POSITIVE":
        return "NEGATIVE"
    return "POSITIVE" if polarity == "NEGATIVE" else polarity


class Claims:
    """Make the claims of predicates and quotes with one factuality assessor."""

    def __init__(self, factuality: Factuality) -> None:
        self.factuality = factuality
        self.attitudes = factuality.lex.attitude_verbs

    def denies(self, doc: Doc, quote: Quote) -> bool:
        """Tell whether reported speech is introduced by a verb that denies it ("deny")."""
        if quote.direct or quote.cue is None:
            return False
        cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        negating = self.factuality.lex.negating_governors
        return cue is not None and cue[0].lemma_.lower() in negating

    def reach(self, doc: Doc, quote: Quote) -> Span:
        """Return a quote's content, with its cue when that is a verb of thought ("believes").

        What a source thinks, fears or hopes is as sure as the verb makes it; a verb of saying
        adds nothing to what it reports.
        """
        cue = quote.cue
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue else None
        if cue is None or span is None or verb_lemma(span[0], self.attitudes) is None:
            return quote.content
        return Span(min(quote.content.start, cue.start), max(quote.content.end, cue.end))

    def of_predicate(self, doc: Doc, quotes: list[Quote], tok: Token, trigger: Span) -> Claim:
        """Return who asserts the predicate ``tok`` heads and how sure they are."""
        quote = quote_around(quotes, trigger)
        scope = self.reach(doc, quote) if quote is not None else None
        found = self.factuality.assess(tok, doc, scope)
        source = quote.speaker if quote is not None else None
        polarity = found.polarity
        if quote is not None and self.denies(doc, quote):
            # "Dekovic denied that the club had accepted any bid": she says it did not happen
            polarity = reversed_polarity(polarity)
        return Claim(source, found.certainty, polarity, found.hedges, evidence=[trigger])

    def of_quote(self, doc: Doc, quote: Quote) -> Claim:
        """Return the speaker's claim of the quoted proposition."""
        assess = self.factuality.assess
        scope = self.reach(doc, quote)
        found = [assess(t, doc, scope) for t in content_roots(doc, quote.content)]
        levels: list[Certainty] = [f.certainty for f in found]
        hedges = sorted({h for f in found for h in f.hedges})
        polarity: Polarity = found[0].polarity if found else "POSITIVE"
        if self.denies(doc, quote):
            polarity = reversed_polarity(polarity)
        return Claim(quote.speaker, weakest(levels), polarity, hedges)


def of_figure(quotes: list[Quote], span: Span) -> Claim:
    """Return whose figure it is: the speaker of the quote holding it, else the article."""
    quote = quote_around(quotes, span)
    return Claim(quote.speaker if quote is not None else None)


def content_roots(doc: Doc, content: Span) -> list[Token]:
    """Return the predicates of a quote's content: its tokens governed from outside it."""
    span = doc.char_span(content.start, content.end, alignment_mode="contract")
    if span is None:
        return []
    words = token_table(doc)
    heads, pos, start, end = words.head, words.pos, span.start, span.end
    roots = [i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i]
    return [doc[i] for i in roots if pos[i] in ("VERB", "AUX", "ADJ", "NOUN")] or [span.root]
