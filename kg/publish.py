"""Publish: built (or to-be-built) article graphs -> the store, one named graph per article."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import Failed, Settings
from kg.errors import InputError
from kg.graphfiles import is_graph_file, read_graphs
from kg.ingest import ingest
from kg.reader import expand
from kg.store import Store
from kg.validate import validate_graph


@dataclass
class Summary:
    """What a load did: graphs stored, and files or articles that failed or did not conform."""

    loaded: int = 0
    failed: list[Failed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def describe(self) -> str:
        text = f"loaded {self.loaded} article graph(s)"
        return text + (f"; {len(self.failed)} failed" if self.failed else "")


def load_files(paths: Iterable[Path], store: Store, settings: Settings | None = None) -> Summary:
    """Load graph files after validating them; article files among them are ingested."""
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
        done = ingest(articles, store, settings)
        summary.loaded += done.loaded
        summary.failed += done.failed
    return summary
