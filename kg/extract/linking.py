"""The linking components: names and entities -> the reference entities they denote.

Two passes over one lookup (``kg.extract.lookup.Lookup``): before coreference, each distinct
name is linked so that names of one reference entity resolve together
(``doc._.nkg_name_links``); after it, each entity is linked by its canonical name and aliases
(``Entity.link``). The article's text is the context a lookup may weigh (a country named
near an ambiguous city).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_state
from kg.extract.candidates import Cand
from kg.extract.lookup import Lookup
from kg.extract.spans import doc_text
from kg.model import Entity, Link


@Language.factory(
    "newskg_name_linker",
    requires=[doc_state.attr(doc_state.CANDIDATES)],
    assigns=[doc_state.attr(doc_state.NAME_LINKS)],
)
def make_name_linker(nlp: Language, name: str) -> NameLinker:
    """Create the component that links the names found so far."""
    return NameLinker()


@Language.factory(
    "newskg_entity_linker",
    requires=[doc_state.attr(doc_state.ENTITIES)],
    assigns=[doc_state.attr(doc_state.ENTITIES)],
)
def make_entity_linker(nlp: Language, name: str) -> EntityLinker:
    """Create the component that links resolved entities."""
    return EntityLinker()


class _Linker(doc_state.Component):
    """A component that asks a reference lookup, set once with ``set_lookup``."""

    def __init__(self, lookup: Lookup | None = None) -> None:
        self.lookup = lookup

    def set_lookup(self, lookup: Lookup) -> None:
        """Give the component the reference knowledge it links to."""
        self.lookup = lookup

    def _lookup(self) -> Lookup:
        if self.lookup is None:
            raise ValueError("the linker has no reference lookup: call set_lookup() first")
        return self.lookup


class NameLinker(_Linker):
    """Link each distinct (name, type) of the name candidates once."""

    def __call__(self, doc: Doc) -> Doc:
        cands: list[Cand] = doc_state.get(doc, doc_state.CANDIDATES)
        links = link_names(cands, self._lookup(), doc_text(doc))
        setattr(doc._, doc_state.NAME_LINKS, links)
        return doc


class EntityLinker(_Linker):
    """Link every resolved entity by its names."""

    def __call__(self, doc: Doc) -> Doc:
        lookup, text = self._lookup(), doc_text(doc)
        for entity in doc_state.entities(doc):
            entity.link = lookup.link(entity, text)
        return doc


def link_names(cands: list[Cand], lookup: Lookup, context: str) -> dict[tuple[str, str], Link]:
    """Link each distinct (name, type) once; return the links found."""
    links: dict[tuple[str, str], Link] = {}
    tried: set[tuple[str, str]] = set()  # those the lookup did not link are asked once too
    for c in cands:
        pair = (c.name, c.type)
        if c.kind == "NAM" and c.type != "OTHER" and pair not in tried:
            tried.add(pair)
            link = lookup.link(Entity(c.type, c.name), context)
            if link is not None:
                links[pair] = link
    return links
