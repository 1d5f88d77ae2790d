"""Build: articles -> extracted, mapped and validated article graphs (and files of them).

This module ties the stages together; it reads no command line and prints nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph
from spacy.language import Language

import kg
from kg.errors import InputError, KgError
from kg.extract import Unextracted, extract_many, load_pipeline
from kg.extract.pipeline import DEFAULT_MODEL
from kg.iris import Iris, default_base
from kg.mapping import Provenance, article_data
from kg.model import Annotations, Article
from kg.reference import ReferenceIndex
from kg.serialize import serialize_graph, suffix
from kg.validate import Report, default_validator


@dataclass(frozen=True)
class Settings:
    """What a build depends on besides its input."""

    model: str = DEFAULT_MODEL
    base: str = field(default_factory=default_base)
    min_link_confidence: float = 0.6
    reference: tuple[Path, ...] = ()  # extra reference files besides data/reference/


@dataclass
class Built:
    """One article's graph and its validation report."""

    article: Article
    graph: Graph
    report: Report

    @property
    def ok(self) -> bool:
        return self.report.conforms


@dataclass
class Failed:
    """An article (or record) that could not be built, with the reason."""

    where: str
    reason: str


class Builder:
    """Build article graphs with one loaded model and reference index."""

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
    def provenance(self) -> Provenance:
        meta = self.nlp.meta
        model = f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"
        settings = {
            "model": self.settings.model,
            "minLinkConfidence": str(self.settings.min_link_confidence),
            "reference": ",".join(str(p) for p in self.settings.reference) or "bundled",
        }
        return Provenance(kg.__version__, model, settings)

    def build(self, records: Iterable[Article | InputError]) -> Iterator[Built | Failed]:
        """Build every article; records that failed to read come back as Failed, in order."""
        pending: list[Article] = []
        for record in records:
            if isinstance(record, InputError):
                yield from self._flush(pending)
                pending = []
                yield Failed(*record.parts())
                continue
            pending.append(record)
            if len(pending) >= 16:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, articles: list[Article]) -> Iterator[Built | Failed]:
        if not articles:
            return
        for result in extract_many(articles, self.nlp):
            if isinstance(result, Unextracted):
                yield Failed(result.article.source or result.article.id, result.reason)
            else:
                yield self._map(result)

    def _map(self, ann: Annotations) -> Built | Failed:
        try:
            data = article_data(ann, self.iris, self.provenance)
            report = default_validator().validate_data(data)
            return Built(ann.article, data.to_graph(), report)
        except KgError as e:
            return Failed(ann.article.source or ann.article.id, str(e))


def output_path(out_dir: Path, article: Article, fmt: str) -> Path:
    """Return the file an article's graph is written to."""
    # percent-encoding keeps distinct ids distinct as file names
    return out_dir / f"{quote(article.id, safe='-_.,@')}{suffix(fmt)}"


def write_graph(built: Built, out_dir: Path, fmt: str) -> Path:
    """Write one article graph to ``out_dir`` atomically (no half-written file on a crash)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = output_path(out_dir, built.article, fmt)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(serialize_graph(built.graph, fmt), encoding="utf-8")
    partial.replace(path)
    return path
