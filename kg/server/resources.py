"""Dereference IRIs minted under the base: /article/<id>, /entity/<key>, /time/<value>, ...
-> an HTML page or RDF, by file extension or Accept header. Hash IRIs (<A#quote=1,5>) come
with their document A, whose page has an element of that id."""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from kg.server import conneg
from kg.server.article import ArticlePage, article_page
from kg.server.common import choose, data_response, negotiated_headers, runner_of, settings_of
from kg.server.entity import entity_page
from kg.server.errors import ApiError
from kg.server.happening import happening_page
from kg.server.rdf import article_graph, describe, serialize
from kg.server.settings import ServerSettings
from kg.server.story import story_page
from kg.server.templating import render
from kg.store import Store

OFFERS = conneg.RESOURCE_FORMATS


async def resource(request: Request) -> Response:
    """Answer for the IRI that this path stands for."""
    raw = request.scope.get("raw_path", request.url.path.encode()).decode("utf-8", "replace")
    stem, asked = conneg.split_extension(raw, OFFERS)
    fmt = choose(request, OFFERS, asked)
    headers = negotiated_headers(stem, OFFERS, fmt)
    check_iri(settings_of(request).iri(stem))
    if stem.startswith("/article/") and "/" not in stem[len("/article/") :]:
        return await _article(request, stem, fmt, headers)
    if stem.startswith("/happening/") and fmt == conneg.HTML:
        iri = settings_of(request).iri(stem)
        return await _happening(request, iri, headers, stem)
    if stem.startswith("/story/") and fmt == conneg.HTML:
        return await _story(request, settings_of(request).iri(stem), headers, stem)
    return await _thing(request, stem, fmt, headers)


async def event(request: Request) -> Response:
    """Show an article's event (``?iri=``), whose fragment IRI cannot be a page of its own."""
    settings = settings_of(request)
    iri = request.query_params.get("iri", "")
    if not iri:
        raise ApiError(400, "give the event's IRI: /event?iri=<article IRI>#event=<start>,<end>")
    check_iri(iri)
    if not iri.startswith(settings.base) or "#event=" not in iri:
        raise ApiError(
            404, f"<{iri}> is not an article event of this server; events are <article>#event=…"
        )
    return await _happening(request, iri, {}, "")


async def _happening(request: Request, iri: str, headers: dict[str, str], path: str) -> Response:
    settings, runner = settings_of(request), runner_of(request)
    view, cached = await request.app.state.corpus.get(
        ("happening", iri), lambda: runner.call(happening_page, iri, settings)
    )
    if view is None:
        raise ApiError(404, f"the store holds no happening or event <{iri}>")
    headers = {**headers, "X-Cache": "hit" if cached else "miss"}
    alternates = _alternates(path) if path else []
    context = {"page": view, "alternates": alternates}
    return render(request, "happening.html", context, headers=headers)


async def _article(
    request: Request, path: str, fmt: conneg.Format, headers: dict[str, str]
) -> Response:
    settings, runner = settings_of(request), runner_of(request)
    iri = settings.iri(path)
    cache = request.app.state.articles
    view, cached = await cache.get(
        (iri, fmt.name), lambda: runner.call(article_view, iri, settings, fmt)
    )
    if view is None:
        raise ApiError(404, f"no article <{iri}> in the store; the home page lists those it has")
    # whether the page came from the cache, as CDNs say it
    headers = {**headers, "X-Cache": "hit" if cached else "miss"}
    if isinstance(view, str):
        return data_response(view, fmt, headers)
    context = {"page": view, "alternates": _alternates(path)}
    return render(request, "article.html", context, headers=headers)


async def _thing(
    request: Request, path: str, fmt: conneg.Format, headers: dict[str, str]
) -> Response:
    settings, runner = settings_of(request), runner_of(request)
    iri = settings.iri(path)
    if fmt != conneg.HTML:
        text = await runner.call(description, iri, fmt)
        if text is None:
            raise ApiError(404, f"the store says nothing about <{iri}>")
        return data_response(text, fmt, headers)
    page = await runner.call(entity_page, iri, settings)
    if page is None:
        raise ApiError(404, f"the store says nothing about <{iri}>; try the search box")
    context = {"page": page, "href": settings.href, "alternates": _alternates(path)}
    return render(request, "entity.html", context, headers=headers)


async def _story(request: Request, iri: str, headers: dict[str, str], path: str) -> Response:
    settings, runner = settings_of(request), runner_of(request)
    view, cached = await request.app.state.corpus.get(
        ("story", iri), lambda: runner.call(story_page, iri, settings)
    )
    if view is None:
        raise ApiError(404, f"the store holds no story <{iri}>; the stories query lists them")
    headers = {**headers, "X-Cache": "hit" if cached else "miss"}
    context = {"page": view, "alternates": _alternates(path)}
    return render(request, "story.html", context, headers=headers)


def article_view(
    store: Store, iri: str, settings: ServerSettings, fmt: conneg.Format
) -> ArticlePage | str | None:
    """Return an article's page, or its graph as text in an RDF format; None if there is none."""
    graph = article_graph(store, iri)
    if not len(graph):
        return None
    return article_page(graph, iri, settings) if fmt == conneg.HTML else serialize(graph, fmt)


def description(store: Store, iri: str, fmt: conneg.Format) -> str | None:
    """Return what the store says about a resource in an RDF format; None if nothing."""
    graph = describe(store, iri)
    return serialize(graph, fmt) if len(graph) else None


def check_iri(iri: str) -> None:
    """Refuse a path that does not stand for a valid IRI (bad percent-encoding, a space, …)."""
    try:
        ox.NamedNode(iri)
    except ValueError as e:
        raise ApiError(400, f"<{iri}> is not a valid IRI ({e}); check the address") from e


def _alternates(path: str) -> list[dict[str, str]]:
    return [
        {"href": f"{path}.{f.extension}", "type": f.media_type, "name": f.extension}
        for f in conneg.RDF_FORMATS
    ]
