"""Reference files: RDF (Turtle, N-Triples, JSON-LD) -> the entities they describe, with links.

Each typed, named node is one reference entity: its names (``schema:name``, labels,
``skos:altLabel``; ``skos:hiddenLabel`` for names that need context), its identifiers
(Wikidata, English Wikipedia, GeoNames) and coordinates. A node in the bundled namespace
(``ent:``) is known by its key, and its entity IRI is minted under the configured base.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import unquote

from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.util import guess_format

from kg.errors import InputError
from kg.iris import DEFAULT_BASE
from kg.model import EntityType, Link
from kg.resources import data_dir
from kg.vocab import GEO, NKG, SCHEMA

RefType = Literal["PERSON", "ORG", "PLACE"]

# the namespace of reference keys in the files ("ent:" in data/reference)
ENTITY_NS = f"{DEFAULT_BASE}entity/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"
WIKIPEDIA_NS = "https://en.wikipedia.org/wiki/"

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
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
POINT = re.compile(r"^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class RefEntity:
    """One entity of the reference knowledge, with the link it gives."""

    key: str
    type: EntityType  # "PERSON" | "ORG" | "PLACE"
    name: str
    aliases: tuple[str, ...]
    link: Link


class NodeEntry(NamedTuple):
    """What one node of a reference file says: the entity and what ranks and finds it."""

    entity: RefEntity
    country: bool  # a schema:Country: ranks above a city of the same name
    hidden: list[str]  # names that need context ("Kurdish forces")
    demonyms: list[str]
    notation: str  # a country's ISO code


def read_nodes(graph: Graph) -> Iterator[NodeEntry]:
    """Yield every typed, named entity of an RDF graph, in IRI order."""
    for node in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if isinstance(node, URIRef):
            entry = _read_node(graph, node)
            if entry is not None:
                yield entry


def _read_node(graph: Graph, node: URIRef) -> NodeEntry | None:
    types = sorted(str(t) for t in graph.objects(node, RDF.type))
    kind = next((TYPE_OF_CLASS[t] for t in types if t in TYPE_OF_CLASS), None)
    name = _first(graph, node, (SCHEMA.name, RDFS.label, SKOS.prefLabel))
    if kind is None or name is None:
        return None
    key = node[len(ENTITY_NS) :] if str(node).startswith(ENTITY_NS) else str(node)
    aliases = _texts(graph, node, (RDFS.label, SKOS.prefLabel, SKOS.altLabel), skip=name)
    link = _node_link(graph, node, key, name, types)
    return NodeEntry(
        RefEntity(key, kind, name, tuple(aliases), link),
        country=str(SCHEMA.Country) in types,
        hidden=_texts(graph, node, (SKOS.hiddenLabel,), skip=name),
        demonyms=_texts(graph, node, (NKG.demonym,)),
        notation=_first(graph, node, (SKOS.notation,)) or "",
    )


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


def _node_link(graph: Graph, node: URIRef, key: str, name: str, types: list[str]) -> Link:
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
        key=key,
        name=name,
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
