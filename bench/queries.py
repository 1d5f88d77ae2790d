"""Time each stored query on an existing embedded store and print the medians.

python bench/queries.py /tmp/newskg-bench/store-full --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.queries import StoredQuery, list_queries
from kg.store import EmbeddedStore, Store


def example_values(store: Store) -> dict[str, str]:
    """Pick parameter values that exist: the most quoted speaker, the most active actor."""
    speakers = (
        "SELECT ?speaker (COUNT(?q) AS ?n) WHERE { GRAPH ?g { ?q <http://schema.org/creator> "
        "?speaker } } GROUP BY ?speaker ORDER BY DESC(?n) LIMIT 1"
    )
    actors = (
        "SELECT ?actor (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?e "
        "<http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> ?actor } } "
        "GROUP BY ?actor ORDER BY DESC(?n) LIMIT 1"
    )
    speaker = str(store.query(speakers).rows[0]["speaker"])
    actor = str(store.query(actors).rows[0]["actor"])
    return {"speaker": speaker, "entity": actor, "article": "bench-000000"}


def latency(
    store: Store, query: StoredQuery, values: dict[str, str], runs: int
) -> tuple[float, float, int]:
    """Return the median wall and CPU milliseconds of ``runs`` runs and the number of rows."""
    bound = query.bindings({p.name: values[p.name] for p in query.params if not p.optional})
    walls: list[float] = []
    cpus: list[float] = []
    rows = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        rows = len(store.query(query.sparql, bound).rows)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, rows


def main() -> None:
    """Open the store read-only and print one line per stored query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="names of queries to time")
    args = parser.parse_args()
    store = EmbeddedStore(args.store, read_only=True)
    values = example_values(store)
    # CPU time as well: the query runs in this thread, so it shows the cost of the query
    # alone when other processes share the cores
    print(f"{'query':<24}{'median':>12}{'cpu':>12}{'rows':>8}")
    for query in list_queries():
        if args.only and query.name not in args.only:
            continue
        ms, cpu, rows = latency(store, query, values, args.runs)
        flag = "" if ms < 200 else "  (over 200 ms)"
        print(f"{query.name:<24}{ms:>9,.1f} ms{cpu:>9,.1f} ms{rows:>8}{flag}", flush=True)


if __name__ == "__main__":
    main()
