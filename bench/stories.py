"""What the corpus-level stage (happenings and stories across articles) costs in `kg ingest`.

    python bench/stories.py /tmp/newskg-bench/corpus-10000.jsonl --count 10000 --small 1000

Builds the article graphs once (model loaded, as `kg ingest` does; articles dated in order,
``--per-day`` a day, as a feed is ingested), then stores them in
batches into fresh embedded stores twice, without and with the stage, and prints: the
stage's share of the whole ingest (build + store), and its cost per article over the first
``small`` articles and over the last ``small`` of ``count`` (a store already holding the
rest): flat when candidates come from the index, not from the corpus.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from spacy.util import minibatch

from kg.builder import Builder, Built, Record
from kg.iris import Iris
from kg.model import Article, GraphData
from kg.publish import WRITE_BATCH
from kg.reader import iter_records
from kg.store import EmbeddedStore
from kg.story_store import StoredStories


def dated_as_a_feed(records: Iterable[Record], per_day: int) -> Iterator[Record]:
    """Date the articles in order, ``per_day`` a day, as a feed grows: the corpus then covers
    more days as it grows, and each day holds as many reports as the day before."""
    start = date(2020, 1, 1)
    for number, record in enumerate(records):
        if isinstance(record, Article) and per_day:
            day = start + timedelta(days=number // per_day)
            record = replace(record, date_published=day.isoformat())
        yield record


def build(corpus: Path, count: int, per_day: int) -> tuple[float, list[GraphData]]:
    """Build the first ``count`` articles; return the seconds it took and the graphs."""
    builder = Builder()
    builder.nlp  # noqa: B018 - load the model before the clock starts
    started = time.perf_counter()
    records = dated_as_a_feed(islice(iter_records([corpus]), count), per_day)
    graphs = [r.data for r in builder.build(records) if isinstance(r, Built) and r.ok]
    return time.perf_counter() - started, graphs


def store_all(graphs: list[GraphData], folder: Path, linked: bool) -> list[float]:
    """Store the graphs in write batches; return the seconds of the stage for each batch
    (with ``linked``) or of the write alone."""
    shutil.rmtree(folder, ignore_errors=True)
    store = EmbeddedStore(folder)
    stories = StoredStories(store, Iris())
    seconds = []
    try:
        for batch in minibatch(graphs, WRITE_BATCH):
            started = time.perf_counter()
            if linked:
                batch = stories.identify(batch)
                stories.link(batch)
                seconds.append(time.perf_counter() - started)
                store.replace_graphs(batch)
            else:
                store.replace_graphs(batch)
                seconds.append(time.perf_counter() - started)
    finally:
        store.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument(
        "--per-day",
        type=int,
        default=5,
        help="date the articles in order, this many a day (0: keep the corpus's own dates)",
    )
    args = parser.parse_args()

    build_s, graphs = build(args.corpus, args.count, args.per_day)
    n = len(graphs)
    with tempfile.TemporaryDirectory() as work:
        write = store_all(graphs, Path(work) / "plain", linked=False)
        stage = store_all(graphs, Path(work) / "linked", linked=True)
    per_batch = WRITE_BATCH
    first = sum(stage[: max(1, args.small // per_batch)]) / args.small
    last = sum(stage[-max(1, args.small // per_batch) :]) / args.small
    ingest_s = build_s + sum(write)
    print(f"articles built and stored                 {n}")
    print(f"build, model loaded                       {build_s:8.1f} s  ({n / build_s:.0f}/s)")
    print(f"store writes                              {sum(write):8.1f} s")
    print(f"corpus stage                              {sum(stage):8.1f} s")
    print(
        f"stage / (build + writes)                  {sum(stage) / ingest_s:8.3f}   (target <= 0.10)"
    )
    print(f"stage per article, first {args.small:<6}          {first * 1000:8.2f} ms")
    print(f"stage per article, last {args.small} of {n:<6}  {last * 1000:8.2f} ms")
    print(f"last / first                              {last / first:8.2f}   (flat: about 1)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
