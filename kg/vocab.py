"""The namespaces newskg writes, bound once for every graph and serialisation."""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

SCHEMA = Namespace("http://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
NKG = Namespace("https://w3id.org/newskg/ns#")
WD = Namespace("http://www.wikidata.org/entity/")

G = TypeVar("G", bound=Graph)

PREFIXES: dict[str, Namespace] = {
    "schema": SCHEMA,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "gaf": GAF,
    "sem": SEM,
    "time": Namespace(str(TIME)),
    "prov": Namespace(str(PROV)),
    "geo": GEO,
    "nkg": NKG,
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "wd": WD,
}


def bind_prefixes(graph: G) -> G:
    """Bind newskg's prefixes on a graph (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """Return PREFIX declarations for every namespace above."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
