"""RDF out of the store: an article's named graph or a resource's description -> rdflib graphs
-> Turtle, JSON-LD (newskg's compact context), N-Triples or RDF/XML text."""

from __future__ import annotations

import json

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from kg.serialize import jsonld_context
from kg.server import conneg
from kg.store import Store, iter_quads
from kg.store import from_oxigraph as term
from kg.vocab import bind_prefixes

# one SELECT, so that it runs on any SPARQL store: the resource's own triples, and those of the
# nodes that belong to it (blank nodes, and hash IRIs such as <E#geometry>)
DESCRIBE = """
SELECT DISTINCT ?s ?p ?o ?op ?oo WHERE {
  GRAPH ?g { ?s ?p ?o }
  # one pattern in the OPTIONAL: the store looks it up per ?o instead of scanning every graph
  OPTIONAL {
    GRAPH ?g { ?o ?op ?oo }
    FILTER(isBlank(?o) || STRSTARTS(STR(?o), CONCAT(STR(?s), "#")))
  }
}
"""


def article_graph(store: Store, iri: str) -> Graph:
    """Return the named graph of an article (empty if the store has none)."""
    graph = bind_prefixes(Graph(identifier=URIRef(iri)))
    # pyoxigraph parses N-Quads several times faster than rdflib
    for quad in iter_quads(store.dump(iri)):
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def describe(store: Store, iri: str) -> Graph:
    """Return what every graph of the store says about a resource, merged."""
    result = store.query(DESCRIBE, {"s": URIRef(iri)})
    graph = bind_prefixes(Graph(identifier=URIRef(iri)))
    subject = URIRef(iri)
    for row in result.rows:
        p, o = row["p"], row["o"]
        if p is None or o is None:
            continue
        graph.add((subject, p, o))
        if row["op"] is not None and row["oo"] is not None and isinstance(o, URIRef | BNode):
            graph.add((o, row["op"], row["oo"]))
    return graph


def serialize(graph: Graph, fmt: conneg.Format) -> str:
    """Serialise a graph in one of the RDF formats."""
    if fmt == conneg.JSONLD:
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    rdflib_format = {conneg.TURTLE: "turtle", conneg.NTRIPLES: "nt", conneg.RDFXML: "xml"}[fmt]
    return bind_prefixes(graph).serialize(format=rdflib_format)


def first(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    """Return one object of a subject and predicate, or None."""
    return next(iter(graph.objects(subject, predicate)), None)


def text_of(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """Return one object as a string, or ""."""
    value = first(graph, subject, predicate)
    return "" if value is None else str(value)
