"""A resource under the base that is not an article (an entity, a publisher, a time) -> what its
page shows: names, ids, coordinates, the articles that mention it, its quotes, claims about it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg.queries import run_query
from kg.server.article import event_href, humanize, kind_of, local_name, name_of
from kg.server.rdf import describe, first
from kg.server.settings import ServerSettings, linkable
from kg.store import QueryResult, Store
from kg.vocab import GEO, NKG, SCHEMA

MENTIONED_IN = """
PREFIX schema: <http://schema.org/>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?article ?headline ?date (COUNT(DISTINCT ?mention) AS ?mentions) ?entity WHERE {
  GRAPH ?article {
    { ?mention itsrdf:taIdentRef ?entity } UNION { ?article schema:publisher ?entity }
    ?article a schema:NewsArticle .
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article schema:datePublished ?date }
  }
}
GROUP BY ?article ?headline ?date ?entity
ORDER BY DESC(?date) ?article
"""
# what claims-about says, with each claim's event and the happening across articles it is part
# of, so that the page shows one group per happening rather than one line per mention
CLAIMS = """
PREFIX schema: <http://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nkg: <https://w3id.org/newskg/ns#>
SELECT ?claim ?about ?cluster ?isEvent ?eventType ?sourceName ?certainty ?polarity ?date ?article
       (GROUP_CONCAT(DISTINCT ?whatText; separator=" | ") AS ?what)
       (GROUP_CONCAT(DISTINCT ?hedgeText; separator=" | ") AS ?hedges)
WHERE {
  GRAPH ?g {
    { ?about sem:hasActor ?entity } UNION { ?about sem:hasPlace ?entity }
    UNION { ?about nkg:about ?entity }
    ?claim nkg:about ?about ; a nkg:Claim ; schema:appearance ?article ;
           prov:wasAttributedTo ?source ; nkg:certainty ?c ; nkg:polarity ?p .
    ?source schema:name ?sourceName .
  }
  # one triple pattern per OPTIONAL, looked up from the claim at hand (see claims-about.rq)
  OPTIONAL { GRAPH ?g { ?about nkg:eventType ?et } }
  OPTIONAL { GRAPH ?g { ?about a ?eventClass FILTER(?eventClass = sem:Event) } }
  OPTIONAL { GRAPH ?g { ?about gaf:denotedBy ?span } }
  BIND(COALESCE(?span, <urn:newskg:none>) AS ?trigger)
  OPTIONAL { GRAPH ?g { ?trigger nif:anchorOf ?anchor } }
  BIND(COALESCE(?anchor, "") AS ?whatText)
  OPTIONAL { GRAPH ?g { ?claim nkg:hedge ?hedgeSpan } }
  BIND(COALESCE(?hedgeSpan, <urn:newskg:none>) AS ?hedgeNode)
  OPTIONAL { GRAPH ?g { ?hedgeNode nif:anchorOf ?hedge } }
  BIND(COALESCE(?hedge, "") AS ?hedgeText)
  OPTIONAL { GRAPH ?corpus { ?cluster nkg:member ?about } }
  OPTIONAL { GRAPH ?g { ?article schema:datePublished ?date } }
  BIND(BOUND(?eventClass) AS ?isEvent)
  BIND(STRAFTER(STR(?c), "#") AS ?certainty)
  BIND(STRAFTER(STR(?p), "#") AS ?polarity)
  BIND(STRAFTER(STR(?et), "#") AS ?eventType)
}
GROUP BY ?claim ?about ?cluster ?isEvent ?eventType ?sourceName ?certainty ?polarity ?date
         ?article
ORDER BY ?date ?article ?claim
"""
Row = dict[str, str]
CERTAINTY_ORDER = ("Underspecified", "Possible", "Probable", "Certain")
_POINT = re.compile(r"POINT\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s+(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\)")


@dataclass(frozen=True)
class Link:
    """A labelled link."""

    label: str
    href: str


@dataclass(frozen=True)
class Property:
    """One property of the resource, for the table of everything the graph says."""

    predicate: str
    value: str
    href: str


@dataclass(frozen=True)
class ClaimGroup:
    """The claims about one happening (across articles, or one article's event), or about one
    statement or figure."""

    title: str
    href: str  # the happening's or the event's page; "" for a statement or a figure
    across_articles: bool
    claims: tuple[Row, ...]

    @property
    def contested(self) -> bool:
        return len({(c["certainty"], c["polarity"]) for c in self.claims}) > 1


@dataclass(frozen=True)
class EntityPage:
    """Everything an entity page shows."""

    iri: str
    name: str
    kind: str
    types: tuple[str, ...]
    alt_labels: tuple[str, ...]
    ids: tuple[Link, ...]
    coordinates: tuple[float, float] | None
    articles: tuple[Row, ...]
    quotes: tuple[Row, ...]
    claims: tuple[ClaimGroup, ...]
    properties: tuple[Property, ...]


def entity_page(store: Store, iri: str, settings: ServerSettings) -> EntityPage | None:
    """Gather an entity's page from the store; None when the store says nothing about it."""
    graph = describe(store, iri)
    node = URIRef(iri)
    if (node, None, None) not in graph:
        return None
    bound = {"entity": node}
    return EntityPage(
        iri=iri,
        name=name_of(graph, node),
        kind=kind_of(graph, node),
        types=tuple(
            sorted(local_name(t).rsplit("/", 1)[-1] for t in graph.objects(node, RDF.type))
        ),
        alt_labels=tuple(sorted(str(a) for a in graph.objects(node, SKOS.altLabel))),
        ids=tuple(_ids(graph, node)),
        coordinates=coordinates(graph, node),
        articles=plain_rows(store.query(MENTIONED_IN, bound)),
        quotes=plain_rows(run_query(store, "quotes-by-speaker", {"speaker": iri})),
        claims=tuple(claim_groups(plain_rows(store.query(CLAIMS, bound)), settings)),
        properties=tuple(_properties(graph, node, settings)),
    )


def plain_rows(result: QueryResult) -> tuple[Row, ...]:
    """Turn result rows into plain strings ("" for unbound), as templates compare them."""
    return tuple({k: "" if v is None else str(v) for k, v in row.items()} for row in result.rows)


def claim_groups(rows: tuple[Row, ...], settings: ServerSettings) -> list[ClaimGroup]:
    """Group claims by the happening they are about: the groups whose sources differ first,
    then those least certain, each group's claims in time order."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row["cluster"] or row["about"], []).append(row)
    found = [_group(key, claims, settings) for key, claims in groups.items()]
    return sorted(found, key=lambda g: (not g.contested, min(_doubt(c) for c in g.claims), g.title))


def _group(key: str, claims: list[Row], settings: ServerSettings) -> ClaimGroup:
    kinds = [c["eventType"] for c in claims if c["eventType"] and c["eventType"] != "Other"]
    event = any(c["isEvent"] == "true" for c in claims)
    kind = humanize(max(set(kinds), key=kinds.count)) if kinds else ("event" if event else "")
    words = dict.fromkeys(w for c in claims for w in c["what"].split(" | ") if w)
    title = kind or "statement or figure"
    if words:
        title = f"{title}: {', '.join(words)}"
    across = key != claims[0]["about"]
    if across:
        href = settings.href(key)
    else:
        href = event_href(key) if event and key.startswith(settings.base) else ""
    return ClaimGroup(title[0].upper() + title[1:], href, across, tuple(claims))


def _doubt(row: Row) -> int:
    # the least certain claims first: they are what a reader has to weigh
    return CERTAINTY_ORDER.index(row["certainty"]) if row["certainty"] in CERTAINTY_ORDER else 0


def _ids(graph: Graph, node: URIRef) -> list[Link]:
    links = []
    for target in sorted(
        str(o) for p in (OWL.sameAs, SCHEMA.sameAs) for o in graph.objects(node, p)
    ):
        links.append(Link(id_label(target), linkable(target)))
    return links


def id_label(iri: str) -> str:
    """Name an outside id by its source: Wikidata Q1530, Wikipedia: Mosul, GeoNames 99072."""
    if "wikidata.org/entity/" in iri:
        return f"Wikidata {iri.rsplit('/', 1)[-1]}"
    if ".wikipedia.org/wiki/" in iri:
        return f"Wikipedia: {iri.rsplit('/wiki/', 1)[-1].replace('_', ' ')}"
    if "geonames.org/" in iri:
        return f"GeoNames {iri.rstrip('/').rsplit('/', 1)[-1]}"
    return iri


def coordinates(graph: Graph, node: URIRef) -> tuple[float, float] | None:
    """Return (latitude, longitude) from the place's WKT point, if it has one."""
    geometry = first(graph, node, GEO.hasGeometry)
    wkt = first(graph, geometry, GEO.asWKT) if geometry is not None else None
    match = _POINT.search(str(wkt)) if wkt is not None else None
    if not match:
        return None
    longitude, latitude = float(match.group(1)), float(match.group(2))
    return (latitude, longitude)


def _properties(graph: Graph, node: URIRef, settings: ServerSettings) -> list[Property]:
    rows = []
    for predicate, value in sorted(
        graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))
    ):
        if predicate in (NKG.context,):
            continue
        label = graph.namespace_manager.normalizeUri(str(predicate))
        if isinstance(value, Literal):
            rows.append(Property(label, str(value), ""))
        else:
            rows.append(Property(label, str(value), settings.href(str(value))))
    return rows
