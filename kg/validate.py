"""Validate: an article graph + shapes/*.ttl -> a SHACL report a person can act on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl_turbo
from pyshacl import validate as shacl_validate
from pyshacl_turbo import CompiledShapes
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import KgError, SetupError
from kg.model import GraphData
from kg.resources import shapes_dir


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which shape, what is wrong."""

    focus: str
    shape: str
    message: str
    path: str | None = None
    value: str | None = None
    severity: str = "Violation"

    def describe(self) -> str:
        where = f" (property {self.path})" if self.path else ""
        value = f", value {self.value}" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message} [shape {self.shape}{value}]"


@dataclass(frozen=True)
class Report:
    """The outcome of validating one graph."""

    graph: str
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def describe(self) -> str:
        if not self.violations:
            return f"{self.graph}: conforms"
        lines = [f"{self.graph}: {len(self.violations)} problem(s)"]
        lines += [f"  {v.describe()}" for v in self.violations]
        return "\n".join(lines)


def load_shapes(folder: Path | None = None) -> Graph:
    """Read every shapes file of ``folder`` (default: the project's shapes/) into one graph."""
    # cached by the folder itself: NEWSKG_HOME may name another one between two calls
    return _load_shapes(folder or shapes_dir())


@lru_cache(maxsize=4)
def _load_shapes(folder: Path) -> Graph:
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise SetupError(
            f"no SHACL shapes found in {folder}; reinstall newskg, or set NEWSKG_HOME to a "
            "folder holding shapes/, queries/ and data/"
        )
    parsed = Graph()
    for file in files:
        try:
            parsed.parse(file, format="turtle")
        except Exception as e:  # rdflib raises many parser exception types
            raise SetupError(f"{file}: cannot parse the shapes file ({e})") from e
    # the triples without the files' prefixes: pyshacl-turbo binds every prefix of the shapes
    # graph on each report it makes, a fifth of its time on an article graph
    shapes = Graph(bind_namespaces="none")
    for triple in parsed:
        shapes.add(triple)
    return shapes


ENGINES = ("turbo", "pyshacl")


class Validator:
    """Validate article graphs against shapes prepared once.

    The default engine is pyshacl-turbo (pySHACL's API over a Rust engine: 20 ms against 440 ms
    on the seed article's graph); "pyshacl", the reference engine, is chosen with
    NEWSKG_SHACL_ENGINE=pyshacl.
    """

    def __init__(self, shapes: Graph | None = None, engine: str | None = None) -> None:
        self.shapes = shapes if shapes is not None else load_shapes()
        self.engine = engine or os.environ.get("NEWSKG_SHACL_ENGINE") or "turbo"
        if self.engine not in ENGINES:
            raise KgError(f"unknown SHACL engine {self.engine!r}; use one of: {', '.join(ENGINES)}")
        self._compiled = (
            pyshacl_turbo.compile_shapes(self.shapes, advanced=True)
            if self.engine == "turbo"
            else None
        )

    def validate_data(self, data: GraphData) -> Report:
        """Validate one article graph given as N-Triples (the engine parses it natively).

        Both engines read the N-Triples strictly (every IRI and language tag checked), so
        graphs reported on are well-formed RDF and need no such check when they are written.
        """
        if self._compiled is None:
            _check_syntax(data)  # rdflib's parser accepts relative IRIs, for one
            return self.validate(data.to_graph())
        report = _run_native(self._compiled, data)
        return Report(data.iri, tuple(_violations_of(report, self.shapes)))

    def validate(self, graph: Graph) -> Report:
        """Validate one article graph."""
        if self._compiled is not None:
            results = _run(self._compiled, graph, graph.identifier)
            return self._report(str(graph.identifier), results)
        data = Graph()  # pyshacl wants a plain graph, not a named graph of a dataset
        for triple in graph:
            data.add(triple)
        _, results, _ = shacl_validate(
            data, shacl_graph=self.shapes, inference="none", advanced=True, allow_warnings=True
        )
        return self._report(str(graph.identifier), results)

    def _report(self, name: str, results: Graph) -> Report:
        return Report(name, tuple(_violations(results, self.shapes)))


@lru_cache(maxsize=2)
def default_validator(engine: str | None = None) -> Validator:
    """Return a validator over the project's shapes, prepared on first use."""
    return Validator(engine=engine)


def validate_graph(graph: Graph, shapes: Graph | None = None) -> Report:
    """Validate one article graph against the project's shapes (or the given ones)."""
    validator = default_validator() if shapes is None else Validator(shapes)
    return validator.validate(graph)


def _run(compiled: CompiledShapes, source: object, name: object) -> Graph:
    try:
        _, results, _ = compiled.validate(source, inference="none", allow_warnings=True)
    except Exception as e:  # the engine raises plain exceptions on data it cannot read
        raise KgError(f"{name}: cannot validate ({e})") from e
    return results


def _run_native(compiled: CompiledShapes, data: GraphData) -> bytes:
    """Validate N-Triples with the engine itself and return its report, as N-Triples.

    This is the call pyshacl-turbo 0.6.5 (pinned) makes for its input record of serialised
    data, the N-Triples handed over as they are; its report comes back as N-Triples, which
    pyoxigraph reads here in a twentieth of the time rdflib's parser takes to make the
    report graph CompiledShapes.validate returns (0.3 ms an article with one warning).
    """
    try:
        _, report, *_ = compiled._native.validate(
            data.ntriples.decode("utf-8"),
            "nt",
            None,  # base IRI
            False,  # iterate rules
            100,  # rule iterations at most
            15,  # validation depth at most
            False,  # in place
            False,  # allow infos
            True,  # allow warnings
            False,  # abort on the first result
            [],  # focus nodes (all)
            [],  # shapes (all)
            [],  # the data's prefixes
        )
    except Exception as e:  # the engine raises plain exceptions on data it cannot read
        raise KgError(f"{data.iri}: cannot validate ({e})") from e
    return report.encode("utf-8")


_RESULT_FIELDS = {
    str(SH.focusNode): "focus",
    str(SH.sourceShape): "shape",
    str(SH.resultMessage): "message",
    str(SH.resultPath): "path",
    str(SH.value): "value",
    str(SH.resultSeverity): "severity",
}


def _violations_of(report: bytes, shapes: Graph) -> list[Violation]:
    """Read the violations of a report given as N-Triples, as ``_violations`` reads a graph."""
    results: set[str] = set()
    fields: dict[str, dict[str, Node]] = {}
    for triple in ox.parse(report, format=ox.RdfFormat.N_TRIPLES):
        subject, predicate, value = triple.subject, triple.predicate.value, triple.object
        if predicate == str(RDF.type) and value == _RESULT:
            results.add(subject.value)
        elif predicate in _RESULT_FIELDS:
            fields.setdefault(subject.value, {}).setdefault(
                _RESULT_FIELDS[predicate], _rdflib_term(value)
            )
    found = []
    for result in results:
        got = fields.get(result, {})
        message, severity = got.get("message"), got.get("severity")
        found.append(
            Violation(
                focus=_show(got.get("focus")),
                shape=_shape_name(shapes, got.get("shape")),
                message=str(message) if message else "does not conform",
                path=_show(got.get("path")) or None,
                value=_show(got.get("value")) or None,
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return sorted(found, key=_order)


_RESULT = ox.NamedNode(str(SH.ValidationResult))


def _rdflib_term(term: object) -> Node:
    """Return the rdflib term of a pyoxigraph term (a literal keeps its lexical form)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        # the engine keeps the shapes graph's blank node labels, so a property shape is found
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = None if term.language else URIRef(term.datatype.value)
        return Literal(term.value, term.language, datatype, normalize=False)
    raise KgError(f"unexpected term in a SHACL report: {term!r}")


def _check_syntax(data: GraphData) -> None:
    try:
        for _ in ox.parse(data.ntriples, format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as e:
        raise KgError(f"{data.iri}: cannot validate ({e})") from e


def _violations(results: Graph, shapes: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        found.append(
            Violation(
                focus=_show(results.value(result, SH.focusNode)),
                shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
                message=str(message) if message else "does not conform",
                path=_show(results.value(result, SH.resultPath)) or None,
                value=_show(results.value(result, SH.value)) or None,
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return sorted(found, key=_order)


def _order(v: Violation) -> tuple[str, ...]:
    return (v.focus, v.shape, v.message, v.path or "", v.value or "", v.severity)


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """Name a shape for people: its IRI, or the sh:name of a blank property shape and its parent."""
    if isinstance(shape, URIRef) or shape is None:
        return _show(shape)
    name = shapes.value(shape, SH.name)
    parent = next(shapes.subjects(SH.property, shape), None)
    owner = _show(parent) if isinstance(parent, URIRef) else ""
    return f"{owner} {name}".strip() if name else owner or "an anonymous shape"


def _show(term: object) -> str:
    if term is None:
        return ""
    return f"<{term}>" if isinstance(term, URIRef) else str(term)
