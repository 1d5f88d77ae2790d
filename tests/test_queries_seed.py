"""Every stored query on the seed article, with rows it must return (needs the trained model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.queries import run_query
from kg.store import EmbeddedStore, QueryResult
from tests.conftest import SEED

pytestmark = pytest.mark.model

ENTITY = "https://w3id.org/newskg/entity/"
BAGHDADI = ENTITY + "abu-bakr-al-baghdadi"
ARTICLE = "newarab-2016-11-06-wheres-baghdadi"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EmbeddedStore:
    path: Path = tmp_path_factory.mktemp("seed-store")
    s = EmbeddedStore(path)
    summary = ingest([SEED], s)
    assert summary.loaded == 1, summary.describe()
    return s


def rows(store: EmbeddedStore, name: str, **params: str) -> list[dict[str, str]]:
    result: QueryResult = run_query(store, name, params)
    return [{k: "" if v is None else str(v) for k, v in row.items()} for row in result.rows]


def test_articles_lists_the_seed_with_its_quotes(store):
    (row,) = rows(store, "articles")
    assert row["id"] == ARTICLE
    assert row["date"] == "2016-11-06"
    assert row["publisher"] == "The New Arab"
    assert int(row["quotes"]) == 9
    assert int(row["events"]) >= 6


def test_who_said_what_names_each_speaker_and_hedged_identity(store):
    found = {
        (r["speakerName"], r["text"][:30], r["speakerCertainty"])
        for r in rows(store, "who-said-what")
    }
    assert ("Boris Johnson", "his whereabouts remain unclear", "Certain") in found
    assert ("Abu Bakr al-Baghdadi", "Do not retreat", "Possible") in found
    assert ("British Embassy in Baghdad", "Abu Bakr al-Baghdadi has ESCAP", "Certain") in found
    assert ("United States Armed Forces", "IS has 3,000 to 5,000 fighters", "Certain") in found
    assert ("Some sources", "Baghdadi made the statement on", "Certain") in found


def test_quotes_by_speaker_gives_the_embassy_tweet(store):
    (row,) = rows(store, "quotes-by-speaker", speaker=ENTITY + "british-embassy-in-baghdad")
    assert row["medium"] == "tweet"
    assert row["cue"] == "revealed"
    assert row["quoteType"] == "Direct"


def test_claims_about_baghdadi_keep_rumours_and_hedges(store):
    claims = rows(store, "claims-about", entity=BAGHDADI)
    flight = [c for c in claims if c["eventType"] == "Flee"]
    assert {"Possible", "Probable"} <= {c["certainty"] for c in flight}
    hedged = {c["hedges"] for c in flight if c["certainty"] != "Certain"}
    assert any("reportedly" in h for h in hedged)
    assert any("umours" in h for h in hedged)
    # what an unnamed source says is that source's claim, not the publisher's
    assert any(c["sourceName"] == "Some sources" and c["what"] == "fled" for c in claims)


def test_timeline_is_ordered_and_dates_the_capture(store):
    timeline = rows(store, "timeline")
    whens = [r["when"] for r in timeline]
    assert whens == sorted(whens)
    assert ("2014-06", "Capture") in {(r["when"], r["eventType"]) for r in timeline}
    assert ("2016-11-03", "called on") in {(r["when"], r["what"]) for r in timeline}


def test_article_entities_counts_mentions(store):
    entities = rows(store, "article-entities", article=ARTICLE)
    counts = {r["name"]: int(r["mentions"]) for r in entities}
    assert entities[0]["name"] == "Abu Bakr al-Baghdadi"
    assert counts["Abu Bakr al-Baghdadi"] >= 12
    assert counts["Mosul"] >= 10
    assert {"Boris Johnson", "Islamic State", "Iraq", "Syria", "Baghdad"} <= set(counts)
    types = {r["name"]: r["type"] for r in entities}
    assert (types["Boris Johnson"], types["Islamic State"], types["Baghdad"]) == (
        "person",
        "organization",
        "place",
    )


def test_co_mentions_pairs_johnson_with_baghdadi(store):
    others = {r["otherName"] for r in rows(store, "co-mentions", entity=ENTITY + "boris-johnson")}
    assert {"Abu Bakr al-Baghdadi", "Mosul", "United Kingdom"} <= others
    assert "Boris Johnson" not in others


def test_places_have_geonames_coordinates(store):
    places = {r["name"]: r for r in rows(store, "places")}
    assert places["Mosul"]["wkt"] == "POINT(43.11889 36.335)"
    assert places["Mosul"]["geonames"] == "99072"
    assert places["Baghdad"]["geonames"] == "98182"


def test_least_certain_sources_start_with_the_rumours(store):
    found = rows(store, "least-certain-sources")
    ranks = {"Underspecified": 0, "Possible": 1, "Probable": 2}
    assert [ranks[r["certainty"]] for r in found] == sorted(ranks[r["certainty"]] for r in found)
    assert "Certain" not in {r["certainty"] for r in found}
    assert found[0]["certainty"] == "Possible"
    assert any(r["sourceName"] == "Boris Johnson" and "most likely" in r["hedges"] for r in found)


def test_event_claims_put_the_voices_on_the_flight_side_by_side(store):
    (flight,) = store.query(
        "PREFIX nkg: <https://w3id.org/newskg/ns#> "
        "PREFIX gaf: <http://groundedannotationframework.org/gaf#> "
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        "SELECT ?e WHERE { GRAPH ?g { ?e nkg:eventType nkg:Flee ; gaf:denotedBy ?m . "
        '?m nif:anchorOf "flight" } }'
    ).rows
    matrix = rows(store, "event-claims", event=str(flight["e"]))
    voices = {(r["sourceName"], r["certainty"]) for r in matrix}
    assert ("Boris Johnson", "Probable") in voices
    assert ("The New Arab", "Certain") in voices
    assert len({r["sourceName"] for r in matrix}) >= 4
    # each claim names the words it was read from
    assert all(r["mentions"] for r in matrix)
