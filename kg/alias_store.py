"""The name index of kg.aliases kept in a store: new article graphs -> graphs on shared IRIs.

Each article graph as stored says which keys its entities are indexed under
(``E nkg:nameKey "name ORG aerlingus"``); the corpus graph holds each key of each entity once
(``K nkg:nameKey "…" ; nkg:keyOf E``), so looking a key up reads the entities under it, not
the articles that name them. An article taken out (`unlink`) takes out the keys no other
stored article gives its entity: each is asked of the store's index once, stopping at the
first other article. Adding or removing an article costs the same however large the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

import pyoxigraph as ox

from kg.aliases import (
    Named,
    NameIndex,
    indexed,
    named_entities,
    offered,
    resolve,
    rewrite,
    settled,
)
from kg.extract.lexicon import Lexicon
from kg.iris import Iris
from kg.model import GraphData
from kg.store import EmbeddedStore, Store
from kg.vocab import NKG

_KEY, _OF = str(NKG.nameKey), str(NKG.keyOf)


class StoredNames:
    """The entities of the articles of one store by name key."""

    def __init__(self, store: Store, iris: Iris, lex: Lexicon | None = None) -> None:
        self.store, self.iris = store, iris
        self.graph = iris.corpus()
        self.lex = lex or Lexicon.load()
        self._match = store.match if isinstance(store, EmbeddedStore) else None

    def identify(self, graphs: Sequence[GraphData]) -> list[GraphData]:
        """Put the entities of new article graphs on the IRIs of those stored (and of the
        batch's earlier articles), index them, and return the graphs to store, in order.
        Articles of ``graphs`` already stored are unlinked first."""
        self.unlink(g.iri for g in graphs)
        batch = NameIndex(self.iris, self.lex)
        stored: dict[str, list[str]] = {}
        out = []
        for data in graphs:
            entities = named_entities(data, self.iris)

            def lookup(keys: set[str]) -> dict[str, list[str]]:
                stored.update(self._lookup(keys - set(stored)))
                found = {k: [*stored.get(k, ()), *batch.index.get(k, ())] for k in keys}
                return {k: list(dict.fromkeys(iris)) for k, iris in found.items() if iris}

            moves = resolve(entities, lookup, self.lex)
            now = settled(entities, moves)
            batch.add(now)
            out.append(_with_keys(rewrite(data, entities, moves), self._pairs(now)))
        self._write(batch.index, stored)
        return out

    def unlink(self, articles: Iterable[str]) -> None:
        """Take out the keys of these articles' entities that no other stored article gives."""
        mine = set(articles)
        pairs = {pair for a in sorted(mine) for pair in self._pairs_of(a)}
        gone = [(e, k) for e, k in sorted(pairs) if not self._given_elsewhere(e, k, mine)]
        if gone:
            lines = [
                f"<{self.iris.name_key(e, k)}> <{_KEY}> {_literal(k)} . "
                f"<{self.iris.name_key(e, k)}> <{_OF}> <{e}> ."
                for e, k in gone
            ]
            self.store.update(f"DELETE DATA {{ GRAPH <{self.graph}> {{ {' '.join(lines)} }} }}")

    def _pairs(self, entities: Iterable[Named]) -> list[tuple[str, str]]:
        return sorted(
            {(e.iri, k) for e in indexed(entities, self.iris) for k in offered(e, self.lex)}
        )

    def _write(self, index: dict[str, dict[str, None]], stored: dict[str, list[str]]) -> None:
        """Add the keys of the batch's entities the corpus graph does not hold yet."""
        lines = []
        for key, iris in sorted(index.items()):
            for e in iris:
                if e not in stored.get(key, ()):
                    x = self.iris.name_key(e, key)
                    lines.append(f"<{x}> <{_KEY}> {_literal(key)} . <{x}> <{_OF}> <{e}> .")
        if lines:
            self.store.update(f"INSERT DATA {{ GRAPH <{self.graph}> {{ {' '.join(lines)} }} }}")

    # --- reading ---------------------------------------------------------------------------

    def _lookup(self, keys: set[str]) -> dict[str, list[str]]:
        """Return the entities the corpus graph holds under each key."""
        if not keys:
            return {}
        found: dict[str, list[str]] = defaultdict(list)
        if self._match is not None:
            for key in sorted(keys):
                for x, *_ in self._match(None, _KEY, ox.Literal(key), self.graph):
                    found[key] += [e for _, _, e, _ in self._match(x, _OF, None, self.graph)]
        else:
            values = " ".join(_literal(k) for k in sorted(keys))
            for k, e in self._select(
                f"""SELECT ?k ?e WHERE {{ VALUES ?k {{ {values} }}
                    GRAPH <{self.graph}> {{ ?x <{_KEY}> ?k ; <{_OF}> ?e }} }}"""
            ):
                found[k].append(e)
        return {k: sorted(set(es)) for k, es in found.items()} | {k: [] for k in keys - set(found)}

    def _pairs_of(self, article: str) -> list[tuple[str, str]]:
        """Return the (entity, key) pairs a stored article graph gives."""
        if self._match is not None:
            return [(e, k) for e, _, k, _ in self._match(None, _KEY, None, article)]
        return [
            (e, k)
            for e, k in self._select(
                f"SELECT ?e ?k WHERE {{ GRAPH <{article}> {{ ?e <{_KEY}> ?k }} }}"
            )
        ]

    def _given_elsewhere(self, entity: str, key: str, articles: set[str]) -> bool:
        """Tell whether a stored article other than ``articles`` gives an entity a key."""
        if self._match is not None:
            quads = self._match(entity, _KEY, ox.Literal(key), None)
            return any(g not in articles and g != self.graph for *_, g in quads)
        skip = " ".join(f"<{a}>" for a in sorted(articles | {self.graph}))
        rows = self._select(
            f"""SELECT ?g WHERE {{ GRAPH ?g {{ <{entity}> <{_KEY}> {_literal(key)} }}
                FILTER (?g NOT IN ({skip.replace(" ", ", ")})) }} LIMIT 1"""
        )
        return bool(rows)

    def _select(self, sparql: str) -> list[tuple[str, ...]]:
        result = self.store.query(sparql)
        return [tuple(str(row[v]) for v in result.variables) for row in result.rows]


def _literal(key: str) -> str:
    """Write a key as an N-Triples and SPARQL string literal."""
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _with_keys(data: GraphData, pairs: list[tuple[str, str]]) -> GraphData:
    """Add to an article graph the keys its entities are indexed under."""
    if not pairs:
        return data
    lines = "".join(f"<{e}> <{_KEY}> {_literal(k)} .\n" for e, k in pairs)
    text = data.ntriples if data.ntriples.endswith(b"\n") else data.ntriples + b"\n"
    return replace(data, ntriples=text + lines.encode("utf-8"))
