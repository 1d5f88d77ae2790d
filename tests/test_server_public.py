"""`kg serve` on the open internet: a real server on 127.0.0.1 probed as a hostile client would.

Each test runs against a `kg serve` process started by tests/servers.py over a small store; the
outbound checks have a real HTTP listener on another loopback port that records what reaches it.
"""

from __future__ import annotations

import html
import http.client
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.model import Annotations, Article, Entity, Mention, Span
from kg.queries import list_queries, run_query
from kg.store import EmbeddedStore, QueryResult
from tests.conftest import ROOT, small_annotations
from tests.servers import KgServer, kg_serve, tree_cpu, tree_rss
from tests.test_server import build_store, evil_annotations


class Listener:
    """An HTTP server on a loopback port that records every request and answers 200 with data."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                listener.requests.append((self.command, self.path))
                body = b'{"head":{"vars":["leak"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


SCRIPT_URL = "javascript:alert(document.cookie)"


def script_url_annotations() -> Annotations:
    """An article whose url is a script, not a web page."""
    text = "Mosul was quiet."
    article = Article(id="script-url", text=text, headline="Quiet", url=SCRIPT_URL)
    ann = Annotations(article)
    ann.entities = [Entity("PLACE", "Mosul")]
    ann.mentions = [Mention(Span(0, 5), 0)]
    return ann


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("public")
    articles = [small_annotations(), evil_annotations(), script_url_annotations()]
    return build_store(folder / "store", articles)


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[KgServer]:
    with kg_serve(store_path, "--query-timeout", "2") as running:
        yield running


def sparql(server: KgServer, query: str, **headers: str) -> httpx.Response:
    return httpx.get(f"{server.url}/sparql", params={"query": query}, headers=headers, timeout=30)


# --- 1. no outbound requests unless the operator allows them ----------------------------------

OUTBOUND = {
    "service": "SELECT * WHERE {{ SERVICE <{url}/a> {{ ?s ?p ?o }} }}",
    "service silent": "SELECT * WHERE {{ SERVICE SILENT <{url}/b> {{ ?s ?p ?o }} }}",
    "escaped IRI": "SELECT * WHERE {{ SERVICE <\\u0068ttp://{host}/c> {{ ?s ?p ?o }} }}",
    "prefixed name": "PREFIX e: <{url}/> SELECT * WHERE {{ ?s ?p ?o .SERVICE e:d {{ ?s ?p ?o }} }}",
    "relative to BASE": "BASE <{url}/> SELECT * WHERE {{ service <e> {{ ?s ?p ?o }} }}",
    "hidden after an IRI with an escape": (
        "SELECT * WHERE {{ <http://x/#\\u0041> ?p ?o SERVICE <{url}/f> {{ ?s ?p ?o }} }}"
    ),
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/g> {{ ?s ?p ?o }} }}",
    "remote FROM": "SELECT * FROM <{url}/h> WHERE {{ ?s ?p ?o }}",
    "remote FROM NAMED": "SELECT * FROM NAMED <{url}/i> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("template", OUTBOUND.values(), ids=OUTBOUND.keys())
def test_outbound_clauses_are_refused_naming_the_clause(server, listener, template):
    query = template.format(url=listener.url, host=listener.url.removeprefix("http://"))
    response = sparql(server, query, accept="application/sparql-results+json")
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert "SERVICE" in error or "FROM" in error
    assert listener.url.removeprefix("http://") in error
    assert listener.requests == []


def test_variable_service_is_a_400_not_a_500(server):
    response = sparql(server, "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }")
    assert response.status_code == 400
    assert "SERVICE" in response.json()["error"]


def test_load_is_refused_before_anything_is_fetched(tmp_path, listener):
    store = build_store(tmp_path / "store", [small_annotations()])
    token = {"NEWSKG_UPDATE_TOKEN": "t0ken"}
    with kg_serve(store, "--allow-updates", env=token) as running:
        response = httpx.post(
            f"{running.url}/sparql",
            data={"update": f"LOAD SILENT <{listener.url}/data.ttl>"},
            headers={"Authorization": "Bearer t0ken"},
            timeout=30,
        )
    assert response.status_code == 400
    assert "LOAD" in response.json()["error"]
    assert listener.requests == []


def test_from_a_graph_of_the_server_still_answers(server):
    article = "https://w3id.org/newskg/article/small-1"
    response = sparql(server, f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}")
    assert response.status_code == 200
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 10


def test_service_reaches_only_the_endpoints_the_operator_allows(store_path, listener):
    other = Listener()
    try:
        with kg_serve(store_path, "--service-allow", f"{listener.url}/allowed/") as allowing:
            ok = sparql(allowing, f"SELECT * WHERE {{ SERVICE <{listener.url}/allowed/q> {{}} }}")
            refused = sparql(allowing, f"SELECT * WHERE {{ SERVICE <{other.url}/q> {{}} }}")
            sideways = sparql(allowing, f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{}} }}")
        assert ok.status_code == 200, ok.text
        assert [path for _, path in listener.requests] == ["/allowed/q"]
        assert refused.status_code == 400 and other.requests == []
        assert sideways.status_code == 400
    finally:
        other.close()


# --- 5. never a 500: a generated corpus of hostile requests -----------------------------------

ROUTES = [
    "/",
    "/search",
    "/search.json",
    "/queries",
    "/queries.json",
    "/queries/articles",
    "/queries/claims-about.json",
    "/sparql",
    "/.well-known/void",
    "/.well-known/void.ttl",
    "/static/style.css",
    "/article/small-1",
    "/article/small-1.ttl",
    "/entity/mosul",
    "/entity/mosul.jsonld",
    "/time/2016-11-03",
    "/publisher/example-news",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
BAD_PATHS = [
    "%zz",
    "%ff%fe",
    "%C3%28",
    "%00",
    "%3C%3E",
    "%22q%22",
    "%7B%7D",
    "%7C",
    "%5E",
    "%60",
    "%5C",
    "%2e%2e/%2e%2e/etc/passwd",
    "%C3%A9",
    "a%20b",
    "%0d%0aSet-Cookie:%20x",
    "x.ttl.ttl",
    ";x",
    "a" * 4000,
]
BAD_VALUES = [
    "%zz",
    "%ff",
    "%3Cx%3E",
    "a%20b",
    "http://x/%3E%7D%20;%20DROP%20ALL",
    "http://x/%zz",
    "%00",
    "javascript:alert(1)",
    "x" * 3000,
]
BAD_HEADERS = [
    ("Accept", "*/*;q=x"),
    ("Accept", "text/html;q=0, */*;q=0"),
    ("Accept", "," * 2000),
    ("Accept", "application/sparql-results+json;q=1e999"),
    ("Accept-Encoding", "gzip;q=junk"),
    ("Authorization", "Bearer"),
    ("Range", "bytes=zz"),
    ("If-None-Match", '"'),
    ("Cookie", "=" * 500),
    ("Content-Type", "multipart/form-data; boundary="),
]
FORM = "application/x-www-form-urlencoded"
BAD_BODIES = [
    (FORM, b"query=%zz"),
    (FORM, b"query=%ff%fe"),
    (FORM, b"update=%ff"),
    (FORM, b"\xff\xfe=\xff"),
    (FORM, b"query=" + b"%28" * 5000),
    ("application/sparql-query", b"\xff\xfe SELECT"),
    ("application/sparql-query", b"SELECT * WHERE { FILTER(" + b"(" * 5000 + b")" * 5000 + b") }"),
    ("application/sparql-query", b"SELECT * WHERE " + b"{" * 5000 + b"}" * 5000),
    ("application/sparql-query", b"SELECT * WHERE { BIND(<http://x/f>(1) AS ?x) }"),
    ("application/sparql-query", b"CONSTRUCT { ?s ?p ?o } WHERE { BIND(<http://x/f>(1) AS ?s) }"),
    ("application/sparql-query", b"SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }"),
    ("application/sparql-query", b"SELECT * WHERE { GRAPH <http://x/%zz> { ?s ?p ?o } }"),
    ("application/sparql-update", b"\xff"),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
    ("application/json", b"{"),
    ("text/plain; charset=nope", b"x"),
]


def hostile_requests() -> Iterator[tuple[str, str, dict[str, str], bytes]]:
    """Yield (method, path, headers, body): every route with bad methods, paths, values,
    headers and bodies."""
    for route in ROUTES:
        for method in METHODS:
            yield method, route, {}, b""
        for bad in BAD_PATHS:
            yield "GET", route.rstrip("/") + "/" + bad, {}, b""
            yield "GET", route + bad, {}, b""
        for name, value in BAD_HEADERS:
            yield "GET", route, {name: value}, b""
        for kind, body in BAD_BODIES:
            yield "POST", route, {"Content-Type": kind}, body
    names = {"q", "query", "update", "format", "default-graph-uri"}
    names |= {p.name for q in list_queries() for p in q.params}
    targets = [f"/queries/{q.name}{ext}" for q in list_queries() for ext in ("", ".json", ".csv")]
    for target in [*targets, "/search", "/search.json", "/sparql", "/article/small-1"]:
        for name in names:
            for value in BAD_VALUES:
                yield "GET", f"{target}?{name}={value}", {}, b""


def test_hostile_requests_never_get_a_500(store_path):
    statuses: dict[int, int] = {}
    failures = []
    with kg_serve(store_path, "--query-timeout", "5") as running:
        host, port = running.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        for method, path, headers, body in hostile_requests():
            try:
                connection.request(method, path, body=body or None, headers=headers)
                response = connection.getresponse()
                text = response.read()
            except (http.client.HTTPException, OSError) as e:
                failures.append((method, path[:80], headers, f"no answer: {e!r}"))
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                continue
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status >= 500:
                failures.append((method, path[:80], headers, response.status, text[:200]))
            elif response.status >= 400 and method != "HEAD":
                # every refusal says what was wrong, as the error body or an error page
                kind = response.getheader("content-type", "")
                if kind.startswith("application/json"):
                    assert json.loads(text)["error"], (method, path)
                else:
                    assert text.strip(), (method, path)
        connection.close()
        assert running.process.poll() is None, "the server died"
        log = running.output()
    assert not failures, failures[:10]
    assert "Traceback" not in log, log[log.find("Traceback") :][-3000:]
    assert sum(statuses.values()) > 1500 and statuses.get(400, 0) > 100


# --- 4. bodies past the limit are refused before they are read -------------------------------

VALID = b"SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }\n"
MiB = 1024 * 1024


def post_raw(server: KgServer, headers: list[str], body_chunks: Iterator[bytes]) -> tuple[str, int]:
    """POST to /sparql over a raw socket; return the status line and how many body bytes went
    out before the server answered or closed the connection."""
    host, port = server.url.removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        head = ["POST /sparql HTTP/1.1", f"Host: {host}", *headers, "", ""]
        sock.sendall("\r\n".join(head).encode())
        sock.setblocking(False)
        answer = b""
        for chunk in body_chunks:
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            except OSError:
                break
            if answer:
                break
            try:
                sock.sendall(chunk)
                sent += len(chunk)
            except BlockingIOError:
                # the server stopped reading; wait for its answer
                break
            except OSError:
                break
        sock.settimeout(15)
        while b"\r\n" not in answer:
            try:
                more = sock.recv(65536)
            except OSError:
                break
            if not more:
                break
            answer += more
    return answer.split(b"\r\n", 1)[0].decode(), sent


def padding(total: int) -> Iterator[bytes]:
    yield VALID
    block = b"#" * (64 * 1024 - 1) + b"\n"
    for _ in range(total // len(block)):
        yield block


def test_declared_oversize_body_is_refused_unread(server):
    before = tree_rss(server.process.pid)
    status, sent = post_raw(
        server,
        ["Content-Type: application/sparql-query", f"Content-Length: {50 * MiB}"],
        padding(50 * MiB),
    )
    assert " 413 " in status
    assert sent < 10 * MiB  # answered before the body, not after it
    assert tree_rss(server.process.pid) < before + 20 * MiB


def test_chunked_oversize_body_is_stopped_at_the_limit(server):
    before = tree_rss(server.process.pid)

    def chunked() -> Iterator[bytes]:
        for piece in padding(50 * MiB):
            yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"

    status, sent = post_raw(
        server, ["Content-Type: application/sparql-query", "Transfer-Encoding: chunked"], chunked()
    )
    assert " 413 " in status
    assert sent < 10 * MiB
    assert tree_rss(server.process.pid) < before + 20 * MiB


def test_a_body_under_the_limit_is_answered(server):
    body = VALID + b"#" * (512 * 1024) + b"\n"
    response = httpx.post(
        f"{server.url}/sparql",
        content=body,
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert response.status_code == 200


def test_update_on_a_read_only_server_is_refused_before_its_body_is_read(server):
    # the body is announced and never sent: only a server that does not wait for it answers
    status, _ = post_raw(
        server,
        ["Content-Type: application/sparql-update", f"Content-Length: {512 * 1024}"],
        iter(()),
    )
    assert " 403 " in status


def test_serve_help_states_the_limits():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--max-body" in result.output and "1048576" in result.output


# --- 2. a timed-out query really stops ----------------------------------------------------------

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } "
    "GRAPH ?i { ?x ?y ?z } }"
)


class Abusers:
    """Threads that send runaway queries without pause until stopped."""

    def __init__(self, server: KgServer, count: int) -> None:
        self.stop = threading.Event()
        self.statuses: list[int] = []
        self.threads = [threading.Thread(target=self._abuse, args=(server,)) for _ in range(count)]
        for thread in self.threads:
            thread.start()

    def _abuse(self, server: KgServer) -> None:
        while not self.stop.is_set():
            self.statuses.append(sparql(server, RUNAWAY).status_code)

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def test_a_timed_out_query_stops_and_the_cpu_is_idle_a_second_later(server):
    started = time.monotonic()
    response = sparql(server, RUNAWAY)
    assert response.status_code == 503
    assert "2 s" in response.json()["error"]
    assert time.monotonic() - started < 5
    time.sleep(1.0)  # the second the server has to give the core back
    before = tree_cpu(server.process.pid)
    time.sleep(1.0)
    assert tree_cpu(server.process.pid) - before < 0.2  # idle, not a core still busy


def test_pages_answer_while_runaway_queries_keep_arriving(server):
    abusers = Abusers(server, 4)
    try:
        statuses = []
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            for path in ("/", "/article/small-1", "/entity/mosul", "/queries/who-said-what.json"):
                statuses.append(httpx.get(f"{server.url}{path}", timeout=30).status_code)
    finally:
        abusers.close()
    assert statuses and set(statuses) == {200}
    # past the pool, 503; past one client's share of queries, 429
    assert set(abusers.statuses) <= {503, 429} and len(abusers.statuses) >= 8


# --- 7. updates need a bearer token -------------------------------------------------------------

INSERT = 'INSERT DATA { GRAPH <https://w3id.org/newskg/article/x> { <urn:s> <urn:p> "o" } }'
ASK_INSERTED = 'ASK { GRAPH ?g { <urn:s> <urn:p> "o" } }'


@pytest.fixture
def writable_store(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store", [small_annotations()])


def test_updates_on_a_public_address_without_a_token_refuse_to_start(writable_store):
    command = [sys.executable, "-m", "kg", "serve", "--store", str(writable_store)]
    result = subprocess.run(
        [*command, "--allow-updates", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "NEWSKG_UPDATE_TOKEN"},
    )
    assert result.returncode == 2
    assert "NEWSKG_UPDATE_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_updates_need_the_bearer_token_of_the_environment(writable_store):
    token = "s3cret-" + "x" * 24
    with kg_serve(writable_store, "--allow-updates", env={"NEWSKG_UPDATE_TOKEN": token}) as running:
        url = f"{running.url}/sparql"
        anonymous = httpx.post(url, data={"update": INSERT}, timeout=30)
        wrong = httpx.post(
            url,
            content=INSERT,
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer no"},
            timeout=30,
        )
        assert sparql(running, ASK_INSERTED).json()["boolean"] is False
        right = httpx.post(
            url,
            content=INSERT,
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {token}",
            },
            timeout=30,
        )
        inserted = sparql(running, ASK_INSERTED).json()["boolean"]
        log = running.output()
    assert anonymous.status_code == 401 and wrong.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    assert "token" in anonymous.json()["error"]
    assert right.status_code == 200, right.text
    assert inserted is True  # and the query workers read the store as it is after the update
    assert token not in log


def test_the_update_token_may_come_from_a_file(writable_store, tmp_path):
    secret = tmp_path / "token"
    secret.write_text("from-a-file\n")
    options = ("--allow-updates", "--update-token-file", str(secret))
    with kg_serve(writable_store, *options) as running:
        headers = {"Content-Type": "application/sparql-update"}
        refused = httpx.post(f"{running.url}/sparql", content=INSERT, headers=headers, timeout=30)
        headers["Authorization"] = "Bearer from-a-file"
        accepted = httpx.post(f"{running.url}/sparql", content=INSERT, headers=headers, timeout=30)
    assert refused.status_code == 401 and accepted.status_code == 200


# --- 6. pages link only http(s) URLs ------------------------------------------------------------

HREF = re.compile(r"""href=["']([^"']*)["']""")


def assert_only_web_links(html: str) -> None:
    for href in HREF.findall(html):
        assert href.startswith(("/", "#", "http://", "https://")) or href == "", href


def test_a_script_url_is_shown_as_text_not_linked(server):
    page = httpx.get(f"{server.url}/article/script-url", timeout=30)
    assert page.status_code == 200
    assert_only_web_links(page.text)
    assert SCRIPT_URL in page.text  # shown, as text
    query = "SELECT ?url WHERE { GRAPH ?g { ?a <http://schema.org/url> ?url } }"
    table = sparql(server, query, accept="text/html")
    assert table.status_code == 200 and SCRIPT_URL in table.text
    assert_only_web_links(table.text)


def test_web_urls_are_still_linked(server):
    page = httpx.get(f"{server.url}/article/small-1", timeout=30).text
    assert 'href="https://example.org/news/1"' in page


# --- 8. misses do not evict hits ----------------------------------------------------------------


def test_junk_requests_do_not_push_a_cached_page_out(server):
    # more junk than the cache holds (64), well within the time a page is kept (30 s)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.get("/article/small-1")
        assert client.get("/article/small-1").headers["x-cache"] == "hit"
        for number in range(100):
            assert client.get(f"/article/junk-{number}").status_code == 404
        assert client.get("/article/small-1").headers["x-cache"] == "hit"


# --- 9. knobs for concurrency, and 503 with Retry-After at once when full ------------------------


def first_refusal(call, seconds: float):  # type: ignore[no-untyped-def]
    """Call ``call()`` until it answers 503 (within ``seconds``); return that answer and how
    long it took."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        response = call()
        if response.status_code == 503:
            return response, time.monotonic() - started
        assert response.status_code == 200
    raise AssertionError("never refused while the server was full")


def test_a_full_query_pool_answers_503_with_retry_after_at_once(store_path):
    options = ("--query-workers", "1", "--query-timeout", "3", "--client-queries", "8")
    with kg_serve(store_path, *options) as running:
        abusers = Abusers(running, 2)
        try:
            refused, waited = first_refusal(lambda: sparql(running, "ASK {}"), 20)
            page = httpx.get(f"{running.url}/article/small-1", timeout=30)
        finally:
            abusers.close()
    assert refused.headers["retry-after"].isdigit()
    assert waited < 1.0  # refused at once, not queued behind the runaway query
    assert page.status_code == 200  # the pages have their own workers


def test_requests_past_max_requests_get_503_with_retry_after_at_once(store_path):
    options = ("--max-requests", "2", "--query-workers", "2", "--query-timeout", "3")
    with kg_serve(store_path, *options) as running:
        abusers = Abusers(running, 2)
        try:
            home = lambda: httpx.get(f"{running.url}/", timeout=30)  # noqa: E731
            refused, waited = first_refusal(home, 20)
        finally:
            abusers.close()
        after = httpx.get(f"{running.url}/", timeout=30)
    assert refused.headers["retry-after"].isdigit()
    assert "2 requests" in refused.json()["error"]
    assert waited < 1.0
    assert after.status_code == 200


# --- 3. memory stays under the ceiling -----------------------------------------------------------

# the main process and the forkserver, with room to spare; each worker adds --worker-memory
BASE_MEMORY = 250 * MiB
WORKER_MEMORY = 256 * MiB


def peak_rss_while(server: KgServer, call):  # type: ignore[no-untyped-def]
    """Run ``call()`` in a thread; return its result and the server's peak memory meanwhile."""
    result: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: result.append(call()))
    thread.start()
    peak = 0
    while thread.is_alive():
        peak = max(peak, tree_rss(server.process.pid))
        time.sleep(0.02)  # sampling interval of the memory probe
    thread.join()
    return result[0], peak


def test_memory_stays_under_the_ceiling_whatever_is_asked(store_path):
    options = ("--query-timeout", "4", "--worker-memory", str(WORKER_MEMORY // MiB))
    ceiling = BASE_MEMORY + 4 * WORKER_MEMORY  # 2 page workers, 2 query workers
    cross = "GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } GRAPH ?i { ?x ?y ?z }"
    with kg_serve(store_path, *options) as running:
        sorted_rows, peak_sorted = peak_rss_while(
            running, lambda: sparql(running, f"SELECT * WHERE {{ {cross} }} ORDER BY ?c ?f ?z")
        )
        triples, peak_triples = peak_rss_while(
            running,
            lambda: sparql(
                running,
                # a fresh blank node for every row: triples without end
                f"CONSTRUCT {{ [] <urn:with> ?c }} WHERE {{ {cross} }}",
                accept="text/turtle",
            ),
        )
        concatenated, peak_concat = peak_rss_while(
            running,
            lambda: sparql(running, f"SELECT (GROUP_CONCAT(STR(?c)) AS ?s) WHERE {{ {cross} }}"),
        )
        time.sleep(1.0)  # the killed workers' memory is given back
        after = tree_rss(running.process.pid)
        alive = httpx.get(f"{running.url}/article/small-1", timeout=30).status_code
    assert sorted_rows.status_code == 400 and "MiB" in sorted_rows.json()["error"]
    assert triples.status_code == 413 and "triples" in triples.json()["error"]
    assert concatenated.status_code in (400, 413, 503)
    assert max(peak_sorted, peak_triples, peak_concat) < ceiling
    assert after < BASE_MEMORY + 4 * 80 * MiB  # back to workers at rest
    assert alive == 200


def test_serve_help_states_the_memory_ceiling():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert "Memory:" in result.output and "2.3 GiB" in result.output
    for option in ("--worker-memory", "--max-result", "--max-requests", "--query-workers"):
        assert option in result.output


# --- pages across articles: happenings, events, stories (the bundled demo corpus) -------------


@dataclass(frozen=True)
class Demo:
    """`kg serve` over the bundled articles, with what the stored queries say of them."""

    server: KgServer
    contested: str  # a happening across articles whose sources differ
    claims: tuple[dict[str, str], ...]  # its event-claims rows
    story: str
    timeline: tuple[dict[str, str], ...]  # the story's story-timeline rows
    entity_claims: tuple[dict[str, str], ...]  # claims-about rows of an actor of `contested`


def _plain(result: QueryResult) -> tuple[dict[str, str], ...]:
    return tuple({k: "" if v is None else str(v) for k, v in r.items()} for r in result.rows)


DEMO_ENTITY = "https://w3id.org/newskg/entity/organization/brackenfield-foods"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from kg.ingest import ingest

    path = tmp_path_factory.mktemp("demo") / "store"
    store = EmbeddedStore(path)
    summary = ingest([ROOT / "data" / "articles"], store)
    assert summary.ok, summary.describe()
    contested = [
        str(r["happening"])
        for r in run_query(store, "contested").rows
        if "/happening/" in str(r["happening"])
    ]
    story = str(run_query(store, "stories").rows[0]["story"])
    claims = _plain(run_query(store, "event-claims", {"event": contested[0]}))
    timeline = _plain(run_query(store, "story-timeline", {"story": story}))
    entity_claims = _plain(run_query(store, "claims-about", {"entity": DEMO_ENTITY}))
    store.close()
    with kg_serve(path) as running:
        yield Demo(running, contested[0], claims, story, timeline, entity_claims)


def _path(iri: str) -> str:
    return iri.removeprefix("https://w3id.org/newskg")


def _get(demo: Demo, path: str, **headers: str) -> httpx.Response:
    return httpx.get(demo.server.url + path, headers=headers, timeout=60)


@pytest.mark.model
def test_happening_page_shows_one_row_per_claim_with_the_mention_in_its_sentence(demo):
    response = _get(demo, _path(demo.contested))
    assert response.status_code == 200, response.text
    page = response.text
    rows = re.findall(r'<tr class="claim c-(\w+)">(.*?)</tr>', page, re.S)
    assert len(rows) == len(demo.claims) >= 2
    assert [level for level, _ in rows] == [c["certainty"].lower() for c in demo.claims]
    assert len({c["certainty"] for c in demo.claims}) > 1
    assert "sources differ" in page
    for (_, row), claim in zip(rows, demo.claims, strict=True):
        assert html.escape(claim["sourceName"]) in row
        assert claim["date"] in row
        marked = set(re.findall(r"<mark>(.*?)</mark>", row))
        assert marked and marked <= set(claim["mentions"].split(" | ")), (marked, claim)
        for hedge in filter(None, claim["hedges"].split(" | ")):
            assert f'<span class="hedge">{html.escape(hedge)}</span>' in row
    articles = {c["article"] for c in demo.claims}
    members = re.findall(r'<li class="member"><a class="headline" href="([^"]+)"', page)
    assert set(members) == {_path(a) for a in articles}


@pytest.mark.model
def test_happening_rdf_is_negotiated_like_other_resources(demo):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    response = _get(demo, _path(demo.contested), accept="text/turtle")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    happening = URIRef(demo.contested)
    assert (happening, RDF.type, URIRef("https://w3id.org/newskg/ns#EventCluster")) in graph
    assert len(set(graph.objects(happening, URIRef("https://w3id.org/newskg/ns#member")))) >= 2
    assert ".ttl" in _get(demo, _path(demo.contested)).headers["link"]


@pytest.mark.model
def test_event_page_shows_one_article_event_and_links_its_happening(demo):
    page = _get(demo, _path(demo.contested)).text
    first = re.search(r'<a class="event" href="([^"]+)"', page)
    assert first
    response = _get(demo, html.unescape(first.group(1)))
    assert response.status_code == 200, response.text
    assert "an event of one article" in response.text
    assert f'href="{_path(demo.contested)}"' in response.text
    assert len(re.findall(r'<li class="member">', response.text)) == 1


@pytest.mark.model
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/happening/0000000000000000", 404),
        ("/happening/%ZZ", 400),
        ("/event", 400),
        ("/event?iri=not%20an%20iri", 400),
        ("/event?iri=https%3A%2F%2Fexample.org%2Fa%23event%3D1%2C2", 404),
        ("/event?iri=https%3A%2F%2Fw3id.org%2Fnewskg%2Farticle%2Fnone%23event%3D1%2C2", 404),
    ],
)
def test_bad_happening_and_event_addresses_are_refused_with_a_message(demo, path, status):
    response = _get(demo, path, accept="application/json")
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]


@pytest.mark.model
def test_story_page_lists_its_articles_by_date_and_its_timeline(demo):
    response = _get(demo, _path(demo.story))
    assert response.status_code == 200, response.text
    page = response.text
    listed = re.search(r'<section class="story-articles".*?</section>', page, re.S)
    assert listed
    dates = re.findall(r'<time datetime="([^"]+)"', listed.group(0))
    assert len(dates) >= 2 and dates == sorted(dates)
    rows = re.findall(r'<tr class="claim c-(\w+)[^"]*">(.*?)</tr>', page, re.S)
    assert len(rows) == len(demo.timeline) >= 2
    for (level, row), claim in zip(rows, demo.timeline, strict=True):
        assert level == claim["certainty"].lower()
        assert html.escape(claim["sourceName"]) in row and claim["date"] in row
    # each happening is named once as first said; a later claim unlike it is said otherwise
    firsts = {c["happening"] for c in demo.timeline}
    assert page.count('<span class="kind">first said</span>') == len(firsts)
    said: dict[str, tuple[str, str]] = {}
    for c in demo.timeline:
        said.setdefault(c["happening"], (c["certainty"], c["polarity"]))
    otherwise = [
        c for c in demo.timeline if (c["certainty"], c["polarity"]) != said[c["happening"]]
    ]
    assert otherwise, "the demo's follow-up articles say otherwise"
    assert page.count("said otherwise</span>") == len(otherwise)
    links = set(re.findall(r'<a class="happening" href="([^"]+)"', page))
    assert links == {_path(h) for h in firsts}
    for link in links:
        assert _get(demo, html.unescape(link)).status_code == 200, link


@pytest.mark.model
def test_unknown_story_is_a_404_and_its_rdf_is_negotiated(demo):
    response = _get(demo, "/story/0000000000000000", accept="application/json")
    assert response.status_code == 404
    assert response.json()["ok"] is False
    turtle = _get(demo, _path(demo.story) + ".ttl")
    assert turtle.status_code == 200
    assert "nkg:Story" in turtle.text and "nkg:member" in turtle.text


@pytest.mark.model
def test_entity_page_groups_its_claims_by_happening(demo):
    response = _get(demo, _path(DEMO_ENTITY))
    assert response.status_code == 200
    claims = response.text[response.text.index('id="claims"') :]
    groups = re.findall(r'<section class="happening-claims">(.*?)</section>', claims, re.S)
    # one line per claim, not per mention of its event
    assert sum(g.count('<li class="claim') for g in groups) == len(
        {c["claim"] for c in demo.entity_claims}
    )
    assert len({c["claim"] for c in demo.entity_claims}) < len(demo.entity_claims)
    hrefs = [m for g in groups for m in re.findall(r'<a class="happening" href="([^"]+)"', g)]
    assert len(hrefs) == len(set(hrefs)) >= 2
    across = [g for g in groups if f'href="{_path(demo.contested)}"' in g]
    assert len(across) == 1 and "across articles" in across[0]
    assert across[0].count('<li class="claim') == len(demo.claims)
    assert "sources differ" in across[0]
    assert groups[0] == across[0] or "sources differ" in groups[0]
    for href in hrefs:
        assert _get(demo, html.unescape(href)).status_code == 200, href


@pytest.mark.model
def test_index_links_the_stories_and_the_happenings_where_sources_differ(demo):
    page = _get(demo, "/").text
    stories = re.search(r'<section class="stories".*?</section>', page, re.S)
    contested = re.search(r'<section class="contested".*?</section>', page, re.S)
    assert stories and contested
    assert f'href="{_path(demo.story)}"' in stories.group(0)
    links = re.findall(r'<a class="happening" href="([^"]+)"', contested.group(0))
    # the happenings several articles report come before those of one article
    across = [link.startswith("/happening/") for link in links]
    assert across[0] and across == sorted(across, reverse=True)
    assert _path(demo.contested) in links
    for link in links:
        assert _get(demo, html.unescape(link)).status_code == 200, link
