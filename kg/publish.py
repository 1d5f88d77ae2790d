"""Publish: built (or to-be-built) article graphs -> the store, one named graph per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.build import Builder, Built, Failed, Settings
from kg.errors import InputError
from kg.graphfiles import is_graph_file, read_graphs
from kg.model import Article
from kg.reader import expand, iter_records
from kg.store import Store
from kg.validate import validate_graph

Progress = Callable[[Iterator[Any], str], Iterator[Any]]


def _no_progress(items: Iterator[Any], label: str) -> Iterator[Any]:
    return items


@dataclass
class Summary:
    """What a load did: graphs stored, articles that failed or did not conform."""

    loaded: int = 0
    failed: list[Failed] = field(default_factory=list)
    invalid: list[Built] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.invalid

    def describe(self) -> str:
        text = f"loaded {self.loaded} article graph(s)"
        if not self.ok:
            text += f"; {len(self.invalid)} did not conform, {len(self.failed)} failed"
        return text


def ingest_articles(
    records: Iterable[Article | InputError],
    store: Store,
    settings: Settings | None = None,
    progress: Progress = _no_progress,
) -> Summary:
    """Build, validate and store articles; non-conforming ones are reported, not stored."""
    summary = Summary()
    for result in progress(Builder(settings).build(records), "ingested"):
        _store_built(result, store, summary)
    return summary


def _store_built(result: Built | Failed, store: Store, summary: Summary) -> None:
    if isinstance(result, Failed):
        summary.failed.append(result)
    elif not result.ok:
        summary.invalid.append(result)
    else:
        store.replace_graph(result.graph)
        summary.loaded += 1


def load_files(paths: Iterable[Path], store: Store, settings: Settings | None = None) -> Summary:
    """Load graph files after validating them; article files among them are built first."""
    summary = Summary()
    articles: list[Path] = []
    for path in expand(paths):
        if not is_graph_file(path):
            articles.append(path)
            continue
        try:
            graphs = read_graphs(path)
        except InputError as e:
            summary.failed.append(Failed(str(path), str(e)))
            continue
        for graph in graphs:
            report = validate_graph(graph)
            if report.conforms:
                store.replace_graph(graph)
                summary.loaded += 1
            else:
                summary.failed.append(Failed(str(path), report.describe()))
    if articles:
        built = ingest_articles(iter_records(articles), store, settings)
        summary.loaded += built.loaded
        summary.failed += built.failed
        summary.invalid += built.invalid
    return summary
