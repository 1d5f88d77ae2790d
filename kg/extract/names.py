"""The names component: the model's entities -> typed name candidates (``doc._.nkg_candidates``).

Names come from the model's entities (corrected by reference names earlier in the pipeline),
cleaned (possessives, titles, glued shouting), typed consistently across the article
(``kg.extract.name_typing``), completed with the occurrences the model missed, with demonyms
as modifier mentions of their country.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IS_ALPHA, IS_LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import doc_state, name_typing
from kg.extract.candidates import Cand, make_cand, place_kind
from kg.extract.lexicon import Lexicon
from kg.extract.lookup import Lookup, RefEntry
from kg.extract.name_keys import abbreviates, normalise
from kg.extract.reference_names import REFERENCE_ID, clean_entity
from kg.extract.spans import doc_text
from kg.extract.token_table import fresh_token_table
from kg.model import Entity, EntityType, Span

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}


@doc_state.lexicon_component(
    "newskg_names",
    requires=["doc.ents", "token.dep", "token.tag", "token.is_sent_start"],
    assigns=[doc_state.attr(doc_state.CANDIDATES)],
)
class NameFinder(doc_state.Component):
    """Find the name candidates of a document; demonyms need the reference lookup."""

    def __init__(self, lex: Lexicon, lookup: Lookup | None = None) -> None:
        self.lex = lex
        self.lookup = lookup
        self.person_titles = lex.all_titles | lex.offices  # what a person's name may follow

    def set_lookup(self, lookup: Lookup) -> None:
        """Give the component the reference knowledge it asks about demonyms and places."""
        self.lookup = lookup

    def __call__(self, doc: Doc) -> Doc:
        lookup = _required(self.lookup)
        lex = self.lex
        # the first of the rules: each run reads the document's words anew
        sents = fresh_token_table(doc).sent
        cands = self.name_cands(doc, sents, lookup)
        name_typing.retype_by_context(doc, cands, lex)
        cands += name_typing.force_names(doc, sents, cands, lex)
        cands += governments_of_countries(doc, sents, cands, lookup, lex)
        cands += self.inner_names(doc, sents, cands, lookup)
        cands += defined_abbreviations(doc, sents, cands)
        shortened_after_country(doc, sents, cands, lookup)
        name_typing.propagate_types(cands, lex)
        cands += name_typing.repeated_names(doc, sents, cands)
        cands += demonym_cands(doc, sents, lookup, cands)
        setattr(doc._, doc_state.CANDIDATES, cands)
        return doc

    def name_cands(self, doc: Doc, sents: list[int], lookup: Lookup) -> list[Cand]:
        """Return the cleaned name mentions of the model's (and the reference's) entities."""
        cands: list[Cand] = []
        for ent in doc.ents:
            if ent.label_ == "NORP":
                cands += norp_cands(ent, sents, lookup)
                continue
            etype = LABEL_TYPES.get(ent.label_)
            if etype is None and self.office_before_name(ent):
                etype = "PERSON"  # "Mayor Ilse Marwick" taken for a work of art
            span = clean_entity(ent)
            if etype is None or span is None or span.text in self.lex.not_names:
                continue
            span, titled = self.strip_title(strip_article(span), etype == "PERSON")
            if span is None:
                continue
            if titled:
                etype = "PERSON"
            kind = "PRE" if is_modifier(span) else "NAM"
            from_reference = ent.id_ == REFERENCE_ID
            cands.append(make_cand(span, etype, kind, sents, from_reference=from_reference))
        return cands

    def strip_title(self, span: SpacySpan, person: bool) -> tuple[SpacySpan | None, bool]:
        """Split titles off a name ("Senator John McCain" -> "John McCain"); say if it had one.

        Only honorifics are split off names the model did not call persons ("General Motors"
        keeps its "General").  An honorific before the span counts too ("Sen." before
        "McCain"). A title followed by "of" ("Secretary of the Air Force") is an office, not a
        name: the span is dropped.
        """
        doc, lex = span.doc, self.lex
        if len(span) > 1 and span[0].text in lex.all_titles and span[1].lower_ == "of":
            return None, False
        person_titles = person or self.office_before_name(span)
        titles = self.person_titles if person_titles else lex.honorifics
        start = span.start
        while start < span.end and doc[start].text in titles:
            start += 1
        if start == span.end:
            return None, False
        before = span.start > 0 and doc[span.start - 1].text in lex.honorifics
        return doc[start : span.end], start > span.start or before

    def office_before_name(self, span: SpacySpan) -> bool:
        """Tell whether a span is an office title then a capitalised name ("Mayor Ilse Marwick")."""
        lex = self.lex
        start = span.start
        while start < span.end and span.doc[start].text in lex.offices:
            start += 1
        if start == span.start:
            return False  # no office first
        rest = span.doc[start : span.end]
        return (
            0 < len(rest) <= 3
            and all(t.is_title and t.is_alpha and t.text not in lex.all_titles for t in rest)
            and not any(
                t.text in lex.all_org_suffixes or t.text in lex.institution_words for t in rest
            )
            and not any(t.lower_ in lex.org_nouns for t in rest)
        )

    def inner_names(
        self, doc: Doc, sents: list[int], cands: list[Cand], lookup: Lookup
    ) -> list[Cand]:
        """Return the names inside organisation names.

        A leading country or demonym before a common noun ("Iraqi forces", "US military") is a
        modifier mention of the country; a place after "in" or "of" ("British Embassy in
        Baghdad") is a name of its own.
        """
        found = []
        for c in [c for c in cands if c.type == "ORG" and c.kind == "NAM"]:
            span = doc.char_span(c.span.start, c.span.end)
            if span is None or len(span) < 2:
                continue
            country = demonym_country(span[0], lookup)
            if country is not None and all(t.is_lower for t in span[1:]):
                found.append(demonym_cand(span[0], country, sents))
            found += name_typing.places_after_preposition(span, sents, lookup)
        return found


# "Singapore Airlines (SIA)": a short form in brackets right after the name it abbreviates
_BRACKETED = re.compile(r"[ \t]?\([ \t]?([^\W_][^()\s]{1,9})[ \t]?\)")


def defined_abbreviations(doc: Doc, sents: list[int], cands: list[Cand]) -> list[Cand]:
    """Give each abbreviation defined in brackets after a name that name as its antecedent.

    The short form takes the name's type; when the model did not find it, it becomes a
    name mention of its own. Return the new mentions.
    """
    text = doc_text(doc)
    at = {c.span: c for c in cands}
    found = []
    for c in [c for c in cands if c.kind == "NAM" and c.type != "OTHER"]:
        m = _BRACKETED.match(text, c.span.end)
        if m is None or not abbreviates(m.group(1), c.span.text(text)):
            continue
        short = at.get(Span(m.start(1), m.end(1)))
        if short is None:
            span = doc.char_span(m.start(1), m.end(1))
            if span is None:
                continue
            short = make_cand(span, c.type, "NAM", sents)
            found.append(short)
        short.type, short.antecedent = c.type, c.span
    return found


def _required(lookup: Lookup | None) -> Lookup:
    if lookup is None:
        raise ValueError("the component has no reference lookup: call set_lookup() first")
    return lookup


def strip_article(span: SpacySpan) -> SpacySpan:
    """Drop a leading "the" from a name span."""
    if len(span) > 1 and span[0].lower_ == "the":
        return span.doc[span.start + 1 : span.end]
    return span


def is_modifier(span: SpacySpan) -> bool:
    """Tell whether a name modifies a noun after it ("IS" in "IS leader")."""
    root = span.root
    nxt = span.end < len(span.doc) and span.doc[span.end]
    return (
        root.dep_ in ("compound", "amod")
        and root.head.i >= span.end
        and bool(nxt)
        and nxt is not False
        and nxt.is_lower
    )


def governments_of_countries(
    doc: Doc, sents: list[int], cands: list[Cand], lookup: Lookup, lex: Lexicon
) -> list[Cand]:
    """Make a country's name before a head that denotes the country ("the US Government",
    "the Canadian Government") a nominal of that country, not an organisation's name.

    As "the Japanese government", the phrase stands for the state (a geopolitical entity, as
    ACE and OntoNotes annotate it); the country's name in it becomes a modifier mention, the
    nominal's antecedent. Return the modifier mentions.
    """
    found = []
    for c in [c for c in cands if c.type == "ORG" and c.kind == "NAM"]:
        span = doc.char_span(c.span.start, c.span.end)
        if span is None or len(span) < 2 or len(span) > 4:
            continue
        if lex.nominal_heads.get(span[-1].lower_) != ("PLACE", "country"):
            continue
        country = _country_cand(doc[span.start : span.end - 1], sents, lookup)
        if country is None:
            continue
        c.kind, c.type, c.place, c.antecedent = "NOM", "PLACE", "country", country.span
        found.append(country)
    return found


def shortened_after_country(doc: Doc, sents: list[int], cands: list[Cand], lookup: Lookup) -> None:
    """Give an organisation's name the longer name it shortens by leaving out the country
    before it ("the Air Force" after "US Air Force") as antecedent, when it shortens the
    names of one country only (not after "US Air Force" and "Indian Air Force") and no
    other name begins with it."""
    longer: dict[str, dict[str, list[Span]]] = {}
    for c in [c for c in cands if c.type == "ORG" and c.kind in ("NAM", "PRE")]:
        span = doc.char_span(c.span.start, c.span.end)
        if span is None:
            continue
        for cut in range(1, min(3, len(span) - 1) + 1):
            country = _country_cand(span[:cut], sents, lookup) if span[cut].is_title else None
            if country is not None:
                tail = longer.setdefault(normalise(span[cut:].text), {})
                tail.setdefault(country.key or country.name, []).append(c.span)
                break
    # a name some other name begins ("Air Force" of "Air Force Communications") is no sure
    # short form of either
    begun = {
        normalise(" ".join(words[:n]))
        for words in (c.name.split() for c in cands if c.type == "ORG")
        for n in range(1, len(words))
    }
    for c in [c for c in cands if c.type == "ORG" and c.kind == "NAM" and not c.antecedent]:
        countries = longer.get(normalise(c.name), {})
        if len(countries) == 1 and normalise(c.name) not in begun:
            c.antecedent = next(iter(countries.values()))[0]


def _country_cand(words: SpacySpan, sents: list[int], lookup: Lookup) -> Cand | None:
    """Return the modifier mention of the country these words name, if they name one."""
    country = demonym_country(words[0], lookup) if len(words) == 1 else None
    if country is not None:
        return demonym_cand(words[0], country, sents)
    if not all(t.is_title or t.is_upper for t in words):
        return None
    link = lookup.link(Entity("PLACE", words.text))
    if link is None or place_kind(link) != "country":
        return None
    return make_cand(
        words, "PLACE", "PRE", sents, place="country", key=link.key, from_reference=True
    )


# -- demonyms --------------------------------------------------------------------------------


def norp_cands(ent: SpacySpan, sents: list[int], lookup: Lookup) -> list[Cand]:
    """Return modifier mentions of the countries a nationality names ("Iraqi-Syrian" gives two)."""
    cands = []
    for token in ent:
        country = demonym_country(token, lookup)
        if country is not None:
            cands.append(demonym_cand(token, country, sents))
    return cands


def demonym_country(token: Token, lookup: Lookup) -> RefEntry | None:
    """Return the country a capitalised word denotes as a nationality, if any."""
    if not token.is_alpha or not token.text[:1].isupper():
        return None
    country = lookup.demonym(token.text)
    return country if country is not None and country.type == "PLACE" else None


def demonym_cand(token: Token, country: RefEntry, sents: list[int]) -> Cand:
    """Build the modifier mention a demonym makes of its country."""
    link = country.link
    return make_cand(
        token.doc[token.i : token.i + 1],
        "PLACE",
        "PRE",
        sents,
        name=country.name,
        place="country",
        key=link.key if link else f"ref:{country.key}",
        from_reference=True,
    )


def demonym_cands(doc: Doc, sents: list[int], lookup: Lookup, known: list[Cand]) -> list[Cand]:
    """Return demonyms the model did not label, used as modifiers ("Iraqi forces")."""
    cands = []
    # the cheap tests first, on flags read once as an array: most words are in lower case
    # (str.islower, so their first letter is not a capital) or no word, and no demonym
    flags = doc.to_array([IS_ALPHA, IS_LOWER])
    capitalised = np.flatnonzero((flags[:, 0] == 1) & (flags[:, 1] == 0)).tolist()
    countries: dict[str, RefEntry | None] = {}  # a word's country, looked up once
    for i in capitalised:
        token = doc[i]
        word = token.text
        if word not in countries:
            countries[word] = demonym_country(token, lookup)
        country = countries[word]
        if country is None or not _modifies(token):
            continue
        span = Span(token.idx, token.idx + len(token.text))
        if not any(c.span.overlaps(span) for c in known):
            cands.append(demonym_cand(token, country, sents))
    return cands


def _modifies(token: Token) -> bool:
    """Tell whether a word stands before a noun or a hyphen (not a plural people noun)."""
    if token.i + 1 >= len(token.doc):
        return False
    nxt = token.doc[token.i + 1]
    return nxt.text in ("-", "‐") or (nxt.is_alpha and not nxt.is_title and not nxt.is_upper)
