"""Build on a Dask cluster: article records -> article graphs (or failures), built by its workers.

The client (the `kg ingest` process) cuts the records into batches and submits each to the
scheduler at ``tcp://HOST:PORT``; a worker builds and validates a batch with the one Builder
its process holds (loaded on its first batch, kept for the next) and sends back only the
outcomes: each conforming graph as N-Triples, or why the article failed. The client yields
them in input order, with a bounded number of batches in flight, and writes them to the store
itself (kg.publish), so the store is written by one process, in whole article graphs, and a
rerun skips what is stored.

A worker that dies loses nothing: the scheduler gives its batches to the other workers; a
batch whose task raised is run again (``retries``); a batch that killed several workers
(an article that exhausts a worker's memory) comes back as failures of its articles.

Workers need newskg and the model installed, and the files of ``Settings.reference`` at the
same paths; start them with one thread each (``dask worker ADDRESS --nthreads 1``) and one
worker process per core (``--nworkers N``).
"""

from __future__ import annotations

import socket
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.util import minibatch

from kg.builder import Builder, Built, Record, Settings
from kg.errors import ClusterError
from kg.model import Article, Failed, GraphData

if TYPE_CHECKING:
    from distributed import Client, Future

Outcome = GraphData | Failed
# articles per task: a task then takes about a second of a worker's time on real news, so the
# scheduler's few milliseconds per task are negligible and a lost batch is little work
CLUSTER_BATCH = 64
RETRIES = 3  # a task that raised (a transient error on the worker) is run this many times more
CONNECT_TIMEOUT = 10.0  # seconds


def build_on_cluster(
    records: Iterable[Record], settings: Settings, scheduler: str
) -> Iterator[Outcome]:
    """Build every record on the cluster at ``scheduler``, yielding outcomes in input order."""
    with connect(scheduler) as client:
        # bounded: twice the cluster's threads keeps every worker busy and memory flat
        window = max(2, 2 * sum(client.nthreads().values()))
        pending: deque[tuple[list[Record], Future]] = deque()
        for batch in minibatch(records, CLUSTER_BATCH):
            future = client.submit(build_batch, settings, batch, retries=RETRIES, pure=False)
            pending.append((batch, future))
            if len(pending) >= window:
                yield from _outcomes(*pending.popleft())
        while pending:
            yield from _outcomes(*pending.popleft())


def connect(scheduler: str) -> Client:
    """Connect to the scheduler; raise ClusterError, saying what to do, if it cannot be reached."""
    try:
        from distributed import Client
    except ImportError as e:
        raise ClusterError('building on a cluster needs Dask: pip install "newskg[cluster]"') from e
    _reachable(scheduler)
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError) as e:
        raise ClusterError(f"{scheduler}: cannot connect to the Dask scheduler ({e})") from e


def _reachable(scheduler: str) -> None:
    """Fail fast on an address nothing listens on (Client would wait, then warn at exit)."""
    from distributed.comm import parse_address, parse_host_port

    try:
        scheme, location = parse_address(scheduler)
        host, port = parse_host_port(location)
    except ValueError as e:
        raise ClusterError(
            f"{scheduler!r} is not a scheduler address: give tcp://HOST:PORT ({e})"
        ) from e
    if scheme != "tcp":
        return  # tls:// and the rest are left to Dask's own connection
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as e:
        raise ClusterError(
            f"no Dask scheduler answers at {scheduler} ({e.strerror or e}): "
            f"start one (`dask scheduler`) or check the address"
        ) from e


def _outcomes(batch: list[Record], future: Future) -> list[Outcome]:
    from distributed import KilledWorker

    try:
        outcomes: list[Outcome] = future.result()
    except KilledWorker as e:
        # the scheduler gave the batch to allowed_failures + 1 workers and each one died
        tries = e.allowed_failures + 1
        reason = f"{tries} workers died building its batch (out of memory?); build it alone"
        return [Failed(_where(r), reason) for r in batch]
    finally:
        future.release()
    return outcomes


def _where(record: Record) -> str:
    if isinstance(record, Article):
        return record.source or record.id
    return record.parts()[0]


# -- on the workers


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _builder(settings: Settings) -> Builder:
    return Builder(settings)


def build_batch(settings: Settings, records: list[Record]) -> list[Outcome]:
    """Build one batch with this process's Builder for ``settings`` (loaded once)."""
    # a worker started with several threads builds one batch at a time: the Builder's
    # pipeline is not shared between threads, and the GIL would serialise them anyway
    with _LOCK:
        built = _builder(settings).build_batch(records)
    return [_outcome(b) for b in built]


def _outcome(result: Built | Failed) -> Outcome:
    # only what the store needs travels back: not the article text, nor the full report
    return result.outcome() if isinstance(result, Built) else result
