"""Tests of the pipeline: newline sentences, reference names, and the components in order."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import KgError, ModelError
from kg.extract import doc_state
from kg.extract.pipeline import COMPONENTS, DEFAULT_MODEL, load_pipeline
from kg.extract.reference_names import REFERENCE_ID, ReferenceNames, clean_entity
from kg.reference import ReferenceIndex


@pytest.fixture
def blank() -> Language:
    return spacy.blank("en")


def names(nlp: Language, patterns: list[tuple[str, str]]) -> ReferenceNames:
    component = ReferenceNames(nlp)
    component.add_patterns(patterns)
    return component


def with_ents(nlp: Language, text: str, ents: list[tuple[int, int, str]]) -> Doc:
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_newline_sentences_break_at_line_ends(blank: Language) -> None:
    blank.add_pipe("newline_sentences")
    doc = blank("IS leader flees Mosul as battle rages\n2 min read\n06 November, 2016\nHe fled.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts == [
        "IS leader flees Mosul as battle rages",
        "2 min read",
        "06 November, 2016",
        "He fled.",
    ]


def test_newline_sentences_allow_breaks_after_punctuation_only(blank: Language) -> None:
    blank.add_pipe("newline_sentences")
    doc = blank("Where's Baghdadi? IS leader flees")
    assert doc[4].is_sent_start is None  # left to the parser
    assert doc[5].is_sent_start is False


def test_reference_names_are_case_sensitive(blank: Language) -> None:
    doc = names(blank, [("IS", "ORG")])(blank.make_doc("IS says it is near."))
    assert [(e.text, e.label_) for e in doc.ents] == [("IS", "ORG")]


def test_reference_names_override_wrong_labels(blank: Language) -> None:
    doc = with_ents(blank, "Baghdadi said so.", [(0, 1, "ORG")])
    doc = names(blank, [("Baghdadi", "PERSON")])(doc)
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("Baghdadi", "PERSON", REFERENCE_ID)]


def test_reference_names_keep_longer_model_entities(blank: Language) -> None:
    doc = with_ents(blank, "the British Embassy in Baghdad said", [(1, 5, "ORG")])
    doc = names(blank, [("Baghdad", "PLACE")])(doc)
    assert [e.text for e in doc.ents] == ["British Embassy in Baghdad"]


def test_reference_names_split_model_entity_at_spaced_dash(blank: Language) -> None:
    doc = with_ents(blank, "based in San Jose - Cisco .", [(2, 6, "GPE")])
    doc = names(blank, [("Cisco", "ORG")])(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("San Jose", "GPE"), ("Cisco", "ORG")]


def test_reference_names_keep_dashed_name_without_known_part(blank: Language) -> None:
    doc = with_ents(blank, "sold by Wal - Mart .", [(2, 5, "ORG")])
    doc = names(blank, [("Cisco", "ORG")])(doc)
    assert [e.text for e in doc.ents] == ["Wal - Mart"]


def test_reference_names_skip_shouted_headlines(blank: Language) -> None:
    doc = names(blank, [("IS", "ORG")])(blank.make_doc("WHERE IS BAGHDADI"))
    assert list(doc.ents) == []


def test_clean_entity_strips_possessive_and_shouting(blank: Language) -> None:
    doc = with_ents(blank, "Abu Bakr's men ESCAPED Mosul", [(0, 3, "PERSON"), (4, 6, "ORG")])
    cleaned = [clean_entity(e) for e in doc.ents]
    assert [e.text for e in cleaned if e is not None] == ["Abu Bakr", "Mosul"]


def test_load_pipeline_names_the_missing_model() -> None:
    with pytest.raises(ModelError, match="no_such_model_xyz"):
        load_pipeline("no_such_model_xyz", ReferenceIndex.load(cities=False))


@pytest.fixture(scope="module")
def full() -> Language:
    return load_pipeline(DEFAULT_MODEL, ReferenceIndex.load())


@pytest.mark.model
def test_load_pipeline_is_cached(full: Language) -> None:
    assert load_pipeline(DEFAULT_MODEL, ReferenceIndex.load()) is full


@pytest.mark.model
def test_load_pipeline_adds_components_in_order(full: Language) -> None:
    names = full.pipe_names
    assert names.index("newline_sentences") < names.index("parser")
    assert names[names.index("ner") + 1 :] == list(COMPONENTS)


@pytest.mark.model
def test_every_component_finds_what_it_requires_before_it(full: Language) -> None:
    analysis = full.analyze_pipes()
    assert all(problems == [] for problems in analysis["problems"].values())
    requires = {n: full.get_pipe_meta(n).requires for n in COMPONENTS}
    assert doc_state.attr(doc_state.QUOTES) in requires["newskg_events"]


def test_analyze_pipes_reports_a_component_out_of_order(blank: Language) -> None:
    blank.add_pipe("newskg_events")  # needs entities, times and quotes, which nothing assigns
    problems = blank.analyze_pipes()["problems"]["newskg_events"]
    assert doc_state.attr(doc_state.QUOTES) in problems


def test_a_component_without_what_it_requires_says_which_to_add(blank: Language) -> None:
    quotes = blank.add_pipe("newskg_quotes")
    with pytest.raises(KgError, match="nkg_entities"):
        quotes(blank.make_doc("He said so."))
