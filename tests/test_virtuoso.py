"""Virtuoso's bulk loader as the write path of `kg ingest` (kg/virtuoso.py), on a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.model import GraphData
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, Store
from kg.virtuoso import BulkLoad, VirtuosoBulkStore
from tests.conftest import ROOT, article_graphs
from tests.servers import VirtuosoServer

ARTICLES = ROOT / "data" / "articles"


@pytest.fixture
def bulk(virtuoso_server: VirtuosoServer) -> Iterator[VirtuosoBulkStore]:
    """A bulk-loading store on the session's Virtuoso, emptied of articles before and after."""
    remote = RemoteStore(virtuoso_server.endpoint)
    for iri in remote.graphs():
        remote.delete_graph(iri)
    store = VirtuosoBulkStore(remote, BulkLoad(virtuoso_server.folder, _isql(virtuoso_server)))
    yield store
    for iri in remote.graphs():
        remote.delete_graph(iri)
    store.close()


def _isql(server: VirtuosoServer) -> str:
    return f"127.0.0.1:{server.sql_port}"


def count(store: Store, iri: str) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").rows
    return int(str(rows[0]["n"]))


def test_bulk_load_replaces_graphs_whole(bulk: VirtuosoBulkStore, small):
    graph = article_graph(small, Iris(), Provenance("t", "m"))
    data = GraphData.of(graph)
    assert bulk.replace_graphs([data]) == 1
    assert bulk.graphs() == [data.iri]
    assert count(bulk, data.iri) == len(graph)
    small.quotes = []
    smaller = GraphData.of(article_graph(small, Iris(), Provenance("t", "m")))
    bulk.replace_graphs([smaller, smaller])
    assert count(bulk, data.iri) == smaller.ntriples.count(b"\n") < len(graph)
    assert not list(bulk.load.folder.glob("newskg-*.nq"))  # the loaded file is removed


def test_an_interrupted_bulk_load_is_dropped_on_the_next_open(bulk: VirtuosoBulkStore, small):
    data = GraphData.of(article_graph(small, Iris(), Provenance("t", "m")))
    bulk.replace_graphs([data])
    # what a crash before the checkpoint leaves: the journal names the graph loaded since
    assert data.iri in bulk.journal.read_text(encoding="utf-8").split()
    again = VirtuosoBulkStore(bulk.remote, bulk.load)
    assert again.graphs() == []
    assert not again.journal.exists()


def test_a_refused_file_is_a_store_error(bulk: VirtuosoBulkStore):
    from kg.errors import StoreError

    unterminated = b'<urn:a> <urn:b> "no closing quote .\n'
    broken = GraphData("https://w3id.org/newskg/article/broken", unterminated)
    with pytest.raises(StoreError, match="bulk loader"):
        bulk.replace_graphs([broken])


@pytest.mark.model
def test_ingest_through_the_bulk_loader_stores_what_the_embedded_store_holds(
    bulk: VirtuosoBulkStore, virtuoso_server: VirtuosoServer, tmp_path: Path
):
    endpoint = virtuoso_server.endpoint
    remote = [
        "--endpoint", endpoint.query, "--update-endpoint", str(endpoint.update),
        "--graph-store", str(endpoint.graph_store), "--user", "dba", "--password", "dba",
        "--auth", "digest", "--virtuoso-load", str(virtuoso_server.folder),
        "--isql", _isql(virtuoso_server),
    ]  # fmt: skip
    result = CliRunner().invoke(main, ["ingest", str(ARTICLES), *remote])
    assert result.exit_code == 0, result.output
    n = 1 + len((ARTICLES / "demo.jsonl").read_text().splitlines())  # the seed and the demo
    assert f"loaded {n} article graph(s)" in result.output
    CliRunner().invoke(main, ["ingest", str(ARTICLES), "--store", str(tmp_path / "s")])
    embedded = EmbeddedStore(tmp_path / "s", read_only=True)
    # a remote store lists article graphs only (the corpus graph across them is not one)
    assert bulk.graphs() == article_graphs(embedded)
    for iri in article_graphs(embedded):
        assert count(bulk, iri) == count(embedded, iri)
    again = CliRunner().invoke(main, ["ingest", str(ARTICLES), *remote])
    assert again.exit_code == 0 and f"skipped {n} unchanged" in again.output
    assert not bulk.journal.exists()  # closing checkpointed what was loaded


def test_virtuoso_load_needs_an_endpoint(tmp_path: Path):
    args = ["ingest", str(ARTICLES), "--store", str(tmp_path / "s"), "--virtuoso-load", "x"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "needs --endpoint" in result.output
