"""Stored queries (queries/*.rq) as pages with a form, and as data: .json .csv .tsv .srj .srx."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.errors import QueryError
from kg.queries import StoredQuery, get_query, list_queries
from kg.server import conneg
from kg.server.common import choose, data_response, negotiated_headers, runner_of
from kg.server.errors import ApiError
from kg.server.formats import render_result
from kg.server.tables import result_table
from kg.server.templating import render
from kg.store import Term

# stored query names are file names: letters, digits, - and _
_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")
OFFERS = (conneg.HTML, conneg.JSON, conneg.CSV, conneg.TSV, conneg.SRJ, conneg.SRX)


async def query_list(request: Request) -> Response:
    """List the stored queries with their titles and parameters."""
    queries = list_queries()
    if request.url.path.endswith(".json"):
        request.state.api = True
        rows = [_describe(q) for q in queries]
        return JSONResponse({"ok": True, "queries": rows})
    return render(request, "queries.html", {"queries": queries})


async def query_page(request: Request) -> Response:
    """Run a stored query with the parameters of the URL; show a form and the results."""
    name, asked = conneg.split_extension(request.path_params["name"], OFFERS)
    fmt = choose(request, OFFERS, asked)
    try:
        if not _NAME.fullmatch(name):
            raise QueryError(f"no stored query is named {name[:100]!r}; /queries lists them")
        query = get_query(name)
    except QueryError as e:
        raise ApiError(404, str(e)) from e
    values = {k: v for k, v in request.query_params.items() if v.strip()}
    headers = negotiated_headers(f"/queries/{name}", OFFERS, fmt)
    if fmt == conneg.HTML:
        return await _html(request, query, values, headers)
    runner = runner_of(request)
    bindings = _bind(query, values)
    result = runner.check_rows(await runner.rows(query.sparql, bindings))
    body = render_result(result, fmt, {"query": query.name, "title": query.title})
    return data_response(body, fmt, headers)


async def _html(
    request: Request, query: StoredQuery, values: dict[str, str], headers: dict[str, str]
) -> Response:
    runner = runner_of(request)
    missing = [p.name for p in query.params if not p.optional and p.name not in values]
    shown, error = None, ""
    if not missing:
        # bound inside: a value that is not valid shows on the form, like a failed query
        shown, error = await result_table(
            request, lambda: runner.rows(query.sparql, _bind(query, values))
        )
    context = {"query": query, "values": values, "missing": missing}
    context |= {"table": shown, "error": error}
    status = 400 if error else 200
    return render(request, "query.html", context, status=status, headers=headers)


def _bind(query: StoredQuery, values: dict[str, str]) -> dict[str, Term]:
    try:
        return query.bindings(values)
    except QueryError as e:
        raise ApiError(400, str(e)) from e


def _describe(query: StoredQuery) -> dict[str, object]:
    params = [
        {"name": p.name, "description": p.description, "optional": p.optional} for p in query.params
    ]
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": params,
        "url": f"/queries/{query.name}",
    }
