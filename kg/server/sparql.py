"""The SPARQL 1.1 Protocol endpoint: GET or POST a query -> results in the format asked for;
without a query, an editor page. Updates are refused unless the server allows them."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.server import conneg
from kg.server.common import choose, data_response, runner_of, settings_of
from kg.server.errors import ApiError
from kg.server.formats import render_result
from kg.server.tables import table
from kg.server.templating import render

OFFERS = (conneg.SRJ, conneg.SRX, conneg.CSV, conneg.TSV, conneg.JSON, conneg.HTML)
FORM = "application/x-www-form-urlencoded"
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
        return await _update(request, operation.update)
    asked = conneg.by_extension(operation.format, OFFERS) if operation.format else None
    if operation.query is None:
        if conneg.negotiate(request.headers.get("accept"), [conneg.HTML]) is None and asked is None:
            request.state.api = True
            raise ApiError(400, "give a SPARQL query as the 'query' parameter")
        return render(request, "sparql.html", {"query": EXAMPLE, "table": None, "error": ""})
    fmt = choose(request, OFFERS, asked)
    settings, runner = settings_of(request), runner_of(request)
    headers = {"Vary": "Accept"}
    if fmt == conneg.HTML:
        return await _page(request, operation.query)
    result = runner.check_rows(await runner.call(settings.store.query, operation.query))
    return data_response(render_result(result, fmt, {}), fmt, headers)


async def _page(request: Request, query: str) -> Response:
    settings, runner = settings_of(request), runner_of(request)
    context: dict[str, object] = {"query": query, "table": None, "error": ""}
    try:
        shown, truncated = runner.truncate(await runner.call(settings.store.query, query))
        context["table"] = table(shown, settings, truncated)
    except ApiError as e:
        if e.status >= 500:
            raise
        context["error"] = e.message
    status = 400 if context["error"] else 200
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


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


async def _update(request: Request, update: str) -> Response:
    request.state.api = True
    settings, runner = settings_of(request), runner_of(request)
    if not settings.allow_updates:
        raise ApiError(
            403, "this server is read-only; start it with --allow-updates to accept SPARQL updates"
        )
    await runner.call(settings.store.update, update)
    return JSONResponse({"ok": True, "status": 200})
