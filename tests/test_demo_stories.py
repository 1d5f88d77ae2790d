"""The bundled demo corpus shows stories across articles and a contested happening (model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.queries import run_query
from kg.store import EmbeddedStore
from tests.conftest import ROOT

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EmbeddedStore:
    s = EmbeddedStore(Path(tmp_path_factory.mktemp("demo")) / "store")
    summary = ingest([ROOT / "data" / "articles"], s)
    assert summary.ok, summary.describe()
    return s


def test_the_follow_up_articles_join_the_stories_they_follow(store):
    stories = run_query(store, "stories").rows
    headlines = {str(r["headline"]) for r in stories}
    assert "Rovers striker Kessler linked with move to Ostravelle City" in headlines
    assert "Fire destroys Brackenfield Foods packing plant in Ostravelle" in headlines
    assert all(int(str(r["articles"])) >= 2 for r in stories)


def test_a_happening_across_articles_is_contested(store):
    contested = run_query(store, "contested").rows
    across = [r for r in contested if "/happening/" in str(r["happening"])]
    assert across, [str(r["happening"]) for r in contested]
    assert all(int(str(r["articles"])) >= 2 for r in across)
