"""The VoID description of the dataset at /.well-known/void: sizes, vocabularies, endpoint."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from starlette.requests import Request
from starlette.responses import Response

from kg.server import conneg
from kg.server.common import choose, data_response, negotiated_headers, runner_of, settings_of
from kg.server.errors import ApiError
from kg.server.rdf import serialize
from kg.store import Store
from kg.vocab import bind_prefixes

VOID = Namespace("http://rdfs.org/ns/void#")
OFFERS = conneg.RDF_FORMATS
COUNTS = """
PREFIX schema: <http://schema.org/>
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
"""
ENTITIES = """
PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g { ?e a ?c . VALUES ?c { schema:Person schema:Organization schema:Place } }
}
"""
ARTICLES = """
PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?a) AS ?n) (SAMPLE(?a) AS ?example) WHERE {
  GRAPH ?a { ?a a schema:NewsArticle }
}
"""
TERMS = """
SELECT DISTINCT ?term WHERE { GRAPH ?g { { ?s ?term ?o } UNION { ?s a ?term } } }
"""


@dataclass(frozen=True)
class Stats:
    """What VoID says about the store's content."""

    triples: int
    entities: int
    articles: int
    example: str | None
    vocabularies: tuple[str, ...]


def read_stats(store: Store) -> Stats:
    """Count the store's triples, entities and articles and list its vocabularies."""
    articles = store.query(ARTICLES).rows[0]
    terms = {str(row["term"]) for row in store.query(TERMS).rows}
    return Stats(
        triples=_count(store, COUNTS),
        entities=_count(store, ENTITIES),
        articles=int(str(articles.get("n") or 0)),
        example=str(articles["example"]) if articles.get("example") is not None else None,
        vocabularies=tuple(sorted({namespace(t) for t in terms})),
    )


def _count(store: Store, sparql: str) -> int:
    rows = store.query(sparql).rows
    return int(str(rows[0].get("n") or 0)) if rows else 0


def namespace(iri: str) -> str:
    """Return the namespace of a term: up to its last # or /."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def void_graph(stats: Stats, server: str, base: str) -> Graph:
    """Describe the dataset in VoID."""
    graph = bind_prefixes(Graph())
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    dataset = URIRef(f"{server}.well-known/void#dataset")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("newskg: news articles as a knowledge graph")))
    graph.add((dataset, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    graph.add((dataset, VOID.documents, Literal(stats.articles, datatype=XSD.integer)))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{server}sparql")))
    graph.add((dataset, VOID.uriSpace, Literal(base)))
    graph.add((dataset, VOID.uriLookupEndpoint, URIRef(f"{server}search.json?q=")))
    if stats.example:
        graph.add((dataset, VOID.exampleResource, URIRef(stats.example)))
    for vocabulary in stats.vocabularies:
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for fmt in ("Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
        graph.add((dataset, VOID.feature, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    return graph


class StatsCache:
    """Stats read at most once per ``ttl`` seconds: counting a large store is slow."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._stats: Stats | None = None
        self._read_at = 0.0

    async def get(self, request: Request) -> Stats:
        now = time.monotonic()
        if self._stats is None or now - self._read_at > self.ttl:
            self._stats = await runner_of(request).call(read_stats)
            self._read_at = now
        return self._stats


async def void(request: Request) -> Response:
    """Describe the dataset in VoID (Turtle unless asked otherwise)."""
    extension = request.path_params.get("ext")
    asked = conneg.by_extension(extension, OFFERS) if extension else None
    if extension and asked is None:
        raise ApiError(404, f"no VoID as .{extension}; try .ttl, .jsonld, .nt or .rdf")
    fmt = choose(request, OFFERS, asked)
    stats = await request.app.state.void.get(request)
    graph = void_graph(stats, str(request.base_url), settings_of(request).base)
    headers = negotiated_headers("/.well-known/void", OFFERS, fmt)
    return data_response(serialize(graph, fmt), fmt, headers)
