"""Publish: validated article graphs (and the failures met on the way) -> the store, a tally.

This is where `kg ingest` and `kg load` write to a store: graphs go in batches, each article
graph replacing its namesake whole (see the store backends), so a crash between two batches
leaves every stored article complete. A batch is written when it is full or a few seconds
after its first graph came, whichever is first, so a crash loses only the articles built in
those seconds (a rerun builds them again). Deleting an article and finding one are here too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from kg.errors import StoreError
from kg.iris import Iris
from kg.model import Failed, GraphData
from kg.store import Store
from kg.story_store import StoredStories
from kg.vocab import NKG

Progress = Callable[[int], None]
WRITE_BATCH = 256  # graphs per store write: bulk loads want many graphs at once
WRITE_INTERVAL = 5.0  # seconds: built graphs wait no longer than this to be stored
T = TypeVar("T")


@dataclass
class Summary:
    """What a load did: graphs stored, articles skipped as unchanged, failures."""

    loaded: int = 0
    skipped: int = 0
    # what the store holds after the load: happenings across articles, and stories
    happenings: int = 0
    stories: int = 0
    failed: list[Failed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def describe(self) -> str:
        text = f"loaded {self.loaded} article graph(s)"
        text += f", skipped {self.skipped} unchanged" if self.skipped else ""
        text += f"; {len(self.failed)} failed" if self.failed else ""
        if self.happenings:
            text += (
                f"; the store holds {self.happenings} happening(s) in {self.stories} "
                "stories across articles"
            )
        return text


def publish(
    items: Iterable[GraphData | Failed],
    store: Store,
    summary: Summary | None = None,
    progress: Progress | None = None,
    stories: StoredStories | None = None,
    interval: float = WRITE_INTERVAL,
) -> Summary:
    """Store every graph, in batches, and count them and the failures into ``summary``.

    With ``stories``, each batch's entities are first put on the IRIs of those stored
    (kg.alias_store) and its events joined to the happenings of the articles
    stored before (a crash between the two leaves links to articles not stored yet, which the
    rerun builds again with the same IRIs and links anew).
    """
    summary = summary or Summary()
    for batch in write_batches(items, WRITE_BATCH, interval):
        graphs = [i for i in batch if isinstance(i, GraphData)]
        if stories is not None and graphs:
            graphs = stories.identify(graphs)
            stories.link(graphs)
        summary.loaded += store.replace_graphs(graphs)
        summary.failed += [i for i in batch if isinstance(i, Failed)]
        if progress is not None:
            progress(len(batch))
    if stories is not None and summary.loaded:
        # the totals, not a sum over batches: the same corpus gives the same figures however
        # it was cut into writes (`--jobs`, the write interval)
        summary.happenings, summary.stories = stories.totals()
    return summary


def write_batches(
    items: Iterable[T], size: int, interval: float, clock: Callable[[], float] = time.monotonic
) -> Iterator[list[T]]:
    """Cut ``items`` into batches of ``size``, or fewer once ``interval`` s passed in one."""
    batch: list[T] = []
    started = 0.0
    for item in items:
        if not batch:
            started = clock()
        batch.append(item)
        if len(batch) >= size or clock() - started >= interval:
            yield batch
            batch = []
    if batch:
        yield batch


def stored_hashes(store: Store) -> dict[str, str]:
    """Return the source hash of every article graph in the store, by graph IRI."""
    sparql = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{NKG.sourceHash}> ?h }} }}"
    return {str(row["g"]): str(row["h"]) for row in store.query(sparql).rows}


def stored_article(store: Store, article_id: str, iris: Iris) -> str:
    """Return the graph IRI of a stored article; raise StoreError if the store has none."""
    iri = iris.article(article_id)
    if iri not in store.graphs():
        raise _missing(article_id, iri)
    return iri


def delete_article(store: Store, article_id: str, iris: Iris) -> str:
    """Remove one article's graph (and its events from the happenings across articles) and
    return its IRI; raise StoreError if it is not stored."""
    iri = iris.article(article_id)
    if iri not in store.graphs():
        raise _missing(article_id, iri)
    StoredStories(store, iris).unlink([iri])
    store.delete_graph(iri)
    return iri


def _missing(article_id: str, iri: str) -> StoreError:
    return StoreError(f"no article {article_id!r} in the store (looked for graph <{iri}>)")
