import json

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.serialize import serialize_dataset, serialize_graph


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
