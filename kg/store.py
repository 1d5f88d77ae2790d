"""Publish and query: article graphs <-> a triple store behind one interface.

The embedded store (pyoxigraph, on disk, no server) is the default. Each article is one named
graph whose IRI is the article IRI; replacing an article replaces its graph in one update.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import StoreError
from kg.model import GraphData
from kg.ntriples import in_graph
from kg.sparqltext import bind_at_head, names_dataset, variable
from kg.storelock import StoreLock

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
DEFAULT_STORE = Path(".newskg") / "store"
Term = URIRef | Literal | BNode


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (variables in order), or the answer of an ASK."""

    variables: tuple[str, ...]
    rows: tuple[dict[str, Term | None], ...]
    boolean: bool | None = None


class Store(Protocol):
    """What every store backend offers: named graphs in, SPARQL out."""

    def replace_graph(self, graph: Graph) -> None: ...
    def replace_graphs(self, graphs: Iterable[GraphData]) -> int: ...
    def delete_graph(self, iri: str) -> bool: ...
    def graphs(self) -> list[str]: ...
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int | None = None,
    ) -> QueryResult: ...
    def construct(self, sparql: str, max_triples: int | None = None) -> bytes: ...
    def dump(self, graph: str | None = None) -> bytes: ...
    def update(self, sparql: str) -> None: ...
    def close(self) -> None: ...


class EmbeddedStore:
    """A persistent pyoxigraph store in a folder."""

    def __init__(
        self,
        path: str | Path = DEFAULT_STORE,
        read_only: bool = False,
        lock: StoreLock | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.lock = lock  # held by the caller; released when the store is closed
        self._bulk_loaded = False
        # graphs being bulk-written; a crash leaves this file behind and the next open undoes them
        self.journal = self.path.with_name(self.path.name + ".pending")
        try:
            if read_only:
                self._refuse_interrupted_bulk()
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
                self._undo_interrupted_bulk()
        except OSError as e:
            self._release()
            raise StoreError(f"{self.path}: cannot open the store ({e})") from e

    def replace_graph(self, graph: Graph) -> None:
        """Put a named graph in the store, replacing any graph of the same IRI in one update."""
        self._replace_one(GraphData.of(graph))

    def replace_graphs(self, graphs: Iterable[GraphData]) -> int:
        """Store graphs, each replacing its namesake; graphs new to the store are bulk-loaded."""
        fresh: dict[str, GraphData] = {}
        count = 0
        for data in graphs:
            count += 1
            if self._store.contains_named_graph(ox.NamedNode(data.iri)):
                self._replace_one(data)
            else:
                # the same article twice in one batch: the last one wins, as one by one
                fresh[data.iri] = data
        self._bulk_insert(list(fresh.values()))
        return count

    def _replace_one(self, data: GraphData) -> None:
        # one SPARQL update is one transaction: readers never see a half-replaced article
        # and a crash leaves the old one
        self.update(replace_update(data))

    def _bulk_insert(self, graphs: list[GraphData]) -> None:
        if not graphs:
            return
        # bulk loading is not atomic: the journal names the graphs to drop if it is interrupted
        self.journal.write_text("".join(f"{g.iri}\n" for g in graphs), encoding="utf-8")
        nquads = b"".join(in_graph(g.ntriples, g.iri) for g in graphs)
        try:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            self._store.flush()
            self._bulk_loaded = True
        except SyntaxError as e:
            raise StoreError(f"{self.path}: a graph is not valid N-Triples ({e})") from e
        except OSError as e:
            raise StoreError(f"{self.path}: bulk load failed ({e})") from e
        self.journal.unlink()

    def _refuse_interrupted_bulk(self) -> None:
        if self.journal.exists():
            # the graphs it names may be half loaded, and only a writer may remove them
            self._release()
            raise StoreError(
                f"{self.path}: a load into this store was interrupted and may have left article "
                "graphs half written; run `kg ingest` or `kg load` on it again (that removes "
                "them first) before reading it"
            )

    def _undo_interrupted_bulk(self) -> None:
        if not self.journal.exists():
            return
        for iri in self.journal.read_text(encoding="utf-8").split():
            self._store.remove_graph(ox.NamedNode(iri))
        self._store.flush()
        self.journal.unlink()

    def delete_graph(self, iri: str) -> bool:
        """Remove a named graph; return whether it was there."""
        node = ox.NamedNode(iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query; ``bindings`` are joined first, as a VALUES clause.

        With ``max_rows``, the rows after that many are not read (nor held in memory).
        """
        text, substitutions = _bind_at_head(sparql, bindings or {})
        with self._reading():
            answer = self._store.query(
                text, substitutions=substitutions, use_default_graph_as_union=_union(sparql)
            )
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult((), (), bool(answer))
            if not isinstance(answer, ox.QuerySolutions):
                raise StoreError("only SELECT and ASK queries give rows; CONSTRUCT gives a graph")
            variables = tuple(v.value for v in answer.variables)
            convert = _TermCache()
            rows = tuple(
                {name: convert(value) for name, value in zip(variables, solution, strict=True)}
                for solution in islice(answer, max_rows)
            )
        return QueryResult(variables, rows)

    def match(
        self,
        subject: str | None = None,
        predicate: str | None = None,
        obj: Identifier | ox.NamedNode | ox.Literal | None = None,
        graph: str | None = None,
    ) -> Iterator[tuple[str, str, str, str]]:
        """Yield the quads of one pattern (IRIs as text, ``None`` matching anything) from the
        store's indexes, with no query to parse, as the text of subject, predicate, object and
        graph; without ``graph``, those of every named graph (not the default graph). The
        object is an rdflib term or, for a caller that looks up many, a pyoxigraph one."""
        if obj is not None and not isinstance(obj, (ox.NamedNode, ox.Literal)):
            obj = to_oxigraph(obj)
        quads = self._store.quads_for_pattern(
            ox.NamedNode(subject) if subject is not None else None,
            ox.NamedNode(predicate) if predicate is not None else None,
            obj,
            ox.NamedNode(graph) if graph is not None else None,
        )
        for s, p, o, g in quads:
            if isinstance(g, ox.NamedNode):
                yield s.value, p.value, o.value, g.value

    def construct(self, sparql: str, max_triples: int | None = None) -> bytes:
        """Run a CONSTRUCT or DESCRIBE query; return the triples as N-Triples.

        With ``max_triples``, the triples after that many are not computed (nor held in memory).
        """
        with self._reading():
            answer = self._store.query(sparql, use_default_graph_as_union=_union(sparql))
            if not isinstance(answer, ox.QueryTriples):
                raise StoreError("only CONSTRUCT and DESCRIBE queries return a graph")
            triples = islice(answer, max_triples)
            return bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")

    @contextmanager
    def _reading(self) -> Iterator[None]:
        # the engine reports bad queries as SyntaxError, and what it cannot evaluate (an
        # unknown function, an unbound SERVICE name, a bad IRI) as RuntimeError or ValueError
        try:
            yield
        except SyntaxError as e:
            raise StoreError(f"the query is not valid SPARQL: {e}") from e
        except OSError as e:
            raise StoreError(f"{self.path}: query failed ({e})") from e
        except (RuntimeError, ValueError) as e:
            raise StoreError(f"the query cannot be run: {e}") from e

    def dump(self, graph: str | None = None) -> bytes:
        """Return the store (or one graph) as N-Quads."""
        if graph is None:
            return bytes(self._store.dump(format=ox.RdfFormat.N_QUADS) or b"")
        node = ox.NamedNode(graph)
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=node)
        return in_graph(bytes(data or b""), graph)

    def flush(self) -> None:
        """Write buffered changes to disk so the next open does not replay a log."""
        self._store.flush()

    def optimize(self) -> None:
        """Compact the store's files (after a large load) for faster queries."""
        self._store.optimize()

    def close(self) -> None:
        """Write everything to disk; after bulk loads, compact the files queries will read."""
        if not self.read_only:
            self._store.flush()
        if self._bulk_loaded:
            # bulk loads leave one set of files per batch; merged, queries open far fewer
            self._store.optimize()
        del self._store
        self._release()

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""
        try:
            self._store.update(sparql)
        except (SyntaxError, OSError) as e:
            raise StoreError(f"{self.path}: update failed ({e})") from e


def replace_update(data: GraphData) -> str:
    """Return the SPARQL update that replaces a named graph with the given triples."""
    body = data.ntriples.decode("utf-8")
    return f"DROP SILENT GRAPH <{data.iri}> ;\nINSERT DATA {{ GRAPH <{data.iri}> {{\n{body}}} }}"


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to pyoxigraph's."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot bind {term!r}: not an IRI, blank node or literal")


def from_oxigraph(term: object) -> Term:
    """Convert a pyoxigraph term to rdflib's."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported term in a result: {term!r}")


class _TermCache:
    """Convert pyoxigraph terms to rdflib's, once per distinct term of a result."""

    def __init__(self) -> None:
        # results repeat terms (the article, the source, a type) on many rows: rdflib terms
        # are immutable, so one object can stand for every repetition
        self._seen: dict[object, Term] = {}

    def __call__(self, term: object) -> Term | None:
        if term is None:
            return None
        found = self._seen.get(term)
        if found is None:
            found = self._seen[term] = from_oxigraph(term)
        return found


Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def _bind_at_head(sparql: str, bindings: Mapping[str, Term]) -> tuple[str, Substitutions]:
    # Oxigraph plans a query before it applies substitutions, so it cannot start from a bound
    # variable; a one-row VALUES at the head of WHERE is planned first and joined into every
    # pattern. A blank node in VALUES would be a fresh node, not the one asked for: it (and
    # every binding of a query without the WHERE keyword) is a substitution instead.
    written = {k: t for k, t in bindings.items() if not isinstance(t, BNode)}
    bound = bind_at_head(sparql, written) if written else None
    rest = bindings if bound is None else {k: bindings[k] for k in bindings if k not in written}
    substitutions: Substitutions = {_variable(k): to_oxigraph(t) for k, t in rest.items()}
    return sparql if bound is None else bound, substitutions


def _variable(name: str) -> ox.Variable:
    return ox.Variable(variable(name))


@lru_cache(maxsize=512)
def _union(sparql: str) -> bool:
    """Tell whether a query reads the union of the article graphs as its default graph.

    Each article is a named graph and the store's own default graph is empty, so a query
    without GRAPH patterns would find nothing; like Virtuoso, it reads all the graphs instead.
    A query that names its dataset (FROM, FROM NAMED) gets exactly that, which Oxigraph's
    union mode would ignore.
    """
    return not names_dataset(sparql)


def iter_quads(nquads: bytes) -> Iterator[ox.Quad]:
    """Parse N-Quads bytes into pyoxigraph quads."""
    return iter(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
