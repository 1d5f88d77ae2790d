"""Tests of kg.reference: loading reference RDF, linking, demonyms, and the bundled files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from kg.errors import InputError
from kg.model import Entity
from kg.names import normalise
from kg.reference import ReferenceIndex, default_paths, parse_point
from kg.vocab import GEO, SCHEMA

TINY = """\
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix nkg: <https://w3id.org/newskg/ns#> .
@prefix ent: <https://w3id.org/newskg/entity/> .

ent:abu-bakr-al-baghdadi a schema:Person ;
    schema:name "Abu Bakr al-Baghdadi" ;
    skos:altLabel "Baghdadi" ;
    schema:sameAs <https://en.wikipedia.org/wiki/Abu_Bakr_al-Baghdadi> .

ent:islamic-state a schema:Organization ;
    schema:name "Islamic State" ;
    skos:altLabel "IS", "Daesh" ;
    owl:sameAs <http://www.wikidata.org/entity/Q2429253> .

ent:baghdad a schema:City ;
    schema:name "Baghdad" ;
    nkg:geonamesId 98182 ;
    geo:hasGeometry [ geo:asWKT "POINT(44.40088 33.34058)"^^geo:wktLiteral ] .

ent:iraq a schema:Country ;
    schema:name "Iraq" ;
    nkg:demonym "Iraqi"@en ;
    skos:notation "IQ" .

ent:united-states a schema:Country ;
    schema:name "United States" ;
    skos:altLabel "US", "U.S." ;
    nkg:demonym "American"@en, "US"@en, "U.S."@en ;
    skos:notation "US" .

ent:paris-curated a schema:City ;
    schema:name "Lutetia" .
"""


@pytest.fixture
def tiny(tmp_path: Path) -> ReferenceIndex:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    return ReferenceIndex.load([path], cities=False)


@pytest.fixture(scope="module")
def full() -> ReferenceIndex:
    return ReferenceIndex.load()


def test_normalise_ignores_case_spaces_hyphens_and_accents() -> None:
    assert normalise("Abubakr al-Baghdadi") == normalise("Abu Bakr al Baghdadi")
    assert normalise("the Islamic State's") == normalise("Islamic State")
    assert normalise("Mûsil") == normalise("musil")


def test_load_reads_names_aliases_and_ids(tiny: ReferenceIndex) -> None:
    ref = tiny.entity("islamic-state")
    assert ref is not None
    assert ref.type == "ORG"
    assert set(ref.aliases) == {"IS", "Daesh"}
    assert ref.link.wikidata == "Q2429253"
    assert ref.link.key == "islamic-state"
    assert len(tiny) == 6


def test_load_reads_geometry_and_geonames(tiny: ReferenceIndex) -> None:
    ref = tiny.entity("baghdad")
    assert ref is not None
    assert (ref.link.lon, ref.link.lat, ref.link.geonames) == (44.40088, 33.34058, 98182)
    assert ref.link.types == (str(SCHEMA.City),)


def test_link_by_alias_variant(tiny: ReferenceIndex) -> None:
    link = tiny.link(Entity("PERSON", "Abubakr al-Baghdadi"))
    assert link is not None
    assert link.wikipedia == "Abu Bakr al-Baghdadi"
    assert link.confidence == 1.0


def test_link_uses_entity_aliases(tiny: ReferenceIndex) -> None:
    link = tiny.link(Entity("ORG", "the jihadist group", aliases=["Daesh"]))
    assert link is not None and link.wikidata == "Q2429253"


def test_link_surname_needs_curated_alias(tiny: ReferenceIndex) -> None:
    assert tiny.link(Entity("PERSON", "Baghdadi")) is not None
    assert tiny.link(Entity("PERSON", "Bakr")) is None


def test_link_type_check_refuses(tiny: ReferenceIndex) -> None:
    assert tiny.link(Entity("PERSON", "Baghdad")) is None
    assert tiny.link(Entity("PLACE", "Islamic State")) is None
    assert tiny.link(Entity("OTHER", "Iraq")) is None


def test_link_acronym_is_case_sensitive(tiny: ReferenceIndex) -> None:
    assert tiny.link(Entity("ORG", "IS")) is not None
    assert tiny.link(Entity("ORG", "is")) is None
    assert tiny.link(Entity("ORG", "Is")) is None


def test_link_below_min_confidence_is_none(tmp_path: Path) -> None:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    strict = ReferenceIndex.load([path], cities=False, min_confidence=0.99)
    assert strict.link(Entity("ORG", "Daesh")) is None  # an alias gives 0.95
    assert strict.link(Entity("ORG", "Islamic State")) is not None


def test_link_ambiguous_city_prefers_most_populous(full: ReferenceIndex) -> None:
    link = full.link(Entity("PLACE", "Perth"))
    assert link is not None
    assert link.geonames == 2063523  # Perth, Australia, not Perth, Scotland
    assert 0.6 <= link.confidence < 0.9


def test_link_ambiguous_city_context_only_between_similar_sizes(full: ReferenceIndex) -> None:
    link = full.link(Entity("PLACE", "Perth"), context="Perth, Scotland, United Kingdom")
    assert link is not None and link.geonames == 2063523


def test_link_curated_major_city_has_wikipedia_and_geonames(full: ReferenceIndex) -> None:
    link = full.link(Entity("PLACE", "Paris"), context="Paris, Texas, United States")
    assert link is not None and link.key == "paris"
    assert link.geonames == 2988507 and link.wikipedia == "Paris"
    assert link.lat is not None and link.lon is not None


def test_link_prominent_organisations(full: ReferenceIndex) -> None:
    cases = {
        ("ORG", "General Motors"): "General Motors",
        ("ORG", "GM"): "General Motors",
        ("ORG", "Ford"): "Ford Motor Company",  # a link-only label: never tags "Ford" itself
        ("PLACE", "Asia"): "Asia",
    }
    for (kind, name), title in cases.items():
        link = full.link(Entity(kind, name))  # type: ignore[arg-type]
        assert link is not None and link.wikipedia == title, name
    assert full.link(Entity("PERSON", "Ford")) is None


def test_link_prefers_curated_over_city(full: ReferenceIndex) -> None:
    link = full.link(Entity("PLACE", "Mosul"))
    assert link is not None
    assert link.key == "mosul" and link.geonames == 99072
    assert link.confidence == 1.0


def test_link_curated_place_gains_city_alternate_names(full: ReferenceIndex) -> None:
    link = full.link(Entity("PLACE", "Mossul"))
    assert link is not None and link.key == "mosul"
    assert link.confidence < 0.95


def test_link_hidden_label_lowers_confidence(full: ReferenceIndex) -> None:
    link = full.link(Entity("ORG", "Kurdish forces"))
    assert link is not None and link.key == "peshmerga"
    assert link.confidence < 0.8


def test_link_seed_entities(full: ReferenceIndex) -> None:
    cases = {
        ("PERSON", "Abubakr al-Baghdadi"): "abu-bakr-al-baghdadi",
        ("PERSON", "Boris Johnson"): "boris-johnson",
        ("ORG", "Islamic State group"): "islamic-state",
        ("ORG", "US military"): "united-states-armed-forces",
        ("PLACE", "UK"): "united-kingdom",
        ("PLACE", "Iraqi-Syrian border"): "iraq-syria-border",
        ("PLACE", "Nineveh"): "nineveh-governorate",
    }
    for (kind, name), key in cases.items():
        link = full.link(Entity(kind, name))  # type: ignore[arg-type]
        assert link is not None and link.key == key, name


def test_demonym(tiny: ReferenceIndex) -> None:
    iraq = tiny.demonym("Iraqi")
    assert iraq is not None and iraq.key == "iraq"
    for word in ("US", "U.S.", "American"):
        us = tiny.demonym(word)
        assert us is not None and us.key == "united-states", word
    assert tiny.demonym("us") is None
    assert tiny.demonym("Kurdish") is None


def test_demonym_bundled(full: ReferenceIndex) -> None:
    british = full.demonym("British")
    assert british is not None and british.link.wikidata == "Q145"
    for word in ("Kurdish", "Arab", "Jewish"):
        assert full.demonym(word) is None, word


def test_patterns_hold_curated_and_countries_not_cities(full: ReferenceIndex) -> None:
    patterns = full.patterns()
    assert ("Islamic State", "ORG") in patterns
    assert ("Baghdadi", "PERSON") in patterns
    assert ("Iraq", "PLACE") in patterns
    assert ("Kurdish forces", "ORG") not in patterns  # a hidden label
    assert ("Nice", "PLACE") not in patterns
    assert len(patterns) < 1000


def test_broken_file_raises_input_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix schema: <http://schema.org/> .\n<a> schema:name ", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl"):
        ReferenceIndex.load([broken], cities=False)


def test_unknown_suffix_raises_input_error(tmp_path: Path) -> None:
    odd = tmp_path / "entities.xyz"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"entities\.xyz"):
        ReferenceIndex.load([odd], cities=False)


def test_user_ntriples_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "extra.nt"
    path.write_text(
        "<https://w3id.org/newskg/entity/haider-al-abadi> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .\n"
        "<https://w3id.org/newskg/entity/haider-al-abadi> "
        '<http://schema.org/name> "Haider al-Abadi" .\n',
        encoding="utf-8",
    )
    index = ReferenceIndex.load([path], cities=False)
    assert index.link(Entity("PERSON", "Haider al-Abadi")) is not None


def test_default_index_is_cached(full: ReferenceIndex) -> None:
    assert ReferenceIndex.load() is full


# -- the bundled files ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Graph:
    graph = Graph()
    for path in default_paths():
        graph.parse(path)
    return graph


def test_bundled_files_exist() -> None:
    names = {p.name for p in default_paths()}
    assert {"seed.ttl", "countries.ttl"} <= names


def test_bundled_owl_sameas_are_wikidata_entities(bundled: Graph) -> None:
    objects = list(bundled.objects(None, OWL.sameAs))
    assert objects
    for obj in objects:
        assert isinstance(obj, URIRef)
        assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*", str(obj)), obj


def test_bundled_schema_sameas_are_english_wikipedia(bundled: Graph) -> None:
    objects = list(bundled.objects(None, SCHEMA.sameAs))
    assert objects
    for obj in objects:
        assert isinstance(obj, URIRef)
        assert re.fullmatch(r"https://en\.wikipedia\.org/wiki/[^\s_][^\s]*", str(obj)), obj


def test_bundled_geometries_are_points_in_range(bundled: Graph) -> None:
    literals = list(bundled.objects(None, GEO.asWKT))
    assert literals
    for wkt in literals:
        assert isinstance(wkt, Literal) and wkt.datatype == GEO.wktLiteral
        point = parse_point(str(wkt))
        assert point is not None, wkt
        lon, lat = point
        assert -180 <= lon <= 180 and -90 <= lat <= 90, wkt


def test_bundled_seed_ids(full: ReferenceIndex) -> None:
    expected = {
        "islamic-state": "Q2429253",
        "iraq": "Q796",
        "syria": "Q858",
        "united-kingdom": "Q145",
        "united-states": "Q30",
        "baghdad": "Q1530",
        "boris-johnson": "Q180589",
    }
    for key, qid in expected.items():
        ref = full.entity(key)
        assert ref is not None and ref.link.wikidata == qid, key
    mosul, baghdad = full.entity("mosul"), full.entity("baghdad")
    assert mosul is not None and mosul.link.geonames == 99072
    assert baghdad is not None and baghdad.link.geonames == 98182


def test_described_city_yields_to_namesake_the_context_names(full: ReferenceIndex) -> None:
    plain = full.link(Entity("PLACE", "Birmingham"))
    assert plain is not None and plain.wikipedia == "Birmingham"  # England
    there = full.link(Entity("PLACE", "Birmingham"), context="Birmingham, Alabama, United States")
    assert there is None or there.geonames != plain.geonames
