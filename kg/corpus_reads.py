"""Pattern look-ups for the corpus-level stage, the same on every kind of store.

The stage (kg.story_store, kg.alias_store) reads small sets of triples by subject or by object:
the link keys of events, the date of an article, the members of a happening, the entities under
a name key. The embedded store answers such a pattern from its indexes with no query to parse;
a remote store is asked once for all the subjects or objects of a call, with a ``VALUES`` block.
Both answer in the same form, so the stage is written once.

A graph is an IRI, or ``OWN``: the subject's own named graph (an article's triples about
itself), or for `Lookups.subjects` the object's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import pyoxigraph as ox

from kg.store import EmbeddedStore, Store

OWN = ""
"""The graph of a look-up that is the subject's (or the object's) own named graph."""

Term = ox.NamedNode | ox.Literal
Match = Callable[..., Iterator[tuple[str, str, str, str]]]


class Lookups(Protocol):
    def objects(self, subjects: Iterable[str], predicate: str, graph: str) -> list[tuple[str, str]]:
        """Return (subject, object) for each value of ``predicate`` of the subjects."""
        ...

    def subjects(
        self, predicate: str, objects: Iterable[Term], graph: str
    ) -> list[tuple[str, str]]:
        """Return (subject, object) for each subject with ``predicate`` one of the objects."""
        ...

    def triples(self, subjects: Iterable[str]) -> list[tuple[str, str, str]]:
        """Return every (subject, predicate, object) of the subjects, in any named graph."""
        ...

    def with_other(
        self, subjects: Iterable[str], predicate: str, graph: str, excluded: set[str]
    ) -> set[str]:
        """Return the subjects with a value of ``predicate`` that is not one of ``excluded``
        (however many values a subject has, the first other one will do)."""
        ...


def lookups(store: Store) -> Lookups:
    """The look-ups of a store: from its indexes when it is embedded, else by SPARQL."""
    if isinstance(store, EmbeddedStore):
        return IndexLookups(store.match)
    return SparqlLookups(store)


class IndexLookups:
    """Look-ups answered from the embedded store's indexes, one pattern a subject or object."""

    def __init__(self, match: Match) -> None:
        self.match = match

    def objects(self, subjects: Iterable[str], predicate: str, graph: str) -> list[tuple[str, str]]:
        return [
            (s, o)
            for s in sorted(set(subjects))
            for _, _, o, _ in self.match(s, predicate, None, graph or s)
        ]

    def subjects(
        self, predicate: str, objects: Iterable[Term], graph: str
    ) -> list[tuple[str, str]]:
        return [
            (s, o.value)
            for o in sorted(set(objects), key=str)
            for s, *_ in self.match(None, predicate, o, graph or o.value)
        ]

    def triples(self, subjects: Iterable[str]) -> list[tuple[str, str, str]]:
        return [(s, p, o) for s in sorted(set(subjects)) for _, p, o, _ in self.match(s)]

    def with_other(
        self, subjects: Iterable[str], predicate: str, graph: str, excluded: set[str]
    ) -> set[str]:
        return {
            s
            for s in set(subjects)
            if any(o not in excluded for _, _, o, _ in self.match(s, predicate, None, graph or s))
        }


class SparqlLookups:
    """Look-ups answered by one SPARQL query a call."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def objects(self, subjects: Iterable[str], predicate: str, graph: str) -> list[tuple[str, str]]:
        wanted = sorted(set(subjects))
        if not wanted:
            return []
        rows = self._select(
            f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {_iris(wanted)} }} "
            f"GRAPH {_graph(graph, '?s')} {{ ?s <{predicate}> ?o }} }}"
        )
        return [(s, o) for s, o in rows]

    def subjects(
        self, predicate: str, objects: Iterable[Term], graph: str
    ) -> list[tuple[str, str]]:
        wanted = sorted(set(objects), key=str)
        if not wanted:
            return []
        # str() of a pyoxigraph term is its N-Triples form, which SPARQL reads as written
        rows = self._select(
            f"SELECT ?s ?o WHERE {{ VALUES ?o {{ {' '.join(str(o) for o in wanted)} }} "
            f"GRAPH {_graph(graph, '?o')} {{ ?s <{predicate}> ?o }} }}"
        )
        return [(s, o) for s, o in rows]

    def triples(self, subjects: Iterable[str]) -> list[tuple[str, str, str]]:
        wanted = sorted(set(subjects))
        if not wanted:
            return []
        rows = self._select(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_iris(wanted)} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        return [(s, p, o) for s, p, o in rows]

    def with_other(
        self, subjects: Iterable[str], predicate: str, graph: str, excluded: set[str]
    ) -> set[str]:
        wanted = sorted(set(subjects))
        if not wanted:
            return set()
        others = f"FILTER (?o NOT IN ({', '.join(f'<{x}>' for x in sorted(excluded))}))"
        rows = self._select(
            f"SELECT ?s WHERE {{ VALUES ?s {{ {_iris(wanted)} }} FILTER EXISTS {{ "
            f"GRAPH {_graph(graph, '?s')} {{ ?s <{predicate}> ?o }} "
            f"{others if excluded else ''} }} }}"
        )
        return {s for (s,) in rows}

    def _select(self, sparql: str) -> list[tuple[str, ...]]:
        result = self.store.query(sparql)
        return [tuple(str(row[v]) for v in result.variables) for row in result.rows]


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _graph(graph: str, own: str) -> str:
    return f"<{graph}>" if graph else own
