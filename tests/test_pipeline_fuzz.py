"""Fuzz the whole build: random articles of shuffled real sentences always give conforming graphs.

Extraction, the mapping and validation run as ``kg build`` runs them (kg.builder). The
articles come from a fixed seed, so CI builds the same ones every run; NEWSKG_FUZZ_ARTICLES
(how many, 12 unless set), NEWSKG_FUZZ_SEED and NEWSKG_FUZZ_TEXTS (tests/fuzzing.py) make a
longer run over a larger corpus.
"""

from __future__ import annotations

import os
import random

import pytest

from kg.builder import Builder, Built
from kg.model import Failed
from tests.fuzzing import random_article

pytestmark = pytest.mark.model


def test_random_articles_of_real_sentences_build_conforming_graphs() -> None:
    rng = random.Random(int(os.environ.get("NEWSKG_FUZZ_SEED", "20161106")))
    count = int(os.environ.get("NEWSKG_FUZZ_ARTICLES", "12"))
    articles = [random_article(rng, n) for n in range(count)]
    results = list(Builder().build(articles))
    assert len(results) == count
    failed = [r.outcome() if isinstance(r, Built) else r for r in results]
    failed = [f for f in failed if isinstance(f, Failed)]
    assert not failed, "\n".join(f"{f.where}: {f.reason}" for f in failed)
