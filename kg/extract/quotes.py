"""The quotes component: mentions -> direct quotes and reported speech (``doc._.nkg_quotes``).

Direct quotes come from the quote marks (``kg.extract.direct_quotes``), reported speech and
thought from verbs of saying, thinking and intending and "according to"
(``kg.extract.reported_speech``). A quote that goes on
with no cue of its own keeps its speaker, and every quote carries its speaker's claim, with the
certainty read inside its content. Unnamed sources ("some sources") are added as entities,
and a direct quote's "I" and "we" as mentions of its speaker (``kg.extract.first_person``).
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from kg.extract import doc_state
from kg.extract.claims import Claims
from kg.extract.direct_quotes import direct_quotes
from kg.extract.factuality import Factuality
from kg.extract.first_person import first_person_mentions
from kg.extract.lexicon import Lexicon
from kg.extract.reported_speech import reported_speech
from kg.extract.spans import doc_text
from kg.model import Quote

_ENTITIES = [doc_state.attr(doc_state.ENTITIES), doc_state.attr(doc_state.MENTIONS)]


@doc_state.lexicon_component(
    "newskg_quotes",
    requires=["token.dep", "token.lemma", *_ENTITIES],
    assigns=[doc_state.attr(doc_state.QUOTES), *_ENTITIES],
)
class QuoteFinder(doc_state.Component):
    """Find the quotes and reported speech of a document."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.claims = Claims(Factuality(lex))

    def __call__(self, doc: Doc) -> Doc:
        known = doc_state.known(doc)
        direct = direct_quotes(doc, known, self.lex)
        indirect = reported_speech(doc, known, direct, self.lex)
        quotes = sorted(direct + indirect, key=lambda q: q.content.start)
        _continue_hedged_speakers(quotes)
        _continue_paragraph_speakers(doc_text(doc), quotes)
        first_person_mentions(doc_text(doc), quotes, known, self.lex)
        for quote in quotes:
            quote.claims = [self.claims.of_quote(doc, quote)]
        setattr(doc._, doc_state.QUOTES, quotes)
        return doc


def _continue_hedged_speakers(quotes: list[Quote]) -> None:
    """Let quotes that go on with a hedged speaker ("… he said") keep the hedge and medium."""
    last: Quote | None = None
    for quote in quotes:
        if not quote.direct:
            continue
        if quote.speaker is None and quote.source_mention is not None and last is not None:
            quote.speaker = last.speaker
        if last is not None and quote.speaker is not None and quote.speaker == last.speaker:
            if quote.speaker_certainty == "CERTAIN" and last.speaker_certainty != "CERTAIN":
                quote.speaker_certainty = last.speaker_certainty
                quote.speaker_hedges = list(last.speaker_hedges)
            if quote.medium is None:
                quote.medium = last.medium
        if quote.speaker is not None:
            last = quote


def _continue_paragraph_speakers(text: str, quotes: list[Quote]) -> None:
    """Give a quote with no cue and no source the speaker of the quote just before it.

    News runs a speaker's quotes on in one paragraph: '"Jonah is our player," she told
    reporters. "I have not spoken to anyone at City."' The second quote is hers too, and the
    cue and source between the two parts are its own. Across a paragraph break, or after
    reported speech, nothing is assumed.
    """
    for before, quote in pairwise(quotes):
        alone = quote.direct and quote.cue is None and quote.source_mention is None
        if not alone or quote.speaker is not None or not before.direct:
            continue
        if "\n" in text[before.content.end : quote.content.start]:
            continue
        cue = before.cue
        if cue is not None and before.content.end <= cue.start and cue.end <= quote.content.start:
            # '"We will build it," he said. "And they will pay."': the cue and source between
            # the two parts of one quote are the second part's too
            quote.cue, quote.source_mention = cue, before.source_mention
        elif before.speaker is None:
            continue
        quote.speaker = before.speaker
        quote.speaker_certainty = before.speaker_certainty
        quote.speaker_hedges = list(before.speaker_hedges)
        quote.medium = quote.medium or before.medium
