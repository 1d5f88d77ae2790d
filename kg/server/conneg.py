"""Content negotiation: an Accept header or a file extension + the formats a page offers -> one.

Accept ranges are matched as RFC 9110 says: the most specific range that matches a type gives
its quality; a type is chosen by quality, then by how specific its matching range was, then by
the order in which the page offers it (its first offer is what ``*/*`` gets). A format may
also answer for other types (JSON-LD for ``application/json``), behind any offer of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Format:
    """A representation a page can answer with."""

    name: str
    media_type: str
    extension: str
    # types it can stand in for; it is sent as its own media type
    also: tuple[str, ...] = field(default=(), compare=False)

    def types(self) -> tuple[str, ...]:
        """Return its own media type, then those it also answers for."""
        return (self.media_type, *self.also)


HTML = Format("html", "text/html", "html")
TURTLE = Format("turtle", "text/turtle", "ttl")
# JSON-LD is JSON: clients that ask for JSON of a resource (or a graph) get it
JSONLD = Format("jsonld", "application/ld+json", "jsonld", also=("application/json",))
NTRIPLES = Format("ntriples", "application/n-triples", "nt")
RDFXML = Format("rdfxml", "application/rdf+xml", "rdf")
JSON = Format("json", "application/json", "json")
CSV = Format("csv", "text/csv", "csv")
TSV = Format("tsv", "text/tab-separated-values", "tsv")
SRJ = Format("srj", "application/sparql-results+json", "srj")
SRX = Format("srx", "application/sparql-results+xml", "srx")

RDF_FORMATS = (TURTLE, JSONLD, NTRIPLES, RDFXML)
RESOURCE_FORMATS = (HTML, *RDF_FORMATS)
RESULT_FORMATS = (SRJ, SRX, CSV, TSV, JSON)
ALL_FORMATS = (*RESOURCE_FORMATS, *RESULT_FORMATS)


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; an empty or missing one accepts anything."""
    ranges = []
    for item in (header or "").split(","):
        kind, *params = (part.strip() for part in item.split(";"))
        main, slash, sub = kind.lower().partition("/")
        if not slash or not main or not sub:
            continue
        ranges.append(MediaRange(main, sub, _quality(params)))
    return ranges or [MediaRange("*", "*", 1.0)]


def _quality(params: list[str]) -> float:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0  # an unreadable weight is not a reason to prefer the type
    return 1.0


def negotiate(header: str | None, offers: Sequence[Format]) -> Format | None:
    """Return the offered format the client prefers, or None if it accepts none of them."""
    ranges = parse_accept(header)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        for own, media_type in enumerate(offer.types()):
            matching = [r for r in ranges if r.matches(media_type)]
            if not matching:
                continue
            top = max(matching, key=lambda r: r.specificity)
            if top.q == 0 and top.specificity == 2:
                break  # refused by name: not to be had under another type either
            # a format's own type wins over an offer that only stands in for it
            key = (top.q, top.specificity, -min(own, 1), -index)
            if top.q > 0 and (best is None or key > best):
                best, chosen = key, offer
    return chosen


def by_extension(extension: str, offers: Sequence[Format]) -> Format | None:
    """Return the offered format with this file extension (without the dot)."""
    return next((f for f in offers if f.extension == extension.lower()), None)


def split_extension(path: str, offers: Sequence[Format]) -> tuple[str, Format | None]:
    """Split ``name.ttl`` into ``name`` and the format it asks for, if one is offered."""
    stem, dot, extension = path.rpartition(".")
    if not dot or "/" in extension:
        return path, None
    found = by_extension(extension, offers)
    return (stem, found) if found else (path, None)


def alternates(path: str, offers: Sequence[Format], current: Format) -> str:
    """Return a Link header value naming the other representations of ``path``."""
    links = [
        f'<{path}.{f.extension}>; rel="alternate"; type="{f.media_type}"'
        for f in offers
        if f != current
    ]
    return ", ".join(links)
