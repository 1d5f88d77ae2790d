"""Measure what bounds a large ingest: the scheduler, the client, and each store's writes.

    python bench/scale.py /tmp/newskg-bench/full.nq --articles 10000 --work /tmp/newskg-scale

Given the N-Quads of built article graphs (bench/run.py writes full.nq), in one run:

- the Dask scheduler's cost per task: a real scheduler and two workers on 127.0.0.1, tasks that
  do nothing, submitted as `kg ingest --scheduler` submits its batches (a bounded window);
- what one batch's results cost the client: tasks that return one batch of real outcomes
  (CLUSTER_BATCH graphs taken from the file), received and unpickled by the client;
- store writes of ``--articles`` article graphs, in articles/s and quads/s: the embedded store
  (EmbeddedStore.replace_graphs, as `kg ingest` writes), Oxigraph server through the Graph
  Store Protocol (one PUT an article), Virtuoso through the Graph Store Protocol, through its
  bulk loader (N-Quads files of 1,000 articles, ld_dir and rdf_loader_run through isql) and as
  `kg ingest --virtuoso-load` writes (kg.virtuoso, one file a batch of kg.publish).

Prints one table; bench/README.md turns it into the time to ingest 1M and 10M articles.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import run  # noqa: E402
from run import row, split_graphs, timed  # noqa: E402

from kg.cluster import CLUSTER_BATCH  # noqa: E402
from kg.model import GraphData  # noqa: E402
from kg.publish import WRITE_BATCH  # noqa: E402
from kg.remote import Endpoint, RemoteStore  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.virtuoso import BulkLoad, VirtuosoBulkStore  # noqa: E402
from tests.servers import free_port, start_virtuoso, stop, wait_until_ready  # noqa: E402

BIN = Path(sys.executable).parent


def quads_of(graphs: list[GraphData]) -> int:
    return sum(g.ntriples.count(b"\n") for g in graphs)


def write_rate(
    name: str, graphs: list[GraphData], write: Callable[[], Any], note: str = ""
) -> None:
    """Time one write of every graph; record articles/s and quads/s."""
    seconds, _ = timed(write)
    quads = quads_of(graphs)
    for key, label in STORES.items():
        if name.startswith(label):
            record(key, quads / seconds)
    row(
        f"{name}, {len(graphs)} articles",
        f"{len(graphs) / seconds:,.0f} articles/s",
        f"({quads / seconds:,.0f} quads/s, {seconds:.1f} s)",
    )


# -- the scheduler


def noop(_: int) -> None:
    """Do nothing: a task whose cost is the scheduler's and the transport's alone."""


def fixed(payload: list[GraphData]) -> list[GraphData]:
    """Return a batch of outcomes as a worker returns its built graphs."""
    return payload


@contextmanager
def dask_cluster(work: Path, workers: int = 2) -> Iterator[str]:
    """Start `dask scheduler` and one-thread workers on 127.0.0.1; yield the address."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    logs = work / "dask"
    logs.mkdir(parents=True, exist_ok=True)
    processes = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=(logs / "scheduler.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
    ]
    from distributed import Client

    try:
        for n in range(workers):
            processes.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                    stdout=(logs / f"w{n}.log").open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            stop(process)


def windowed(client: Any, func: Callable[..., Any], args: list[Any], window: int) -> None:
    """Submit one task per argument with at most ``window`` in flight, as kg.cluster does."""
    pending: deque[Any] = deque()
    for arg in args:
        pending.append(client.submit(func, arg, pure=False, retries=3))
        if len(pending) >= window:
            pending.popleft().result()
    while pending:
        pending.popleft().result()


def bench_scheduler(graphs: list[GraphData], work: Path, tasks: int) -> None:
    """Scheduler time per task, and the client's time to receive one batch of results."""
    from distributed import Client

    with dask_cluster(work) as address, Client(address, set_as_default=False) as client:
        window = 2 * sum(client.nthreads().values())
        windowed(client, noop, list(range(50)), window)  # warm-up
        seconds, _ = timed(lambda: windowed(client, noop, list(range(tasks)), window))
        row("scheduler, empty tasks", f"{seconds * 1000 / tasks:.2f} ms/task", f"({tasks} tasks)")
        record("scheduler ms/task", seconds * 1000 / tasks)
        batch = graphs[:CLUSTER_BATCH]
        size = sum(len(g.ntriples) for g in batch)
        scattered = client.scatter(batch, broadcast=True)
        runs = 20
        seconds, _ = timed(lambda: windowed(client, fixed, [scattered] * runs, window))
        record("client bytes/s", size * runs / seconds)
        row(
            f"client receives a batch of {len(batch)} graphs",
            f"{seconds * 1000 / runs:.0f} ms/batch",
            f"({size / 1e6:.1f} MB, {size * runs / seconds / 1e6:.0f} MB/s)",
        )


# -- the stores


def bench_embedded(graphs: list[GraphData], work: Path) -> None:
    folder = work / "embedded"
    shutil.rmtree(folder, ignore_errors=True)

    def write() -> None:
        store = EmbeddedStore(folder)
        for start in range(0, len(graphs), 256):  # as kg.publish writes: 256 graphs a batch
            store.replace_graphs(graphs[start : start + 256])
        store.close()

    write_rate("embedded store", graphs, write)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Endpoint]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    port = free_port()
    log = folder / "server.log"
    process = subprocess.Popen(
        [str(BIN / "oxigraph"), "serve", "--location", str(folder / "db"),
         "--bind", f"127.0.0.1:{port}"],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(f"{base}/query", process, log)
        yield Endpoint(f"{base}/query", update=f"{base}/update", graph_store=f"{base}/store")
    finally:
        stop(process)


@contextmanager
def virtuoso(folder: Path) -> Iterator[tuple[Endpoint, int, Path]]:
    """Start Virtuoso on a fresh database; yield its endpoint, isql port and database folder."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with start_virtuoso(folder) as server:
        yield server.endpoint, server.sql_port, server.folder


def isql(port: int, script: str) -> str:
    """Run SQL statements through Virtuoso's isql client as dba."""
    done = subprocess.run(
        ["isql-vt", f"127.0.0.1:{port}", "dba", "dba"],
        input=script,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def bulk_load(graphs: list[GraphData], port: int, folder: Path) -> None:
    """Write N-Quads files where Virtuoso can read them and run its bulk loader on them."""
    from kg.ntriples import in_graph

    files = folder / "load"
    files.mkdir(exist_ok=True)
    for n, start in enumerate(range(0, len(graphs), 1000)):
        chunk = graphs[start : start + 1000]
        (files / f"part-{n:05d}.nq").write_bytes(
            b"".join(in_graph(g.ntriples, g.iri) for g in chunk)
        )
    isql(
        port,
        f"ld_dir('{files}', '*.nq', 'urn:newskg:unused');\nrdf_loader_run();\ncheckpoint;\n",
    )


def count_quads(store: RemoteStore) -> int:
    """Count the quads of the article graphs (Virtuoso keeps graphs of its own)."""
    sparql = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a <http://schema.org/NewsArticle> . "
        "?s ?p ?o } }"
    )
    return int(str(store.query(sparql).rows[0]["n"]))


def bench_remote(graphs: list[GraphData], work: Path, budget: float) -> None:
    """Graph Store Protocol writes to Oxigraph server and Virtuoso; Virtuoso's bulk loader."""
    with oxigraph_server(work / "oxigraph") as endpoint:
        store = RemoteStore(endpoint)
        write_rate(
            "Oxigraph server, one PUT an article", graphs, lambda: store.replace_graphs(graphs)
        )
        store.close()
    with virtuoso(work / "virtuoso") as (endpoint, port, folder):
        store = RemoteStore(endpoint)
        # the per-article path may be slow: measure it on as many as fit in the budget
        sample = graphs[: max(100, int(len(graphs) * min(1.0, budget / 600)))]
        write_rate("Virtuoso, one PUT an article", sample, lambda: store.replace_graphs(sample))
        store.update("CLEAR ALL")
        isql(port, "checkpoint;\n")
        write_rate(
            "Virtuoso bulk loader (ld_dir, rdf_loader_run)",
            graphs,
            lambda: bulk_load(graphs, port, folder),
        )
        stored = count_quads(store)
        row("Virtuoso quads after the bulk load", f"{stored:,}", f"(of {quads_of(graphs):,})")
        store.update("CLEAR ALL")
        bulk = VirtuosoBulkStore(store, BulkLoad(folder, f"127.0.0.1:{port}"))

        def through_kg() -> None:
            for start in range(0, len(graphs), WRITE_BATCH):  # as kg.publish hands them over
                bulk.replace_graphs(graphs[start : start + WRITE_BATCH])
            bulk.close()

        write_rate("Virtuoso, kg ingest --virtuoso-load", graphs, through_kg)


RATES: dict[str, float] = {}  # what each measurement allows, in quads/s or tasks/s


def record(name: str, value: float) -> None:
    RATES[name] = value


STORES = {
    "embedded": "embedded store",
    "virtuoso-bulk": "Virtuoso, kg ingest --virtuoso-load",
    "virtuoso-put": "Virtuoso, one PUT an article",
}


def scale_table(article_ms: float, article_quads: float, bytes_per_quad: float) -> str:
    """Return the time to ingest 1M and 10M articles on 1, 10 and 100 workers, as Markdown."""
    receipt = RATES["client bytes/s"] / (article_quads * bytes_per_quad)
    limits = {
        "the scheduler": CLUSTER_BATCH * 1000 / RATES["scheduler ms/task"],
        "the client's receipt of results": receipt,
    }
    lines = [
        "| articles | workers | build alone | embedded store | Virtuoso bulk loader |",
        "|---:|---:|---:|---|---|",
    ]
    for count in (1_000_000, 10_000_000):
        for workers in (1, 10, 100):
            rates = {"the workers": workers * 1000 / article_ms, **limits}
            cells = []
            for key in ("embedded", "virtuoso-bulk"):
                with_store = {**rates, "the store's writes": RATES[key] / article_quads}
                first = min(with_store, key=lambda k: with_store[k])
                cells.append(f"{_hours(count / with_store[first])} ({first})")
            build = _hours(count / rates["the workers"])
            lines.append(f"| {count:,} | {workers} | {build} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def _hours(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.1f} d"
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.0f} min"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nquads", type=Path, help="N-Quads of built article graphs")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=500, help="empty tasks to time")
    parser.add_argument("--budget", type=float, default=600, help="seconds for Virtuoso's PUTs")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newskg-scale"))
    parser.add_argument("--article-ms", type=float, default=150, help="build ms of one article")
    parser.add_argument("--article-quads", type=float, default=1659, help="quads of one article")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    graphs = split_graphs(args.nquads.read_bytes())[: args.articles]
    row("articles", f"{len(graphs):,}", f"({quads_of(graphs) / len(graphs):.0f} quads each)")
    bench_scheduler(graphs, args.work, args.tasks)
    bench_embedded(graphs, args.work)
    bench_remote(graphs, args.work, args.budget)
    width = max(len(w) for w, _, _ in run.ROWS)
    print(f"{'measure'.ljust(width)}  {'value':>22}  note")
    for what, value, note in run.ROWS:
        print(f"{what.ljust(width)}  {value:>22}  {note}")
    per_quad = sum(len(g.ntriples) for g in graphs) / quads_of(graphs)
    print(f"\nat {args.article_ms:.0f} ms and {args.article_quads:.0f} quads an article:\n")
    print(scale_table(args.article_ms, args.article_quads, per_quad))


if __name__ == "__main__":
    main()
