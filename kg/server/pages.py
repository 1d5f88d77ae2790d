"""The home page (articles and a search box) and entity search."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.queries import get_query
from kg.server.article import event_href, humanize
from kg.server.common import runner_of, settings_of
from kg.server.settings import ServerSettings
from kg.server.templating import render
from kg.store import Term

# how many stories and contested happenings the home page lists (the queries have them all)
INDEX_LISTED = 10


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
    stories, contested = await _corpus_listings(request)
    context = {
        "articles": articles,
        "truncated": truncated,
        "stories": stories,
        "contested": contested,
    }
    return render(request, "index.html", context)


async def _corpus_listings(request: Request) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return the largest stories and the most contested happenings, a few of each."""
    settings, runner = settings_of(request), runner_of(request)
    listings = request.app.state.listings
    stories, _ = await listings.get("stories", lambda: runner.rows(get_query("stories").sparql))
    contested, _ = await listings.get(
        "contested", lambda: runner.rows(get_query("contested").sparql)
    )
    return (
        [
            {
                "href": settings.href(str(row["story"])),
                "headline": str(row.get("headline") or row["story"]),
                "since": str(row.get("since") or ""),
                "articles": str(row.get("articles") or 0),
            }
            for row in stories.rows[:INDEX_LISTED]
        ],
        [
            {
                "href": _happening_href(str(row["happening"]), settings),
                "what": str(row.get("what") or ""),
                "kind": _kind(str(row.get("eventType") or "")),
                "certainties": str(row.get("certainties") or ""),
                "sources": str(row.get("sources") or 0),
                "articles": str(row.get("articles") or 0),
            }
            for row in _across_first(contested.rows)[:INDEX_LISTED]
        ],
    )


def _across_first(rows: Sequence[dict[str, Term | None]]) -> list[dict[str, Term | None]]:
    # a happening that several articles report is what a reader comes to compare
    return sorted(rows, key=lambda row: "#" in str(row["happening"]))


def _kind(event_type: str) -> str:
    return humanize(event_type) if event_type and event_type != "Other" else "event"


def _happening_href(iri: str, settings: ServerSettings) -> str:
    return event_href(iri) if "#" in iri else settings.href(iri)


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
