"""Extraction: Article -> Annotations (plain dataclasses with character offsets; no RDF here)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import entities, events, quantities, quotes, times
from kg.extract.pipeline import load_pipeline
from kg.model import Annotations, Article
from kg.reference import ReferenceIndex

__all__ = ["annotate", "extract", "extract_many", "load_pipeline"]


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


def extract_many(
    articles: Iterable[Article], nlp: Language, reference: ReferenceIndex, batch_size: int = 16
) -> Iterator[Annotations]:
    """Extract many articles, parsing them in batches with ``nlp.pipe``."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield annotate(doc, article, reference)
