"""Ingest: a corpus (article files, or graph files already built) -> article graphs in a store.

Streaming (a bounded number of articles in flight, whatever the corpus size), in parallel
over worker processes that each hold one Builder, and resumable: each article graph is stored
whole (see kg.publish), and articles whose stored graph carries the same ``nkg:sourceHash``
are skipped.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from math import ceil
from pathlib import Path
from typing import TypeVar

from kg import forkserver
from kg.builder import BATCH_SIZE, Builder, Built, Record, Settings
from kg.errors import KgError
from kg.graphfiles import checked_graphs, graph_inputs, is_graph_file
from kg.iris import Iris
from kg.model import Article, Failed, GraphData
from kg.publish import WRITE_BATCH, Progress, Summary, publish, stored_hashes
from kg.reader import iter_records
from kg.store import Store
from kg.story_store import StoredStories

T = TypeVar("T")


def ingest(
    inputs: Iterable[str | Path],
    store: Store,
    settings: Settings | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> Summary:
    """Build, validate and store every article not already stored with the same content.

    With ``scheduler`` (a Dask scheduler's address), the cluster's workers build (kg.cluster).
    """
    summary = Summary()
    settings = settings or Settings()
    graphs = corpus_graphs(inputs, store, settings, jobs, summary, progress, scheduler)
    stories = StoredStories(store, Iris(settings.base))
    return publish(graphs, store, summary, progress, stories)


def load_files(paths: Iterable[Path], store: Store, settings: Settings | None = None) -> Summary:
    """Store graph files after validating them; article files among them are built first."""
    summary = Summary()
    files = graph_inputs(paths)
    graph_files = [p for p in files if is_graph_file(p)]
    articles = [p for p in files if not is_graph_file(p)]
    settings = settings or Settings()
    built = corpus_graphs(articles, store, settings, 1, summary) if articles else ()
    stories = StoredStories(store, Iris(settings.base))
    return publish(chain(checked_graphs(graph_files), built), store, summary, stories=stories)


def corpus_graphs(
    inputs: Iterable[str | Path],
    store: Store,
    settings: Settings,
    jobs: int,
    summary: Summary,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> Iterator[GraphData | Failed]:
    """Build the articles of the inputs that the store does not hold with the same content."""
    todo = _unchanged_skipped(iter_records(inputs), store, Iris(settings.base), summary, progress)
    results: Iterable[Built | GraphData | Failed]
    if scheduler is not None:
        from kg.cluster import build_on_cluster

        results = build_on_cluster(todo, settings, scheduler)
    elif jobs > 1:
        results = build_parallel(todo, settings, jobs)
    else:
        results = Builder(settings).build(todo)
    for result in results:
        yield result.outcome() if isinstance(result, Built) else result


def _unchanged_skipped(
    records: Iterable[Record],
    store: Store,
    iris: Iris,
    summary: Summary,
    progress: Progress | None,
) -> Iterator[Record]:
    known = stored_hashes(store)
    for record in records:
        if isinstance(record, Article) and _stored_unchanged(record, known, iris):
            summary.skipped += 1
            if progress is not None:
                progress(1)
            continue
        yield record


def _stored_unchanged(article: Article, known: dict[str, str], iris: Iris) -> bool:
    # hashed only when the store holds the article: a new article is hashed once, in its build
    stored = known.get(iris.article(article.id))
    return stored is not None and stored == article.content_hash()


def in_flight(jobs: int) -> int:
    """Return how many batches ``jobs`` processes are given ahead of what is taken.

    Enough to keep every process busy while the parent writes a store batch (kg.publish
    writes WRITE_BATCH graphs at once and takes no results meanwhile), and still bounded.
    """
    return max(2 * jobs, WRITE_BATCH // BATCH_SIZE + jobs)


def build_parallel(
    records: Iterable[Record], settings: Settings, jobs: int
) -> Generator[GraphData | Failed, None, None]:
    """Build articles in ``jobs`` processes, in input order, with few batches in flight.

    Only the outcomes travel back (each conforming graph, or why an article failed), not the
    article text nor the whole validation report.
    """
    with ProcessPoolExecutor(
        jobs, forkserver.context(), initializer=_start_worker, initargs=(settings,)
    ) as pool:
        pending: deque[Future[list[GraphData | Failed]]] = deque()
        window = in_flight(jobs)
        try:
            with forkserver.one_blas_thread():
                # these submits start the workers (and the server, if not yet started)
                pending.extend(pool.submit(_build_batch, []) for _ in range(jobs))
            for batch in tapered_batches(records, BATCH_SIZE, jobs):
                pending.append(pool.submit(_build_batch, batch))
                # bounded: memory stays flat however long the corpus is
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def tapered_batches(records: Iterable[T], size: int, jobs: int) -> Iterator[list[T]]:
    """Cut ``records`` into batches of ``size``, the last ones smaller, so that ``jobs``
    processes taking them in turn finish at about the same time.

    ``size * jobs`` records are held back from the batches; once the input ends, what is
    held goes in batches of a ``2 * jobs``-th of it: however the work fell, the last process
    to finish is busy alone for one small batch, not for one of ``size``.
    """
    held: deque[T] = deque()
    for record in records:
        held.append(record)
        if len(held) >= size * (jobs + 1):
            yield [held.popleft() for _ in range(size)]
    while held:
        n = min(size, ceil(len(held) / (2 * jobs)))
        yield [held.popleft() for _ in range(n)]


_BUILDER: Builder | None = None


def _start_worker(settings: Settings) -> None:
    global _BUILDER
    # Ctrl-C goes to the whole process group: the parent alone decides what to stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _BUILDER = Builder(settings)
    # loaded now, while the parent reads the input and the stored hashes, not in the first batch
    try:
        _BUILDER.provenance  # noqa: B018 (loads the model)
        _BUILDER.validator  # noqa: B018
    except Exception:
        pass  # the first batch loads again and raises what failed, as without this


def _build_batch(records: list[Record]) -> list[GraphData | Failed]:
    if _BUILDER is None:
        raise KgError("worker process was not initialised")
    built = _BUILDER.build_batch(records)
    return [b.outcome() if isinstance(b, Built) else b for b in built]
