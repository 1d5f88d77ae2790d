"""Read built graph files (TriG, N-Quads, Turtle, JSON-LD) -> one rdflib Graph per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import InputError
from kg.model import Failed, GraphData
from kg.reader import SUFFIXES, expand
from kg.validate import Report, validate_graph
from kg.vocab import SCHEMA

CORPUS_FOLDER, CORPUS_STEM = "corpus", "stories"  # where `kg build` writes its corpus graph
GRAPH_SUFFIXES = {
    ".trig": "trig",
    ".nq": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
}


def graph_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files to load: those named, and in folders article and graph files.

    The corpus graph that `kg build` writes beside the article graphs (corpus/stories.*) is
    left out: the store links its articles itself as they are loaded (kg.story_store).
    """
    found = []
    for path in expand(paths, SUFFIXES + tuple(GRAPH_SUFFIXES)):
        if not _is_build_corpus(path):
            found.append(path)
    return found


def _is_build_corpus(path: Path) -> bool:
    return path.parent.name == CORPUS_FOLDER and path.stem == CORPUS_STEM


def is_graph_file(path: Path) -> bool:
    """Tell whether a file holds built graphs (by its suffix), not articles."""
    return path.suffix.lower() in GRAPH_SUFFIXES


def read_graphs(path: Path) -> list[Graph]:
    """Return the article graphs of a file; a file of triples is named after its article."""
    fmt = GRAPH_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(GRAPH_SUFFIXES)
        raise InputError(f"{path}: not a graph file (expected one of {known})")
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except Exception as e:  # rdflib's parsers raise many exception types
        raise InputError(f"{path}: cannot parse as {fmt} ({e})") from e
    graphs = [g for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)]
    named = [g for g in graphs if g.identifier != dataset.default_graph.identifier]
    default = dataset.default_graph
    if len(default):
        named.append(_name_by_article(default, path))
    if not named:
        raise InputError(f"{path}: holds no triples")
    return named


def validate_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Report]]:
    """Validate every article graph of the files; raise InputError for a file not readable."""
    for path in paths:
        for graph in read_graphs(path):
            yield path, validate_graph(graph)


def checked_graphs(paths: Iterable[Path]) -> Iterator[GraphData | Failed]:
    """Read and validate the article graphs of files; what cannot be stored comes back Failed."""
    for path in paths:
        try:
            graphs = read_graphs(path)
        except InputError as e:
            yield Failed(str(path), str(e))
            continue
        for graph in graphs:
            report = validate_graph(graph)
            yield GraphData.of(graph) if report.conforms else Failed(str(path), report.describe())


def _name_by_article(graph: Graph, path: Path) -> Graph:
    articles = sorted(set(graph.subjects(RDF.type, SCHEMA.NewsArticle)), key=str)
    if len(articles) != 1 or not isinstance(articles[0], URIRef):
        raise InputError(
            f"{path}: a file of triples must describe exactly one schema:NewsArticle "
            f"(found {len(articles)}); use TriG or N-Quads for several articles"
        )
    named = Graph(identifier=articles[0])
    for triple in graph:
        named.add(triple)
    return named
