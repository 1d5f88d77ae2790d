"""The HTTP server: every route and format, content negotiation, errors, bounds, VoID."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from markupsafe import escape
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from starlette.testclient import TestClient

from kg.cli import main
from kg.iris import Iris
from kg.mapping import Provenance, article_graph
from kg.model import Annotations, Article, Claim, Entity, Event, Mention, Quote, Span
from kg.queries import list_queries
from kg.server import ServerSettings, create_app
from kg.server.conneg import (
    HTML,
    JSON,
    JSONLD,
    RESOURCE_FORMATS,
    TURTLE,
    negotiate,
    parse_accept,
)
from kg.store import EmbeddedStore, Store

PROV = Provenance("0.0.test", "test-model")
SMALL = "/article/small-1"
EVIL = "/article/evil-1"
SCRIPT = "<script>window.__pwned = 1; alert('x')</script>"
EVIL_NAME = f'Bad "Guy" {SCRIPT}'
EVIL_TEXT = f"{EVIL_NAME} said </script><b>hello</b> & left."
LEFT = EVIL_TEXT.index("left")
EVIL_EVENT = f"https://w3id.org/newskg/article/evil-1#event={LEFT},{len(EVIL_TEXT) - 1}"
EVIL_EVENT_PAGE = f"/event?iri={quote(EVIL_EVENT, safe='')}"
VOID = Namespace("http://rdfs.org/ns/void#")
RDFLIB_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}


def evil_annotations() -> Annotations:
    """An article whose text, headline and entity name hold markup and quotes."""
    article = Article(
        id="evil-1",
        text=EVIL_TEXT,
        headline=f"Headline {SCRIPT}",
        date_published="2016-11-07",
        publisher="Evil </script> News",
    )
    name = Span(0, len(EVIL_NAME))
    cue = Span(EVIL_TEXT.index("said"), EVIL_TEXT.index("said") + 4)
    content = Span(cue.end + 1, EVIL_TEXT.index(" & left"))
    ann = Annotations(article)
    ann.entities = [Entity("PERSON", EVIL_NAME)]
    ann.mentions = [Mention(name, 0)]
    ann.events = [Event(Span(LEFT, len(EVIL_TEXT) - 1), "Leave", claims=[Claim(0)])]
    ann.quotes = [
        Quote(content, direct=False, cue=cue, source_mention=name, speaker=0, claims=[Claim(0)])
    ]
    return ann


def build_store(path: Path, annotations: list[Annotations]) -> Path:
    """Write the articles' graphs into an embedded store at ``path``."""
    store = EmbeddedStore(path)
    for ann in annotations:
        store.replace_graph(article_graph(ann, Iris(), PROV))
    store.close()
    return path


@pytest.fixture
def store_path(tmp_path: Path, small: Annotations) -> Path:
    return build_store(tmp_path / "store", [small, evil_annotations()])


@pytest.fixture
def store(store_path: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(store_path, read_only=True)
    yield s
    s.close()


def make_client(store: Store, **options: object) -> TestClient:
    return TestClient(create_app(ServerSettings(store=store, **options)))  # type: ignore[arg-type]


@pytest.fixture
def client(store: EmbeddedStore) -> TestClient:
    return make_client(store)


def error_of(response) -> dict:  # type: ignore[no-untyped-def]
    body = response.json()
    assert body == {"ok": False, "error": body["error"], "status": response.status_code}
    assert body["error"]
    return body


# --- content negotiation, unit level ---------------------------------------------------------


def test_accept_parsing_reads_quality_and_ignores_junk():
    ranges = parse_accept("text/turtle;q=0.5, junk, application/ld+json;q=x, */*")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "turtle", 0.5),
        ("application", "ld+json", 0.0),
        ("*", "*", 1.0),
    ]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, HTML),
        ("", HTML),
        ("*/*", HTML),
        ("text/turtle", TURTLE),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", JSONLD),
        ("text/turtle, */*;q=0.1", TURTLE),
        ("text/*", HTML),
        ("text/html;q=0, text/*", TURTLE),
        ("text/html;q=0, */*", TURTLE),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML),
        ("image/png", None),
        ("*/*;q=0", None),
    ],
)
def test_negotiate_picks_by_quality_then_specificity_then_offer_order(accept, expected):
    assert negotiate(accept, RESOURCE_FORMATS) == expected


def test_json_ld_answers_for_json_unless_json_itself_is_offered_or_json_ld_refused():
    assert negotiate("application/json", RESOURCE_FORMATS) == JSONLD
    assert negotiate("application/json", [JSONLD, JSON]) == JSON
    assert negotiate("application/json, */*;q=0.1", RESOURCE_FORMATS) == JSONLD
    assert negotiate("application/ld+json;q=0, application/json", RESOURCE_FORMATS) is None
    assert negotiate("*/*", [TURTLE, JSONLD]) == TURTLE


# --- pages ------------------------------------------------------------------------------------


def test_index_lists_articles_and_has_a_search_box(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/article/small-1"' in page.text
    assert "Mosul fighters fled" in page.text
    assert 'action="/search"' in page.text


def test_article_page_highlights_mentions_by_kind_and_links_them(client):
    page = client.get(SMALL).text
    assert re.search(
        r'<a class="m m-place" id="char=0,5" href="/entity/mosul"[^>]*>Mosul</a>', page
    )
    assert re.search(
        r'class="m m-person"[^>]*href="/entity/person/abu-omar"[^>]*>Abu Omar</a>', page
    )
    assert re.search(r'class="m m-organization"[^>]*>the army</a>', page)
    assert re.search(r'class="m m-time"[^>]*href="/time/2016-11-03"[^>]*>Thursday</a>', page)


def test_article_page_shows_quotes_with_speakers(client):
    page = client.get(SMALL).text
    assert 'id="quote=' in page
    assert "We will not retreat" in page
    assert re.search(r'<a class="speaker" href="/entity/person/abu-omar">Abu Omar</a>', page)


def test_article_page_groups_claims_by_source_with_certainty_and_hedges(client):
    page = client.get(SMALL).text
    claims = page[page.index('id="claims"') :]
    assert "Example News" in claims and "own voice" in claims
    assert 'class="badge c-probable"' in claims
    assert '<span class="hedge">reportedly</span>' in claims
    assert 'class="badge negative"' in claims  # Abu Omar's "will not retreat"


def test_article_page_embeds_schema_org_json_ld(client):
    page = client.get(SMALL).text
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Mosul fighters fled"
    assert {"@type": "Place", "name": "Mosul"}.items() <= data["mentions"][1].items() or any(
        m["name"] == "Mosul" and m["@type"] == "Place" for m in data["mentions"]
    )


def test_hash_iris_resolve_with_their_document(client, store):
    rows = store.query(
        "SELECT ?q WHERE { GRAPH ?g { ?q a <https://w3id.org/newskg/ns#Quote> } }"
    ).rows
    fragment = str(rows[0]["q"]).partition("#")[2]
    page = client.get(SMALL).text
    assert f'id="{fragment}"' in page


@pytest.mark.parametrize("extension", ["ttl", "jsonld", "nt", "rdf"])
def test_article_rdf_by_extension_parses_back_to_the_stored_graph(client, store, extension):
    response = client.get(f"{SMALL}.{extension}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format=RDFLIB_FORMATS[extension])
    stored = Dataset().parse(
        data=store.dump("https://w3id.org/newskg/article/small-1"), format="nquads"
    )
    assert len(graph) == len(stored)


def test_article_json_ld_uses_the_compact_context(client):
    body = client.get(SMALL, headers={"Accept": "application/ld+json"}).json()
    assert body["@context"]["headline"] == "schema:headline"
    assert "Mosul fighters fled" in json.dumps(body)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("*/*", "text/html"),
        ("text/turtle;q=0.2, application/rdf+xml;q=0.8", "application/rdf+xml"),
        ("text/html;q=0, */*", "text/turtle"),
    ],
)
def test_resource_negotiates_on_accept(client, accept, media_type):
    response = client.get("/entity/mosul", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.headers["vary"] == "Accept"


@pytest.mark.parametrize("path", ["/entity/mosul", SMALL])
def test_json_accept_on_a_resource_gives_json_ld(client, store, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == "application/ld+json"
    graph = Graph().parse(data=response.text, format="json-ld")
    turtle = client.get(f"{path}.ttl").text
    assert len(graph) > 0 and graph.isomorphic(Graph().parse(data=turtle, format="turtle"))


def test_extension_overrides_accept(client):
    response = client.get("/entity/mosul.nt", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"] == "application/n-triples"
    assert "<https://w3id.org/newskg/entity/mosul>" in response.text
    html = client.get(f"{SMALL}.html", headers={"Accept": "text/turtle"})
    assert html.headers["content-type"].startswith("text/html")


def test_unacceptable_type_gives_406_with_the_error_body(client):
    response = client.get(SMALL, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in error_of(response)["error"]


def test_link_headers_name_the_other_formats(client):
    response = client.get(SMALL, headers={"Accept": "text/turtle"})
    link = response.headers["link"]
    for ext, media_type in [
        ("html", "text/html"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml"),
    ]:
        assert f'<{SMALL}.{ext}>; rel="alternate"; type="{media_type}"' in link
    assert "text/turtle" not in link


def test_entity_page_lists_articles_ids_coordinates_and_claims(client):
    page = client.get("/entity/mosul").text
    assert 'href="/article/small-1"' in page
    assert 'href="https://en.wikipedia.org/wiki/Mosul"' in page
    assert 'href="https://sws.geonames.org/99072/"' in page
    assert '<span class="lat">36.3350</span>, <span class="lon">43.1189</span>' in page
    claims = page[page.index('id="claims"') :]
    assert "c-probable" in claims and "reportedly" in claims


def test_entity_page_shows_what_the_entity_said(client):
    page = client.get("/entity/person/abu-omar").text
    quotes = page[page.index('id="quotes"') :]
    assert "We will not retreat" in quotes


def test_publisher_and_time_iris_resolve(client):
    assert client.get("/time/2016-11-03").status_code == 200
    publisher = client.get("/publisher/example-news")
    assert publisher.status_code == 200 and 'href="/article/small-1"' in publisher.text


def test_unknown_iri_gives_a_helpful_404_page(client):
    response = client.get("/entity/nobody", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "search" in response.text.lower() and "/entity/nobody" in response.text
    assert client.get("/article/missing").status_code == 404
    assert client.get("/no/such/thing").status_code == 404


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/entity/nobody", "application/ld+json"),
        ("/entity/nobody.ttl", "*/*"),
        ("/article/missing", "text/turtle"),
        ("/queries/nope.json", "*/*"),
    ],
)
def test_unknown_iri_gives_the_json_error_body_to_api_clients(client, path, accept):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 404
    error_of(response)


def test_search_finds_entities_by_part_of_a_name(client):
    page = client.get("/search", params={"q": "omar"})
    assert 'href="/entity/person/abu-omar"' in page.text
    data = client.get("/search.json", params={"q": "MOS"}).json()
    assert data["ok"] and data["rows"][0]["iri"] == "https://w3id.org/newskg/entity/mosul"
    assert client.get("/search.json", params={"q": "zzzz"}).json()["rows"] == []


# --- stored queries ---------------------------------------------------------------------------


def test_query_list_names_every_stored_query(client):
    page = client.get("/queries").text
    names = [q.name for q in list_queries()]
    assert all(f'href="/queries/{name}"' in page for name in names)
    assert [q["name"] for q in client.get("/queries.json").json()["queries"]] == names


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_stored_query_is_a_page_with_a_form(client, query):
    page = client.get(f"/queries/{query.name}")
    assert page.status_code == 200
    assert f'action="/queries/{query.name}"' in page.text
    for param in query.params:
        assert f'name="{param.name}"' in page.text
    if not any(not p.optional for p in query.params):
        assert '<table class="results">' in page.text or "No rows." in page.text


def test_stored_query_with_parameters_gives_a_results_table(client):
    page = client.get(
        "/queries/claims-about", params={"entity": "https://w3id.org/newskg/entity/mosul"}
    )
    assert '<table class="results">' in page.text
    assert "Probable" in page.text


@pytest.mark.parametrize(
    ("extension", "media_type"),
    [
        ("json", "application/json"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("srj", "application/sparql-results+json"),
        ("srx", "application/sparql-results+xml"),
    ],
)
def test_stored_query_data_formats(client, extension, media_type):
    response = client.get(f"/queries/who-said-what.{extension}")
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "We will not retreat" in response.text
    if extension == "json":
        assert response.json()["ok"] is True and "speakerName" in response.json()["columns"]
    if extension == "srj":
        assert response.json()["head"]["vars"][0] == "date"
    if extension == "tsv":
        assert response.text.startswith("?date\t?speakerName")


def test_stored_query_negotiates_on_accept(client):
    response = client.get("/queries/articles", headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("id,date,headline")


def test_stored_query_parameter_errors_use_the_error_body(client):
    missing = client.get("/queries/claims-about.json")
    assert missing.status_code == 400 and "entity" in error_of(missing)["error"]
    bad = client.get("/queries/claims-about.json", params={"entity": "not an iri"})
    assert bad.status_code == 400 and "IRI" in error_of(bad)["error"]
    page = client.get("/queries/claims-about", params={"entity": "not an iri"})
    assert page.status_code == 400 and 'role="alert"' in page.text


# --- SPARQL -----------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_sparql_get_returns_json_results_by_default(client):
    response = client.get("/sparql", params={"query": COUNT})
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 50


@pytest.mark.parametrize(
    ("accept", "media_type", "needle"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
        ("text/csv", "text/csv", "n\r\n" if False else "n\n"),
        ("text/tab-separated-values", "text/tab-separated-values", "?n\n"),
        ("application/json", "application/json", '"ok": true'),
        ("text/html", "text/html", '<table class="results">'),
    ],
)
def test_sparql_result_formats_by_accept(client, accept, media_type, needle):
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert needle in response.text


def test_sparql_post_form_and_direct_body(client):
    form = client.post("/sparql", data={"query": COUNT})
    assert form.status_code == 200 and form.json()["head"]["vars"] == ["n"]
    direct = client.post(
        "/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 200 and direct.json()["head"]["vars"] == ["n"]
    ask = client.post("/sparql", data={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"})
    assert ask.json()["boolean"] is True


NAMES = """PREFIX schema: <http://schema.org/>
CONSTRUCT { ?e schema:name ?name } WHERE { GRAPH ?g { ?e schema:name ?name } }"""


def names_in(store: Store) -> Graph:
    graph = Graph()
    for row in store.query(
        "SELECT ?e ?n WHERE { GRAPH ?g { ?e <http://schema.org/name> ?n } }"
    ).rows:
        graph.add((row["e"], URIRef("http://schema.org/name"), row["n"]))  # type: ignore[arg-type]
    return graph


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("*/*", "text/turtle", "turtle"),
    ],
)
def test_sparql_construct_gives_the_graph_in_the_format_asked_for(
    client, store, accept, media_type, rdflib_format
):
    response = client.get("/sparql", params={"query": NAMES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = Graph().parse(data=response.text, format=rdflib_format)
    expected = names_in(store)
    assert len(expected) >= 3 and graph.isomorphic(expected)


def test_sparql_describe_and_format_parameter_and_post(client):
    describe = (
        f"DESCRIBE <https://w3id.org/newskg/entity/mosul> FROM <https://w3id.org/newskg{SMALL}>"
    )
    response = client.post("/sparql", data={"query": describe, "format": "nt"})
    assert response.headers["content-type"] == "application/n-triples"
    graph = Graph().parse(data=response.text, format="nt")
    mosul = URIRef("https://w3id.org/newskg/entity/mosul")
    assert (mosul, URIRef("http://schema.org/name"), Literal("Mosul")) in graph
    direct = client.post(
        "/sparql",
        content="# names\n" + NAMES,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"},
    )
    assert direct.status_code == 200 and "Mosul" in direct.text


def test_sparql_construct_refuses_result_formats_and_shows_a_table_of_triples(client):
    refused = client.get(
        "/sparql", params={"query": NAMES}, headers={"Accept": "application/sparql-results+json"}
    )
    assert refused.status_code == 406
    assert "text/turtle" in error_of(refused)["error"]
    page = client.get("/sparql", params={"query": NAMES}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert '<th scope="col">subject</th>' in page.text
    assert "Mosul" in page.text
    select = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/turtle"})
    assert select.status_code == 406


def test_sparql_editor_page_without_a_query(client):
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<textarea" in page.text
    api = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert api.status_code == 400
    error_of(api)


def test_sparql_syntax_error_is_a_400_with_the_error_body(client):
    response = client.get("/sparql", params={"query": "SELEKT nothing"})
    assert response.status_code == 400
    assert "SPARQL" in error_of(response)["error"]


def test_sparql_refuses_unsupported_content_types_and_graph_parameters(client):
    assert (
        client.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code
        == 415
    )
    response = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "urn:x"})
    assert response.status_code == 400
    error_of(response)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "CLEAR ALL"}},
        {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
    ],
)
def test_updates_are_refused_unless_allowed(client, store, request_kwargs):
    before = len(store.graphs())
    response = client.post("/sparql", **request_kwargs)
    assert response.status_code == 403
    assert "--allow-updates" in error_of(response)["error"]
    assert len(store.graphs()) == before


def test_updates_run_when_allowed(store_path):
    writable = EmbeddedStore(store_path)
    try:
        client = make_client(writable, allow_updates=True)
        update = 'INSERT DATA { GRAPH <urn:x> { <urn:s> <urn:p> "o" } }'
        response = client.post("/sparql", data={"update": update})
        assert response.status_code == 200 and response.json()["ok"] is True
        assert "urn:x" in writable.graphs()
    finally:
        writable.close()


# --- bounds -----------------------------------------------------------------------------------


# every graph three times over: billions of rows on any store, seconds even on the test's
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } "
    "GRAPH ?i { ?x ?y ?z } }"
)


def test_runaway_query_gives_503_at_its_timeout_and_the_next_query_answers(store):
    with TestClient(create_app(ServerSettings(store=store, query_timeout=0.5))) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200  # warm
        started = time.monotonic()
        response = client.get("/sparql", params={"query": RUNAWAY})
        assert time.monotonic() - started < 2.0
        assert response.status_code == 503
        assert "0.5 s" in error_of(response)["error"]
        assert client.get("/sparql", params={"query": COUNT}).status_code == 200


def test_row_limit_gives_413_for_data_and_a_note_on_pages(store):
    client = make_client(store, max_rows=3)
    many = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": many})
    assert response.status_code == 413
    assert "LIMIT" in error_of(response)["error"]
    assert client.get("/queries/who-said-what.json").status_code == 200
    page = client.get("/sparql", params={"query": many}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "row limit" in page.text
    triples = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": triples}, headers={"Accept": "text/turtle"})
    assert response.status_code == 413
    assert "triples" in error_of(response)["error"]
    page = client.get("/sparql", params={"query": triples}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "row limit" in page.text


# --- VoID -------------------------------------------------------------------------------------


def test_void_describes_the_dataset_in_turtle_by_default(client, store):
    response = client.get("/.well-known/void")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    dataset = next(graph.subjects(predicate=VOID.triples))
    (count,) = store.query(COUNT).rows
    assert graph.value(dataset, VOID.triples) == Literal(int(count["n"]))
    assert graph.value(dataset, VOID.documents).toPython() == 2
    assert graph.value(dataset, VOID.entities).toPython() >= 4
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef("http://testserver/sparql")
    vocabularies = set(graph.objects(dataset, VOID.vocabulary))
    assert URIRef("http://schema.org/") in vocabularies
    assert URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#") in vocabularies


def test_void_negotiates_and_takes_extensions(client):
    by_accept = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert by_accept.headers["content-type"] == "application/ld+json"
    assert client.get("/.well-known/void.nt").headers["content-type"] == "application/n-triples"
    assert client.get("/.well-known/void.xyz").status_code == 404
    assert client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


# --- escaping and headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        EVIL,
        "/entity/person/bad-guy-script-window-pwned-1-alert-x-script",
        "/search?q=bad",
        "/queries/who-said-what",
        "/",
        EVIL_EVENT_PAGE,
    ],
)
def test_markup_in_the_data_is_escaped(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert SCRIPT not in response.text
    assert "<b>hello</b>" not in response.text
    assert response.text.count("<script") == response.text.count(
        '<script type="application/ld+json">'
    )


def test_json_ld_in_head_cannot_be_broken_out_of(client):
    page = client.get(EVIL).text
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["headline"] == f"Headline {SCRIPT}"
    assert data["publisher"]["name"] == "Evil </script> News"
    assert "&lt;script&gt;" in page  # the headline as text


def test_every_response_carries_security_headers(client):
    response = client.get("/")
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_static_css_is_served(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and ".m-person" in response.text


# --- command line -----------------------------------------------------------------------------


def test_serve_command_documents_its_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in (
        "--store",
        "--endpoint",
        "--host",
        "--port",
        "--base-url",
        "--allow-updates",
        "--query-timeout",
        "--max-rows",
    ):
        assert option in result.output


def test_serve_command_needs_an_existing_store(tmp_path: Path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no store" in result.output


def test_event_page_shows_the_claim_of_an_article_event(client):
    response = client.get(EVIL_EVENT_PAGE)
    assert response.status_code == 200, response.text
    assert len(re.findall(r'<tr class="claim c-certain">', response.text)) == 1
    assert "<mark>left</mark>" in response.text
    assert str(escape(EVIL_NAME)) in response.text


def test_article_claims_link_the_page_of_their_event(client):
    page = client.get(SMALL).text
    links = re.findall(r'<a class="event" href="(/event\?iri=[^"]+)"', page)
    assert links
    for link in set(links):
        event = client.get(link.replace("&amp;", "&"))
        assert event.status_code == 200, link
        assert "an event of one article" in event.text
        assert f'href="{SMALL}"' in event.text
