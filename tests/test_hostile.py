"""The hostile corpus of tests/hostile.py through `kg build`, `kg ingest` and `kg load`.

Every refused record is named on one line of its own and nothing is written for it (the store
dumps the same N-Quads before and after); every readable one is built whole: its text exactly
as given, every mention's anchor the text at its offsets, the graph conforming.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import Namespace

from kg.cli import main
from kg.iris import Iris
from kg.store import EmbeddedStore
from kg.validate import default_validator
from tests.hostile import REFUSED_LINES, Case, corpus

pytestmark = [pytest.mark.model, pytest.mark.slow]
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    return folder, corpus(folder)


@pytest.fixture(scope="module")
def ingested(hostile, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    folder, _ = hostile
    store = tmp_path_factory.mktemp("ingested") / "store"
    return store, _kg("ingest", str(folder), "--store", str(store))


def _kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _assert_failures_named(result: Result, cases: list[Case]) -> None:
    """Every refused case has one line naming it, with its reason, and nothing else failed."""
    assert "Traceback" not in result.output
    failed = {}
    for line in result.output.splitlines():
        if line.startswith("failed: "):
            where, _, reason = line.removeprefix("failed: ").partition(": ")
            failed[where] = reason
    refused = {c.where: c for c in cases if not c.readable}
    assert set(failed) == set(refused), result.output
    for where, case in refused.items():
        assert case.refused in failed[where], (case.name, failed[where])


def _assert_articles_whole(dataset: Dataset, cases: list[Case]) -> None:
    """Each readable case is one conforming graph with its exact text and exact offsets."""
    iris = Iris()
    readable = {iris.article(c.article_id): c for c in cases if c.readable}
    names = {str(g.identifier) for g in dataset.graphs() if len(g)} - {iris.corpus()}
    assert names == set(readable)
    validator = default_validator()
    for iri, case in readable.items():
        graph = dataset.graph(URIRef(iri))
        context = URIRef(iris.context(iri))
        text = str(graph.value(context, NIF.isString))
        assert text == case.text, case.name
        for phrase in graph.subjects(NIF.referenceContext, context):
            begin = int(graph.value(phrase, NIF.beginIndex))
            end = int(graph.value(phrase, NIF.endIndex))
            assert text[begin:end] == str(graph.value(phrase, NIF.anchorOf)), (case.name, phrase)
        as_built = Graph(identifier=graph.identifier)
        as_built += graph
        assert validator.validate(as_built).conforms, case.name


def _dump(store: Path) -> bytes:
    opened = EmbeddedStore(store, read_only=True)
    try:
        return opened.dump()
    finally:
        opened.close()


def _stored(store: Path) -> Dataset:
    return Dataset().parse(data=_dump(store), format="nquads")


def test_the_corpus_has_every_kind_of_bad_input(hostile):
    _, cases = hostile
    names = {c.name for c in cases}
    for kind in ("binary file", "text that is not UTF-8", "NUL character", "crlf line ends",
                 "hostile HTML", "thousands of nested elements", "very large text",
                 "one huge line", "id that is a path", "missing id", "malformed JSON line",
                 "whitespace-only text", "astral before a mention"):  # fmt: skip
        assert kind in names
    assert sum(not c.readable for c in cases) >= len(REFUSED_LINES)


def test_kg_build_writes_the_readable_cases_and_names_each_refused_one(hostile, tmp_path: Path):
    folder, cases = hostile
    out = tmp_path / "out"
    result = _kg("build", str(folder), "--out", str(out))
    assert result.exit_code == 1
    _assert_failures_named(result, cases)
    # the article files: corpus/ holds what links them
    files = sorted(f for f in out.iterdir() if f.name != "corpus")
    # ids that are paths stay file names inside the folder
    assert all(f.parent == out and f.suffix == ".trig" for f in files)
    assert len(files) == sum(c.readable for c in cases)
    assert _kg("validate", *map(str, files)).exit_code == 0
    dataset = Dataset()
    for file in files:
        dataset.parse(file, format="trig")
    _assert_articles_whole(dataset, cases)


def test_kg_ingest_stores_the_readable_cases_whole(hostile, ingested):
    _, cases = hostile
    store, result = ingested
    assert result.exit_code == 1
    _assert_failures_named(result, cases)
    _assert_articles_whole(_stored(store), cases)


def test_kg_load_of_articles_and_graph_files_stores_the_readable_cases(hostile, tmp_path: Path):
    folder, cases = hostile
    out = tmp_path / "out"
    _kg("build", str(folder / "hostile.html"), str(folder / "nested.html"), "--out", str(out))
    store = tmp_path / "store"
    result = _kg("load", str(folder), str(out), "--store", str(store))
    assert result.exit_code == 1
    _assert_failures_named(result, cases)
    _assert_articles_whole(_stored(store), cases)


@pytest.mark.parametrize("command", ["ingest", "load"])
def test_refused_records_leave_the_store_as_it_was(hostile, ingested, command, tmp_path: Path):
    folder, cases = hostile
    store, _ = ingested
    refused = [c for c in cases if not c.readable]
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    for case in {c.file for c in refused if not c.file.endswith(".jsonl")}:
        shutil.copy(folder / case, only_bad / case)
    lines = "".join(line + "\n" for _, line, _ in REFUSED_LINES)
    (only_bad / "mixed.jsonl").write_text(lines, encoding="utf-8")
    before = _dump(store)
    result = _kg(command, str(only_bad), "--store", str(store))
    assert result.exit_code == 1
    assert "loaded 0 article graph(s)" in result.output
    assert result.output.count("failed: ") == len(refused)
    assert _dump(store) == before
