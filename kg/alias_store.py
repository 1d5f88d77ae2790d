"""The name index of kg.aliases kept in a store: new article graphs -> graphs on shared IRIs.

The index is in the corpus graph: one entry for each key of each entity, saying which stored
articles give it (``K nkg:nameKey "name ORG aerlingus" ; nkg:keyOf E ; nkg:keyFrom A1, A2``).
Looking a key up reads the entities under it, not the articles that name them; an article
taken out (`unlink`) takes itself off its entries, and an entry no other article gives goes.
Adding or removing an article costs the same however large the corpus; article graphs are
stored as built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.aliases import NameIndex, indexed, named_entities, offered, resolve, rewrite, settled
from kg.corpus_reads import lookups
from kg.extract.lexicon import Lexicon
from kg.iris import Iris
from kg.model import GraphData
from kg.store import Store
from kg.vocab import NKG

_KEY, _OF, _FROM = str(NKG.nameKey), str(NKG.keyOf), str(NKG.keyFrom)


class StoredNames:
    """The entities of the articles of one store by name key."""

    def __init__(self, store: Store, iris: Iris, lex: Lexicon | None = None) -> None:
        self.store, self.iris = store, iris
        self.graph = iris.corpus()
        self.lex = lex or Lexicon.load()
        self.reads = lookups(store)

    def identify(self, graphs: Sequence[GraphData]) -> list[GraphData]:
        """Put the entities of new article graphs on the IRIs of those stored (and of the
        batch's earlier articles), index them, and return the graphs to store, in order.
        Articles of ``graphs`` already stored are unlinked first."""
        self.unlink(g.iri for g in graphs)
        batch = NameIndex(self.iris, self.lex)
        stored: dict[str, list[str]] = {}
        given: list[tuple[str, str, str]] = []  # (entity, key, article)
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
            given += sorted(
                {
                    (e.iri, k, data.iri)
                    for e in indexed(now, self.iris)
                    for k in offered(e, self.lex)
                }
            )
            out.append(rewrite(data, entities, moves))
        self._write(given)
        return out

    def unlink(self, articles: Iterable[str]) -> None:
        """Take these articles off the index: an entry no other stored article gives goes."""
        mine = sorted(set(articles))
        entries = self._entries_of(mine)
        if not entries:
            return
        held = self._held_elsewhere(sorted({x for x, _ in entries}), mine)
        g = f"<{self.graph}>"
        gone = " ".join(f"<{x}> <{_FROM}> <{a}> ." for x, a in entries)
        parts = [f"DELETE DATA {{ GRAPH {g} {{ {gone} }} }}"]
        orphans = sorted({x for x, _ in entries} - held)
        if orphans:
            values = " ".join(f"<{x}>" for x in orphans)
            parts.append(
                f"DELETE {{ GRAPH {g} {{ ?x ?p ?o }} }} WHERE {{ VALUES ?x {{ {values} }}"
                f" GRAPH {g} {{ ?x ?p ?o }} }}"
            )
        self.store.update(" ;\n".join(parts))

    def _write(self, given: list[tuple[str, str, str]]) -> None:
        """Add the batch's entries, and the articles that give each."""
        lines = []
        for e, key, article in given:
            x = self.iris.name_key(e, key)
            lines.append(
                f"<{x}> <{_KEY}> {_literal(key)} ; <{_OF}> <{e}> ; <{_FROM}> <{article}> ."
            )
        if lines:
            self.store.update(f"INSERT DATA {{ GRAPH <{self.graph}> {{ {' '.join(lines)} }} }}")

    # --- reading ---------------------------------------------------------------------------

    def _lookup(self, keys: set[str]) -> dict[str, list[str]]:
        """Return the entities the corpus graph holds under each key."""
        graph = str(self.graph)
        under = self.reads.subjects(_KEY, map(ox.Literal, keys), graph)
        entities: dict[str, list[str]] = defaultdict(list)
        for x, e in self.reads.objects({x for x, _ in under}, _OF, graph):
            entities[x].append(e)
        found: dict[str, list[str]] = defaultdict(list)
        for x, k in under:
            found[k] += entities.get(x, ())
        return {k: sorted(set(found.get(k, ()))) for k in keys}

    def _entries_of(self, articles: list[str]) -> list[tuple[str, str]]:
        """Return (entry, article) for the entries these articles give."""
        return self.reads.subjects(_FROM, map(ox.NamedNode, articles), str(self.graph))

    def _held_elsewhere(self, entries: list[str], articles: list[str]) -> set[str]:
        """Return the entries an article other than ``articles`` gives too."""
        return self.reads.with_other(entries, _FROM, str(self.graph), set(articles))


def _literal(key: str) -> str:
    """Write a key as an N-Triples and SPARQL string literal."""
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
