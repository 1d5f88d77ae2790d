"""The corpus-level stage over a store: happenings and stories kept up to date, article by article.

The clusters live in one named graph (`Iris.corpus`). Linking a batch of new article graphs
asks the store only for candidates (events of other articles that share a participant, within
the date window) and the clusters and stories those candidates are in; it rewrites just the
clusters and stories that change, with one SPARQL update. So the cost of adding an article
depends on how much it shares with the corpus, not on the corpus size. Removing an article
takes its events out of their clusters and splits the stories it held together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from rdflib import Literal, URIRef

from kg.iris import Iris
from kg.model import GraphData
from kg.store import Store
from kg.stories import (
    CARD_FIELDS,
    WINDOW_DAYS,
    Corpus,
    EventCard,
    card_from,
    cards_of,
    generic_types,
)
from kg.vocab import NKG, RDF, RDFS, SCHEMA, SEM

_ROLES = f"<{NKG.hasAgent}>, <{NKG.hasPatient}>, <{SEM.hasPlace}>"


class StoredStories:
    """Happenings and stories across the articles of one store."""

    def __init__(self, store: Store, iris: Iris, generic: frozenset[str] | None = None) -> None:
        self.store, self.iris = store, iris
        self.graph = iris.corpus()
        self.generic = generic_types() if generic is None else generic

    def link(self, graphs: Sequence[GraphData]) -> int:
        """Join the events of new article graphs to the stored happenings; return how many
        happenings changed. Articles of ``graphs`` already linked are unlinked first."""
        self.unlink([g.iri for g in graphs])
        new = [card for g in graphs for card in cards_of(g)]
        if not new:
            return 0
        articles = {c.article for c in new}
        candidates = self._candidates(new, articles)
        old_clusters = self._clusters_of([c.event for c in candidates])
        corpus = Corpus(self.generic)
        members = {e for events in old_clusters.values() for e in events}
        known = {c.event: c for c in candidates}
        cards = known | self._cards(members - set(known))
        for events in old_clusters.values():
            corpus.restore([cards[e] for e in events if e in cards])
        for card in candidates:
            if card.event not in members:
                corpus.restore([card])
        corpus.add_all(new)
        changed = [g for g in corpus.clusters() if any(c.article in articles for c in g)]
        joined = {c.event for g in changed for c in g}
        gone = {x for x, events in old_clusters.items() if joined & set(events)}
        self._rewrite(changed, gone)
        return len(changed)

    def unlink(self, articles: Iterable[str]) -> None:
        """Take the events of these articles out of their happenings and stories."""
        mine = sorted(set(articles))
        if not mine:
            return
        rows = self._select(
            f"""SELECT ?x ?e WHERE {{ VALUES ?a {{ {_iris(mine)} }}
                GRAPH ?a {{ ?mine <{SCHEMA.isPartOf}> ?a }}
                GRAPH <{self.graph}> {{ ?x <{NKG.member}> ?mine ; <{NKG.member}> ?e }} }}"""
        )
        if not rows:
            self._rewrite_stories(set(mine), removed=set(mine))
            return
        clusters: dict[str, list[str]] = defaultdict(list)
        for x, e in rows:
            clusters[x].append(e)
        cards = {
            e: c
            for e, c in self._cards({e for es in clusters.values() for e in es}).items()
            if c.article not in mine
        }
        remaining = [
            sorted((cards[e] for e in events if e in cards), key=lambda c: c.founding)
            for events in clusters.values()
        ]
        changed = [g for g in remaining if len({c.article for c in g}) > 1]
        self._rewrite(changed, set(clusters), removed=set(mine))

    # --- reading ---------------------------------------------------------------------------

    def _select(self, sparql: str) -> list[tuple[str, ...]]:
        result = self.store.query(sparql)
        return [tuple(str(row[v]) for v in result.variables) for row in result.rows]

    def _candidates(self, new: list[EventCard], articles: set[str]) -> list[EventCard]:
        """Events of other stored articles that share a participant, within the date window."""
        participants = sorted({p for c in new for p in c.participants})
        if not participants:
            return []
        days = [date.fromisoformat(c.date[:10]) for c in new if _is_date(c.date)]
        window = ""
        if days and len(days) == len(new):
            low = (min(days) - timedelta(days=WINDOW_DAYS)).isoformat()
            high = (max(days) + timedelta(days=WINDOW_DAYS)).isoformat()
            window = f"OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?d }}"
            window += f' FILTER(!BOUND(?d) || (STR(?d) >= "{low}" && STR(?d) <= "{high}~"))'
        values = " ".join(f"<{p}>" for p in participants)
        mine = ", ".join(f"<{a}>" for a in sorted(articles))
        rows = self._select(
            f"""SELECT DISTINCT ?e WHERE {{ VALUES ?p {{ {values} }}
                GRAPH ?a {{ ?e ?role ?p . FILTER(?role IN ({_ROLES})) {window} }}
                FILTER(?a NOT IN ({mine})) }}"""
        )
        return sorted(self._cards({e for (e,) in rows}).values(), key=lambda c: c.founding)

    def _cards(self, events: Iterable[str]) -> dict[str, EventCard]:
        """Read the cards of stored events from their article graphs."""
        wanted = sorted(events)
        if not wanted:
            return {}
        values = " ".join(f"<{e}>" for e in wanted)
        predicates = " ".join(f"<{p}>" for p in CARD_FIELDS)
        rows = self._select(
            f"""SELECT ?e ?p ?o ?d WHERE {{ VALUES ?e {{ {values} }} VALUES ?p {{ {predicates} }}
                GRAPH ?a {{ ?e <{SCHEMA.isPartOf}> ?a ; ?p ?o .
                OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?d }} }} }}"""
        )
        fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        dates: dict[str, str] = {}
        for e, p, o, d in rows:
            fields[e][CARD_FIELDS[p]].add(o)
            if d and d != "None":
                dates[min(fields[e]["article"], default="")] = d[:10]
        return {e: card_from(e, fields[e], dates) for e in fields}

    def _clusters_of(self, events: list[str]) -> dict[str, list[str]]:
        """Return the stored happenings these events are in, with all their members."""
        if not events:
            return {}
        values = " ".join(f"<{e}>" for e in sorted(set(events)))
        rows = self._select(
            f"""SELECT ?x ?m WHERE {{ VALUES ?e {{ {values} }} GRAPH <{self.graph}> {{
                ?x <{NKG.member}> ?e ; a <{NKG.EventCluster}> ; <{NKG.member}> ?m }} }}"""
        )
        clusters: dict[str, list[str]] = defaultdict(list)
        for x, m in rows:
            clusters[x].append(m)
        return {x: sorted(set(ms)) for x, ms in clusters.items()}

    def _stories_of(self, articles: Iterable[str]) -> dict[str, list[str]]:
        values = " ".join(f"<{a}>" for a in sorted(set(articles)))
        if not values:
            return {}
        rows = self._select(
            f"""SELECT ?s ?m WHERE {{ VALUES ?a {{ {values} }} GRAPH <{self.graph}> {{
                ?s a <{NKG.Story}> ; <{NKG.member}> ?a ; <{NKG.member}> ?m }} }}"""
        )
        stories: dict[str, list[str]] = defaultdict(list)
        for s, m in rows:
            stories[s].append(m)
        return stories

    # --- writing ---------------------------------------------------------------------------

    def _rewrite(
        self, changed: list[list[EventCard]], gone: set[str], removed: set[str] | None = None
    ) -> None:
        """Replace clusters ``gone`` by ``changed``, then the stories of the articles touched."""
        lines: list[str] = []
        for cluster in changed:
            x = URIRef(self.iris.happening(cluster[0].event)).n3()
            lines.append(f"{x} <{RDF.type}> <{NKG.EventCluster}> .")
            lines += [f"{x} <{NKG.member}> <{c.event}> ." for c in cluster]
        drop = " ".join(f"<{x}>" for x in sorted(gone))
        update = ""
        if drop:
            update += f"""DELETE {{ GRAPH <{self.graph}> {{ ?x ?p ?o }} }}
                WHERE {{ VALUES ?x {{ {drop} }} GRAPH <{self.graph}> {{ ?x ?p ?o }} }} ;\n"""
        if lines:
            update += f"INSERT DATA {{ GRAPH <{self.graph}> {{ {' '.join(lines)} }} }}"
        if update:
            self.store.update(update.rstrip(" ;\n"))
        touched = {c.article for g in changed for c in g} | (removed or set())
        # the articles of this batch are not stored yet: their links come from the clusters
        known = {self.iris.happening(g[0].event): {c.article for c in g} for g in changed}
        dates = {c.article: c.date or "9999" for g in changed for c in g}
        self._rewrite_stories(touched, removed or set(), known, dates)

    def _rewrite_stories(
        self,
        articles: set[str],
        removed: set[str],
        known: dict[str, set[str]] | None = None,
        known_dates: dict[str, str] | None = None,
    ) -> None:
        """Recompute the stories of these articles from the happenings that join them
        (``known``: happenings just rewritten, by IRI, with their articles)."""
        old = self._stories_of(articles)
        every = (articles | {a for ms in old.values() for a in ms}) - removed
        if not every and not old:
            return
        links = (
            self._select(
                f"""SELECT ?x ?a ?d WHERE {{ VALUES ?a {{ {_iris(every)} }}
                    GRAPH ?a {{ ?e <{SCHEMA.isPartOf}> ?a
                        OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?d }} }}
                    GRAPH <{self.graph}> {{ ?x <{NKG.member}> ?e }} }}"""
            )
            if every
            else []
        )
        known = known or {}
        dates = {a: (d if d != "None" else "9999")[:10] for _x, a, d in links}
        dates |= known_dates or {}
        by_cluster: dict[str, set[str]] = defaultdict(set)
        for x, a, _d in links:
            if x not in known:
                by_cluster[x].add(a)
        by_cluster |= {x: articles - removed for x, articles in known.items()}
        stories = _components(by_cluster.values(), dates)
        lines: list[str] = []
        for members in stories:
            s = URIRef(self.iris.story(members[0])).n3()
            lines.append(f"{s} <{RDF.type}> <{NKG.Story}> .")
            lines.append(f"{s} <{RDFS.label}> {Literal(f'{len(members)} articles').n3()} .")
            lines += [f"{s} <{NKG.member}> <{a}> ." for a in members]
        update = ""
        if old:
            drop = " ".join(f"<{s}>" for s in sorted(old))
            update += f"""DELETE {{ GRAPH <{self.graph}> {{ ?s ?p ?o }} }}
                WHERE {{ VALUES ?s {{ {drop} }} GRAPH <{self.graph}> {{ ?s ?p ?o }} }} ;\n"""
        if lines:
            update += f"INSERT DATA {{ GRAPH <{self.graph}> {{ {' '.join(lines)} }} }}"
        if update:
            self.store.update(update.rstrip(" ;\n"))


def _components(groups: Iterable[set[str]], dates: dict[str, str]) -> list[list[str]]:
    """Join overlapping groups of articles; each result earliest article first."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            a = parent[a]
        return a

    for group in groups:
        first, *rest = sorted(group)
        for other in rest:
            a, b = sorted((find(first), find(other)), key=lambda x: (dates.get(x, "9999"), x))
            parent[b] = a
    found: dict[str, list[str]] = defaultdict(list)
    for article in parent:
        found[find(article)].append(article)
    return [
        sorted(g, key=lambda a: (dates.get(a, "9999"), a)) for g in found.values() if len(g) > 1
    ]


def _is_date(value: str | None) -> bool:
    try:
        return value is not None and bool(date.fromisoformat(value[:10]))
    except ValueError:
        return False


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))
