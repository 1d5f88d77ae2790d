"""Ingest: a corpus (folders, JSON Lines) -> built, validated article graphs in a store.

Streaming (a bounded number of articles in flight, whatever the corpus size), in parallel
over worker processes that each load the spaCy model once, and resumable: each article graph
is stored in one transaction (or one PUT), and articles whose stored graph carries the same
``nkg:sourceHash`` are skipped.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

from kg.build import Builder, Failed, Settings
from kg.errors import InputError, KgError
from kg.extract import Unextracted, extract_many
from kg.iris import Iris
from kg.mapping import article_data
from kg.model import Annotations, Article
from kg.reader import expand, iter_records
from kg.store import GraphData, Store
from kg.validate import Validator
from kg.vocab import NKG

Record = Article | InputError
Progress = Callable[[int], None]
CHUNK = 16  # articles per task: one nlp.pipe batch
WRITE_BATCH = 256  # graphs per store write: bulk loads want many graphs at once
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """What became of one article: its graph as N-Triples, or why it has none."""

    where: str
    graph: GraphData | None = None
    problem: str | None = None


@dataclass
class IngestSummary:
    """What an ingest did: graphs stored, articles skipped as unchanged, failures."""

    loaded: int = 0
    skipped: int = 0
    failed: list[Failed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def describe(self) -> str:
        text = f"loaded {self.loaded} article graph(s), skipped {self.skipped} unchanged"
        return text + (f"; {len(self.failed)} failed" if self.failed else "")


def ingest(
    inputs: Iterable[str | Path],
    store: Store,
    settings: Settings | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> IngestSummary:
    """Build, validate and store every article not already stored with the same content."""
    settings = settings or Settings()
    summary = IngestSummary()
    tick = progress or (lambda n: None)
    known = stored_hashes(store)
    todo = _unchanged_skipped(iter_records(inputs), known, Iris(settings.base), summary, tick)
    outcomes = build_parallel(todo, settings, jobs) if jobs > 1 else build_serial(todo, settings)
    for batch in _batches(outcomes, WRITE_BATCH):
        graphs = [o.graph for o in batch if o.graph is not None]
        summary.loaded += store.replace_graphs(graphs)
        summary.failed += [Failed(o.where, o.problem or "") for o in batch if o.graph is None]
        tick(len(batch))
    return summary


def count_records(inputs: Iterable[str | Path]) -> int:
    """Count the articles of the inputs cheaply (lines of JSON Lines, other files as one)."""
    total = 0
    for path in expand(inputs):
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def stored_hashes(store: Store) -> dict[str, str]:
    """Return the source hash of every article graph in the store, by graph IRI."""
    sparql = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{NKG.sourceHash}> ?h }} }}"
    return {str(row["g"]): str(row["h"]) for row in store.query(sparql).rows}


def _unchanged_skipped(
    records: Iterable[Record],
    known: dict[str, str],
    iris: Iris,
    summary: IngestSummary,
    tick: Progress,
) -> Iterator[Record]:
    for record in records:
        if isinstance(record, Article) and known.get(iris.article(record.id)) == (
            record.content_hash()
        ):
            summary.skipped += 1
            tick(1)
            continue
        yield record


def build_serial(records: Iterable[Record], settings: Settings) -> Iterator[Outcome]:
    """Build articles in this process."""
    worker = _Worker(settings)
    for chunk in _batches(records, CHUNK):
        yield from worker.build(chunk)


def build_parallel(
    records: Iterable[Record], settings: Settings, jobs: int
) -> Generator[Outcome, None, None]:
    """Build articles in ``jobs`` processes, in input order, with few chunks in flight."""
    # forkserver: workers do not inherit the parent's threads, open store or loaded model
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        jobs, context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        try:
            with _one_blas_thread():
                # these submits start the fork server and the workers with this environment
                pending.extend(pool.submit(_build_chunk, []) for _ in range(jobs))
            for chunk in _batches(records, CHUNK):
                pending.append(pool.submit(_build_chunk, chunk))
                # bounded: memory stays flat however long the corpus is
                if len(pending) >= 2 * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Set one BLAS/OpenMP thread for processes started inside the block."""
    # spaCy's matrix code would otherwise start one thread per core in every worker, and
    # N workers x N threads on N cores run slower than one process
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(dict.fromkeys(names, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Worker:
    """Builds chunks of articles with one loaded model and the compiled shapes."""

    def __init__(self, settings: Settings) -> None:
        self.builder = Builder(settings)
        self.validator = Validator()

    def build(self, records: Sequence[Record]) -> list[Outcome]:
        articles = [r for r in records if isinstance(r, Article)]
        outcomes = {id(a): o for a, o in zip(articles, self._extract(articles), strict=True)}
        return [outcomes[id(r)] if isinstance(r, Article) else _unreadable(r) for r in records]

    def _extract(self, articles: Sequence[Article]) -> list[Outcome]:
        b = self.builder
        return [
            Outcome(r.article.source or r.article.id, problem=r.reason)
            if isinstance(r, Unextracted)
            else self._map(r)
            for r in extract_many(articles, b.nlp)
        ]

    def _map(self, ann: Annotations) -> Outcome:
        where = ann.article.source or ann.article.id
        try:
            data = article_data(ann, self.builder.iris, self.builder.provenance)
            report = self.validator.validate_data(data)
        except KgError as e:
            return Outcome(where, problem=str(e))
        if not report.conforms:
            return Outcome(where, problem=report.describe())
        return Outcome(where, graph=data)


_WORKER: _Worker | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER
    # Ctrl-C goes to the whole process group: the parent alone decides what to stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = _Worker(settings)


def _build_chunk(records: list[Record]) -> list[Outcome]:
    if _WORKER is None:
        raise KgError("worker process was not initialised")
    return _WORKER.build(records)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _unreadable(error: InputError) -> Outcome:
    where, reason = error.parts()
    return Outcome(where, problem=reason)
