"""Query text: the WHERE group, the query form, the dataset clause and VALUES of RDF terms."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.remote import bind
from kg.sparqltext import (
    Fetch,
    bind_at_head,
    fetches,
    has_slice,
    names_dataset,
    nesting,
    query_form,
    values_clause,
    variable,
    where_opening,
)


def test_values_clause_writes_terms_not_text():
    clause = values_clause({"a": URIRef("https://e.org/x"), "n": Literal('say "hi"')})
    assert clause.strip() == 'VALUES (?a ?n) { (<https://e.org/x> "say \\"hi\\"") }'


def test_values_clause_writes_typed_tagged_and_multiline_literals():
    clause = values_clause(
        {"d": Literal("2016-11-06", datatype=XSD.date), "l": Literal("Mossoul", lang="fr")}
    )
    assert '"2016-11-06"^^<http://www.w3.org/2001/XMLSchema#date>' in clause
    assert '"Mossoul"@fr' in clause
    assert values_clause({"t": Literal("a\nb")}).strip() == 'VALUES (?t) { ("a\\nb") }'


@pytest.mark.parametrize("iri", ["https://e.org/a> } ; DROP ALL ; #", "https://e.org/a b"])
def test_values_clause_refuses_iris_that_would_escape(iri):
    with pytest.raises(StoreError, match="not a valid IRI"):
        values_clause({"a": URIRef(iri)})


def test_values_clause_refuses_blank_nodes_and_bad_names():
    with pytest.raises(StoreError, match="give an IRI or a literal"):
        values_clause({"a": BNode()})
    with pytest.raises(StoreError, match="not a SPARQL variable"):
        values_clause({"a b": Literal("x")})
    assert variable("éte_1") == "éte_1"


def test_bind_puts_values_first_in_the_where_group():
    sparql = "# a WHERE { in a comment\nSELECT ?a WHERE {\n  ?a ?p ?o }\nGROUP BY ?a"
    bound = bind_at_head(sparql, {"a": URIRef("https://e.org/x")})
    assert bound is not None
    assert bound.startswith("# a WHERE { in a comment\nSELECT ?a WHERE {\nVALUES (?a)")
    assert bound.endswith("?a ?p ?o }\nGROUP BY ?a")
    assert bind_at_head("SELECT ?a { ?a ?p ?o }", {"a": URIRef("https://e.org/x")}) is None


def test_the_remote_store_binds_a_query_without_where_at_its_end():
    sparql = "SELECT ?a { ?a ?p ?o }"
    assert bind(sparql, {}) == sparql
    assert bind(sparql, {"a": URIRef("https://e.org/x")}).startswith(sparql + "\nVALUES (?a)")


def test_where_in_a_string_or_comment_is_not_the_where_group():
    sparql = "SELECT ?a # WHERE {\n{ ?a ?p \"WHERE {\", '''WHERE {''' }"
    assert where_opening(sparql) is None
    assert where_opening("SELECT ?a where{ ?a ?p ?o }") is not None


def test_query_form_is_the_keyword_after_the_prologue():
    # a prefix may be named like a form, and a form keyword may stand in a comment or IRI
    prologue = "# DESCRIBE in a comment\nPREFIX select: <http://s/construct>\nBASE <http://b/>\n"
    assert query_form(prologue + "ask { ?s select:p ?o }") == "ASK"
    assert query_form(prologue + "DESCRIBE <http://x/>") == "DESCRIBE"
    assert query_form("PREFIX : <http://x/> CONSTRUCT WHERE { ?s :p ?o }") == "CONSTRUCT"
    assert query_form("# only a comment") == ""


def test_dataset_clause_and_slice_are_found_in_code_only():
    assert names_dataset("SELECT * FROM <http://g/> { ?s ?p ?o }")
    assert names_dataset("select * from named <http://g/> { graph ?g { ?s ?p ?o } }")
    assert not names_dataset('SELECT ?from { ?s ex:from "FROM x" } # FROM')
    assert has_slice("SELECT * { ?s ?p ?o } LIMIT 10")
    assert not has_slice('SELECT * { ?s ?p "LIMIT 10" }')


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE {}", "SELECT"),
        ("  construct { ?s ?p ?o } WHERE {}", "CONSTRUCT"),
        ("# DESCRIBE in a comment\nPREFIX a: <http://x/#y>\nBASE <http://b/>\nASK {}", "ASK"),
        ("PREFIX : <http://x/>\n#c\nPREFIX select: <http://s/> DESCRIBE :a", "DESCRIBE"),
        ("", ""),
    ],
)
def test_query_form_skips_the_prologue(query, form):
    assert query_form(query) == form


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("SELECT * WHERE { ?s ?p ?o .SERVICE <http://a/b> {} }", [("SERVICE", "http://a/b")]),
        ("SELECT * WHERE { SERVICE SILENT ?where {} }", [("SERVICE", None)]),
        ("PREFIX e: <http://h/> SELECT * WHERE { service e:f {} }", [("SERVICE", "http://h/f")]),
        ("BASE <http://b/x/> SELECT * FROM <g> WHERE {}", [("FROM", "http://b/x/g")]),
        ("SELECT * FROM NAMED <http://g/> WHERE {}", [("FROM NAMED", "http://g/")]),
        ("SELECT * WHERE { SERVICE <\\u0068ttp://h/d> {} }", [("SERVICE", "http://h/d")]),
        ("SELECT * WHERE { SERVICE <relative> {} }", [("SERVICE", None)]),
        ("SELECT * WHERE { SERVICE undeclared:x {} }", [("SERVICE", None)]),
        ("LOAD SILENT <http://x/> INTO GRAPH <urn:g>", [("LOAD", "http://x/")]),
        # an IRI with an escape is an IRI: what follows it is code, not a comment
        (
            "SELECT * WHERE { <http://x/#\\u0041> ?p ?o SERVICE <http://y/> {} }",
            [("SERVICE", "http://y/")],
        ),
        # not clauses: strings, comments, variables, prefixed names
        ('SELECT ?from WHERE { ?from ex:SERVICE "SERVICE <http://q/>" } # LOAD <http://r/>', []),
    ],
)
def test_fetches_finds_every_clause_that_reads_elsewhere(query, found):
    assert fetches(query) == [Fetch(clause, iri) for clause, iri in found]


def test_nesting_counts_code_brackets_not_those_in_strings_or_iris():
    assert nesting("SELECT * WHERE { FILTER((1)) }") == 3
    assert nesting('SELECT * WHERE { ?s ?p "((((((" . ?s ?p <http://x/((((> }') == 1
    assert nesting("ASK " + "{" * 300 + "}" * 300) == 300
