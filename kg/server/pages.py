"""The home page (articles and a search box) and entity search."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.queries import get_query
from kg.server.common import runner_of, settings_of
from kg.server.templating import render


async def index(request: Request) -> Response:
    """List the articles, newest first, with a search box."""
    settings, runner = settings_of(request), runner_of(request)
    query = get_query("articles")
    # the list is read from the store at most once per cache_seconds, like the search names
    result, _ = await request.app.state.listings.get("index", lambda: runner.rows(query.sparql))
    result, truncated = runner.truncate(result)
    articles = [
        {
            "href": settings.href(str(row["article"])),
            "headline": str(row.get("headline") or row["id"]),
            "date": str(row.get("date") or ""),
            "publisher": str(row.get("publisher") or ""),
            "quotes": str(row.get("quotes") or 0),
            "events": str(row.get("events") or 0),
        }
        for row in result.rows
    ]
    return render(request, "index.html", {"articles": articles, "truncated": truncated})


async def search(request: Request) -> Response:
    """Find entities by name (``?q=``)."""
    settings, runner = settings_of(request), runner_of(request)
    text = request.query_params.get("q", "")
    found = await request.app.state.names.search(runner, text)
    hits = [
        {
            "name": n.name,
            "kind": n.kind,
            "href": settings.href(n.iri),
            "iri": n.iri,
            "labels": n.labels,
        }
        for n in found
    ]
    if request.url.path.endswith(".json"):
        request.state.api = True
        rows = [{k: v for k, v in hit.items() if k != "href"} for hit in hits]
        return JSONResponse({"ok": True, "q": text, "rows": rows})
    return render(request, "search.html", {"q": text, "hits": hits})
