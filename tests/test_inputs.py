"""Inputs named on the command line: folders, what is looked for in them, and built output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.graphfiles import graph_inputs
from kg.ingest import ingest, load_files
from kg.reader import expand
from kg.store import EmbeddedStore

TEXTS = [
    "Boris Johnson said the talks in London would go on.",
    "Johnson said on Friday the talks in London had ended.",
    "Iraqi forces entered Mosul, a spokesman told reporters.",
]


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("", encoding="utf-8")
    return path


def nquads(store: EmbeddedStore) -> list[str]:
    return sorted(re.sub(r"_:\S+", "_:b", line) for line in store.dump().decode().splitlines())


def test_a_folder_without_articles_is_an_error_not_an_empty_corpus(tmp_path: Path):
    with pytest.raises(InputError, match="no file to read in this folder"):
        list(expand([tmp_path]))
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no file to read" in result.output


def test_a_folder_of_built_graphs_given_as_articles_points_to_kg_load(tmp_path: Path):
    touch(tmp_path / "a.trig")
    with pytest.raises(InputError, match="`kg load` stores"):
        list(expand([tmp_path]))


def test_graph_inputs_take_graphs_and_articles_but_not_the_build_corpus_graph(tmp_path: Path):
    kept = [touch(tmp_path / "a.trig"), touch(tmp_path / "b.jsonl"), touch(tmp_path / "x/c.nq")]
    touch(tmp_path / "corpus" / "stories.trig")
    touch(tmp_path / "notes.md")
    assert graph_inputs([tmp_path]) == sorted(kept)
    # a file named outright is taken as it is
    assert graph_inputs([tmp_path / "a.trig"]) == [tmp_path / "a.trig"]


@pytest.mark.model
def test_loading_a_build_folder_stores_what_ingesting_its_articles_stores(tmp_path: Path):
    corpus = tmp_path / "c.jsonl"
    day = "2016-11-06"
    records = [{"id": f"a{i}", "text": t, "datePublished": day} for i, t in enumerate(TEXTS)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert (out / "corpus" / "stories.trig").exists()

    loaded, ingested = EmbeddedStore(tmp_path / "l"), EmbeddedStore(tmp_path / "i")
    summary = load_files([out], loaded)
    assert (summary.loaded, summary.ok) == (3, True)
    ingest([corpus], ingested)
    assert nquads(loaded) == nquads(ingested)
