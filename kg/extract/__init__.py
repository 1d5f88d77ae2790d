"""Extraction: Article -> Annotations (plain dataclasses with character offsets; no RDF here)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import entities, events, quantities, quotes, times
from kg.extract.pipeline import load_pipeline
from kg.model import Annotations, Article
from kg.reference import ReferenceIndex

__all__ = ["Unextracted", "annotate", "extract", "extract_many", "load_pipeline"]


def annotate(doc: Doc, article: Article, reference: ReferenceIndex) -> Annotations:
    """Run every extraction stage on a parsed document."""
    ann = Annotations(article)
    entities.find(doc, ann, reference)  # entities and mentions, resolved and linked
    times.find(doc, ann)
    quotes.find(doc, ann)
    events.find(doc, ann)
    quantities.find(doc, ann)
    return ann


def extract(article: Article, nlp: Language, reference: ReferenceIndex) -> Annotations:
    """Extract the annotations of one article."""
    return annotate(nlp(article.text), article, reference)


@dataclass(frozen=True)
class Unextracted:
    """An article extraction could not handle, and why; the others of its batch go on."""

    article: Article
    reason: str


def extract_many(
    articles: Sequence[Article], nlp: Language, reference: ReferenceIndex, batch_size: int = 16
) -> Iterator[Annotations | Unextracted]:
    """Extract many articles in input order, parsing them in batches with ``nlp.pipe``.

    A text longer than the model reads, or an error in one article's rules, gives that
    article an ``Unextracted`` with the reason instead of stopping the whole corpus.
    """
    limit = nlp.max_length
    fits = [a for a in articles if len(a.text) <= limit]
    parsed = nlp.pipe(((a.text, a) for a in fits), as_tuples=True, batch_size=batch_size)
    for article in articles:
        if len(article.text) > limit:
            yield Unextracted(article, _too_long(len(article.text), limit))
            continue
        doc, _ = next(parsed)
        try:
            result: Annotations | Unextracted = annotate(doc, article, reference)
        except Exception as e:  # one article's failure must not stop a corpus of thousands
            result = Unextracted(article, f"extraction failed ({type(e).__name__}: {e})")
        yield result


def _too_long(length: int, limit: int) -> str:
    return (
        f"the text is {length:,} characters long and the model reads at most {limit:,}; "
        "split the article into parts"
    )
