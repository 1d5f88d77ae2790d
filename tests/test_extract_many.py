"""Extracting a batch: order kept, and one article that cannot be extracted stops no other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from kg.cli import main
from kg.extract import Unextracted, doc_state, extract_many
from kg.model import Annotations, Article
from kg.store import EmbeddedStore
from tests.conftest import article_graphs


def articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", text=text) for i, text in enumerate(texts)]


class Empty(doc_state.Component):
    """Writes empty results on every document, and fails on one that says "Two"."""

    def __call__(self, doc: Doc) -> Doc:
        if "Two" in doc.text:
            raise IndexError("no such token")
        for name in doc_state.EXTENSIONS[3:]:
            setattr(doc._, name, [])
        return doc


def pipeline(max_length: int = 1_000_000) -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = max_length
    nlp.add_pipe("newskg_test_empty")
    return nlp


@Language.factory("newskg_test_empty")
def _make_empty(nlp: Language, name: str) -> Empty:
    return Empty()


def test_a_text_longer_than_the_model_reads_is_reported_and_the_rest_extracted() -> None:
    batch = articles("Short one.", "x " * 30, "Another short one.")
    results = list(extract_many(batch, pipeline(max_length=40), batch_size=2))
    assert [r.article.id for r in results] == ["a0", "a1", "a2"]
    assert isinstance(results[0], Annotations) and isinstance(results[2], Annotations)
    assert isinstance(results[1], Unextracted)
    assert "60 characters long" in results[1].reason and "at most 40" in results[1].reason


def test_an_error_in_one_article_leaves_the_others() -> None:
    results = list(extract_many(articles("One.", "Two.", "Three.", "Four."), pipeline(), 2))
    assert [type(r).__name__ for r in results] == [
        "Annotations",
        "Unextracted",
        "Annotations",
        "Annotations",
    ]
    assert results[1].reason == "extraction failed (IndexError: no such token)"
    assert [r.article.id for r in results] == ["a0", "a1", "a2", "a3"]


def test_the_collected_annotations_carry_the_article_given() -> None:
    (result,) = extract_many(articles("One."), pipeline())
    assert isinstance(result, Annotations) and result.article.id == "a0"


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
    graphs = article_graphs(EmbeddedStore(store, read_only=True))
    assert [g.rsplit("/", 1)[-1] for g in graphs] == ["first", "last"]
