"""The corpus stage's look-ups: the embedded store's indexes answer as SPARQL does."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.corpus_reads import OWN, IndexLookups, SparqlLookups
from kg.store import EmbeddedStore

EX = "http://example.org/"
CORPUS = EX + "corpus"


class SparqlOnly:
    """A store reached by SPARQL alone, as a remote one is."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.query, self.update = store.query, store.update


@pytest.fixture()
def store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "store")
    store.update(
        f"""INSERT DATA {{
            GRAPH <{EX}a1> {{ <{EX}a1> <{EX}date> "2016-11-06" . <{EX}e1> <{EX}partOf> <{EX}a1> .
                             <{EX}e1> <{EX}type> <{EX}Flee> . }}
            GRAPH <{EX}a2> {{ <{EX}a2> <{EX}date> "2016-11-07" . <{EX}e2> <{EX}partOf> <{EX}a2> . }}
            GRAPH <{CORPUS}> {{
                <{EX}e1> <{EX}key> "flee baghdadi" . <{EX}e2> <{EX}key> "flee baghdadi" .
                <{EX}k1> <{EX}from> <{EX}a1> , <{EX}a2> . <{EX}k2> <{EX}from> <{EX}a1> .
                <{EX}a1> <{EX}date> "not the article's own graph" . }}
        }}"""
    )
    yield store
    store.close()


def both(store: EmbeddedStore) -> list:
    return [IndexLookups(store.match), SparqlLookups(SparqlOnly(store))]  # type: ignore[arg-type]


def test_objects_in_a_named_graph_and_in_the_subjects_own(store) -> None:
    for reads in both(store):
        assert sorted(reads.objects([EX + "a1", EX + "a2", EX + "a3"], EX + "date", OWN)) == [
            (EX + "a1", "2016-11-06"),
            (EX + "a2", "2016-11-07"),
        ]
        assert reads.objects([EX + "a1"], EX + "date", CORPUS) == [
            (EX + "a1", "not the article's own graph")
        ]
        assert reads.objects([], EX + "date", OWN) == []


def test_subjects_of_literal_and_iri_objects(store) -> None:
    for reads in both(store):
        under = reads.subjects(EX + "key", [ox.Literal("flee baghdadi")], CORPUS)
        assert sorted(under) == [(EX + "e1", "flee baghdadi"), (EX + "e2", "flee baghdadi")]
        parts = reads.subjects(EX + "partOf", [ox.NamedNode(EX + "a2")], OWN)
        assert parts == [(EX + "e2", EX + "a2")]
        assert reads.subjects(EX + "key", [ox.Literal("nobody")], CORPUS) == []


def test_triples_of_subjects_in_any_graph(store) -> None:
    for reads in both(store):
        assert sorted(reads.triples([EX + "e1"])) == [
            (EX + "e1", EX + "key", "flee baghdadi"),
            (EX + "e1", EX + "partOf", EX + "a1"),
            (EX + "e1", EX + "type", EX + "Flee"),
        ]


def test_subjects_with_a_value_outside_the_excluded(store) -> None:
    for reads in both(store):
        keys = [EX + "k1", EX + "k2"]
        assert reads.with_other(keys, EX + "from", CORPUS, {EX + "a1"}) == {EX + "k1"}
        assert reads.with_other(keys, EX + "from", CORPUS, {EX + "a1", EX + "a2"}) == set()
        assert reads.with_other(keys, EX + "from", CORPUS, set()) == set(keys)
