import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.queries import find_query, get_query, list_queries, parse_query_file, run_query
from kg.store import EmbeddedStore

QUERIES = list_queries()


def test_there_are_at_least_eight_stored_queries_with_headers():
    assert len(QUERIES) >= 8
    for q in QUERIES:
        assert q.title and q.description, q.name


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_parameter_is_projected_so_it_can_be_bound(query):
    select = query.sparql[query.sparql.index("SELECT") : query.sparql.index("WHERE")]
    for param in query.params:
        assert re.search(rf"\?{param.name}\b", select), f"{query.name}: ?{param.name} not selected"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_query_runs_on_an_empty_store(query, tmp_path: Path):
    store = EmbeddedStore(tmp_path / "s")
    values = {p.name: "https://example.org/x" if p.kind == "iri" else "x" for p in query.params}
    assert store.query(query.sparql, query.bindings(values)).rows == ()


def test_header_is_parsed(tmp_path: Path):
    path = tmp_path / "q.rq"
    path.write_text(
        "# title: T\n# description: D\n# param: who  IRI of a person (optional)\n"
        "# param: n  integer limit\nSELECT ?who ?n WHERE { ?who ?p ?n }\n",
        encoding="utf-8",
    )
    q = parse_query_file(path)
    assert (q.title, q.description) == ("T", "D")
    assert [(p.name, p.kind, p.optional) for p in q.params] == [
        ("who", "iri", True),
        ("n", "integer", False),
    ]
    assert q.bindings({"who": "<https://e.org/a>", "n": "3"}) == {
        "who": URIRef("https://e.org/a"),
        "n": Literal(3),
    }


def test_bad_parameters_are_refused_with_a_hint():
    q = get_query("quotes-by-speaker")
    with pytest.raises(QueryError, match="needs the parameter 'speaker'"):
        q.bindings({})
    with pytest.raises(QueryError, match="no parameter 'who'"):
        q.bindings({"who": "x", "speaker": "https://e.org/a"})
    with pytest.raises(QueryError, match="needs an IRI"):
        q.bindings({"speaker": "Boris Johnson"})


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(QueryError, match="who-said-what"):
        get_query("nope")


def test_who_said_what_on_a_small_article(small, tmp_path: Path):
    store = EmbeddedStore(tmp_path / "s")
    store.replace_graph(article_graph(small, Iris(), Provenance("t", "m")))
    rows = run_query(store, "who-said-what").rows
    assert [(str(r["speakerName"]), str(r["text"]), str(r["quoteType"])) for r in rows] == [
        ("Abu Omar", "We will not retreat", "Direct")
    ]
    speaker = str(rows[0]["speaker"])
    assert len(run_query(store, "who-said-what", {"speaker": speaker}).rows) == 1
    assert run_query(store, "who-said-what", {"speaker": "https://e.org/nobody"}).rows == ()


@pytest.mark.parametrize(
    "query", [q for q in QUERIES if not any(not p.optional for p in q.params)], ids=lambda q: q.name
)
def test_queries_over_the_whole_store_return_a_page_and_say_so(query):
    assert re.search(r"\bORDER BY\b", query.sparql), query.name
    assert re.search(r"\bLIMIT 100\b", query.sparql), query.name
    assert "100" in query.description, query.name


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_a_parameter_is_bound_before_a_page_is_cut(query):
    # stores bind at the head of the first WHERE group: in a query with a page, that group
    # must be a subquery's (the outer group has no WHERE keyword), not the outer one
    text = re.sub(r"#[^\n]*", "", query.sparql)
    if not query.params or "LIMIT" not in text:
        return
    head = text[text.index("SELECT") : text.index("WHERE")]
    assert head.count("SELECT") == 2, query.name


def test_a_query_file_runs_like_a_stored_query(small, tmp_path: Path):
    store = EmbeddedStore(tmp_path / "s")
    store.replace_graph(article_graph(small, Iris(), Provenance("t", "m")))
    path = tmp_path / "speakers.rq"
    path.write_text(
        "# param: name  the speaker's name\n"
        "PREFIX schema: <http://schema.org/>\n"
        "SELECT ?q WHERE { ?q schema:creator ?who . ?who schema:name ?name }\n",
        encoding="utf-8",
    )
    query = find_query(str(path))
    assert (query.title, [p.name for p in query.params]) == ("speakers", ["name"])
    assert len(run_query(store, str(path), {"name": "Abu Omar"}).rows) == 1
    assert run_query(store, str(path), {"name": "Nobody"}).rows == ()
    # a stored query's name still means the stored query
    assert find_query("who-said-what").path.parent.name == "queries"


def test_a_missing_query_file_is_named_in_the_error(tmp_path: Path):
    with pytest.raises(QueryError, match="no query file"):
        find_query(str(tmp_path / "nope.rq"))
