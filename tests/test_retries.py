"""Remote stores that reset, stall, answer HTML or garbage: retries and one-line errors.

The misbehaving peers are real TCP listeners on 127.0.0.1 (tests/listeners.py); the resetting
proxy relays to a real Oxigraph server or Virtuoso once it has reset the first connections.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import StoreError
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.model import Annotations
from kg.remote import Endpoint, RemoteStore
from kg.retries import RetryPolicy
from tests.listeners import Canned, ResettingProxy, http_answer, listening
from tests.test_store_backends import normal_graph

PROV = Provenance("0.0.test", "test-model")
QUICK = RetryPolicy(attempts=4, first_wait=0.01, max_wait=0.05)
SERVERS = ["oxigraph_endpoint", "virtuoso_endpoint"]


def _same_as_stored(graph: Graph, endpoint: Endpoint) -> bool:
    """Tell whether the server itself (past any proxy) holds ``graph``, whole."""
    iri = str(graph.identifier)
    back = Dataset().parse(data=RemoteStore(endpoint).dump(iri), format="nquads").graph(iri)
    # Virtuoso writes numbers and points its own way
    return isomorphic(normal_graph(back), normal_graph(graph))


def _through(proxy: ResettingProxy, endpoint: Endpoint, graph_store: bool = True) -> Endpoint:
    """Return ``endpoint`` with its writes sent through ``proxy``."""
    if graph_store:
        assert endpoint.graph_store is not None
        return replace(endpoint, graph_store=proxy.url(_path(endpoint.graph_store)), retry=QUICK)
    assert endpoint.update is not None
    return replace(
        endpoint, graph_store=None, update=proxy.url(_path(endpoint.update)), retry=QUICK
    )


def _path(url: str) -> str:
    return "/" + url.removeprefix("http://").partition("/")[2]


@pytest.fixture
def graph(small: Annotations) -> Graph:
    return article_graph(small, Iris(), PROV)


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("graph_store", [True, False], ids=["graph-store", "update"])
def test_a_write_whose_connection_is_reset_is_sent_again(request, server, graph_store, graph):
    endpoint = request.getfixturevalue(server)
    target = endpoint.graph_store if graph_store else endpoint.update
    with listening(ResettingProxy(target, resets=2)) as proxy:
        store = RemoteStore(_through(proxy, endpoint, graph_store))
        store.replace_graph(graph)
        assert proxy.accepted >= 3
    assert _same_as_stored(graph, endpoint)
    assert RemoteStore(endpoint).delete_graph(str(graph.identifier))


@pytest.mark.parametrize("server", SERVERS)
def test_a_put_cut_short_at_the_server_leaves_the_whole_graph_after_the_retry(
    request, server, graph
):
    endpoint = request.getfixturevalue(server)
    # the server got the head and part of the body, then the connection was reset
    with listening(ResettingProxy(endpoint.graph_store, resets=1, cut=600)) as proxy:
        RemoteStore(_through(proxy, endpoint)).replace_graph(graph)
    assert _same_as_stored(graph, endpoint)
    assert RemoteStore(endpoint).delete_graph(str(graph.identifier))


def test_a_put_cut_short_every_time_fails_and_writes_nothing(oxigraph_endpoint, graph):
    with listening(ResettingProxy(oxigraph_endpoint.graph_store, resets=99, cut=600)) as proxy:
        store = RemoteStore(_through(proxy, oxigraph_endpoint))
        with pytest.raises(StoreError, match=r"does not answer \(.*tried 4 times\)"):
            store.replace_graph(graph)
        assert proxy.accepted == QUICK.attempts
    assert str(graph.identifier) not in RemoteStore(oxigraph_endpoint).graphs()


def test_an_update_that_may_not_be_repeated_is_sent_once(oxigraph_endpoint):
    with listening(ResettingProxy(oxigraph_endpoint.update, resets=1)) as proxy:
        store = RemoteStore(_through(proxy, oxigraph_endpoint, graph_store=False))
        with pytest.raises(StoreError, match="does not answer"):
            store.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
        assert proxy.accepted == 1


def test_an_overloaded_server_is_asked_again_then_reported(graph):
    busy = http_answer("503 Service Unavailable", "text/plain", b"busy")
    with listening(Canned(busy)) as server:
        endpoint = Endpoint(server.url("/q"), graph_store=server.url("/store"), retry=QUICK)
        with pytest.raises(StoreError, match=r"HTTP 503, tried 4 times"):
            RemoteStore(endpoint).replace_graph(graph)
        assert server.accepted == QUICK.attempts


def test_a_redirect_is_not_taken_for_a_stored_graph(graph):
    moved = b"HTTP/1.1 301 Moved\r\nLocation: https://elsewhere/store\r\nContent-Length: 0\r\n\r\n"
    with listening(Canned(moved)) as server:
        endpoint = Endpoint(server.url("/q"), graph_store=server.url("/store"), retry=QUICK)
        with pytest.raises(StoreError, match="moved to https://elsewhere/store"):
            RemoteStore(endpoint).replace_graph(graph)


BAD_ANSWERS = {
    "html": http_answer("200 OK", "text/html", b"<html><body>Welcome!</body></html>"),
    "garbage": b"\x00\x01\x02 not http at all\r\n\r\n",
    "bad-json": http_answer("200 OK", "application/sparql-results+json", b'{"head": '),
    "server-error": http_answer("500 Internal Server Error", "text/html", b"<p>oops</p>"),
}


@pytest.mark.parametrize("answer", list(BAD_ANSWERS), ids=list(BAD_ANSWERS))
@pytest.mark.parametrize("command", ["query", "load"])
def test_cli_on_a_peer_that_is_no_sparql_endpoint_is_one_line_exit_2(
    answer, command, small, tmp_path: Path
):
    trig = tmp_path / "small.trig"
    graph = article_graph(small, Iris(), PROV)
    dataset = Dataset()
    dataset.graph(graph.identifier).__iadd__(graph)
    trig.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    with listening(Canned(BAD_ANSWERS[answer])) as peer:
        remote = ["--endpoint", peer.url("/sparql"), "--graph-store", peer.url("/store")]
        args = ["query", "articles"] if command == "query" else ["load", str(trig)]
        result = CliRunner().invoke(main, [*args, *remote, "--timeout", "5"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output


def test_cli_a_server_that_never_answers_is_reported_at_the_timeout():
    with listening(Canned(None)) as peer:
        result = CliRunner().invoke(
            main, ["query", "articles", "--endpoint", peer.url("/sparql"), "--timeout", "0.5"]
        )
    assert result.exit_code == 2
    assert "did not answer within 0.5 s; give a larger --timeout" in result.output


def test_cli_timeout_without_an_endpoint_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["query", "articles", "--store", str(tmp_path), "--timeout", "3"]
    )
    assert result.exit_code == 2 and "need --endpoint URL" in result.output
