"""The N-Triples writer: every term it writes must parse back to what was meant."""

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Namespace

from kg import ntriples as nt
from kg.errors import KgError


def parse_object(obj: str) -> ox.Literal | ox.NamedNode:
    """Parse one written object with a strict N-Triples reader."""
    line = f"<http://example.org/s> <http://example.org/p> {obj} .\n"
    (triple,) = ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return triple.object


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'quote " and backslash \\ and \\n written out',
        "lines\nand\r\nbreaks\ttab",
        "controls \x00 \x0b \x0c \x1f \x7f",
        "non-BMP 😀 and NBSP\u00a0and accents é ü",
        "",
    ],
)
def test_strings_round_trip_character_for_character(text):
    assert parse_object(nt.string(text)).value == text


def test_typed_literals_keep_value_and_datatype():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    cases = [
        (nt.integer(42), "42", "integer"),
        (nt.double(0.853), "0.853", "double"),
        (nt.double(1e-7), "1e-07", "double"),
        (nt.decimal(Decimal("2.5")), "2.5", "decimal"),
        (nt.decimal(Decimal("1E+3")), "1000.0", "decimal"),
        (nt.boolean(True), "true", "boolean"),
        (nt.typed("2016-11-06", f"{xsd}date"), "2016-11-06", "date"),
    ]
    for written, lexical, datatype in cases:
        literal = parse_object(written)
        assert (literal.value, literal.datatype.value) == (lexical, xsd + datatype)


def test_iris_are_written_and_bad_ones_refused():
    assert parse_object(nt.iri("https://w3id.org/newskg/article/a#char=0,5")).value.endswith(
        "#char=0,5"
    )
    for bad in ("https://example.org/a b", "https://example.org/<x>", 'x"y', "a\\b", "a\nb"):
        with pytest.raises(KgError, match="forbidden character"):
            nt.iri(bad)
    assert nt.plain(nt.iri("https://example.org/x")) == "https://example.org/x"


def test_non_finite_doubles_are_refused():
    with pytest.raises(KgError):
        nt.double(float("nan"))


def test_terms_writes_a_vocabulary_term_once_and_keeps_it():
    schema = nt.Terms(Namespace("http://schema.org/"))
    assert schema.name == "<http://schema.org/name>" == schema["name"]
    assert schema.name is schema.name  # written once
    with pytest.raises(KgError):
        _ = schema["not a term"]


def test_in_graph_names_each_line_as_written_or_spaced_otherwise() -> None:
    from kg.ntriples import in_graph

    graph = "http://example.org/a1"
    written = b'<http://e/s> <http://e/p> "a . b" .\n<http://e/s> <http://e/p> <http://e/o> .\n'
    spaced = b'<http://e/s> <http://e/p> "a . b"  .  \n\n<http://e/s> <http://e/p> <http://e/o>.'
    expected = (
        b'<http://e/s> <http://e/p> "a . b" <http://example.org/a1> .\n'
        b"<http://e/s> <http://e/p> <http://e/o> <http://example.org/a1> .\n"
    )
    assert in_graph(written, graph) == expected
    assert in_graph(spaced, graph) == expected
    assert in_graph(b"", graph) == b""
