"""Stored queries: queries/NAME.rq (a comment header, then SPARQL) + parameters -> results.

Header lines::

    # title: Who said what
    # description: Quotes with their speaker and article, newest first.
    # param: speaker  IRI of a person or organisation (optional)

Every parameter is a projected variable bound by a mandatory pattern. Every store binds it by
a one-row VALUES clause at the head of the query's first WHERE group, so that the engine starts
from it; a query that takes a page in a subquery writes its outer group without the WHERE
keyword, so that the parameter is bound before the page is cut. Queries that list the whole
store return a fixed page (LIMIT 100, said in their description): a parameter cannot be a limit.
A parameter whose description starts with "IRI" is bound as an IRI, one that starts with
"integer" or "date" as a typed literal, anything else as a plain string. Values are bound as RDF
terms by the store, never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.resources import queries_dir
from kg.sparqltext import query_form
from kg.store import QueryResult, Store, Term

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Param:
    """A named parameter of a stored query."""

    name: str
    description: str
    optional: bool

    @property
    def kind(self) -> str:
        first = self.description.split(" ", 1)[0].lower()
        return first if first in ("iri", "integer", "date") else "string"

    def bind(self, raw: str) -> Term:
        """Turn a value given on the command line or a form into an RDF term."""
        value = raw.strip()
        if self.kind == "iri":
            iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", iri):
                raise QueryError(f"parameter {self.name!r} needs an IRI, got {raw!r}")
            return URIRef(iri)
        if self.kind == "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise QueryError(f"parameter {self.name!r} needs an integer, got {raw!r}")
            return Literal(int(value))
        if self.kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise QueryError(f"parameter {self.name!r} needs a date (2016-11-06), got {raw!r}")
            return Literal(value, datatype=XSD.date)
        return Literal(value)


@dataclass(frozen=True)
class StoredQuery:
    """A query file with its metadata."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    path: Path

    @property
    def gives_graph(self) -> bool:
        """Tell whether the query is a CONSTRUCT or DESCRIBE (it answers a graph, not rows)."""
        return query_form(self.sparql) in ("CONSTRUCT", "DESCRIBE")

    def answer(self, store: Store, values: dict[str, str]) -> QueryResult | bytes:
        """Run the query: rows for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE."""
        if not self.gives_graph:
            return store.query(self.sparql, self.bindings(values))
        if values:
            raise QueryError("CONSTRUCT and DESCRIBE queries take no parameters; leave out -p")
        return store.construct(self.sparql)

    def bindings(self, values: dict[str, str]) -> dict[str, Term]:
        """Check the given values against the parameters and bind them as RDF terms."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            names = ", ".join(known) or "none"
            raise QueryError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (it has: {names})"
            )
        missing = [p.name for p in self.params if not p.optional and p.name not in values]
        if missing:
            raise QueryError(
                f"query {self.name!r} needs the parameter {missing[0]!r} (-p {missing[0]}=…)"
            )
        return {name: known[name].bind(value) for name, value in values.items()}


def parse_query_file(path: Path, title_required: bool = True) -> StoredQuery:
    """Read a stored query file and its header (a user's own query may have none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the query ({e})") from e
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "param":
            params.append(_parse_param(value, path))
        else:
            meta[key] = value.strip()
    if "title" not in meta and title_required:
        raise QueryError(f"{path}: the header needs a '# title:' line")
    return StoredQuery(
        name=path.stem,
        title=meta.get("title", path.stem),
        description=meta.get("description", ""),
        params=tuple(params),
        sparql=text,
        path=path,
    )


def _parse_param(value: str, path: Path) -> Param:
    name, _, description = value.strip().partition(" ")
    if not _NAME.match(name):
        raise QueryError(f"{path}: bad parameter line '# param: {value}'")
    description = description.strip()
    optional = description.endswith("(optional)")
    return Param(name, description.removesuffix("(optional)").strip(), optional)


def list_queries(folder: Path | None = None) -> list[StoredQuery]:
    """Return every stored query of the folder, sorted by name."""
    folder = folder or queries_dir()
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def get_query(name: str, folder: Path | None = None) -> StoredQuery:
    """Return the stored query called ``name``."""
    folder = folder or queries_dir()
    path = folder / f"{name}.rq"
    if not _NAME.match(name) or not path.exists():
        names = ", ".join(q.name for q in list_queries(folder))
        raise QueryError(f"no stored query named {name!r}; try one of: {names} (see `kg queries`)")
    return parse_query_file(path)


def find_query(name_or_path: str, folder: Path | None = None) -> StoredQuery:
    """Return the stored query of that name, else the query in that file (``my-query.rq``).

    A file takes the same header as a stored query, all of it optional, so that its
    parameters can be given on the command line too.
    """
    folder = folder or queries_dir()
    if _NAME.match(name_or_path) and (folder / f"{name_or_path}.rq").exists():
        return get_query(name_or_path, folder)
    path = Path(name_or_path)
    if path.is_file():
        return parse_query_file(path, title_required=False)
    if path.suffix == ".rq" or "/" in name_or_path:
        raise QueryError(f"no query file {name_or_path!r}")
    return get_query(name_or_path, folder)


def run_query(store: Store, name: str, values: dict[str, str] | None = None) -> QueryResult:
    """Run a stored query (by name) or a query file, with parameter values as strings."""
    query = find_query(name)
    return store.query(query.sparql, query.bindings(values or {}))
