"""N-Triples terms written as text: the mapping's output format, without an RDF object model.

An article graph is written once and read by a parser written in Rust (the store's loader, the
SHACL engine), so building rdflib terms and a graph only to serialise them costs more than the
rest of the mapping. These functions format terms per the N-Triples grammar; anything they
cannot write correctly raises KgError instead of producing a document no parser would read.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import cache

from rdflib.namespace import XSD

from kg.errors import KgError

# characters an IRIREF may not hold (N-Triples grammar, production IRIREF)
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# characters a literal must escape: quote, backslash, line breaks and the other C0 controls
# (the grammar allows most controls raw, but not every reader does)
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES |= {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES and c != ord("\t")}

# LANGTAG of N-Triples, Turtle and SPARQL
_LANGUAGE = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")

_INTEGER = f"<{XSD.integer}>"
_DECIMAL = f"<{XSD.decimal}>"
_DOUBLE = f"<{XSD.double}>"
_BOOLEAN = f"<{XSD.boolean}>"


def is_iri(value: str) -> bool:
    """Tell whether an IRI can be written as it is (IRIREF of N-Triples, Turtle and SPARQL)."""
    return _BAD_IRI.search(value) is None


def iri(value: str) -> str:
    """Write an IRI; raise KgError for one that holds characters IRIs forbid."""
    if not is_iri(value):
        raise KgError(f"cannot write the IRI {value!r}: it holds a space or a forbidden character")
    return f"<{value}>"


def in_graph(ntriples: bytes, graph: str) -> bytes:
    """Return N-Triples as the N-Quads of one named graph."""
    name = f" {iri(graph)} .".encode()
    # every line one triple ending " .\n", as the mapping, rdflib and pyoxigraph write them (a
    # literal's line breaks are escaped): the name goes before each line's end. Split and join
    # take two passes over the text where a check counting both endings and a replace took three
    parts = ntriples.split(b" .\n")
    if not parts[-1] and ntriples.count(b"\n") == len(parts) - 1:
        return (name + b"\n").join(parts)
    lines = (line.rstrip()[:-1].rstrip() + name for line in ntriples.splitlines() if line.strip())
    return b"\n".join(lines) + b"\n" if ntriples.strip() else b""


def plain(written: str) -> str:
    """Return the IRI of an IRI term written by ``iri``."""
    return written[1:-1]


@cache
def term(value: str) -> str:
    """Write a vocabulary IRI (cached: the same few dozen terms are written all the time)."""
    return iri(value)


class Terms:
    """A vocabulary's terms written as N-Triples: ``Terms(SCHEMA).name`` is "<http://schema.org/name>".

    Each term is written once and kept: reading a term of an rdflib Namespace makes a new
    URIRef every time, which the mapping did for a fifth of its time.
    """

    def __init__(self, namespace: object) -> None:  # an rdflib Namespace or a str
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        written = iri(self._namespace + name)
        setattr(self, name, written)
        return written

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


def escape(text: str) -> str:
    """Escape a string for a quoted N-Triples literal."""
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def string(text: str) -> str:
    """Write a plain (xsd:string) literal."""
    return f'"{escape(text)}"'


def tagged(text: str, language: str) -> str:
    """Write a language-tagged string; raise KgError for a tag BCP 47 would not allow."""
    if not _LANGUAGE.fullmatch(language):
        raise KgError(f"cannot write the language tag {language!r}")
    return f'"{escape(text)}"@{language}'


def typed(lexical: str, datatype: str) -> str:
    """Write a literal of a datatype, its lexical form as given."""
    return f'"{escape(lexical)}"^^{term(datatype)}'


def integer(value: int) -> str:
    """Write an xsd:integer."""
    return f'"{int(value)}"^^{_INTEGER}'


def double(value: float) -> str:
    """Write an xsd:double in Python's shortest round-tripping notation ("0.85", "1e-07")."""
    if not math.isfinite(value):
        raise KgError(f"cannot write {value} as an xsd:double")
    return f'"{float(value)!r}"^^{_DOUBLE}'


def decimal(value: Decimal) -> str:
    """Write an xsd:decimal in plain notation."""
    text = format(value, "f")
    return f'"{text if "." in text else text + ".0"}"^^{_DECIMAL}'


def boolean(value: bool) -> str:
    """Write an xsd:boolean."""
    return f'"{"true" if value else "false"}"^^{_BOOLEAN}'


def coordinate(value: float) -> str:
    """Write a coordinate for WKT in plain decimal notation."""
    # plain decimal notation: WKT has no exponents (1e-05)
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


def number(value: float) -> str:
    """Write a number as an xsd:integer when it is whole, else as an xsd:decimal."""
    if float(value).is_integer():
        return integer(int(value))
    return decimal(Decimal(str(value)))
