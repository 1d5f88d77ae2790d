"""The nkg: vocabulary in data/ontology/newskg.ttl against its users: shapes/, docs/rdf-model.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from kg import model
from kg.extract.lexicon import Lexicon
from kg.validate import load_shapes

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "data" / "ontology" / "newskg.ttl"
SHAPES_DIR = ROOT / "shapes"
DOC = ROOT / "docs" / "rdf-model.md"
NKG = Namespace("https://w3id.org/newskg/ns#")
NKGSH = Namespace("https://w3id.org/newskg/shapes#")
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$")

EVENT_TYPES = {
    "Flee", "Conflict", "MilitaryOffensive", "Battle", "Attack", "Capture", "Siege", "Declaration",
    "Statement", "Publication", "Demolish", "Deploy", "Movement", "Killing", "Death", "Injury",
    "Arrest", "Trial", "Election", "Meeting", "Agreement", "Transaction", "Production",
    "Change", "Other",
}  # fmt: skip


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR)


def _nkg_terms_in_text(text: str) -> set[URIRef]:
    return {NKG[name] for name in re.findall(r"\bnkg:([A-Za-z][A-Za-z0-9_]*)", text)}


def _nkg_terms_in_graph(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and t in NKG}


def _used_terms(ontology: Graph, shapes: Graph) -> set[URIRef]:
    used = _nkg_terms_in_graph(ontology) | _nkg_terms_in_graph(shapes)
    used |= _nkg_terms_in_text(DOC.read_text(encoding="utf-8"))
    for path in SHAPES_DIR.glob("*.ttl"):  # also the terms inside SPARQL and comments
        used |= _nkg_terms_in_text(path.read_text(encoding="utf-8"))
    return used


def _local(term: URIRef) -> str:
    return term[len(str(NKG)) :]


def test_every_used_term_is_defined(ontology: Graph, shapes: Graph) -> None:
    undefined = sorted(
        _local(t) for t in _used_terms(ontology, shapes) if (t, RDF.type, None) not in ontology
    )
    assert not undefined, f"nkg: terms used but not defined in {ONTOLOGY.name}: {undefined}"


def test_every_term_has_label_and_comment(ontology: Graph, shapes: Graph) -> None:
    missing = []
    for term in sorted(_used_terms(ontology, shapes)):
        label = ontology.value(term, RDFS.label) or ontology.value(term, SKOS.prefLabel)
        comment = ontology.value(term, RDFS.comment) or ontology.value(term, SKOS.definition)
        if label is None or comment is None:
            missing.append(_local(term))
    assert not missing, f"nkg: terms without a label or a comment/definition: {missing}"


def test_ontology_has_metadata(ontology: Graph) -> None:
    onto = ontology.value(None, RDF.type, OWL.Ontology)
    assert onto == URIRef("https://w3id.org/newskg/ns")
    assert ontology.value(onto, DCTERMS.title) is not None
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert ontology.value(onto, DCTERMS.license) == URIRef(
        "https://www.apache.org/licenses/LICENSE-2.0"
    )


def test_event_types_are_exactly_the_taxonomy(ontology: Graph) -> None:
    types = set(ontology.subjects(RDF.type, NKG.EventType))
    assert {_local(t) for t in types} == EVENT_TYPES
    for t in types:
        assert (t, RDF.type, SKOS.Concept) in ontology, t
        assert (t, SKOS.inScheme, NKG.EventTypes) in ontology, t
        assert ontology.value(t, SKOS.prefLabel) is not None, t
        assert ontology.value(t, SKOS.definition) is not None, t


def test_event_type_hierarchy_stays_in_the_scheme(ontology: Graph) -> None:
    types = set(ontology.subjects(RDF.type, NKG.EventType))
    for t in types:
        broader = set(ontology.objects(t, SKOS.broader))
        assert broader <= types, f"{t} has a broader concept outside the scheme"
        is_top = (NKG.EventTypes, SKOS.hasTopConcept, t) in ontology
        assert is_top == (not broader), f"{t}: top concept exactly when it has no broader"
        assert is_top == ((t, SKOS.topConceptOf, NKG.EventTypes) in ontology), t


def test_the_lexicon_hierarchy_of_event_types_is_the_ontology_s(ontology: Graph) -> None:
    """Event coreference reads the taxonomy from the lexicon: it must say what the ontology says."""
    hierarchy = Lexicon.load().event_type_hierarchy
    assert set(hierarchy) == EVENT_TYPES
    for name, (broader, _generic) in hierarchy.items():
        stated = {_local(t) for t in ontology.objects(NKG[name], SKOS.broader)}
        assert stated == ({broader} if broader else set()), name


def test_event_type_mappings_are_well_formed(ontology: Graph) -> None:
    for prop in (SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch):
        for _, target in ontology.subject_objects(prop):
            assert isinstance(target, URIRef)
            assert WIKIDATA.match(target) or target.startswith("http://schema.org/"), target


def test_event_shape_lists_every_event_type(ontology: Graph, shapes: Graph) -> None:
    # The ontology is not in the data graph at validation time, so the shape lists the types.
    prop = next(
        p for p in shapes.objects(NKGSH.EventShape, SH.property)
        if shapes.value(p, SH.path) == NKG.eventType
    )  # fmt: skip
    listed = set(Collection(shapes, shapes.value(prop, SH["in"])))
    assert listed == set(ontology.subjects(RDF.type, NKG.EventType))


@pytest.mark.parametrize(
    ("literal", "cls"),
    [(model.Certainty, NKG.Certainty), (model.Polarity, NKG.Polarity)],
    ids=["certainty", "polarity"],
)
def test_model_values_match_individuals(literal: object, cls: URIRef, ontology: Graph) -> None:
    individuals = {_local(t) for t in ontology.subjects(RDF.type, cls)}
    assert {v.title() for v in get_args(literal)} == individuals


def test_mention_kinds_match_model(ontology: Graph) -> None:
    # NAM, PRE, NOM, PRO in kg.model.MentionKind, in that order.
    kinds = ["Name", "Modifier", "Nominal", "Pronoun"]
    assert len(get_args(model.MentionKind)) == len(kinds)
    assert {_local(t) for t in ontology.subjects(RDF.type, NKG.MentionKind)} == set(kinds)
