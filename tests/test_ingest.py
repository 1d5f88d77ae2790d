"""Ingest: streaming, parallel, resumable loading of a corpus; the fast SHACL engine."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef

import kg.publish
from kg.builder import BATCH_SIZE, Settings
from kg.cli import main
from kg.errors import ModelError, StoreError
from kg.ingest import build_parallel, in_flight, ingest, tapered_batches
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.model import Article, GraphData
from kg.publish import stored_hashes
from kg.reader import count_records
from kg.store import EmbeddedStore
from kg.validate import Validator, load_shapes, validate_graph
from kg.vocab import NKG, SCHEMA
from tests.conftest import article_graphs

CASES = Path(__file__).resolve().parent / "shapes"
TEXTS = [
    "Angela Merkel visited Paris on Monday, officials said.",
    "The army said 300 fighters had reportedly fled Mosul on Thursday.",
    "Boris Johnson said the talks in London would go on.",
    "Iraqi forces entered the city, a spokesman told reporters.",
]


def corpus(path: Path, n: int = 4, extra: tuple[str, ...] = ()) -> Path:
    lines = [
        json.dumps({"id": f"a{i}", "text": TEXTS[i % len(TEXTS)], "datePublished": "2016-11-06"})
        for i in range(n)
    ]
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


def nquads(store: EmbeddedStore) -> list[str]:
    # blank node labels differ between runs; everything else must be equal
    return sorted(re.sub(r"_:\S+", "_:b", line) for line in store.dump().decode().splitlines())


# -- no model needed


def test_count_records_counts_jsonl_lines_and_files(tmp_path: Path):
    corpus(tmp_path / "c.jsonl", 5)
    (tmp_path / "x.txt").write_text("---\nid: x\n---\nText.\n", encoding="utf-8")
    assert count_records([tmp_path]) == 6


@pytest.mark.parametrize("n", [0, 1, 5, 47, 48, 300])
def test_tapered_batches_keep_order_and_end_small(n: int):
    batches = list(tapered_batches(iter(range(n)), 16, 2))
    assert [r for b in batches for r in b] == list(range(n))
    sizes = [len(b) for b in batches]
    assert all(0 < s <= 16 for s in sizes)
    assert sizes == sorted(sizes, reverse=True)
    if n > 16:  # the last batches are small, whatever the length of the input
        assert sizes[-1] == 1 and sum(sizes[-4:]) <= 8


def test_tapered_batches_read_a_bounded_way_ahead():
    pulled = []

    def endless():
        for i in range(10**6):
            pulled.append(i)
            yield i

    batches = tapered_batches(endless(), 16, 2)
    assert next(batches) == list(range(16))
    assert len(pulled) == 16 * 3


def test_source_hash_is_in_the_graph_and_read_back(small, tmp_path: Path):
    graph = article_graph(small, Iris(), Provenance("t", "m"))
    article = URIRef(Iris().article("small-1"))
    assert (article, NKG.sourceHash, Literal(small.article.content_hash())) in graph
    store = EmbeddedStore(tmp_path / "s")
    store.replace_graph(graph)
    assert stored_hashes(store) == {str(article): small.article.content_hash()}


def test_content_hash_ignores_the_file_but_not_the_text():
    a = Article("x", "Some text.", source="a.txt")
    assert a.content_hash() == Article("x", "Some text.", source="b.txt").content_hash()
    assert a.content_hash() != Article("x", "Some text!").content_hash()


def test_an_interrupted_bulk_load_is_undone_on_the_next_open(small, tmp_path: Path):
    path = tmp_path / "s"
    store = EmbeddedStore(path)
    kept = article_graph(small, Iris(), Provenance("t", "m"))
    store.replace_graph(kept)
    small.article.id = "half-written"
    half = GraphData.of(article_graph(small, Iris(), Provenance("t", "m")))
    # what a crash inside bulk_extend leaves: the journal and some of the graph's quads
    store.journal.write_text(half.iri + "\n", encoding="utf-8")
    store._store.update(f"INSERT DATA {{ GRAPH <{half.iri}> {{ <{half.iri}> a <urn:x> }} }}")
    store._store.flush()
    del store
    with pytest.raises(StoreError, match="interrupted and may have left article graphs half"):
        EmbeddedStore(path, read_only=True)  # a reader may not remove them: it says so
    again = EmbeddedStore(path)
    assert again.graphs() == [str(kept.identifier)]
    assert not again.journal.exists()
    again.close()
    assert EmbeddedStore(path, read_only=True).graphs() == [str(kept.identifier)]


def _case_graph(path: Path) -> Graph:
    graph = Graph()
    if "# standalone" not in path.read_text(encoding="utf-8").splitlines()[:5]:
        graph.parse(CASES / "base.ttl")
    return graph.parse(path)


def _summary(results: Graph) -> set[tuple[str, str, str]]:
    from rdflib.namespace import RDF, SH

    return {
        (str(results.value(r, SH.focusNode)), str(results.value(r, SH.sourceConstraintComponent)),
         str(results.value(r, SH.resultSeverity)))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }  # fmt: skip


@pytest.mark.parametrize(
    "case", sorted(CASES.glob("*/*valid/*.ttl")), ids=lambda p: f"{p.parent.parent.name}/{p.stem}"
)
def test_both_shacl_engines_agree_on_the_shape_cases(case: Path):
    import pyshacl_turbo

    graph, shapes = _case_graph(case), load_shapes()
    options: dict[str, Any] = {"inference": "none", "advanced": True, "allow_warnings": True}
    slow = pyshacl_validate(graph, shacl_graph=shapes, **options)
    fast = pyshacl_turbo.validate(graph, shacl_graph=shapes, **options)
    assert fast[0] == slow[0]
    extra = _summary(fast[1]) - _summary(slow[1])
    assert _summary(slow[1]) <= _summary(fast[1])
    # the one known difference: pyshacl-turbo also flags an ill-formed typed literal under
    # sh:datatype (as the SHACL spec says), where pyshacl relies on the shape's sh:pattern
    assert {component.rsplit("#", 1)[-1] for _, component, _ in extra} <= {
        "DatatypeConstraintComponent"
    }


def test_both_engines_report_alike_on_article_graphs(small):
    fast, reference = Validator(engine="turbo"), Validator(engine="pyshacl")
    graph = article_graph(small, Iris(), Provenance("t", "m"))
    assert fast.validate(graph) == reference.validate(graph)
    broken = article_graph(small, Iris(), Provenance("t", "m"))
    broken.remove((URIRef(Iris().article("small-1")), SCHEMA.identifier, None))
    assert fast.validate(broken) == reference.validate(broken)
    assert not validate_graph(broken).conforms
    # the N-Triples path the build takes gives the same reports on both engines
    for g in (graph, broken):
        data = GraphData.of(g)
        assert fast.validate_data(data) == reference.validate_data(data) == fast.validate(g)


# -- with the trained model


@pytest.mark.model
def test_ingest_loads_good_articles_and_reports_bad_ones(tmp_path: Path):
    path = corpus(tmp_path / "c.jsonl", 2, extra=("{broken", json.dumps({"id": "empty"})))
    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 1
    assert "not valid JSON" in result.output and "c.jsonl:4" in result.output
    assert "loaded 2 article graph(s)" in result.output and "2 failed" in result.output
    s = EmbeddedStore(store, read_only=True)
    assert article_graphs(s) == [Iris().article("a0"), Iris().article("a1")]


@pytest.mark.model
def test_ingest_again_skips_unchanged_and_replaces_changed(tmp_path: Path):
    path = corpus(tmp_path / "c.jsonl", 3)
    store = EmbeddedStore(tmp_path / "s")
    first = ingest([path], store)
    before = nquads(store)
    assert (first.loaded, first.skipped, first.ok) == (3, 0, True)
    again = ingest([path], store)
    assert (again.loaded, again.skipped) == (0, 3)
    assert nquads(store) == before
    lines = path.read_text(encoding="utf-8").splitlines()
    changed_text = "Angela Merkel left Berlin on Friday."
    lines[1] = json.dumps({"id": "a1", "text": changed_text})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = ingest([path], store)
    assert (changed.loaded, changed.skipped) == (1, 2)
    texts = store.query(
        "SELECT ?t WHERE { GRAPH ?g { ?c <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
        "nif-core#isString> ?t } }"
    ).rows
    assert sorted(str(r["t"]) for r in texts) == sorted([TEXTS[0], TEXTS[2], changed_text])


@pytest.mark.model
def test_interrupted_ingest_leaves_whole_graphs_and_resumes(tmp_path: Path, monkeypatch):
    path = corpus(tmp_path / "c.jsonl", 4)
    monkeypatch.setattr(kg.publish, "WRITE_BATCH", 1)
    store = EmbeddedStore(tmp_path / "s")
    ticks = []

    def interrupt(n: int) -> None:
        ticks.append(n)
        if len(ticks) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([path], store, progress=interrupt)
    assert article_graphs(store) == [Iris().article("a0"), Iris().article("a1")]
    resumed = ingest([path], store)
    assert (resumed.loaded, resumed.skipped) == (2, 2)
    reference = EmbeddedStore(tmp_path / "r")
    ingest([path], reference)
    assert nquads(store) == nquads(reference)


@pytest.mark.model
def test_two_jobs_give_the_same_store_and_read_input_lazily(tmp_path: Path):
    path = corpus(tmp_path / "c.jsonl", 6)
    one, two = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "two")
    ingest([path], one, jobs=1)
    summary = ingest([path], two, jobs=2)
    assert (summary.loaded, summary.ok) == (6, True)
    assert nquads(one) == nquads(two)

    pulled = []

    def articles():  # an endless corpus: only a bounded number may be read ahead
        for i in range(10**6):
            pulled.append(i)
            yield Article(f"x{i}", TEXTS[i % len(TEXTS)])

    outcomes = build_parallel(articles(), Settings(), jobs=2)
    first = next(outcomes)
    outcomes.close()
    # only the outcome travels back from a worker: the graph, not the article and report
    assert isinstance(first, GraphData) and first.iri == Iris().article("x0")
    # the batches in flight, and what tapered_batches holds back for the last ones
    assert len(pulled) <= BATCH_SIZE * (in_flight(2) + 3)


def test_a_model_the_workers_cannot_load_is_reported_as_such():
    # the workers load the model as they start; what failed is raised by the first batch
    settings = Settings(model="no_such_model_xyz")
    with pytest.raises(ModelError, match="no_such_model_xyz"):
        list(build_parallel([Article("x", TEXTS[0])], settings, jobs=2))
