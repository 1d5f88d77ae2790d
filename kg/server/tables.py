"""Query results -> what an HTML table shows: each cell's text and, for IRIs, where it links."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from rdflib import URIRef
from starlette.requests import Request

from kg.server.common import runner_of, settings_of
from kg.server.errors import ApiError
from kg.server.settings import ServerSettings
from kg.store import QueryResult, Term
from kg.vocab import PREFIXES


@dataclass(frozen=True)
class Cell:
    """One value of a result row."""

    text: str
    href: str = ""


@dataclass(frozen=True)
class Table:
    """A result as columns and rows of cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    boolean: bool | None = None
    truncated: bool = False


async def result_table(
    request: Request, fetch: Callable[[], Awaitable[QueryResult]]
) -> tuple[Table | None, str]:
    """Run a page's query: its table (rows past the limit left out), or what the user got wrong.

    Errors of the server itself (5xx) are not the user's and propagate.
    """
    try:
        shown, truncated = runner_of(request).truncate(await fetch())
    except ApiError as e:
        if e.status >= 500:
            raise
        return None, e.message
    return table(shown, settings_of(request), truncated), ""


def table(result: QueryResult, settings: ServerSettings, truncated: bool = False) -> Table:
    """Turn a query result into cells, with IRIs under the base linked to their page here."""
    rows = tuple(tuple(cell(row.get(v), settings) for v in result.variables) for row in result.rows)
    return Table(result.variables, rows, result.boolean, truncated)


def cell(term: Term | None, settings: ServerSettings) -> Cell:
    """Show a term: IRIs under the base by their path, known vocabularies by prefix."""
    if term is None:
        return Cell("")
    if isinstance(term, URIRef):
        local = settings.local_path(str(term))
        return Cell(local or _prefixed(term), settings.href(str(term)))
    return Cell(str(term))


def _prefixed(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        rest = iri[len(namespace) :]
        if iri.startswith(str(namespace)) and rest and "#" not in rest and "/" not in rest:
            return f"{prefix}:{rest}"
    return str(iri)
