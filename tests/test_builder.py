"""Building a batch: each article is validated on its own, and only a bad one is rejected."""

from __future__ import annotations

import pytest

import kg.builder
from kg.builder import Builder, Built
from kg.errors import InputError
from kg.mapping import article_data
from kg.model import Article, Failed, GraphData

pytestmark = pytest.mark.model

TEXTS = [
    "Angela Merkel met Emmanuel Macron in Berlin on Friday.",
    "The army said 3,000 fighters fled Mosul on Thursday.",
    "Boris Johnson said Baghdadi was most likely out of Mosul.",
]


def _without_identifier(data: GraphData) -> GraphData:
    """Drop the article's schema:identifier, which the shapes require."""
    lines = data.ntriples.decode("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "<http://schema.org/identifier>" not in line]
    assert len(kept) == len(lines) - 1
    return GraphData(data.iri, "".join(kept).encode("utf-8"))


def test_a_batch_with_one_bad_article_rejects_only_that_one(monkeypatch):
    def mapped(ann, iris, provenance):
        data = article_data(ann, iris, provenance)
        return _without_identifier(data) if ann.article.id == "bad" else data

    monkeypatch.setattr(kg.builder, "article_data", mapped)
    ids = ["good-1", "bad", "good-2"]
    records = [Article(id=i, text=t) for i, t in zip(ids, TEXTS, strict=True)]
    unreadable = InputError("in.jsonl:4: not valid JSON")
    results = Builder().build_batch([*records[:2], unreadable, records[2]])
    assert [type(r) for r in results] == [Built, Built, Failed, Built]
    first, bad, failed, last = results
    assert isinstance(first, Built) and isinstance(bad, Built) and isinstance(last, Built)
    assert first.ok and last.ok and not bad.ok
    assert [r.article.id for r in (first, bad, last)] == ids
    assert "An article needs exactly one identifier" in bad.report.describe()
    assert "good" not in bad.report.describe()  # the report is the bad article's alone
    assert isinstance(failed, Failed) and failed.where == "in.jsonl:4"
