"""Name candidates made consistent: types from context and across the article, missed names.

A name's type comes from the words around it ("the Beatles", "Toulouse, France"), then one
type per name across the article; the model's missed occurrences of known names are added.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract.candidates import Cand, make_cand
from kg.extract.lexicon import Lexicon
from kg.extract.lookup import Lookup
from kg.extract.name_keys import normalise, surname_keys
from kg.extract.spans import doc_text
from kg.model import Entity, EntityType


def retype_by_context(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    """Correct the model's type from the words around a name.

    An organisation noun or "the" before a name, or a company suffix, makes it an
    organisation ("the Beatles", "magazine Der Spiegel", "Douglas Aircraft"); a name followed
    by ", <country>" is a place ("Toulouse, France").
    """
    # a place after a comma locates the name before it, unless it owns what follows
    # ("Airbus, Europe's biggest maker")
    countries = {
        c.span.start
        for c in cands
        if c.type == "PLACE" and doc_text(doc)[c.span.end : c.span.end + 2] not in ("'s", "’s")
    }
    for c in cands:
        if c.from_reference or c.kind != "NAM":
            continue
        before = _word_before(doc, c.span.start)
        last = c.name.split()[-1]
        org_word = last in lex.all_org_suffixes or before.lower() in lex.org_nouns
        if (c.type != "ORG" and org_word) or (c.type == "PERSON" and before in ("the", "The")):
            c.type = "ORG"
            c.typed_by_context = True
        elif c.type != "PLACE" and _after_comma(doc_text(doc), c.span.end) in countries:
            c.type = "PLACE"


def _word_before(doc: Doc, char: int) -> str:
    """Return the word just before a character offset."""
    return last_word(doc_text(doc)[max(0, char - 200) : char])


def last_word(text: str) -> str:
    """Return the last run of word characters and dots with only non-word characters after
    it (what ``([\\w.]+)\\W*$`` finds), read back from the end: the regex tried every start."""
    t = len(text)
    while t > 0 and not _is_word(text[t - 1]):
        t -= 1
    if t == 0:  # no word character: the first run of dots, if any
        start = end = text.find(".")
        if start < 0:
            return ""
    else:
        start = end = t
        while start > 0 and (_is_word(text[start - 1]) or text[start - 1] == "."):
            start -= 1
    while end < len(text) and text[end] == ".":
        end += 1
    return text[start:end]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _after_comma(text: str, char: int) -> int:
    """Return where the word after ", " starts, or -1."""
    return char + 2 if text[char : char + 2] == ", " else -1


def force_names(doc: Doc, sents: list[int], cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """Name a country's armed forces ("US military"); the country stays as a modifier."""
    found = []
    for c in cands:
        m = re.match(r" (\w+)", doc_text(doc)[c.span.end :])
        if c.type != "PLACE" or c.kind not in ("NAM", "PRE") or not m:
            continue
        if m.group(1) in lex.force_nouns:
            span = doc.char_span(c.span.start, c.span.end + m.end())
            if span is not None:
                c.kind = "PRE"
                found.append(make_cand(span, "ORG", "NAM", sents))
    return found


def places_after_preposition(span: SpacySpan, sents: list[int], lookup: Lookup) -> list[Cand]:
    """Return the known place named after "in"/"of" at the end of a name."""
    for token in span[1:-1]:
        if token.lower_ in ("in", "of"):
            rest = span.doc[token.i + 1 : span.end]
            if rest[0].is_title and lookup.link(Entity("PLACE", rest.text)) is not None:
                return [make_cand(rest, "PLACE", "NAM", sents, from_reference=True)]
    return []


def propagate_types(cands: list[Cand], lex: Lexicon) -> None:
    """Give every occurrence of a name one type: reference first, then persons, then majority.

    A person's surname alone takes the type PERSON ("Baghdadi" after "Abu Bakr al-Baghdadi").
    """
    names = [c for c in cands if c.kind in ("NAM", "PRE") and not c.key]
    short_forms(names, lex)
    fixed = {normalise(c.name): c.type for c in names if c.typed_by_context}
    fixed |= {normalise(c.name): c.type for c in names if c.from_reference}
    people = {normalise(c.name) for c in names if c.type == "PERSON" and c.name.count(" ")}
    for c in names:
        if c.type == "PERSON" and c.name.count(" "):
            people |= surname_keys(c.name, lex)
    votes: dict[str, Counter[EntityType]] = {}
    for c in names:
        votes.setdefault(normalise(c.name), Counter())[c.type] += 1
    for c in names:
        key = normalise(c.name)
        if key in fixed:
            c.type = fixed[key]
        elif key in people:
            c.type = "PERSON"
        else:
            c.type = votes[key].most_common(1)[0][0]


def short_forms(names: list[Cand], lex: Lexicon) -> None:
    """Type a one-word name as the organisation whose full name it begins.

    "AirTran" beside "AirTran Airways", "Saturn" beside "Saturn Corporation": the full name
    ends in a company word, so the short one is the company too.
    """
    firsts = {
        c.name.split()[0]
        for c in names
        if c.type == "ORG" and c.kind == "NAM" and len(c.name.split()) > 1
        if c.name.split()[-1] in lex.all_org_suffixes
    }
    for c in names:
        if " " not in c.name and c.name in firsts and not c.from_reference:
            c.type = "ORG"
            c.typed_by_context = True


def repeated_names(doc: Doc, sents: list[int], cands: list[Cand]) -> list[Cand]:
    """Return other occurrences of the article's names (and persons' surnames) the model missed."""
    found: list[Cand] = []
    text = doc_text(doc)
    # the characters mentions already cover: one look per match, however many mentions
    taken = bytearray(len(text))
    for c in cands:
        taken[c.span.start : c.span.end] = b"\x01" * (c.span.end - c.span.start)
    for name, etype, ref in _known_names(text, cands):
        for start, end in occurrences(text, name):
            span = doc.char_span(start, end)
            if span is None or any(taken[start:end]) or not _proper(span):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(make_cand(span, etype, "NAM", sents, from_reference=ref))
    return found


def occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Yield the spans where ``name`` stands as a whole word (no letter, digit, "_" or "-"
    touching it), left to right and not overlapping."""
    # str.find, not one regex a name: an article's names would overflow the regex cache
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not (_joins(text, start - 1) or _joins(text, end)):
            yield start, end
            start = text.find(name, end)
        else:
            start = text.find(name, start + 1)


def _joins(text: str, i: int) -> bool:
    """Tell whether the character at ``i`` would join a word: what ``[\\w-]`` matches."""
    if i < 0 or i >= len(text):
        return False
    ch = text[i]
    return ch.isalnum() or ch in "_-"


def _known_names(text: str, cands: list[Cand]) -> Iterable[tuple[str, EntityType, bool]]:
    """Yield (name, type, from reference) for names worth looking for again."""
    seen: set[str] = set()
    for c in cands:
        if c.kind != "NAM" or c.type == "OTHER":
            continue
        names = [c.span.text(text)]
        if c.type == "PERSON" and " " in names[0]:
            last = names[0].split()[-1]
            names += [last, *(re.split(r"[-‐]", last, maxsplit=1)[1:])]
        for name in names:
            if len(name) > 1 and name[:1].isupper() and name not in seen:
                seen.add(name)
                yield name, c.type, c.from_reference


def _proper(span: SpacySpan) -> bool:
    """Tell whether a span reads as a proper name (by its tags, when the model gave them)."""
    if not span.doc.has_annotation("TAG"):
        return True
    # headlines get proper names tagged as common nouns, so any noun or adjective will do
    return all(t.tag_[:2] in ("NN", "JJ", "FW") or not t.is_alpha for t in span)
