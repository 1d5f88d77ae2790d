import json

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.iris import Iris
from kg.mapping import Provenance, article_data, article_graph
from kg.model import GraphData
from kg.serialize import serialize_data, serialize_dataset, serialize_graph


@pytest.fixture
def graph(small) -> Graph:
    return article_graph(small, Iris(), Provenance("t", "m"))


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_named_graph_formats_parse_back_to_the_same_graph(graph, fmt):
    text = serialize_graph(graph, fmt)
    parsed = Dataset()
    parsed.parse(data=text, format={"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt])
    back = parsed.graph(graph.identifier)
    assert isomorphic(back, graph)


RDFLIB_FORMATS = {"trig": "trig", "nq": "nquads", "ttl": "turtle", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl", "jsonld"])
def test_article_data_is_written_as_the_same_graph_as_through_rdflib(graph, fmt):
    written = serialize_data(GraphData.of(graph), fmt)
    through_rdflib = serialize_graph(graph, fmt)
    mine, theirs = Dataset(), Dataset()
    mine.parse(data=written, format=RDFLIB_FORMATS[fmt])
    theirs.parse(data=through_rdflib, format=RDFLIB_FORMATS[fmt])
    name = graph.identifier if fmt != "ttl" else mine.default_graph.identifier
    assert len(mine.graph(name)) == len(graph)
    assert isomorphic(mine.graph(name), theirs.graph(name))
    assert isomorphic(mine.graph(name), graph)


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl"])
def test_checked_article_data_is_written_byte_for_byte_alike(small, fmt):
    data = article_data(small, Iris(), Provenance("t", "m"))
    assert serialize_data(data, fmt, checked=True) == serialize_data(data, fmt)


@pytest.mark.parametrize(
    "text",
    [
        b'<urn:s> <urn:p> <urn:o>.\n<urn:s> <urn:p> "x" .\n',  # no space before a dot
        b'<urn:s> <urn:p> <urn:o> .\n<urn:s> <urn:p> "x" .',  # no line break at the end
        b'# a comment\n<urn:s> <urn:p> <urn:o> .\n\n<urn:s> <urn:p> "x" .\n',
    ],
)
def test_every_triple_of_any_ntriples_lands_in_the_named_graph(text):
    written = serialize_data(GraphData("urn:g", text), "nq", checked=True)
    quads = [line for line in written.splitlines() if line]
    assert len(quads) == 2
    assert all(line.endswith(" <urn:g> .") for line in quads)


def test_trig_of_article_data_uses_newskg_prefixes(graph):
    written = serialize_data(GraphData.of(graph), "trig")
    assert "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> ." in (
        written
    )
    assert f"<{graph.identifier}> {{" in written
    assert written == serialize_data(GraphData.of(graph), "trig")


def test_turtle_holds_the_triples(graph):
    back = Graph().parse(data=serialize_graph(graph, "ttl"), format="turtle")
    assert isomorphic(back, graph)


def test_jsonld_uses_short_keys_not_full_iris(graph):
    doc = json.loads(serialize_graph(graph, "jsonld"))
    text = json.dumps(doc)
    assert "@context" in doc
    assert '"anchorOf"' in text and '"beginIndex"' in text and '"denotes"' in text
    assert (
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf"
        not in text.replace(json.dumps(doc["@context"]), "")
    )


def test_turtle_of_a_dataset_merges_the_graphs(graph):
    ds = Dataset()
    named = ds.graph(graph.identifier)
    for t in graph:
        named.add(t)
    back = Graph().parse(data=serialize_dataset(ds, "turtle"), format="turtle")
    assert len(back) == len(graph)


def test_unknown_format_is_refused(graph):
    with pytest.raises(KgError, match="unknown format"):
        serialize_graph(graph, "xml")
