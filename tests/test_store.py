from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import StoreError
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.store import EmbeddedStore

PROV = Provenance("0.0.test", "test-model")


@pytest.fixture
def store(tmp_path: Path):
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def count(store: EmbeddedStore) -> int:
    (row,) = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return int(row["n"])


def test_loading_twice_leaves_the_store_as_after_once(store, small):
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    once = store.dump()
    store.replace_graph(graph)
    assert store.dump() == once
    assert count(store) == len(graph)
    assert store.graphs() == [str(graph.identifier)]


def test_replacing_an_article_drops_its_old_triples(store, small):
    store.replace_graph(article_graph(small, Iris(), PROV))
    small.quotes = []
    smaller = article_graph(small, Iris(), PROV)
    store.replace_graph(smaller)
    assert count(store) == len(smaller)


def test_a_query_without_a_dataset_reads_every_article_graph(store, small):
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    rows = store.query("SELECT * WHERE { ?s ?p ?o }").rows
    assert len(rows) == len(graph)
    article = str(graph.identifier)
    described = Graph().parse(data=store.construct(f"DESCRIBE <{article}>"), format="nt")
    identifier = URIRef("http://schema.org/identifier")
    assert (URIRef(article), identifier, Literal("small-1")) in described


def test_a_query_that_names_its_graphs_reads_only_those(store, small):
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    other = "https://example.org/no-such-graph"
    assert store.query(f"SELECT * FROM <{other}> WHERE {{ ?s ?p ?o }}").rows == ()
    named = f"SELECT ?g FROM NAMED <{graph.identifier}> WHERE {{ GRAPH ?g {{ }} }}"
    assert [str(r["g"]) for r in store.query(named).rows] == [str(graph.identifier)]
    # "from" inside a string, an IRI, a comment or a name is no dataset clause
    tricky = (
        "PREFIX ex: <http://example.org/from#> SELECT ?s WHERE { ?s ?p ?o "
        "FILTER (?p != ex:from && STR(?o) != 'FROM <x>') } # FROM <y>"
    )
    assert len(store.query(tricky).rows) == len(graph)


def test_bindings_are_rdf_terms_not_text(store, small):
    store.replace_graph(article_graph(small, Iris(), PROV))
    sparql = "SELECT ?a ?id WHERE { GRAPH ?g { ?a <http://schema.org/identifier> ?id } }"
    assert len(store.query(sparql, {"id": Literal("small-1")}).rows) == 1
    # a value that would break out of a pasted string matches nothing and changes nothing
    assert store.query(sparql, {"id": Literal('x" } ; DROP ALL ; #')}).rows == ()
    assert count(store) > 0


def test_delete_removes_only_that_article(store, small):
    store.replace_graph(article_graph(small, Iris(), PROV))
    small.article.id = "small-2"
    store.replace_graph(article_graph(small, Iris(), PROV))
    assert store.delete_graph(Iris().article("small-1"))
    assert not store.delete_graph(Iris().article("small-1"))
    assert store.graphs() == [Iris().article("small-2")]


def test_dump_of_one_graph_is_nquads_of_that_graph(store, small):
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    lines = store.dump(str(graph.identifier)).decode().splitlines()
    assert len(lines) == len(graph)
    assert all(line.endswith(f"<{graph.identifier}> .") for line in lines)


def test_store_persists_on_disk(tmp_path: Path, small):
    first = EmbeddedStore(tmp_path / "s")
    first.replace_graph(article_graph(small, Iris(), PROV))
    first.close()
    again = EmbeddedStore(tmp_path / "s", read_only=True)
    assert again.graphs() == [Iris().article("small-1")]


def test_bad_query_raises_store_error(store):
    with pytest.raises(StoreError, match="not valid SPARQL"):
        store.query("SELEC nothing")


def test_unnamed_graph_cannot_be_stored(store):
    from rdflib import Graph

    g = Graph()
    g.add((URIRef("http://x/s"), URIRef("http://x/p"), Literal(1)))
    with pytest.raises(StoreError):
        store.replace_graph(g)


CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_construct_returns_the_graph_as_ntriples(store, small):
    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    built = Graph().parse(data=store.construct(CONSTRUCT_ALL), format="nt")
    assert built.isomorphic(graph)
    mosul = URIRef("https://w3id.org/newskg/entity/mosul")
    described = store.construct(f"DESCRIBE <{mosul}> FROM <{graph.identifier}>")
    assert (mosul, URIRef("http://schema.org/name"), Literal("Mosul")) in Graph().parse(
        data=described, format="nt"
    )
    # without a dataset clause the default graph is every article graph
    union = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert Graph().parse(data=union, format="nt").isomorphic(graph)


def test_construct_refuses_select_and_bad_queries(store):
    with pytest.raises(StoreError, match="CONSTRUCT and DESCRIBE"):
        store.construct("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(StoreError, match="not valid SPARQL"):
        store.construct("CONSTRUCT nothing")


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_remote_construct_gives_the_embedded_graph(request, server, store, small):
    from kg.remote import RemoteStore

    graph = article_graph(small, Iris(), PROV)
    store.replace_graph(graph)
    remote = RemoteStore(request.getfixturevalue(f"{server}_endpoint"))
    # Virtuoso keeps graphs of its own: ask for the article's only
    sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.identifier}> {{ ?s ?p ?o }} }}"
    try:
        remote.replace_graph(graph)
        answer = Graph().parse(data=remote.construct(sparql), format="nt")
        expected = Graph().parse(data=store.construct(sparql), format="nt")
        assert len(answer) == len(expected) == len(graph)
        headline = (URIRef(str(graph.identifier)), URIRef("http://schema.org/headline"), None)
        assert set(answer.triples(headline)) == set(expected.triples(headline))
        if server == "oxigraph":  # Virtuoso rewrites decimals and WKT points (README)
            assert answer.isomorphic(expected)
        with pytest.raises(StoreError):
            remote.construct("CONSTRUCT nothing")
    finally:
        remote.delete_graph(str(graph.identifier))
        remote.close()


def test_bindings_join_first_and_keep_quotes_and_blank_nodes(store, small):
    store.replace_graph(article_graph(small, Iris(), PROV))
    sparql = "SELECT ?id WHERE { GRAPH ?g { ?a <http://schema.org/identifier> ?id } }"
    assert [str(r["id"]) for r in store.query(sparql, {"id": Literal("small-1")}).rows] == [
        "small-1"
    ]
    assert store.query(sparql, {"id": Literal('small-1" } #\n')}).rows == ()
    # no WHERE keyword: the binding is a substitution, with the same answer
    bare = "SELECT ?id { GRAPH ?g { ?a <http://schema.org/identifier> ?id } }"
    assert len(store.query(bare, {"id": Literal("small-1")}).rows) == 1
    with pytest.raises(StoreError, match="not a SPARQL variable"):
        store.query(sparql, {"id x": Literal("small-1")})


def test_result_rows_share_one_term_per_value(store, small):
    store.replace_graph(article_graph(small, Iris(), PROV))
    sparql = "SELECT ?g ?p WHERE { GRAPH ?g { ?s ?p ?o } }"
    rows = store.query(sparql).rows
    assert len(rows) > 1 and all(isinstance(r["g"], URIRef) for r in rows)
    assert len({id(r["g"]) for r in rows}) == 1


def test_match_takes_an_rdflib_or_a_pyoxigraph_object_alike(store):
    import pyoxigraph as ox

    g, p = "http://example.org/g", "http://example.org/key"
    store.update(
        f'INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/a> <{p}> "k1" . '
        f'<http://example.org/b> <{p}> "k2" . '
        f"<http://example.org/c> <{p}> <http://example.org/k1> }} }}"
    )
    by_rdflib = list(store.match(None, p, Literal("k1"), g))
    assert by_rdflib == [("http://example.org/a", p, "k1", g)]
    assert list(store.match(None, p, ox.Literal("k1"), g)) == by_rdflib
    iri = "http://example.org/k1"
    assert list(store.match(None, p, ox.NamedNode(iri), g)) == [("http://example.org/c", p, iri, g)]
    assert list(store.match(None, p, URIRef(iri), g)) == [("http://example.org/c", p, iri, g)]
