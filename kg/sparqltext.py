"""SPARQL query text -> what the stores need to know of it, and parameters bound into it.

Both stores (embedded and remote) read queries and bind parameters through these functions,
so a stored query is bound the same way everywhere. Keywords are looked for in the code only:
IRIs, strings and comments are blanked out first, keeping the length, so offsets still hold.
Parameters become a one-row VALUES clause of RDF terms written by kg.ntriples (escaped, so a
value can never become syntax).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg import ntriples as nt
from kg.errors import KgError, StoreError

# what is not keywords and patterns: IRIs, string literals (long ones first), comments
_NOT_CODE = re.compile(
    r"""<(?:[^<>"{}|^`\\\s]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"""
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*"
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# a dataset clause: FROM <g> or FROM NAMED <g> (not ?from, :from or ex:from)
_FROM = re.compile(r"(?<![\w?$:])FROM\b", re.IGNORECASE)
_SLICE = re.compile(r"\b(LIMIT|OFFSET)\s+\d+", re.IGNORECASE)
# what may precede the query form: comments, BASE and PREFIX declarations
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)", re.I)
_KEYWORD = re.compile(r"\s*([A-Za-z]+)")
# the clauses that make a store fetch from elsewhere: SERVICE (queries), LOAD (updates), and
# the dataset clauses FROM and FROM NAMED; then what they name
_FETCH = re.compile(r"(?<![\w?$:])(SERVICE|LOAD|FROM(?:\s+NAMED)?)(?![\w.-])(\s+SILENT\b)?", re.I)
_IRIREF = re.compile(r"""\s*<((?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>""")
_PNAME = re.compile(r"\s*([^\s:<>{}()?$]*):([^\s<>{}()]*)")
_DECLARATION = re.compile(r"(?<![\w?$:])(BASE|PREFIX\s*([^\s:]*):)", re.I)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# VARNAME of the SPARQL 1.1 grammar (production 166)
_BASE_CHARS = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_VARNAME = re.compile(f"[{_BASE_CHARS}_0-9][{_BASE_CHARS}_0-9\u00b7\u0300-\u036f\u203f-\u2040]*")


def code_only(sparql: str) -> str:
    """Blank out IRIs, strings and comments, keeping every other character where it was."""
    return _NOT_CODE.sub(lambda m: " " * len(m.group()), sparql)


def where_opening(sparql: str) -> re.Match[str] | None:
    """Find the "WHERE {" of a query's first group pattern (not one inside a string or IRI)."""
    return _WHERE.search(code_only(sparql))


def query_form(sparql: str) -> str:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE: the form after the prologue ("" if none)."""
    position = 0
    while (match := _PROLOGUE.match(sparql, position)) and match.end() > position:
        position = match.end()
    keyword = _KEYWORD.match(sparql, position)
    return keyword.group(1).upper() if keyword else ""


def nesting(sparql: str) -> int:
    """Return how deep the query's brackets, braces and parentheses nest (in the code)."""
    depth = deepest = 0
    for char in code_only(sparql):
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    return deepest


def names_dataset(sparql: str) -> bool:
    """Tell whether a query names its dataset (FROM or FROM NAMED)."""
    return _FROM.search(code_only(sparql)) is not None


def has_slice(sparql: str) -> bool:
    """Tell whether a query cuts its own page (LIMIT or OFFSET, here or in a subquery)."""
    return _SLICE.search(code_only(sparql)) is not None


def variable(name: str) -> str:
    """Return a parameter's name as a SPARQL variable name; raise StoreError if it is none."""
    if not _VARNAME.fullmatch(name):
        raise StoreError(f"{name!r} is not a SPARQL variable name")
    return name


def check_iri(iri: str) -> str:
    """Return an IRI that can be written into a query as it is; raise StoreError if not."""
    if not nt.is_iri(iri):
        raise StoreError(f'<{iri}> is not a valid IRI (it holds a space or one of <>"{{}}|^`\\)')
    return iri


def write_term(term: Identifier) -> str:
    """Write an IRI or a literal as SPARQL (in N-Triples syntax, which SPARQL reads)."""
    if isinstance(term, URIRef):
        return nt.iri(check_iri(str(term)))
    if isinstance(term, Literal):
        try:
            if term.language:
                return nt.tagged(str(term), term.language)
            if term.datatype:
                return nt.typed(str(term), check_iri(str(term.datatype)))
        except KgError as e:
            raise StoreError(f"cannot bind {term!r}: {e}") from e
        return nt.string(str(term))
    raise StoreError(f"cannot bind {term!r} in a query: give an IRI or a literal")


def values_clause(bindings: Mapping[str, Identifier]) -> str:
    """Return a VALUES clause binding each variable to one RDF term (or "" for none)."""
    if not bindings:
        return ""
    names = " ".join(f"?{variable(name)}" for name in bindings)
    terms = " ".join(write_term(term) for term in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


def bind_at_head(sparql: str, bindings: Mapping[str, Identifier]) -> str | None:
    """Put the bindings as VALUES at the head of the first WHERE group; None if it has none.

    At the head, the engine joins them into every pattern from the start (a trailing VALUES
    is applied after the whole query).
    """
    clause = values_clause(bindings)
    match = where_opening(sparql)
    if match is None:
        return None
    return sparql[: match.end()] + clause + sparql[match.end() :]


@dataclass(frozen=True)
class Fetch:
    """A clause that names something a store would read from elsewhere, and what it names."""

    clause: str  # SERVICE, LOAD, FROM or FROM NAMED, upper-cased, one space
    iri: str | None  # the absolute IRI it names; None for a variable or what cannot be read


def fetches(sparql: str) -> list[Fetch]:
    """Find the SERVICE, LOAD, FROM and FROM NAMED clauses of a query or update, in order.

    IRIs are read as the store reads them: with their \\u escapes, prefixed names expanded and
    relative IRIs resolved against BASE.
    """
    code = code_only(sparql)
    found = []
    for match in _FETCH.finditer(code):
        clause = " ".join(match.group(1).upper().split())
        found.append(Fetch(clause, _named(sparql, match.end())))
    return found


def _named(sparql: str, position: int) -> str | None:
    base, prefixes = _declarations(sparql[:position])
    iri = _IRIREF.match(sparql, position)
    if iri is not None:
        written = _unescape(iri.group(1))
        return _absolute(urljoin(base, written) if base else written)
    name = _PNAME.match(sparql, position)
    if name is not None and name.group(1) in prefixes:
        return _absolute(prefixes[name.group(1)] + name.group(2))
    return None


def _declarations(prologue: str) -> tuple[str, dict[str, str]]:
    base, prefixes = "", {}
    # declarations are code: look for them where IRIs are blanked, read the IRI from the text
    code = code_only(prologue)
    for match in _DECLARATION.finditer(code):
        iri = _IRIREF.match(prologue, match.end())
        value = _unescape(iri.group(1)) if iri else ""
        value = urljoin(base, value) if base else value
        if match.group(1).upper() == "BASE":
            base = value
        else:
            prefixes[match.group(2)] = value
    return base, prefixes


def _unescape(iri: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), iri)


def _absolute(iri: str) -> str | None:
    return iri if urlsplit(iri).scheme else None
