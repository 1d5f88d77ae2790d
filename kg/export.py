"""Export: the store (or one article's graph) -> Turtle, JSON-LD, TriG or N-Quads text."""

from __future__ import annotations

from rdflib import Dataset

from kg.iris import Iris
from kg.publish import stored_article
from kg.serialize import serialize_dataset
from kg.store import Store


def export(store: Store, fmt: str, article_id: str | None = None, iris: Iris | None = None) -> str:
    """Serialise every graph of the store, or only the graph of the article ``article_id``."""
    graph = stored_article(store, article_id, iris or Iris()) if article_id else None
    dataset = Dataset()
    dataset.parse(data=store.dump(graph), format="nquads")
    return serialize_dataset(dataset, fmt)
