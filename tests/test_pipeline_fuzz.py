"""Fuzz the whole build: random articles of shuffled real sentences always give conforming graphs.

Sentences that extraction reads two ways are built first, one article each. Extraction, the
mapping and validation run as ``kg build`` runs them (kg.builder). The random articles come
from a fixed seed, so CI builds the same ones every run; NEWSKG_FUZZ_ARTICLES (how many, 12
unless set), NEWSKG_FUZZ_SEED and NEWSKG_FUZZ_TEXTS (tests/fuzzing.py) make a longer run over
a larger corpus.
"""

from __future__ import annotations

import os
import random

import pytest

from kg.builder import Builder, Built
from kg.model import Article, Failed
from kg.vocab import ITSRDF
from tests.fuzzing import random_article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def builder() -> Builder:
    return Builder()


def failures(results: list[Built | Failed]) -> list[Failed]:
    outcomes = [r.outcome() if isinstance(r, Built) else r for r in results]
    return [f for f in outcomes if isinstance(f, Failed)]


@pytest.mark.parametrize(
    "text",
    [
        # an unnamed source that is also an event noun
        "Reports said that the army had fled the city.",
        "Polls said Clinton was ahead. Statements said that the war had ended.",
        # a name that is also a month
        "In May, May said she would call an election for June.",
        # a dateline after a quote's cue, taken for its source
        '"Abu Bakr al-Baghdadi has ESCAPED Mosul after the terror boss told his followers: '
        "'Do not retreat'\", a tweet sent by the British Embassy in Baghdad revealed"
        " June 05, 2009\nDecember 20, 2007",
    ],
)
def test_sentences_read_two_ways_build_conforming_graphs(builder: Builder, text: str) -> None:
    article = Article(id="two-ways", text=text, date_published="2016-11-06")
    (result,) = builder.build([article])
    assert not failures([result]), failures([result])
    assert isinstance(result, Built)
    g = result.data.to_graph()
    for m in set(g.subjects(ITSRDF.taIdentRef, None)):
        assert len(set(g.objects(m, ITSRDF.taIdentRef))) == 1, m


def test_random_articles_of_real_sentences_build_conforming_graphs(builder: Builder) -> None:
    rng = random.Random(int(os.environ.get("NEWSKG_FUZZ_SEED", "20161106")))
    count = int(os.environ.get("NEWSKG_FUZZ_ARTICLES", "12"))
    articles = [random_article(rng, n) for n in range(count)]
    results = list(builder.build(articles))
    assert len(results) == count
    failed = failures(results)
    assert not failed, "\n".join(f"{f.where}: {f.reason}" for f in failed)
