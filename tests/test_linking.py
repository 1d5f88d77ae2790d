"""Linking the names of an article: each distinct name and type is asked of the lookup once."""

from __future__ import annotations

from kg.extract.candidates import Cand
from kg.extract.linking import link_names
from kg.model import Entity, Link, Span


class CountingLookup:
    """A lookup that links one name and counts what it is asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def link(self, entity: Entity, context: str = "") -> Link | None:
        self.asked.append((entity.name, entity.type))
        return Link("mosul", wikidata="Q1") if entity.name == "Mosul" else None


def cand(name: str, start: int, kind: str = "NAM") -> Cand:
    return Cand(Span(start, start + len(name)), "PLACE", kind, name, 0)  # type: ignore[arg-type]


def test_link_names_asks_each_name_once_linked_or_not() -> None:
    lookup = CountingLookup()
    cands = [cand("Mosul", 0), cand("Raqqa", 10), cand("Mosul", 20), cand("Raqqa", 30)]
    links = link_names([*cands, cand("Raqqa", 40, "NOM")], lookup, "")  # type: ignore[arg-type]
    assert links == {("Mosul", "PLACE"): Link("mosul", wikidata="Q1")}
    assert lookup.asked == [("Mosul", "PLACE"), ("Raqqa", "PLACE")]
