"""Publishing: graphs reach the store in batches that are full or a few seconds old."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.model import GraphData
from kg.publish import publish, write_batches
from kg.store import EmbeddedStore


def test_batches_are_cut_when_full_or_when_the_first_item_is_old():
    now = [0.0]

    def items() -> Iterator[int]:
        for number, at in enumerate([0, 1, 2, 3, 10, 11, 12, 13, 14, 15]):
            now[0] = at
            yield number

    batches = list(write_batches(items(), size=4, interval=5.0, clock=lambda: now[0]))
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    # 4 comes ten seconds after 0 and closes its batch; 9 comes four seconds after 5
    slow = list(write_batches(items(), size=100, interval=5.0, clock=lambda: now[0]))
    assert slow == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


def test_a_graph_is_stored_before_the_next_is_built_when_the_interval_has_passed(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "store")
    graphs = [GraphData(f"urn:x:g{n}", f'<urn:x:s> <urn:x:p> "{n}" .\n'.encode()) for n in range(3)]
    seen: list[list[str]] = []

    def built() -> Iterator[GraphData]:
        for data in graphs:
            seen.append(store.graphs())  # what a crash here would leave in the store
            yield data

    summary = publish(built(), store, interval=0.0)
    assert summary.loaded == 3
    assert seen == [[], ["urn:x:g0"], ["urn:x:g0", "urn:x:g1"]]
    store.close()
