"""Build: articles -> one validated graph file per article (what `kg build` does).

Graphs that do not conform are reported, not written; a file is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from kg.aliases import NameIndex
from kg.builder import Builder, Built, Settings
from kg.graphfiles import CORPUS_FOLDER, CORPUS_STEM
from kg.model import Article, Failed
from kg.reader import iter_records
from kg.serialize import serialize_data, serialize_graph, suffix
from kg.stories import Corpus, cards_of, corpus_graph, generic_types


@dataclass
class BuildSummary:
    """What a build did: files written, articles that did not conform, records that failed."""

    out_dir: Path
    written: int = 0
    happenings: int = 0  # reported by more than one of the articles
    stories: int = 0
    invalid: list[Built] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.invalid or self.failed)

    def describe(self) -> str:
        text = f"wrote {self.written} article graph(s) to {self.out_dir}"
        if self.happenings:
            text += f", {self.happenings} happening(s) in {self.stories} stories across articles"
        if self.ok:
            return text
        return f"{text}; {len(self.invalid)} did not conform, {len(self.failed)} failed"


def build_files(
    inputs: Iterable[str | Path],
    out_dir: Path,
    fmt: str,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Build every article of the inputs and write each conforming graph to ``out_dir``."""
    summary = BuildSummary(out_dir)
    builder = Builder(settings)
    corpus = Corpus(generic_types())
    names = NameIndex(builder.iris)
    for result in builder.build(iter_records(inputs)):
        if isinstance(result, Failed):
            summary.failed.append(result)
        elif not result.ok:
            summary.invalid.append(result)
        else:
            result = replace(result, data=names.identify(result.data))
            write_graph(result, out_dir, fmt)
            corpus.add_all(cards_of(result.data))
            summary.written += 1
        if progress is not None:
            progress(1)
    if summary.written > 1:
        graph = corpus_graph(corpus, builder.iris)
        summary.happenings, summary.stories = len(corpus.clusters()), len(corpus.stories())
        _write_atomically(corpus_path(out_dir, fmt), serialize_graph(graph, fmt))
    return summary


def corpus_path(out_dir: Path, fmt: str) -> Path:
    """Return the file of what links the articles: a folder no article file can be named."""
    return out_dir / CORPUS_FOLDER / f"{CORPUS_STEM}{suffix(fmt)}"


def output_path(out_dir: Path, article: Article, fmt: str) -> Path:
    """Return the file an article's graph is written to."""
    # percent-encoding keeps distinct ids distinct as file names
    return out_dir / f"{quote(article.id, safe='-_.,@')}{suffix(fmt)}"


def write_graph(built: Built, out_dir: Path, fmt: str) -> Path:
    """Write one article graph to ``out_dir`` atomically (no half-written file on a crash)."""
    path = output_path(out_dir, built.article, fmt)
    # checked: validating the graph read its N-Triples strictly
    _write_atomically(path, serialize_data(built.data, fmt, checked=True))
    return path


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
