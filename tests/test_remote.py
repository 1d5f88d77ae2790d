"""The remote store's own behaviour: VALUES binding, paging, errors, the CLI on an endpoint."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import StoreError
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.remote import Endpoint, RemoteStore
from tests.conftest import article_graphs
from tests.servers import free_port

PROV = Provenance("0.0.test", "test-model")


def test_a_url_that_does_not_answer_says_so():
    store = RemoteStore(Endpoint(f"http://127.0.0.1:{free_port()}/query", timeout=5))
    with pytest.raises(StoreError, match="does not answer"):
        store.query("ASK {}")


def test_wrong_credentials_are_reported_as_refused(virtuoso_endpoint, small):
    store = RemoteStore(replace(virtuoso_endpoint, password="wrong"))
    with pytest.raises(StoreError, match="refused"):
        store.replace_graph(article_graph(small, Iris(), PROV))


def test_update_endpoint_with_wrong_credentials_is_refused(virtuoso_endpoint, small):
    endpoint = replace(virtuoso_endpoint, graph_store=None, password="wrong")
    with pytest.raises(StoreError, match="refused the credentials of user 'dba'"):
        RemoteStore(endpoint).replace_graph(article_graph(small, Iris(), PROV))


def test_writes_through_sparql_update_without_a_graph_store(oxigraph_endpoint, small):
    store = RemoteStore(replace(oxigraph_endpoint, graph_store=None))
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    store.replace_graph(graph)
    sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.identifier}> {{ ?s ?p ?o }} }}"
    assert int(str(store.query(sparql).rows[0]["n"])) == len(graph)
    assert store.delete_graph(str(graph.identifier))
    assert store.graphs() == []


def test_a_read_only_endpoint_refuses_writes_with_a_hint(oxigraph_endpoint, small):
    store = RemoteStore(Endpoint(oxigraph_endpoint.query))
    with pytest.raises(StoreError, match="--update-endpoint or --graph-store"):
        store.replace_graph(article_graph(small, Iris(), PROV))


@pytest.mark.parametrize("server", ["oxigraph_endpoint", "virtuoso_endpoint"])
def test_results_are_paged_past_the_page_size(request, server, small):
    endpoint = request.getfixturevalue(server)
    store = RemoteStore(endpoint, page_size=7)
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    sparql = (
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph.identifier}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o"
    )
    rows = store.query(sparql).rows
    assert len(rows) == len(graph)
    assert len({(r["s"], r["p"], str(r["o"])) for r in rows}) == len(graph)
    assert store.delete_graph(str(graph.identifier))


def _remote_args(endpoint: Endpoint) -> list[str]:
    args = ["--endpoint", endpoint.query]
    if endpoint.update:
        args += ["--update-endpoint", endpoint.update]
    if endpoint.graph_store:
        args += ["--graph-store", endpoint.graph_store]
    if endpoint.user:
        args += ["--user", endpoint.user, "--auth", endpoint.auth]
    return args


@pytest.mark.parametrize("server", ["oxigraph_endpoint", "virtuoso_endpoint"])
def test_cli_load_query_export_delete_on_an_endpoint(request, server, small, tmp_path: Path):
    endpoint = request.getfixturevalue(server)
    remote = _remote_args(endpoint)
    env = {"NEWSKG_PASSWORD": endpoint.password} if endpoint.password else {}
    graph = article_graph(small, Iris(), PROV)
    trig = tmp_path / "small.trig"
    dataset = Dataset()
    dataset.graph(graph.identifier).__iadd__(graph)
    trig.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    runner = CliRunner(env=env)

    def run(*args: str) -> Result:
        return runner.invoke(main, [*args, *remote], catch_exceptions=False)

    assert run("load", str(trig)).exit_code == 0
    answer = run("query", "who-said-what", "--format", "csv")
    assert answer.exit_code == 0 and "Abu Omar" in answer.output
    exported = run("export", "--article", "small-1", "--format", "nquads")
    back = Dataset().parse(data=exported.output, format="nquads").graph(graph.identifier)
    assert len(back) == len(graph)
    assert run("delete", "small-1").exit_code == 0
    gone = run("delete", "small-1")
    assert gone.exit_code == 2 and "no article 'small-1'" in gone.output


def test_cli_store_and_endpoint_together_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["query", "articles", "--store", str(tmp_path), "--endpoint", "http://127.0.0.1:1/"]
    )
    assert result.exit_code == 2 and "not both" in result.output


def test_cli_unreachable_endpoint_is_one_line_without_traceback():
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(main, ["query", "articles", "--endpoint", url])
    assert result.exit_code == 2
    assert "does not answer" in result.output and "Traceback" not in result.output


def test_export_is_isomorphic_on_oxigraph(oxigraph_endpoint, small):
    store = RemoteStore(oxigraph_endpoint)
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    back = Dataset().parse(data=store.dump(), format="nquads").graph(graph.identifier)
    assert isomorphic(back, graph)
    store.delete_graph(str(graph.identifier))


@pytest.mark.model
@pytest.mark.parametrize("server", ["oxigraph_endpoint", "virtuoso_endpoint"])
def test_cli_ingest_on_an_endpoint_skips_what_is_stored(request, server, tmp_path: Path):
    endpoint = request.getfixturevalue(server)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "r1", "text": "Angela Merkel visited Paris on Monday."}\n'
        '{"id": "r2", "text": "Boris Johnson said the talks would go on."}\n',
        encoding="utf-8",
    )
    env = {"NEWSKG_PASSWORD": endpoint.password} if endpoint.password else {}
    runner = CliRunner(env=env)
    args = ["ingest", str(corpus), *_remote_args(endpoint)]
    first = runner.invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0 and "loaded 2 article graph(s)" in first.output
    again = runner.invoke(main, args, catch_exceptions=False)
    assert again.exit_code == 0 and "loaded 0 article graph(s), skipped 2" in again.output
    store = RemoteStore(endpoint)
    assert article_graphs(store) == [Iris().article("r1"), Iris().article("r2")]
    for iri in store.graphs():
        store.delete_graph(iri)
