"""Drive the stages: articles (and records that could not be read) -> validated article graphs.

A Builder holds what building any article needs, loaded once: the spaCy pipeline, the
reference index, the IRIs, the provenance written into every graph and the SHACL validator.
`kg build`, `kg ingest` (in each worker process) and the benchmarks all build through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from spacy.language import Language
from spacy.util import minibatch

import kg
from kg.errors import InputError, KgError, SetupError
from kg.extract import Unextracted, extract_many, load_pipeline
from kg.extract.pipeline import DEFAULT_MODEL
from kg.iris import Iris, default_base
from kg.mapping import Provenance, article_data
from kg.model import Annotations, Article, Failed, GraphData
from kg.reference import ReferenceIndex
from kg.validate import Report, Validator, default_validator

# articles per nlp.pipe batch, and so per task of an ingest worker process
BATCH_SIZE = 16
Record = Article | InputError


@dataclass(frozen=True)
class Settings:
    """What a build depends on besides its input."""

    model: str = DEFAULT_MODEL
    base: str = field(default_factory=default_base)
    min_link_confidence: float = 0.6
    reference: tuple[Path, ...] = ()  # extra reference files besides data/reference/


@dataclass(frozen=True)
class Built:
    """One article's graph, as N-Triples, and its validation report."""

    article: Article
    data: GraphData
    report: Report

    @property
    def ok(self) -> bool:
        return self.report.conforms

    @property
    def where(self) -> str:
        return self.article.source or self.article.id

    def outcome(self) -> GraphData | Failed:
        """Return the graph if it conforms, else the failure that reports why not."""
        return self.data if self.ok else Failed(self.where, self.report.describe())


class Builder:
    """Build article graphs with one loaded model, reference index and set of shapes."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.iris = Iris(self.settings.base)

    @cached_property
    def reference(self) -> ReferenceIndex:
        paths = list(self.settings.reference) or None
        return ReferenceIndex.load(paths, min_confidence=self.settings.min_link_confidence)

    @cached_property
    def nlp(self) -> Language:
        return load_pipeline(self.settings.model, self.reference)

    @cached_property
    def validator(self) -> Validator:
        return default_validator()

    @cached_property
    def provenance(self) -> Provenance:
        meta = self.nlp.meta
        model = f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"
        settings = {
            "model": self.settings.model,
            "minLinkConfidence": str(self.settings.min_link_confidence),
            "reference": ",".join(str(p) for p in self.settings.reference) or "bundled",
        }
        return Provenance(kg.__version__, model, settings)

    def build(self, records: Iterable[Record]) -> Iterator[Built | Failed]:
        """Build every article, in input order; records that could not be read come back Failed."""
        for batch in minibatch(records, BATCH_SIZE):
            yield from self.build_batch(batch)

    def build_batch(self, records: Sequence[Record]) -> list[Built | Failed]:
        """Build one batch of records (its articles parsed together), in input order."""
        articles = [r for r in records if isinstance(r, Article)]
        built = self._extracted(articles)
        return [next(built) if isinstance(r, Article) else Failed.of(r) for r in records]

    def _extracted(self, articles: Sequence[Article]) -> Iterator[Built | Failed]:
        for result in extract_many(articles, self.nlp, batch_size=BATCH_SIZE):
            if isinstance(result, Unextracted):
                yield Failed(result.article.source or result.article.id, result.reason)
            else:
                yield self._mapped(result)

    def _mapped(self, ann: Annotations) -> Built | Failed:
        try:
            data = article_data(ann, self.iris, self.provenance)
            return Built(ann.article, data, self.validator.validate_data(data))
        except SetupError:
            raise  # no article could be built: one error for the command, not one per article
        except KgError as e:
            return Failed(ann.article.source or ann.article.id, str(e))
