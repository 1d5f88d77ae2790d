"""Extraction: Article -> Annotations (plain dataclasses with character offsets; no RDF here).

The work is done by spaCy pipeline components (``kg.extract.pipeline`` lists them in order);
each writes its results on the ``Doc`` and ``kg.extract.doc_state.collect`` gathers them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_state
from kg.extract.pipeline import DEFAULT_MODEL, load_pipeline
from kg.model import Annotations, Article

__all__ = [
    "DEFAULT_MODEL",
    "Unextracted",
    "extract",
    "extract_many",
    "load_pipeline",
    "make_docs",
]


@dataclass(frozen=True)
class Unextracted:
    """An article extraction could not handle, and why; the others of its batch go on."""

    article: Article
    reason: str


def extract(article: Article, nlp: Language) -> Annotations:
    """Extract the annotations of one article."""
    (result,) = extract_many([article], nlp)
    if isinstance(result, Unextracted):
        raise ValueError(result.reason)
    return result


def extract_many(
    articles: Sequence[Article], nlp: Language, batch_size: int = 16
) -> Iterator[Annotations | Unextracted]:
    """Extract many articles in input order, parsing them in batches with ``nlp.pipe``.

    A text longer than the model reads, or an error in one article's components, gives that
    article an ``Unextracted`` with the reason instead of stopping the whole corpus.
    """
    limit = nlp.max_length
    docs = [_doc(nlp, a) if len(a.text) <= limit else None for a in articles]
    # a component that fails on a document records why on it, and spaCy leaves it out of
    # the stream (doc_state.Component): the others go on, the failed one is told by identity
    parsed = iter(nlp.pipe((d for d in docs if d is not None), batch_size=batch_size))
    pending: Doc | None = None
    for article, doc in zip(articles, docs, strict=True):
        if doc is None:
            yield Unextracted(article, _too_long(len(article.text), limit))
            continue
        if pending is None:
            pending = next(parsed, None)
        if pending is not doc:
            yield Unextracted(article, doc_state.failure(doc))
            continue
        pending = None
        yield doc_state.collect(doc, article)


def make_docs(articles: Sequence[Article], nlp: Language) -> list[Doc]:
    """Return the articles' texts as documents, tokenised, each with its article attached."""
    return [_doc(nlp, a) for a in articles]


def _doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    setattr(doc._, doc_state.ARTICLE, article)
    return doc


def _too_long(length: int, limit: int) -> str:
    return (
        f"the text is {length:,} characters long and the model reads at most {limit:,}; "
        "split the article into parts"
    )
