"""Measure build, load, query and memory on a generated corpus and print one table.

    python bench/run.py --count 10000 --small 1000 --work /tmp/newskg-bench

Everything is measured in this one run, side by side: on real news (the gold articles of
../shared/eval/meantime-dev repeated under new ids, bench/real.py), `kg build` of one process
against the shipped model's nlp.pipe and `kg ingest --jobs 2` against `--jobs 1`; on the
generated corpus, build throughput against spaCy's
nlp.pipe alone, the speed-up of two build processes, loading into the embedded store against
pyoxigraph's bulk_load, stored query latency on the embedded store and Oxigraph server against
rdflib in memory, and the peak memory of `kg ingest` on a small and on the full corpus.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Generator
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import spacy
from rdflib import Dataset, Literal, URIRef

from kg.build import write_graph
from kg.builder import BATCH_SIZE, Builder, Built, Settings
from kg.model import Article, GraphData
from kg.queries import StoredQuery, list_queries
from kg.reader import iter_records
from kg.remote import Endpoint, RemoteStore
from kg.store import EmbeddedStore, Store

HERE = Path(__file__).resolve().parent
# bench/ is not a package: its modules import each other from this folder
sys.path.insert(0, str(HERE))

from real import DEFAULT as GOLD  # noqa: E402
from real import write_corpus  # noqa: E402
from stages import measure  # noqa: E402

from queries import example_values  # noqa: E402

ROWS: list[tuple[str, str, str]] = []


def row(what: str, value: str, note: str = "") -> None:
    """Record one line of the table and show progress on stderr."""
    ROWS.append((what, value, note))
    print(f"  {what}: {value} {note}", file=sys.stderr, flush=True)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """Return the seconds ``func`` took and its result."""
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def articles(path: Path, n: int) -> list[Article]:
    """Read the first ``n`` articles of a corpus."""
    return [r for r in islice(iter_records([path]), n) if isinstance(r, Article)]


def bench_build(corpus: Path, n: int) -> None:
    """Build throughput against the shipped model's nlp.pipe on the same texts, with stages."""
    stages = measure(articles(corpus, n))
    row("build, 1 process", f"{1000 / stages.build:.1f} articles/s", f"({n} articles)")
    row("spaCy nlp.pipe alone", f"{1000 / stages.model:.1f} articles/s", "(model as shipped)")
    row("build / nlp.pipe", f"{stages.ratio:.2f}", "(target >= 0.75)")
    split = "; ".join(
        f"{name} {ms:.2f}"
        for name, ms in (
            ("newskg pipeline", stages.pipeline),
            ("rules", stages.rules),
            ("mapping", stages.mapping),
            ("SHACL", stages.shacl),
            ("writing TriG", stages.writing),
        )
    )
    row("build stages, ms/article", f"{stages.build:.2f} ms", f"({split})")


def bench_real(gold: Path, count: int, work: Path, repeat: int) -> None:
    """On real news: `kg build` of one process against nlp.pipe; `--jobs 2` against `--jobs 1`."""
    corpus = write_corpus(gold, count, work / f"real-{count}.jsonl")
    items = articles(corpus, count)
    builder, shipped = Builder(), spacy.load(Settings().model)
    texts = [a.text for a in items]
    out = work / "real-out"

    def model() -> None:
        list(shipped.pipe(texts, batch_size=BATCH_SIZE))

    def build() -> None:
        # what `kg build` does after start-up: build, validate, write one TriG file an article
        shutil.rmtree(out, ignore_errors=True)
        for result in builder.build(items):
            if isinstance(result, Built) and result.ok:
                write_graph(result, out, "trig")

    list(builder.build(items[:BATCH_SIZE]))
    list(shipped.pipe(texts[:BATCH_SIZE]))
    # interleaved, fastest of each: the machine's other load drifts during the run
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for name, func in (("model", model), ("build", build)):
            wall, cpu = time.perf_counter(), time.process_time()
            func()
            spent = (time.perf_counter() - wall, time.process_time() - cpu)
            best[name] = min(best.get(name, spent), spent)
    chars = sum(len(t) for t in texts) / count
    row(
        "real news: kg build, 1 process",
        f"{count / best['build'][0]:.1f} articles/s",
        f"({count} articles, {chars:,.0f} characters each; validated, TriG written)",
    )
    row(
        "real news: spaCy nlp.pipe alone",
        f"{count / best['model'][0]:.1f} articles/s",
        "(model as shipped)",
    )
    row(
        "real news: kg build / nlp.pipe",
        f"{best['model'][0] / best['build'][0]:.2f}",
        f"(CPU time: {best['model'][1] / best['build'][1]:.2f}; target >= 0.85)",
    )
    store = work / "store-real"
    one_s, _ = ingest_run(corpus, 1, store, work)
    two_s, _ = ingest_run(corpus, 2, store, work)
    row(
        f"real news: kg ingest --jobs 1, {count} articles",
        f"{count / one_s:.1f} articles/s",
        "(start-up included)",
    )
    row(f"real news: kg ingest --jobs 2, {count} articles", f"{count / two_s:.1f} articles/s")
    row("real news: speed-up of --jobs 2", f"{one_s / two_s:.2f}x", "(2 cores; target >= 1.8)")


def first(corpus: Path, n: int, work: Path) -> Path:
    """Write the first ``n`` articles of the corpus to their own file."""
    subset = work / f"first-{n}.jsonl"
    with corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        dst.writelines(islice(src, n))
    return subset


def ingest_run(corpus: Path, jobs: int, store: Path, work: Path) -> tuple[float, dict[str, Any]]:
    """Run `kg ingest` in a fresh process into a fresh store; return seconds and peaks."""
    out = work / f"peak-{corpus.stem}-{jobs}.json"
    shutil.rmtree(store, ignore_errors=True)
    command = [sys.executable, str(HERE / "peak.py"), str(out), "ingest", str(corpus)]
    seconds, _ = timed(
        lambda: subprocess.run(
            [*command, "--store", str(store), "--jobs", str(jobs)],
            check=False,
            stderr=subprocess.DEVNULL,
        )
    )
    return seconds, json.loads(out.read_text(encoding="utf-8"))


def bench_ingest(corpus: Path, small: int, count: int, store: Path, work: Path) -> None:
    """`kg ingest` with 1 and 2 jobs on the whole corpus, and peak memory at two sizes."""
    subset = first(corpus, small, work)
    _, peak_small = ingest_run(subset, 2, work / "store-small", work)
    one_s, _ = ingest_run(corpus, 1, store, work)
    two_s, peak_full = ingest_run(corpus, 2, store, work)
    row(
        f"kg ingest --jobs 1, {count} articles", f"{count / one_s:.1f} articles/s", "(all included)"
    )
    row(f"kg ingest --jobs 2, {count} articles", f"{count / two_s:.1f} articles/s")
    row("speed-up of --jobs 2", f"{one_s / two_s:.2f}x", "(2 cores)")
    for what, key in (("main process", "main_mib"), ("with its workers", "tree_mib")):
        row(f"peak memory of kg ingest, {small} articles, {what}", f"{peak_small[key]:.0f} MiB")
        row(f"peak memory of kg ingest, {count} articles, {what}", f"{peak_full[key]:.0f} MiB")
        growth = peak_full[key] / peak_small[key]
        row(f"peak memory {count} / {small}, {what}", f"{growth:.2f}", "(target <= 1.2)")


def split_graphs(nquads: bytes) -> list[GraphData]:
    """Group an N-Quads dump into one N-Triples document per named graph."""
    graphs: dict[str, list[bytes]] = defaultdict(list)
    for line in nquads.splitlines():
        body, _, rest = line.rstrip(b" .").rpartition(b" <")
        if body:
            graphs[rest.rstrip(b">").decode()].append(body + b" .\n")
    return [GraphData(iri, b"".join(lines)) for iri, lines in graphs.items()]


def bench_load(nquads: Path, work: Path) -> int:
    """Load quads/s into a fresh embedded store against pyoxigraph bulk_load of the same file."""
    data = nquads.read_bytes()
    graphs = split_graphs(data)
    quads = data.count(b"\n")
    bulk_dir, ours_dir = work / "load-bulk", work / "load-ours"
    for folder in (bulk_dir, ours_dir):
        shutil.rmtree(folder, ignore_errors=True)

    def bulk() -> None:
        store = ox.Store(str(bulk_dir))
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        # EmbeddedStore.close() compacts after a bulk load: both sides pay for it
        store.optimize()

    def ours() -> None:
        store = EmbeddedStore(ours_dir)
        store.replace_graphs(graphs)
        store.close()

    bulk_s, _ = timed(bulk)
    ours_s, _ = timed(ours)
    row(
        "pyoxigraph bulk_load",
        f"{quads / bulk_s:,.0f} quads/s",
        f"({quads:,} quads, {bulk_s:.1f} s)",
    )
    row("EmbeddedStore.replace_graphs", f"{quads / ours_s:,.0f} quads/s", f"({ours_s:.1f} s)")
    row("load / bulk_load", f"{bulk_s / ours_s:.2f}", "(target >= 0.8)")
    return quads


def latency(store: Store, query: StoredQuery, values: dict[str, str], runs: int) -> float:
    """Return the median milliseconds of ``runs`` runs of a stored query."""
    bound = query.bindings({p.name: values[p.name] for p in query.params if not p.optional})
    times = [timed(lambda: store.query(query.sparql, bound))[0] for _ in range(runs)]
    return statistics.median(times) * 1000


def rdflib_latency(dataset: Dataset, query: StoredQuery, values: dict[str, str]) -> float:
    """Return the milliseconds of one run of a stored query in rdflib (in memory)."""
    raw = {p.name: values[p.name] for p in query.params if not p.optional}
    bound = query.bindings(raw)
    init = {k: URIRef(str(v)) if isinstance(v, URIRef) else Literal(v) for k, v in bound.items()}
    seconds, _ = timed(lambda: list(dataset.query(query.sparql, initBindings=init)))
    return seconds * 1000


def oxigraph_server(folder: Path, nquads: Path) -> Generator[Endpoint, None, None]:
    """Load the dump into an Oxigraph server folder, serve it on 127.0.0.1, stop it after."""
    sys.path.insert(0, str(HERE.parent))
    from tests.servers import free_port, stop, wait_until_ready

    binary = str(Path(sys.executable).parent / "oxigraph")
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(
        [binary, "load", "--location", str(folder), "--file", str(nquads)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    port = free_port()
    log = folder.with_suffix(".log")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_ready(f"http://127.0.0.1:{port}/query", process, log)
        yield Endpoint(f"http://127.0.0.1:{port}/query")
    finally:
        stop(process)


def bench_queries(store_path: Path, nquads: Path, work: Path, subset_quads: int, runs: int) -> None:
    """Median latency of each stored query: embedded and Oxigraph server, against rdflib."""
    embedded = EmbeddedStore(store_path, read_only=True)
    values = example_values(embedded)
    dataset = Dataset()
    with nquads.open("rb") as f:
        dataset.parse(data=b"".join(islice(f, subset_quads)), format="nquads")
    servers = oxigraph_server(work / "oxigraph-server", nquads)
    remote = RemoteStore(next(servers))
    budget = time.monotonic() + 600  # rdflib can take minutes on some queries: cap it
    for query in list_queries():
        ms = latency(embedded, query, values, runs)
        server_ms = latency(remote, query, values, runs)
        slow = rdflib_latency(dataset, query, values) if time.monotonic() < budget else None
        versus = f"rdflib {slow:,.0f} ms on 100k = {slow / ms:.1f}x" if slow else "rdflib skipped"
        row(
            f"query {query.name}",
            f"{ms:,.1f} ms",
            f"server {server_ms:,.1f} ms; {versus}" + ("" if ms < 200 else " (over 200 ms)"),
        )
    remote.close()
    servers.close()


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--build", type=int, default=500, help="articles for build throughput")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold articles of real news")
    parser.add_argument("--real", type=int, default=600, help="real articles (gold repeated)")
    parser.add_argument("--real-repeat", type=int, default=2, help="runs each (fastest counts)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newskg-bench"))
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.count}.jsonl"
    if not corpus.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--count",
                str(args.count),
                "--out",
                str(corpus),
            ],
            check=True,
        )
    bench_real(args.gold, args.real, work, args.real_repeat)
    bench_build(corpus, args.build)
    store = work / "store-full"
    bench_ingest(corpus, args.small, args.count, store, work)
    nquads = work / "full.nq"
    full = EmbeddedStore(store)
    full.optimize()
    nquads.write_bytes(full.dump())
    full.close()
    quads = bench_load(nquads, work)
    row("corpus", f"{args.count} articles, {quads:,} quads")
    bench_queries(store, nquads, work, 100_000, args.runs)
    width = max(len(w) for w, _, _ in ROWS)
    print(f"{'measure'.ljust(width)}  {'value':>22}  note")
    for what, value, note in ROWS:
        print(f"{what.ljust(width)}  {value:>22}  {note}")


if __name__ == "__main__":
    main()
