"""Extracting a batch: order kept, and one article that cannot be extracted stops no other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

import kg.extract
from kg.cli import main
from kg.extract import Unextracted, extract_many
from kg.model import Annotations, Article
from kg.store import EmbeddedStore


def articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", text=text) for i, text in enumerate(texts)]


def test_a_text_longer_than_the_model_reads_is_reported_and_the_rest_extracted(monkeypatch):
    monkeypatch.setattr(kg.extract, "annotate", lambda doc, article, ref: Annotations(article))
    nlp = spacy.blank("en")
    nlp.max_length = 40
    batch = articles("Short one.", "x " * 30, "Another short one.")
    results = list(extract_many(batch, nlp, reference=None, batch_size=2))  # type: ignore[arg-type]
    assert [r.article.id for r in results] == ["a0", "a1", "a2"]
    assert isinstance(results[0], Annotations) and isinstance(results[2], Annotations)
    assert isinstance(results[1], Unextracted)
    assert "60 characters long" in results[1].reason and "at most 40" in results[1].reason


def test_an_error_in_one_article_leaves_the_others(monkeypatch):
    def annotate(doc, article, reference):
        if article.id == "a1":
            raise IndexError("no such token")
        return Annotations(article)

    monkeypatch.setattr(kg.extract, "annotate", annotate)
    results = list(extract_many(articles("One.", "Two.", "Three."), spacy.blank("en"), None))  # type: ignore[arg-type]
    assert [type(r).__name__ for r in results] == ["Annotations", "Unextracted", "Annotations"]
    assert results[1].reason == "extraction failed (IndexError: no such token)"


@pytest.mark.model
def test_ingest_reports_a_too_long_article_and_loads_the_others(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    lines = [
        {"id": "first", "text": "The mayor said the river rose fast."},
        {"id": "huge", "text": "The river rose. " * 70_000},
        {"id": "last", "text": "The council met on Monday."},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "1,120,000 characters long" in result.output and "split the article" in result.output
    graphs = EmbeddedStore(store, read_only=True).graphs()
    assert [g.rsplit("/", 1)[-1] for g in graphs] == ["first", "last"]
