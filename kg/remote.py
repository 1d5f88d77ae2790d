"""Remote store: article graphs <-> any SPARQL 1.1 endpoint (Query, Update, Graph Store).

Queries go through SPARQLWrapper; writes through the Graph Store Protocol when a graph store
URL is given (one PUT replaces a named graph atomically, DELETE removes it), else through
SPARQL Update. Parameters are bound by a VALUES clause of RDF terms at the head of the WHERE
group, so the server joins them first (a trailing VALUES is applied after the whole query).
"""

from __future__ import annotations

import http.client
import urllib.error
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from typing import Literal as Choice

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from kg.errors import StoreError
from kg.model import GraphData
from kg.results import from_sparql_json
from kg.retries import TRANSIENT_STATUS, RetryPolicy, TransientStatus, is_transient, retried
from kg.sparqltext import bind_at_head, check_iri, has_slice, query_form, values_clause
from kg.store import (
    QueryResult,
    Term,
    replace_update,
    to_oxigraph,
)
from kg.vocab import SCHEMA

Auth = Choice["basic", "digest"]
# Virtuoso caps every result at 10,000 rows (ResultSetMaxRows); pages stay below that
PAGE_SIZE = 10_000
DEFAULT_TIMEOUT = 120.0  # seconds to wait for one answer


@dataclass(frozen=True)
class Endpoint:
    """Where a remote store answers, and how to log in."""

    query: str
    update: str | None = None
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    auth: Auth = "basic"
    timeout: float = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def writable(self) -> bool:
        return bool(self.update or self.graph_store)


class RemoteStore:
    """A SPARQL 1.1 endpoint seen through the Store protocol."""

    def __init__(self, endpoint: Endpoint, page_size: int = PAGE_SIZE) -> None:
        self.endpoint = endpoint
        self.page_size = page_size
        self._http = httpx.Client(auth=_httpx_auth(endpoint), timeout=endpoint.timeout)

    def replace_graph(self, graph: Graph) -> None:
        """Put a named graph in the store, replacing any graph of the same IRI."""
        self._replace_one(GraphData.of(graph))

    def replace_graphs(self, graphs: Iterable[GraphData]) -> int:
        """Store graphs one request each, every one replacing its namesake atomically.

        The store is then asked whether it holds them: a web page at the URL answers a write
        with 200 OK too.
        """
        count, written = 0, []
        for data in graphs:
            self._replace_one(data)
            count += 1
            if data.ntriples.strip():
                written.append(data.iri)
        self._check_stored(written)
        return count

    def _check_stored(self, iris: list[str]) -> None:
        if not iris:
            return
        values = " ".join(f"<{iri}>" for iri in iris)
        sparql = f"SELECT DISTINCT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        found = {str(row["g"]) for row in self.query(sparql).rows}
        missing = next((iri for iri in iris if iri not in found), None)
        if missing is not None:
            writer = self.endpoint.graph_store or self.endpoint.update
            raise StoreError(
                f"{writer} answered that it stored <{missing}>, but {self.endpoint.query} does "
                "not find it; check that both URLs are of one store"
            )

    def delete_graph(self, iri: str) -> bool:
        """Remove a named graph; return whether it was there."""
        check_iri(iri)
        if not self.query(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").boolean:
            return False
        if self.endpoint.graph_store:
            self._send("DELETE", self.endpoint.graph_store, iri, ok_missing=True)
        else:
            self._update(f"DROP SILENT GRAPH <{iri}>", idempotent=True)
        return True

    def graphs(self) -> list[str]:
        """Return the IRIs of the article graphs (a shared server has graphs of its own)."""
        sparql = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{SCHEMA.NewsArticle}> }} }}"
        return sorted(str(row["g"]) for row in self.query(sparql).rows)

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query; ``bindings`` are joined first, as a VALUES clause.

        With ``max_rows``, no page after the one that holds that many rows is asked for.
        """
        text = bind(sparql, bindings or {})
        if query_form(sparql) != "SELECT" or has_slice(sparql):
            return _first_rows(from_sparql_json(self._select(text)), max_rows)
        return _first_rows(self._paged(sparql, bindings or {}, max_rows), max_rows)

    def construct(self, sparql: str, max_triples: int | None = None) -> bytes:
        """Run a CONSTRUCT or DESCRIBE query; return (at most ``max_triples`` of) its triples."""
        client = self._client(self.endpoint.query)
        client.setMethod(POST)
        client.setReturnFormat(TURTLE)
        client.setQuery(sparql)
        answer = self._run(client, self.endpoint.query)
        kind = answer.info().get("content-type", "").split(";")[0].strip().lower()
        body = answer.response.read()
        graph = Graph()
        try:
            # servers answer in Turtle as asked, or in a graph format of their own choosing
            graph.parse(data=body, format=_RDF_FORMATS.get(kind, "turtle"))
        except Exception as e:  # rdflib's parsers raise many kinds of errors on bad input
            raise StoreError(
                f"{self.endpoint.query} did not answer the query with a graph ({kind}): {_short(e)}"
            ) from e
        ntriples = graph.serialize(format="nt", encoding="utf-8")
        if max_triples is None:
            return ntriples
        return b"".join(ntriples.splitlines(keepends=True)[:max_triples])

    def dump(self, graph: str | None = None) -> bytes:
        """Return the store (or one graph) as N-Quads."""
        names = [graph] if graph is not None else self.graphs()
        return b"".join(self._dump_graph(name) for name in names)

    def close(self) -> None:
        self._http.close()

    def _paged(
        self, sparql: str, bindings: Mapping[str, Term], max_rows: int | None
    ) -> QueryResult:
        variables: tuple[str, ...] = ()
        rows: list[dict[str, Term | None]] = []
        offset = 0
        while True:
            page = f"{bind(sparql, bindings)}\nLIMIT {self.page_size} OFFSET {offset}"
            result = from_sparql_json(self._select(page))
            variables = result.variables or variables
            rows += result.rows
            enough = max_rows is not None and len(rows) >= max_rows
            if len(result.rows) < self.page_size or enough:
                return QueryResult(variables, tuple(rows))
            offset += self.page_size

    def _dump_graph(self, iri: str) -> bytes:
        check_iri(iri)
        sparql = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o"
        blanks: dict[str, ox.BlankNode] = {}
        name = ox.NamedNode(iri)
        quads = [
            ox.Quad(_ox(row["s"], blanks), _ox(row["p"], blanks), _ox(row["o"], blanks), name)
            for row in self.query(sparql).rows
        ]
        return bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")

    def _replace_one(self, data: GraphData) -> None:
        check_iri(data.iri)
        if self.endpoint.graph_store:
            # N-Triples is Turtle, which every Graph Store implementation accepts
            self._send("PUT", self.endpoint.graph_store, data.iri, body=data.ntriples)
        else:
            # dropping the graph and inserting it whole gives the same store however often
            self._update(replace_update(data), idempotent=True)

    def _send(
        self, method: str, url: str, graph: str, body: bytes = b"", ok_missing: bool = False
    ) -> None:
        """Send one Graph Store request (PUT or DELETE of a whole graph: safe to send again)."""
        headers = {"Content-Type": "text/turtle; charset=utf-8"} if body else {}

        def send() -> httpx.Response:
            response = self._http.request(
                method, url, params={"graph": graph}, content=body or None, headers=headers
            )
            if response.status_code in TRANSIENT_STATUS:
                raise TransientStatus(response.status_code, url, response.text)
            return response

        try:
            response = retried(send, self.endpoint.retry)
        except (TransientStatus, httpx.HTTPError) as e:
            raise StoreError(self._failed(url, e)) from e
        if response.status_code == 404 and ok_missing:
            return
        _check_status(response.status_code, url, response.text, response.headers)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update at the update endpoint, once (it may not be repeatable)."""
        self._update(sparql, idempotent=False)

    def _update(self, sparql: str, idempotent: bool) -> None:
        if not self.endpoint.update:
            raise StoreError(
                f"{self.endpoint.query} is read-only here: give --update-endpoint or --graph-store"
            )
        client = self._client(self.endpoint.update)
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
        client.setQuery(sparql)
        self._run(client, self.endpoint.update, idempotent)

    def _select(self, sparql: str) -> dict[str, Any]:
        client = self._client(self.endpoint.query)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setQuery(sparql)
        answer = self._run(client, self.endpoint.query)
        kind = answer.info().get("content-type", "?").split(";")[0].strip()
        unlike = f"{self.endpoint.query} did not answer in SPARQL JSON results ({kind}"
        try:
            with warnings.catch_warnings():
                # SPARQLWrapper warns of a content type it does not know, then hands back bytes
                warnings.simplefilter("ignore", RuntimeWarning)
                converted = answer.convert()
        except (ValueError, http.client.HTTPException, OSError) as e:  # bad JSON, cut short
            raise StoreError(f"{unlike}: {_short(e)})") from e
        if not isinstance(converted, dict):
            raise StoreError(f"{unlike}); is this the URL of the SPARQL endpoint?")
        return converted

    def _client(self, url: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url)
        # setTimeout would cut it to whole seconds (and 0.5 to 0, which never waits)
        client.timeout = self.endpoint.timeout  # type: ignore[assignment]
        if self.endpoint.user is not None:
            client.setHTTPAuth(DIGEST if self.endpoint.auth == "digest" else BASIC)
            client.setCredentials(self.endpoint.user, self.endpoint.password or "")
        return client

    def _run(self, client: SPARQLWrapper, url: str, idempotent: bool = True) -> Any:
        """Send a query (or update) through SPARQLWrapper; queries are sent again if need be."""
        policy = self.endpoint.retry if idempotent else RetryPolicy(attempts=1)
        try:
            return retried(client.query, policy)
        except Unauthorized as e:
            raise StoreError(_refused(url, self.endpoint)) from e
        except QueryBadFormed as e:
            raise StoreError(f"{url} refused the query as not valid SPARQL: {_short(e)}") from e
        except EndPointNotFound as e:
            raise StoreError(f"{url}: no SPARQL endpoint at this URL (404); check it") from e
        except EndPointInternalError as e:
            raise StoreError(f"{url}: the server failed on the request: {_short(e)}") from e
        except SPARQLWrapperException as e:
            raise StoreError(f"{url}: {_short(e)}") from e
        except urllib.error.HTTPError as e:
            if e.code in (401, 403):
                raise StoreError(_refused(url, self.endpoint)) from e
            if is_transient(e):
                raise StoreError(self._gave_up(url, f"HTTP {e.code}", policy)) from e
            raise StoreError(f"{url} answered HTTP {e.code} ({e.reason})") from e
        except http.client.HTTPException as e:
            raise StoreError(
                f"{url} did not answer in HTTP ({_short(e)}); is it a SPARQL endpoint?"
            ) from e
        except (TimeoutError, urllib.error.URLError, OSError) as e:
            if _timed_out(e):
                raise StoreError(self._too_slow(url)) from e
            raise StoreError(self._unanswered(url, e, policy)) from e

    def _failed(self, url: str, error: TransientStatus | httpx.HTTPError) -> str:
        """Say why a Graph Store request got no usable answer."""
        if isinstance(error, TransientStatus):
            return self._gave_up(url, f"HTTP {error.status}")
        if isinstance(error, httpx.TimeoutException):
            return self._too_slow(url)
        if isinstance(error, httpx.RemoteProtocolError) and not is_transient(error):
            return f"{url} did not answer in HTTP ({_short(error)}); is it a SPARQL endpoint?"
        return self._unanswered(url, error)

    def _too_slow(self, url: str) -> str:
        return (
            f"{url} did not answer within {self.endpoint.timeout:g} s; "
            "give a larger --timeout if the server is slow"
        )

    def _unanswered(self, url: str, error: BaseException, policy: RetryPolicy | None = None) -> str:
        reason = _short(getattr(error, "reason", None) or error)
        if is_transient(error):
            return self._gave_up(url, reason, policy)
        return f"{url} does not answer ({reason}); is the server running?"

    def _gave_up(self, url: str, reason: str, policy: RetryPolicy | None = None) -> str:
        attempts = (policy or self.endpoint.retry).attempts
        tried = f" {attempts} times" if attempts > 1 else ""
        return f"{url} does not answer ({reason}, tried{tried}); is the server running?"


_RDF_FORMATS = {
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def bind(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables at the head of the first WHERE group (stored queries have one)."""
    return bind_at_head(sparql, bindings) or sparql + values_clause(bindings)


def _first_rows(result: QueryResult, max_rows: int | None) -> QueryResult:
    if max_rows is None or len(result.rows) <= max_rows:
        return result
    return QueryResult(result.variables, result.rows[:max_rows], result.boolean)


def _ox(term: Term | None, blanks: dict[str, ox.BlankNode]) -> Any:
    if isinstance(term, BNode):
        # servers label blank nodes freely ("nodeID://b1"); give each a valid fresh label
        return blanks.setdefault(str(term), ox.BlankNode())
    if term is None:
        raise StoreError("the endpoint answered a triple with a missing term")
    return to_oxigraph(term)


def _httpx_auth(endpoint: Endpoint) -> httpx.Auth | None:
    if endpoint.user is None:
        return None
    password = endpoint.password or ""
    if endpoint.auth == "digest":
        return httpx.DigestAuth(endpoint.user, password)
    return httpx.BasicAuth(endpoint.user, password)


def _timed_out(error: BaseException) -> bool:
    reason = getattr(error, "reason", None)
    return isinstance(error, TimeoutError) or isinstance(reason, TimeoutError)


def _check_status(status: int, url: str, text: str, headers: Mapping[str, str]) -> None:
    if status in (401, 403):
        raise StoreError(
            f"{url} refused the request (HTTP {status}): check --user, --password "
            "(or NEWSKG_PASSWORD) and --auth basic|digest"
        )
    if 300 <= status < 400:
        # not followed: a redirected PUT may lose its body, and the graph would not be written
        where = headers.get("location", "elsewhere")
        raise StoreError(f"{url} answered HTTP {status} (moved to {where}); give that URL instead")
    if status >= 400:
        raise StoreError(f"{url} answered HTTP {status}: {' '.join(text.split())[:300]}")


def _refused(url: str, endpoint: Endpoint) -> str:
    if endpoint.user is None:
        return f"{url} asks for credentials: give --user and --password (or NEWSKG_PASSWORD)"
    return (
        f"{url} refused the credentials of user {endpoint.user!r}: check --password "
        f"(or NEWSKG_PASSWORD) and --auth basic|digest (now {endpoint.auth})"
    )


def _short(error: object) -> str:
    return " ".join(str(error).split())[:300]
