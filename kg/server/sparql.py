"""The SPARQL 1.1 Protocol endpoint: GET or POST a query -> results in the format asked for
(a graph in an RDF format for CONSTRUCT and DESCRIBE); without a query, an editor page.
Updates are refused unless the server allows them."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass

import anyio.to_thread
import pyoxigraph as ox
from rdflib import Graph
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.errors import KgError
from kg.server import conneg
from kg.server.common import choose, data_response, runner_of, settings_of
from kg.server.errors import ApiError
from kg.server.formats import render_result
from kg.server.rdf import serialize
from kg.server.runner import Runner
from kg.server.settings import ServerSettings
from kg.server.tables import result_table
from kg.server.templating import render
from kg.sparqltext import fetches, nesting, query_form
from kg.store import QueryResult, Term, from_oxigraph
from kg.vocab import bind_prefixes

OFFERS = (conneg.SRJ, conneg.SRX, conneg.CSV, conneg.TSV, conneg.JSON, conneg.HTML)
GRAPH_OFFERS = (*conneg.RDF_FORMATS, conneg.HTML)
ALL_OFFERS = (*OFFERS, *conneg.RDF_FORMATS)
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
FORM = "application/x-www-form-urlencoded"
# the query engine parses nested groups and expressions by recursion: far deeper than any real
# query, short of the depth that would overflow its stack
MAX_NESTING = 128
EXAMPLE = """PREFIX schema: <http://schema.org/>
PREFIX nkg: <https://w3id.org/newskg/ns#>

SELECT ?quote ?text ?speaker WHERE {
  GRAPH ?g { ?quote a nkg:Quote ; schema:text ?text ; schema:creator ?speaker }
}
LIMIT 20
"""


@dataclass(frozen=True)
class Operation:
    """What a protocol request asks for: a query or an update, with an output format name."""

    query: str | None
    update: str | None
    format: str | None


async def sparql(request: Request) -> Response:
    """Answer a SPARQL protocol request, or show the query editor."""
    operation = await _read(request)
    if operation.update is not None:
        _check_updates_allowed(request)  # who may update comes before what the update asks
    for text in (operation.query, operation.update):
        if text is not None:
            # a refusal is data for a program, a page for a browser
            accept = request.headers.get("accept")
            request.state.api = conneg.negotiate(accept, ALL_OFFERS) != conneg.HTML
            check_fetches(text, settings_of(request))
            check_nesting(text)
            request.state.api = False
    if operation.update is not None:
        return await _update(request, operation.update)
    graph_form = operation.query is not None and query_form(operation.query) in GRAPH_FORMS
    offers = GRAPH_OFFERS if graph_form else OFFERS
    asked = conneg.by_extension(operation.format, offers) if operation.format else None
    if operation.query is None:
        if conneg.negotiate(request.headers.get("accept"), [conneg.HTML]) is None and asked is None:
            request.state.api = True
            raise ApiError(400, "give a SPARQL query as the 'query' parameter")
        return render(request, "sparql.html", {"query": EXAMPLE, "table": None, "error": ""})
    fmt = choose(request, offers, asked)
    runner = runner_of(request)
    headers = {"Vary": "Accept"}
    if fmt == conneg.HTML:
        return await _page(request, operation.query, graph_form)
    if graph_form:
        triples = _check_triples(runner, await runner.triples(operation.query))
        if fmt == conneg.NTRIPLES:
            return data_response(triples.decode("utf-8"), fmt, headers)
        return data_response(serialize(_graph(triples), fmt), fmt, headers)
    result = runner.check_rows(await runner.rows(operation.query, user=True))
    return data_response(render_result(result, fmt, {}), fmt, headers)


def check_nesting(text: str) -> None:
    """Refuse a query or update nested deeper than the engine can parse safely."""
    if nesting(text) > MAX_NESTING:
        raise ApiError(
            400, f"the query nests brackets deeper than {MAX_NESTING} levels; write it flatter"
        )


def check_fetches(text: str, settings: ServerSettings) -> None:
    """Refuse a query or update that would make the store fetch from a host not allowed.

    FROM and FROM NAMED may name graphs under the server's base (the articles); SERVICE, LOAD
    and any other graph only endpoints the operator allowed with --service-allow.
    """
    for fetch in fetches(text):
        if fetch.iri is None:
            raise ApiError(
                400,
                f"{fetch.clause} must be followed by an absolute IRI; this server follows no "
                "variable, relative IRI or undeclared prefix there",
            )
        if fetch.clause.startswith("FROM") and fetch.iri.startswith(settings.base):
            continue
        if any(fetch.iri.startswith(prefix) for prefix in settings.service_allow):
            continue
        if fetch.clause.startswith("FROM"):
            raise ApiError(
                400,
                f"{fetch.clause} <{fetch.iri}> is refused: this server reads only its own graphs "
                f"(under <{settings.base}>) and the endpoints its operator allows",
            )
        raise ApiError(
            400,
            f"{fetch.clause} <{fetch.iri}> is refused: this server fetches nothing from other "
            "hosts unless its operator allows them (kg serve --service-allow PREFIX)",
        )


def _check_triples(runner: Runner, ntriples: bytes) -> bytes:
    # N-Triples has one triple a line, so the row bound of SELECT applies to lines
    count = ntriples.count(b"\n")
    if count > runner.max_rows:
        raise ApiError(
            413,
            f"the query returned {count} triples, more than the {runner.max_rows} this server "
            "sends; add a LIMIT or narrow it",
        )
    return ntriples


def _triples(ntriples: bytes) -> Iterator[tuple[Term, Term, Term]]:
    # pyoxigraph parses N-Triples several times faster than rdflib
    for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)


def _graph(ntriples: bytes) -> Graph:
    graph = bind_prefixes(Graph())
    for triple in _triples(ntriples):
        graph.add(triple)
    return graph


def _triple_rows(ntriples: bytes) -> QueryResult:
    columns = ("subject", "predicate", "object")
    rows: tuple[dict[str, Term | None], ...] = tuple(
        dict(zip(columns, triple, strict=True)) for triple in _triples(ntriples)
    )
    return QueryResult(columns, rows)


async def _page(request: Request, query: str, graph_form: bool) -> Response:
    runner = runner_of(request)

    async def fetch() -> QueryResult:
        if graph_form:
            return _triple_rows(await runner.triples(query))
        return await runner.rows(query, user=True)

    shown, error = await result_table(request, fetch)
    context = {"query": query, "table": shown, "error": error}
    status = 400 if error else 200
    return render(request, "sparql.html", context, status=status, headers={"Vary": "Accept"})


async def _read(request: Request) -> Operation:
    params = request.query_params
    if any(k in params for k in ("default-graph-uri", "named-graph-uri", "using-graph-uri")):
        request.state.api = True
        raise ApiError(
            400,
            "this endpoint does not support default-graph-uri or named-graph-uri; "
            "use GRAPH in the query",
        )
    query, update, fmt = params.get("query"), None, params.get("format")
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            _check_updates_allowed(request)
        if kind == FORM:
            form = await request.form()
            query = _text(form.get("query")) or query
            update = _text(form.get("update"))
            fmt = _text(form.get("format")) or fmt
        elif kind == "application/sparql-query":
            query = (await request.body()).decode("utf-8", "replace")
        elif kind == "application/sparql-update":
            update = (await request.body()).decode("utf-8", "replace")
        else:
            request.state.api = True
            raise ApiError(
                415,
                f"POST a form ({FORM}), application/sparql-query or application/sparql-update, "
                f"not {kind or 'nothing'}",
            )
    if query is not None and update is not None:
        request.state.api = True
        raise ApiError(400, "give either a query or an update, not both")
    return Operation(query if query and query.strip() else None, update, fmt)


def _check_updates_allowed(request: Request) -> None:
    # before the body is read: a read-only server has no use for it
    settings = settings_of(request)
    request.state.api = True
    if not settings.allow_updates:
        raise ApiError(
            403, "this server is read-only; start it with --allow-updates to accept SPARQL updates"
        )
    if settings.update_token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), settings.update_token.encode()
    ):
        raise ApiError(
            401,
            "updates need the server's token: send the header Authorization: Bearer TOKEN",
            {"WWW-Authenticate": 'Bearer realm="newskg updates"'},
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


async def _update(request: Request, update: str) -> Response:
    request.state.api = True
    settings, runner = settings_of(request), runner_of(request)
    _check_updates_allowed(request)
    try:
        # the server's own store, opened for writing; updates are few and the operator's
        await anyio.to_thread.run_sync(settings.store.update, update)
    except KgError as e:
        raise ApiError(400, str(e)) from e
    # the workers opened the store before the update: new ones read it as it is now
    runner.reopen()
    request.app.state.articles.clear()
    request.app.state.listings.clear()
    return JSONResponse({"ok": True, "status": 200})
