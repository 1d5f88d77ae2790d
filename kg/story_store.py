"""The corpus-level stage over a store: happenings and stories kept up to date, batch by batch.

The clusters live in one named graph (`Iris.corpus`), with an index: each event's link keys
(a participant, its type, the month of its article). Linking a batch of new article graphs
asks the store only for candidates under the keys of their window (events of other articles
of one type that share a participant, the nearest in time), the happening each candidate is in and
the story of its article. Joining a happening or a story adds member triples and, where the
batch joins two, moves the members of one to the other inside the store: no query or update
reads a whole happening or story, so the cost of adding an article does not grow with the
corpus. Removing an article (`unlink`) recomputes only the happenings and stories it was in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.alias_store import StoredNames
from kg.corpus_reads import OWN, lookups
from kg.disjoint import DisjointSets
from kg.iris import Iris
from kg.model import GraphData
from kg.store import Store
from kg.stories import (
    CARD_FIELDS,
    MAX_CANDIDATES,
    WINDOW_DAYS,
    EventCard,
    card_from,
    cards_of,
    days_apart,
    generic_types,
    nearest,
    same_happening,
)
from kg.story_keys import earlier_indexed, is_year_key, link_keys, search_keys
from kg.vocab import NKG, RDF, SCHEMA

_NONE = ("9999", "")
KNOWN_CARDS = 200_000  # stored event cards kept between batches (some hundred bytes each)


class StoredStories:
    """Happenings and stories across the articles of one store."""

    def __init__(self, store: Store, iris: Iris, generic: frozenset[str] | None = None) -> None:
        self.store, self.iris = store, iris
        self.graph = iris.corpus()
        self.generic = generic_types() if generic is None else generic
        self.reads = lookups(store)
        # the cards of stored events, which batches after batches ask for again: an article
        # graph is stored as built, so a card changes only when its article is stored anew
        self._known: dict[str, EventCard] = {}
        self._known_in: dict[str, set[str]] = defaultdict(set)  # article -> its known events
        self.names = StoredNames(store, iris)

    def identify(self, graphs: Sequence[GraphData]) -> list[GraphData]:
        """Put the entities of new article graphs on the IRIs of stored ones (kg.alias_store)."""
        return self.names.identify(graphs)

    def totals(self) -> tuple[int, int]:
        """Return how many happenings across articles, and stories, the store holds."""
        rows = self.store.query(
            # one type triple each in the corpus graph: counted without a set of them in memory
            f"""SELECT (COUNT(?x) AS ?happenings) (COUNT(?s) AS ?stories)
            WHERE {{ GRAPH <{self.graph}> {{
                {{ ?x a <{NKG.EventCluster}> }} UNION {{ ?s a <{NKG.Story}> }} }} }}"""
        ).rows
        row = rows[0] if rows else {}
        return int(row.get("happenings") or 0), int(row.get("stories") or 0)

    # --- linking ---------------------------------------------------------------------------

    def link(self, graphs: Sequence[GraphData]) -> None:
        """Join the events of new article graphs to the stored happenings (`totals` says how
        many the store holds). Articles of ``graphs`` already linked are unlinked first."""
        self._unlink_events([g.iri for g in graphs])
        new = [card for g in graphs for card in cards_of(g)]
        stored = self._candidates(new)
        cards = {c.event: c for c in new} | {c.event: c for cs in stored for c in cs}
        cluster_of, first_of = self._happenings_of(sorted({c.event for cs in stored for c in cs}))
        cards |= self._cards(set(first_of.values()) - set(cards))

        def order(node: str) -> tuple[str, str]:
            card = cards.get(first_of.get(node, node))
            return card.founding if card else _NONE

        happenings = DisjointSets(order)
        indexed = earlier_indexed(new, self.generic)
        for n, (card, earlier) in enumerate(zip(new, indexed, strict=True)):
            # as a build would: the nearest of the stored and of the batch's earlier events
            for other in nearest(card, [*stored[n], *earlier]):
                if same_happening(card, other, self.generic):
                    happenings.union(card.event, cluster_of.get(other.event, other.event))
        fresh = {c.event for c in new}
        changed = [g for g in happenings.groups().values() if fresh & set(g)]
        keyed = [(c, link_keys(c, self.generic)) for c in new]
        keys = [f"<{c.event}> <{NKG.linkKey}> {Literal(k).n3()} ." for c, ks in keyed for k in ks]
        keys += [
            f"<{c.event}> <{NKG.linkDate}> {Literal(c.date[:10]).n3()} ." for c, ks in keyed if ks
        ]
        self._update([], keys)
        self._write_happenings(changed, cards, first_of)
        self._join_stories(changed, cards, cluster_of)
        # cards read from the graphs these replace (while unlinking) are out of date
        self._forget({g.iri for g in graphs})

    def _write_happenings(
        self, changed: list[list[str]], cards: dict[str, EventCard], first_of: dict[str, str]
    ) -> None:
        """Add the new members of each happening, and move those of happenings it absorbed."""
        founders = {
            node: cards[first_of.get(node, node)].event for group in changed for node in group
        }
        self._regroup(
            changed,
            founders,
            first_of,
            self.iris.happening,
            NKG.EventCluster,
            NKG.firstReport,
            lambda e: cards[e].founding,
        )

    def _join_stories(
        self, changed: list[list[str]], cards: dict[str, EventCard], cluster_of: dict[str, str]
    ) -> None:
        """Put the articles of each changed happening in one story, merging stored stories."""
        if not changed:
            return
        events_of: dict[str, str] = {}  # a stored happening -> one event of it we hold
        for event, happening in cluster_of.items():
            events_of.setdefault(happening, event)
        groups = [
            [cards[events_of.get(n, n)].article for n in group if events_of.get(n, n) in cards]
            for group in changed
        ]
        articles = sorted({a for g in groups for a in g})
        story_of, first_of = self._stories_of(articles)
        dates = {c.article: c.date or "9999" for c in cards.values()}
        dates |= self._dates(set(first_of.values()) - set(dates))

        def order(node: str) -> tuple[str, str]:
            article = first_of.get(node, node)
            return (dates.get(article, "9999"), article)

        stories = DisjointSets(order)
        for group in groups:
            nodes = [story_of.get(a, a) for a in group]
            for node in nodes:
                stories.union(nodes[0], node)
        groups = list(stories.groups().values())
        founders = {node: first_of.get(node, node) for group in groups for node in group}
        self._regroup(
            groups, founders, first_of, self.iris.story, NKG.Story, NKG.firstArticle, order
        )

    def _regroup(
        self,
        groups: list[list[str]],
        founders: dict[str, str],
        stored: dict[str, str],
        iri_of: Callable[[str], str],
        kind: URIRef,
        first: URIRef,
        order: Callable[[str], tuple[str, str]],
    ) -> None:
        """Write each group as one node of ``kind`` named by its earliest founder: new members
        are added, stored nodes (keys of ``stored``) it absorbed are moved into it."""
        lines: list[str] = []
        moves: list[str] = []
        for group in groups:
            founding = min((founders[n] for n in group), key=order)
            target = iri_of(founding)
            lines.append(f"<{target}> <{RDF.type}> <{kind}> .")
            lines.append(f"<{target}> <{first}> <{founding}> .")
            for node in group:
                if node in stored:
                    if node != target:
                        moves.append(self._move(node, target))
                else:
                    lines.append(f"<{target}> <{NKG.member}> <{node}> .")
        self._update(moves, lines)

    def _move(self, gone: str, target: str) -> str:
        """Return the update that gives ``target`` the members of ``gone`` and removes it."""
        g = f"<{self.graph}>"
        return f"""INSERT {{ GRAPH {g} {{ <{target}> <{NKG.member}> ?m }} }}
            WHERE {{ GRAPH {g} {{ <{gone}> <{NKG.member}> ?m }} }} ;
            DELETE WHERE {{ GRAPH {g} {{ <{gone}> ?p ?o }} }}"""

    def _update(self, moves: list[str], lines: list[str]) -> None:
        parts = [*moves]
        if lines:
            parts.append(f"INSERT DATA {{ GRAPH <{self.graph}> {{ {' '.join(lines)} }} }}")
        if parts:
            self.store.update(" ;\n".join(parts))

    # --- unlinking -------------------------------------------------------------------------

    def unlink(self, articles: Iterable[str]) -> None:
        """Take these articles out of the name index, the happenings and the stories."""
        articles = list(articles)
        self.names.unlink(articles)
        self._unlink_events(articles)
        self._forget(set(articles))

    def _unlink_events(self, articles: Iterable[str]) -> None:
        """Take the events of these articles out of their happenings and stories; a happening
        or story left with one article is removed, a story the articles held together splits."""
        g = f"<{self.graph}>"
        # only articles already stored were linked; each step starts from their graphs
        mine = self._stored(set(articles))
        if not mine:
            return
        events = self._events_of(mine)
        if events:
            self.store.update(
                f"""DELETE {{ GRAPH {g} {{ ?e ?index ?k }} }} WHERE {{
                    VALUES ?e {{ {_iris(events)} }}
                    VALUES ?index {{ <{NKG.linkKey}> <{NKG.linkDate}> }}
                    GRAPH {g} {{ ?e ?index ?k }} }}"""
            )
        rows = self._select(
            f"""SELECT ?x ?e WHERE {{ VALUES ?a {{ {_iris(mine)} }}
                GRAPH ?a {{ ?mine <{SCHEMA.isPartOf}> ?a }}
                GRAPH {g} {{ ?x <{NKG.member}> ?mine ; <{NKG.member}> ?e }} }}"""
        )
        stories = self._select(
            f"""SELECT ?s ?m WHERE {{ VALUES ?a {{ {_iris(mine)} }}
                GRAPH {g} {{ ?s a <{NKG.Story}> ; <{NKG.member}> ?a ; <{NKG.member}> ?m }} }}"""
        )
        if not rows and not stories:
            return
        clusters: dict[str, set[str]] = defaultdict(set)
        for x, e in rows:
            clusters[x].add(e)
        cards = {e: c for e, c in self._cards({e for es in clusters.values() for e in es}).items()}
        kept = [
            sorted(
                (cards[e] for e in es if e in cards and cards[e].article not in mine),
                key=lambda c: c.founding,
            )
            for es in clusters.values()
        ]
        kept = [k for k in kept if len({c.article for c in k}) > 1]
        lines: list[str] = []
        for cluster in kept:
            x = self.iris.happening(cluster[0].event)
            lines.append(f"<{x}> <{RDF.type}> <{NKG.EventCluster}> .")
            lines.append(f"<{x}> <{NKG.firstReport}> <{cluster[0].event}> .")
            lines += [f"<{x}> <{NKG.member}> <{c.event}> ." for c in cluster]
        old_stories = {s for s, _ in stories}
        remaining = {m for _, m in stories} - set(mine)
        drops = [
            f"DELETE WHERE {{ GRAPH {g} {{ <{x}> ?p ?o }} }}"
            for x in sorted(set(clusters) | old_stories)
        ]
        self._update(drops, lines)
        self._restory(remaining)

    def _restory(self, articles: set[str]) -> None:
        """Write the stories of articles from the happenings that join them (after a removal)."""
        if not articles:
            return
        links = self._select(
            f"""SELECT ?x ?a WHERE {{ VALUES ?a {{ {_iris(articles)} }}
                GRAPH ?a {{ ?e <{SCHEMA.isPartOf}> ?a }}
                GRAPH <{self.graph}> {{ ?x <{NKG.member}> ?e }} }}"""
        )
        dates = self._dates(articles)
        stories = DisjointSets(lambda a: (dates.get(a, "9999"), a))
        by_happening: dict[str, list[str]] = defaultdict(list)
        for x, a in links:
            by_happening[x].append(a)
        for members in by_happening.values():
            for a in members:
                stories.union(members[0], a)
        lines: list[str] = []
        for members in stories.groups().values():
            if len(members) < 2:
                continue
            first = min(members, key=lambda a: (dates.get(a, "9999"), a))
            s = self.iris.story(first)
            lines.append(f"<{s}> <{RDF.type}> <{NKG.Story}> .")
            lines.append(f"<{s}> <{NKG.firstArticle}> <{first}> .")
            lines += [f"<{s}> <{NKG.member}> <{a}> ." for a in members]
        self._update([], lines)

    # --- reading ---------------------------------------------------------------------------

    def _select(self, sparql: str) -> list[tuple[str, ...]]:
        result = self.store.query(sparql)
        return [tuple(str(row[v]) for v in result.variables) for row in result.rows]

    def _candidates(self, new: list[EventCard]) -> list[list[EventCard]]:
        """For each new event, the stored events of other articles of its type that share a
        participant: the nearest in time within the window, found by their link keys."""
        found = self._indexed(new)
        if found is None:
            return [[] for _ in new]
        # the nearest in time from the index alone (beyond the window, by year): cards read last
        mine = {c.article for c in new}
        near: dict[int, set[tuple[int, str]]] = defaultdict(set)
        far: dict[int, set[tuple[int, str]]] = defaultdict(set)
        for n, e, d, by_year in found:
            if e.split("#", 1)[0] in mine:
                continue
            days = days_apart(new[n].date, d)
            if days <= WINDOW_DAYS:
                near[n].add((days, e))
            elif by_year:
                far[n].add((days, e))
        wanted = {
            n: [e for _, e in [*sorted(near[n])[:MAX_CANDIDATES], *sorted(far[n])[:MAX_CANDIDATES]]]
            for n in near.keys() | far.keys()
        }
        cards = self._cards({e for es in wanted.values() for e in es})
        return [
            nearest(card, (cards[e] for e in wanted.get(n, ()) if e in cards))
            for n, card in enumerate(new)
        ]

    def _indexed(self, new: list[EventCard]) -> list[tuple[int, str, str, bool]] | None:
        """Return (number of a new event, stored event, its link date, whether found by the
        year of its time) for each stored event under a search key of a new one; ``None``
        when no new event has a key."""
        numbers: dict[str, list[int]] = defaultdict(list)
        for n, card in enumerate(new):
            for key in search_keys(card, self.generic):
                numbers[key].append(n)
        if not numbers:
            return None
        graph = str(self.graph)
        under = self.reads.subjects(str(NKG.linkKey), map(ox.Literal, numbers), graph)
        dates: dict[str, list[str]] = defaultdict(list)
        for e, d in self.reads.objects({e for e, _ in under}, str(NKG.linkDate), graph):
            dates[e].append(d)
        return sorted(
            {(n, e, d, is_year_key(k)) for e, k in under for n in numbers[k] for d in dates[e]}
        )

    def _cards(self, events: Iterable[str]) -> dict[str, EventCard]:
        """Return the cards of stored events: those read before, the rest from their graphs."""
        wanted = set(events)
        known = {e: self._known[e] for e in wanted if e in self._known}
        fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for e, p, o in self.reads.triples(wanted - known.keys()):
            if p in CARD_FIELDS:
                fields[e][CARD_FIELDS[p]].add(o)
        dates = self._dates({a for f in fields.values() for a in f["article"]})
        read = {e: card_from(e, fields[e], dates) for e in fields}
        if len(self._known) + len(read) > KNOWN_CARDS:
            self._known.clear()  # a bound on memory; the next batches read them again
            self._known_in.clear()
        self._known |= read
        for e, c in read.items():
            self._known_in[c.article].add(e)
        return known | read

    def _forget(self, articles: set[str]) -> None:
        """Drop the cards of the events of these articles."""
        for a in articles & self._known_in.keys():
            for e in self._known_in.pop(a):
                self._known.pop(e, None)

    def _dates(self, articles: Iterable[str]) -> dict[str, str]:
        return {a: d[:10] for a, d in self.reads.objects(articles, str(SCHEMA.datePublished), OWN)}

    def _stored(self, articles: set[str]) -> list[str]:
        """Return those of ``articles`` whose graph the store holds."""
        held = self.reads.objects(articles, str(SCHEMA.identifier), OWN)
        return sorted({a for a, _ in held})

    def _events_of(self, articles: list[str]) -> list[str]:
        """Return the events of stored articles, from their graphs."""
        parts = self.reads.subjects(str(SCHEMA.isPartOf), map(ox.NamedNode, articles), OWN)
        return [e for e, _ in parts]

    def _grouped(
        self, members: list[str], kind: URIRef, first: URIRef
    ) -> list[tuple[str, str, str]]:
        """Return (member, node, its first) for each node of ``kind`` in the corpus graph that
        has one of ``members``."""
        graph = str(self.graph)
        having = self.reads.subjects(str(NKG.member), map(ox.NamedNode, members), graph)
        nodes = {x for x, _ in having}
        typed = {x for x, t in self.reads.objects(nodes, str(RDF.type), graph) if t == str(kind)}
        firsts: dict[str, list[str]] = defaultdict(list)
        for x, f in self.reads.objects(typed, str(first), graph):
            firsts[x].append(f)
        return [(m, x, f) for x, m in having for f in firsts.get(x, ())]

    def _happenings_of(self, events: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return the stored happening of each event that has one, and each one's first report."""
        rows = self._grouped(events, NKG.EventCluster, NKG.firstReport)
        return {e: x for e, x, _ in rows}, {x: f for _, x, f in rows}

    def _stories_of(self, articles: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return the stored story of each article that has one, and each one's first article."""
        rows = self._grouped(articles, NKG.Story, NKG.firstArticle)
        return {a: s for a, s, _ in rows}, {s: f for _, s, f in rows}


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))
