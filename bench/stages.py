"""Where a build's time goes: milliseconds per article for each stage, on any corpus.

    python bench/stages.py /tmp/newskg-bench/corpus-10000.jsonl --count 500
    python bench/stages.py data/articles --cpu

Stages, each timed alone on the same articles after a warm-up (the fastest of --repeat runs):
the spaCy model as shipped (``spacy.load``), newskg's pipeline up to its rules (the model plus
its own sentence and reference-name components), the rules (newskg's other components, run on
those documents), the mapping to N-Triples, SHACL validation and writing the TriG files of
`kg build`; then the whole build as `kg ingest` runs it in one process (writing no file). The
ratio is the whole build's throughput against the shipped model's ``nlp.pipe``. Wall-clock
time by default; ``--cpu`` counts the process's CPU time instead, steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import spacy

from kg.build import write_graph
from kg.builder import BATCH_SIZE, Builder, Built, Settings
from kg.extract import doc_state, make_docs
from kg.extract.pipeline import COMPONENTS
from kg.mapping import article_data
from kg.model import Article
from kg.reader import iter_records


@dataclass
class Stages:
    """Milliseconds per article of each stage, and of the whole build."""

    articles: int
    triples: float
    model: float
    pipeline: float
    rules: float
    mapping: float
    shacl: float
    writing: float
    build: float

    @property
    def ratio(self) -> float:
        return self.model / self.build

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("articles", f"{self.articles} ({self.triples:.0f} triples each)"),
            ("spaCy model nlp.pipe (as shipped)", f"{self.model:.2f} ms/article"),
            ("newskg pipeline nlp.pipe", f"{self.pipeline:.2f} ms/article"),
            ("extraction rules", f"{self.rules:.2f} ms/article"),
            ("mapping to N-Triples", f"{self.mapping:.2f} ms/article"),
            ("SHACL validation", f"{self.shacl:.2f} ms/article"),
            ("writing TriG files", f"{self.writing:.2f} ms/article"),
            ("whole build, 1 process", f"{self.build:.2f} ms/article"),
            ("build / nlp.pipe (throughput)", f"{self.ratio:.2f}"),
        ]


def per_article(
    func: Callable[[], Any], n: int, repeat: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, Any]:
    """Return the milliseconds per article of ``func``'s fastest run, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = clock()
        result = func()
        best = min(best, (clock() - started) * 1000 / n)
    return best, result


def measure(
    items: list[Article], settings: Settings | None = None, repeat: int = 3, cpu: bool = False
) -> Stages:
    """Time every stage on ``items``, fastest of ``repeat`` runs (after a warm-up batch)."""
    settings = settings or Settings()
    builder = Builder(settings)
    validator = builder.validator
    shipped = spacy.load(settings.model)
    warm = items[:BATCH_SIZE]
    builder.build_batch(warm)
    list(shipped.pipe([a.text for a in warm]))
    texts, n, r = [a.text for a in items], len(items), repeat
    clock = time.process_time if cpu else time.perf_counter
    model, _ = per_article(lambda: list(shipped.pipe(texts, batch_size=BATCH_SIZE)), n, r, clock)
    nlp, rules_only = builder.nlp, [c for c in COMPONENTS if c.startswith("newskg_")]

    def parse() -> list[Any]:
        return list(nlp.pipe(make_docs(items, nlp), batch_size=BATCH_SIZE, disable=rules_only))

    def run_rules() -> list[Any]:
        components = [nlp.get_pipe(name) for name in rules_only]
        for doc in docs:
            for component in components:
                component(doc)
        return [doc_state.collect(doc) for doc in docs]

    pipeline, docs = per_article(parse, n, r, clock)
    rules, anns = per_article(run_rules, n, r, clock)
    mapping, datas = per_article(
        lambda: [article_data(x, builder.iris, builder.provenance) for x in anns], n, r, clock
    )
    shacl, reports = per_article(lambda: [validator.validate_data(d) for d in datas], n, r, clock)
    built = [Built(a, d, report) for a, d, report in zip(items, datas, reports, strict=True)]
    with tempfile.TemporaryDirectory() as out:
        writing, _ = per_article(
            lambda: [write_graph(b, Path(out), "trig") for b in built], n, r, clock
        )
    build, _ = per_article(lambda: list(builder.build(items)), n, r, clock)
    triples = sum(d.ntriples.count(b"\n") for d in datas) / n
    return Stages(n, triples, model, pipeline, rules, mapping, shacl, writing, build)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="article files, folders, JSON Lines")
    parser.add_argument("--count", type=int, default=500, help="articles to measure")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (fastest counts)")
    parser.add_argument("--cpu", action="store_true", help="count CPU time, not wall-clock time")
    args = parser.parse_args()
    items = [r for r in islice(iter_records(args.inputs), args.count) if isinstance(r, Article)]
    for what, value in measure(items, repeat=args.repeat, cpu=args.cpu).rows():
        print(f"{what:36s} {value}")


if __name__ == "__main__":
    main()
