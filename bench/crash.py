"""Kill `kg ingest` with SIGKILL at random moments; check what each kill leaves in the store.

    python bench/crash.py --runs 20 --count 40 --work /tmp/newskg-crash

A clean ingest of a generated corpus gives the reference graphs and the time it takes. Then,
each run: a fresh store, `kg ingest` killed -9 at a random moment of that time, and checks:
the store opens, every article graph in it has the same quads as the clean build's, and a
rerun completes, skipping exactly the articles that survived and loading the rest, after which
the store is the clean one. Prints one line per run and a summary; exits 1 if a check failed.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]
SUMMARY = re.compile(r"loaded (\d+) article graph\(s\)(?:, skipped (\d+) unchanged)?")


@dataclass
class Run:
    """What one kill left, and whether every check held."""

    killed_at: float
    stored: int  # article graphs in the store after the kill (and the undo of a bulk load)
    journal: bool  # the kill came inside a bulk load
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def ingest(corpus: Path, store: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*KG, "ingest", str(corpus), "--store", str(store)],
        cwd=store.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def graphs(store: Path) -> dict[str, Graph]:
    """Open the store as a writer would (undoing an interrupted bulk load); return its graphs."""
    from kg.iris import Iris
    from kg.store import EmbeddedStore

    opened = EmbeddedStore(store)
    try:
        dump = opened.dump()
    finally:
        opened.close()
    dataset = Dataset().parse(data=dump, format="nquads")
    # the article graphs: the corpus graph across them is rebuilt by the rerun's links
    corpus = URIRef(Iris().corpus())
    return {str(g.identifier): g for g in dataset.graphs() if len(g) and g.identifier != corpus}


def clean_build(corpus: Path, work: Path) -> tuple[dict[str, Graph], float]:
    """Ingest the corpus undisturbed; return its graphs and how long it took."""
    store = work / "clean" / "store"
    shutil.rmtree(store.parent, ignore_errors=True)
    store.parent.mkdir(parents=True)
    started = time.monotonic()
    process = ingest(corpus, store)
    _, err = process.communicate(timeout=1800)
    if process.returncode != 0:
        raise SystemExit(f"the clean ingest failed: {err[-2000:]}")
    return graphs(store), time.monotonic() - started


def kill_once(corpus: Path, store: Path, at: float, clean: dict[str, Graph]) -> Run:
    """Kill an ingest ``at`` seconds in; check the store, rerun, check again."""
    shutil.rmtree(store.parent, ignore_errors=True)
    store.parent.mkdir(parents=True)
    process = ingest(corpus, store)
    try:
        process.wait(timeout=at)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    journal = store.with_name(store.name + ".pending").exists()
    problems: list[str] = []
    try:
        survived = graphs(store) if store.exists() else {}
    except Exception as e:  # the check is whether the store opens at all
        return Run(at, 0, journal, [f"the store does not open: {e}"])
    problems += [f"{iri} differs from the clean build" for iri, g in survived.items()
                 if iri not in clean or not isomorphic(g, clean[iri])]  # fmt: skip
    rerun = ingest(corpus, store)
    _, err = rerun.communicate(timeout=1800)
    found = SUMMARY.search(err)
    if rerun.returncode != 0 or found is None:
        problems.append(f"the rerun failed ({rerun.returncode}): {err.strip()[-300:]}")
    else:
        loaded, skipped = int(found.group(1)), int(found.group(2) or 0)
        if (loaded, skipped) != (len(clean) - len(survived), len(survived)):
            problems.append(f"the rerun loaded {loaded} and skipped {skipped}")
    final = graphs(store)
    if set(final) != set(clean) or any(not isomorphic(final[i], clean[i]) for i in final):
        problems.append("after the rerun the store is not the clean build")
    return Run(at, len(survived), journal, problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--count", type=int, default=40, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=11, help="of the kill moments")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newskg-crash"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / f"corpus-{args.count}.jsonl"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--count", str(args.count),
         "--seed", "7", "--out", str(corpus)],
        check=True,
    )  # fmt: skip
    clean, seconds = clean_build(corpus, args.work)
    print(f"clean ingest: {len(clean)} article graphs in {seconds:.1f} s")
    moments = random.Random(args.seed)
    results = []
    for number in range(1, args.runs + 1):
        run = kill_once(corpus, args.work / "run" / "store", moments.uniform(0, seconds), clean)
        results.append(run)
        status = "ok" if run.ok else "FAILED: " + "; ".join(run.problems)
        where = "in a bulk load" if run.journal else "between writes"
        print(f"run {number:2}: killed at {run.killed_at:5.1f} s, {run.stored:3} stored, "
              f"{where}: {status}", flush=True)  # fmt: skip
    failed = sum(not r.ok for r in results)
    partial = sum(0 < r.stored < len(clean) for r in results)
    print(f"{len(results)} kills, {partial} with some articles stored, "
          f"{sum(r.journal for r in results)} inside a bulk load, {failed} failed")  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
