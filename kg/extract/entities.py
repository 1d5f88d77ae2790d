"""Entity mentions: parsed Doc -> ``Annotations.entities`` and ``Annotations.mentions``.

Names come from the model's entities (corrected by reference names in the pipeline), cleaned
(possessives, titles, glued shouting), typed consistently across the article, completed with
the occurrences the model missed, with demonyms as modifier mentions of their country, then
resolved together with nominals and pronouns (``kg.extract.coref``) and linked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.coref import (
    COMPANY_WORDS,
    NOMINAL_HEADS,
    PLURAL,
    PRONOUNS,
    ROLE_NOUNS,
    Cand,
    normalise,
    resolve,
    surname_keys,
)
from kg.extract.lexicon import words
from kg.extract.lookup import Lookup, RefEntry
from kg.extract.pipeline import REFERENCE_ID, clean_entity
from kg.extract.quotes import double_marks
from kg.extract.spans import doc_text
from kg.model import Annotations, Entity, EntityType, Link, Mention, Span

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}
# titles that only ever come before a person's name, so mark a name of any label as a person
HONORIFICS = frozenset(
    [
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Dr",
        "Dr.",
        "Sen.",
        "Senator",
        "Rep.",
        "Congressman",
        "Congresswoman",
        "Gov.",
        "Sir",
        "Dame",
    ]
)

# words before a name that make it a person's name, and are not part of it
TITLES = HONORIFICS | frozenset(
    [
        "Representative",
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Secretary",
        "Chancellor",
        "Governor",
        "Mayor",
        "General",
        "Gen.",
        "Lt.",
        "Colonel",
        "Col.",
        "Captain",
        "Capt.",
        "Major",
        "Maj.",
        "Sgt.",
        "Sergeant",
        "Admiral",
        "Adm.",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Pope",
        "Sheikh",
        "Judge",
        "Justice",
        "Chairman",
        "Chief",
        "Commander",
        "Ambassador",
        "Lord",
        "Lady",
        "Professor",
        "Prof.",
        "Rev.",
        "Reverend",
        "Father",
        "Bishop",
        "Archbishop",
        "Cardinal",
        "Imam",
        "Ayatollah",
        "Premier",
        "Deputy",
    ]
)
# offices that, capitalised before a run of capitalised words, make them a person's name even
# when the model calls it an organisation ("Mayor Ilse Marwick", "Chief Executive Jo Lane")
OFFICES = frozenset(
    [
        "Mayor",
        "Governor",
        "President",
        "Minister",
        "Chancellor",
        "Judge",
        "Senator",
        "Councillor",
        "Councilor",
        "Chairman",
        "Chairwoman",
        "Chairperson",
        "Chief",
        "Executive",
        "Commissioner",
        "Ambassador",
        "Premier",
        "Deputy",
        "Prime",
        "Vice",
    ]
)
# codes the model takes for organisations: time zones and currencies
NOT_NAMES = frozenset(
    ["UTC", "GMT", "EST", "EDT", "PST", "PDT", "CET", "BST", "USD", "EUR", "GBP", "JPY", "CNY"]
)
# common nouns that, just before a name, say it names an organisation ("magazine Der Spiegel")
ORG_NOUNS = frozenset(
    [
        "company",
        "firm",
        "maker",
        "manufacturer",
        "automaker",
        "carmaker",
        "airline",
        "carrier",
        "retailer",
        "bank",
        "group",
        "band",
        "magazine",
        "newspaper",
        "paper",
        "broadcaster",
        "network",
        "agency",
        "party",
        "insurer",
        "giant",
        "chain",
        "subsidiary",
        "division",
        "unit",
        "brand",
        "label",
        "studio",
        "publisher",
        "website",
        "site",
    ]
)
# last words that make a name an organisation's ("Douglas Aircraft", "Chrysler Holding LLC")
ORG_SUFFIXES = COMPANY_WORDS | frozenset(
    [
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Corporation",
        "Co",
        "Co.",
        "Company",
        "Ltd",
        "Ltd.",
        "LLC",
        "plc",
        "PLC",
        "AG",
        "SA",
        "GmbH",
        "Group",
        "Holdings",
        "Holding",
        "Foundation",
        "Institute",
        "University",
        "Council",
        "Committee",
        "Party",
    ]
)
# words that make a capitalised run after an office an institution ("Chief Executive Club")
INSTITUTION_WORDS = words(
    "Club Office Court Service Services Board Commission Association Society Union Department "
    "Ministry Hotel Hotels Award Awards Prize Trust Fund Agency Authority Cabinet Palace"
)
# nouns that make a country's name before them the name of its armed forces ("US military")
FORCE_NOUNS = frozenset({"military", "army", "navy", "marines", "police"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def find(doc: Doc, ann: Annotations, reference: Lookup) -> None:
    """Fill ``ann.entities`` and ``ann.mentions`` from a parsed document."""
    sents = sentence_numbers(doc)
    cands = name_cands(doc, sents, reference)
    retype_by_context(doc, cands)
    cands += force_names(doc, sents, cands)
    cands += inner_names(doc, sents, cands, reference)
    propagate_types(cands)
    cands += repeated_names(doc, sents, cands)
    cands += demonym_cands(doc, sents, reference, cands)
    links = link_names(cands, reference, doc_text(doc))
    mark_identity(cands, links)
    cands += nominal_cands(doc, sents, cands)
    cands += pronoun_cands(doc, sents, cands)
    cands = distinct(cands)
    mark_quoted(doc_text(doc), cands)
    build(ann, cands, resolve(cands), reference, doc_text(doc))


def mark_quoted(text: str, cands: list[Cand]) -> None:
    """Mark the mentions that sit between double quote marks (a speaker's own words)."""
    regions = double_marks(text)
    for c in cands:
        c.quoted = any(r.start <= c.span.start and c.span.end <= r.end for r in regions)


def distinct(cands: list[Cand]) -> list[Cand]:
    """Sort candidates by position, keeping the first of any with the same span."""
    seen: set[Span] = set()
    kept = []
    for c in cands:
        if c.span not in seen:
            seen.add(c.span)
            kept.append(c)
    return sorted(kept, key=lambda c: (c.span.start, -c.span.end))


def sentence_numbers(doc: Doc) -> list[int]:
    """Return each token's sentence number (all 0 when the document has no sentences)."""
    numbers, n = [], -1
    has = doc.has_annotation("SENT_START")
    for token in doc:
        if token.i == 0 or (has and token.is_sent_start):
            n += 1
        numbers.append(max(n, 0))
    return numbers


def make_cand(
    span: SpacySpan, etype: EntityType, kind: str, sents: list[int], **extra: object
) -> Cand:
    """Build a candidate mention from a spaCy span."""
    root = span.root
    return Cand(
        span=Span(span.start_char, span.end_char),
        type=etype,
        kind=kind,  # type: ignore[arg-type]
        name=str(extra.pop("name", span.text)),
        sent=sents[span.start],
        subject=root.dep_ in SUBJECT_DEPS,
        **extra,  # type: ignore[arg-type]
    )


# -- names -----------------------------------------------------------------------------------


def name_cands(doc: Doc, sents: list[int], reference: Lookup) -> list[Cand]:
    """Return the cleaned name mentions of the model's (and the reference's) entities."""
    cands: list[Cand] = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            cands += norp_cands(ent, sents, reference)
            continue
        etype = LABEL_TYPES.get(ent.label_)
        if etype is None and _office_before_name(ent):
            etype = "PERSON"  # "Mayor Ilse Marwick" taken for a work of art
        span = clean_entity(ent)
        if etype is None or span is None or span.text in NOT_NAMES:
            continue
        span, titled = strip_title(strip_article(span), etype == "PERSON")
        if span is None:
            continue
        if titled:
            etype = "PERSON"
        kind = "PRE" if is_modifier(span) else "NAM"
        cands.append(make_cand(span, etype, kind, sents, from_reference=ent.id_ == REFERENCE_ID))
    return cands


def strip_article(span: SpacySpan) -> SpacySpan:
    """Drop a leading "the" from a name span."""
    if len(span) > 1 and span[0].lower_ == "the":
        return span.doc[span.start + 1 : span.end]
    return span


def strip_title(span: SpacySpan, person: bool) -> tuple[SpacySpan | None, bool]:
    """Split titles off a name ("Senator John McCain" -> "John McCain"); say if it had one.

    Only honorifics are split off names the model did not call persons ("General Motors"
    keeps its "General").  An honorific before the span counts too ("Sen." before "McCain").
    A title followed by "of" ("Secretary of the Air Force") is an office, not a name: the
    span is dropped.
    """
    doc = span.doc
    if len(span) > 1 and span[0].text in TITLES and span[1].lower_ == "of":
        return None, False
    titles = TITLES | OFFICES if person or _office_before_name(span) else HONORIFICS
    start = span.start
    while start < span.end and doc[start].text in titles:
        start += 1
    if start == span.end:
        return None, False
    before = span.start > 0 and doc[span.start - 1].text in HONORIFICS
    return doc[start : span.end], start > span.start or before


def _office_before_name(span: SpacySpan) -> bool:
    """Tell whether a span is an office title then a capitalised name ("Mayor Ilse Marwick")."""
    start = span.start
    while start < span.end and span.doc[start].text in OFFICES:
        start += 1
    rest = span.doc[start : span.end]
    return (
        start > span.start
        and 0 < len(rest) <= 3
        and all(t.is_title and t.is_alpha and t.text not in TITLES for t in rest)
        and not any(t.text in ORG_SUFFIXES or t.text in INSTITUTION_WORDS for t in rest)
        and not any(t.lower_ in ORG_NOUNS for t in rest)
    )


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


def norp_cands(ent: SpacySpan, sents: list[int], reference: Lookup) -> list[Cand]:
    """Return modifier mentions of the countries a nationality names ("Iraqi-Syrian" gives two)."""
    cands = []
    for token in ent:
        country = demonym_country(token, reference)
        if country is not None:
            cands.append(demonym_cand(token, country, sents))
    return cands


def demonym_country(token: Token, reference: Lookup) -> RefEntry | None:
    """Return the country a capitalised word denotes as a nationality, if any."""
    if not token.is_alpha or not token.text[:1].isupper():
        return None
    country = reference.demonym(token.text)
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
        key=link.iri if link else f"ref:{country.key}",
        from_reference=True,
    )


def demonym_cands(doc: Doc, sents: list[int], reference: Lookup, known: list[Cand]) -> list[Cand]:
    """Return demonyms the model did not label, used as modifiers ("Iraqi forces")."""
    cands = []
    for token in doc:
        # the cheap tests first: most words are no demonym
        country = demonym_country(token, reference)
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


def retype_by_context(doc: Doc, cands: list[Cand]) -> None:
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
        if (c.type != "ORG" and (last in ORG_SUFFIXES or before.lower() in ORG_NOUNS)) or (
            c.type == "PERSON" and before in ("the", "The")
        ):
            c.type = "ORG"
            c.typed_by_context = True
        elif c.type != "PLACE" and _after_comma(doc_text(doc), c.span.end) in countries:
            c.type = "PLACE"


def _word_before(doc: Doc, char: int) -> str:
    """Return the word just before a character offset."""
    # a window, not the whole text before: the search would otherwise scan from the start
    m = re.search(r"([\w.]+)\W*$", doc_text(doc)[max(0, char - 200) : char])
    return m.group(1) if m else ""


def _after_comma(text: str, char: int) -> int:
    """Return where the word after ", " starts, or -1."""
    return char + 2 if text[char : char + 2] == ", " else -1


def force_names(doc: Doc, sents: list[int], cands: list[Cand]) -> list[Cand]:
    """Name a country's armed forces ("US military"); the country stays as a modifier."""
    found = []
    for c in cands:
        m = re.match(r" (\w+)", doc_text(doc)[c.span.end :])
        if c.type != "PLACE" or c.kind not in ("NAM", "PRE") or not m:
            continue
        if m.group(1) in FORCE_NOUNS:
            span = doc.char_span(c.span.start, c.span.end + m.end())
            if span is not None:
                c.kind = "PRE"
                found.append(make_cand(span, "ORG", "NAM", sents))
    return found


def inner_names(doc: Doc, sents: list[int], cands: list[Cand], reference: Lookup) -> list[Cand]:
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
        country = demonym_country(span[0], reference)
        if country is not None and all(t.is_lower for t in span[1:]):
            found.append(demonym_cand(span[0], country, sents))
        found += _places_after_preposition(span, sents, reference)
    return found


def _places_after_preposition(span: SpacySpan, sents: list[int], reference: Lookup) -> list[Cand]:
    """Return the known place named after "in"/"of" at the end of a name."""
    for token in span[1:-1]:
        if token.lower_ in ("in", "of"):
            rest = span.doc[token.i + 1 : span.end]
            if rest[0].is_title and reference.link(Entity("PLACE", rest.text)) is not None:
                return [make_cand(rest, "PLACE", "NAM", sents, from_reference=True)]
    return []


# -- consistency -----------------------------------------------------------------------------


def propagate_types(cands: list[Cand]) -> None:
    """Give every occurrence of a name one type: reference first, then persons, then majority.

    A person's surname alone takes the type PERSON ("Baghdadi" after "Abu Bakr al-Baghdadi").
    """
    names = [c for c in cands if c.kind in ("NAM", "PRE") and not c.key]
    short_forms(names)
    fixed = {normalise(c.name): c.type for c in names if c.typed_by_context}
    fixed |= {normalise(c.name): c.type for c in names if c.from_reference}
    people = {normalise(c.name) for c in names if c.type == "PERSON" and c.name.count(" ")}
    for c in names:
        if c.type == "PERSON" and c.name.count(" "):
            people |= surname_keys(c.name)
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


def short_forms(names: list[Cand]) -> None:
    """Type a one-word name as the organisation whose full name it begins.

    "AirTran" beside "AirTran Airways", "Saturn" beside "Saturn Corporation": the full name
    ends in a company word, so the short one is the company too.
    """
    firsts = {
        c.name.split()[0]
        for c in names
        if c.type == "ORG" and c.kind == "NAM" and len(c.name.split()) > 1
        if c.name.split()[-1] in ORG_SUFFIXES
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
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            span = doc.char_span(m.start(), m.end())
            if span is None or any(taken[m.start() : m.end()]) or not _proper(span):
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append(make_cand(span, etype, "NAM", sents, from_reference=ref))
    return found


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


# -- identity --------------------------------------------------------------------------------


def link_names(cands: list[Cand], reference: Lookup, context: str) -> dict[tuple[str, str], Link]:
    """Link each distinct (name, type) once; return the links found."""
    links: dict[tuple[str, str], Link] = {}
    for c in cands:
        pair = (c.name, c.type)
        if c.kind == "NAM" and c.type != "OTHER" and pair not in links:
            link = reference.link(Entity(c.type, c.name), context)
            if link is not None:
                links[pair] = link
    return links


def mark_identity(cands: list[Cand], links: dict[tuple[str, str], Link]) -> None:
    """Set each name's reference identity and whether a place is a country."""
    for c in cands:
        link = links.get((c.name, c.type))
        if link is not None and c.key is None:
            c.key = link.iri
        if c.type == "PLACE" and c.place is None:
            c.place = place_kind(link)
    countries = {c.key for c in cands if c.place == "country" and c.key}
    for c in cands:
        if c.type == "PLACE" and c.key in countries:
            c.place = "country"


def place_kind(link: Link | None) -> str | None:
    """Tell "country" or "city" from a link's types, when it says."""
    types = " ".join(link.types) if link else ""
    if "Country" in types:
        return "country"
    if "City" in types:
        return "city"
    return None


# -- nominals and pronouns -------------------------------------------------------------------


def nominal_cands(doc: Doc, sents: list[int], known: list[Cand]) -> list[Cand]:
    """Return nominals that can refer to a named entity ("the group", "the terror boss").

    A place or organisation noun may follow "the" or a possessive ("Iraq's second city"); a
    role noun follows "the" or the possessive of a non-person ("the group's leader"), never
    "his" or a person's ("his spokesman" is someone else). The span leaves the possessor out.
    """
    names = {c.span.start: c for c in known if c.kind == "NAM"}
    cands = []
    for token in doc[1:]:
        word = token.lower_
        role = word in ROLE_NOUNS and token.tag_ in ("NN", "")
        head = ("PERSON", None) if role else NOMINAL_HEADS.get(word)
        start = _nominal_start(token, role, known)
        if head is None or start is None or _compound_next(token):
            continue
        span = doc[start : token.i + 1]
        etype, place = head
        named = names.get(_of_name(doc, token))
        antecedent = named.span if named is not None and named.type == etype else None
        cands.append(make_cand(span, etype, "NOM", sents, place=place, antecedent=antecedent))
    return cands


def _nominal_start(token: Token, role: bool, known: list[Cand]) -> int | None:
    """Return where a nominal starts: at "the", or after a possessive ("the group's")."""
    i = token.i - 1
    while i > 0 and token.i - i <= 2 and _premodifier(token.doc[i]):
        i -= 1
    word = token.doc[i]
    if word.lower_ == "the":
        return i
    if word.tag_ != "POS" or i == 0:
        return None
    owner = token.doc[i - 1]
    people = (c.span for c in known if c.type == "PERSON")
    if role and any(s.start <= owner.idx < s.end for s in people):
        return None
    return i + 1


def _premodifier(word: Token) -> bool:
    """Tell whether a word is an adjective or a common-noun compound before a nominal's head."""
    return word.pos_ == "ADJ" or (word.pos_ == "NOUN" and word.dep_ == "compound")


def _compound_next(token: Token) -> bool:
    """Tell whether the noun goes on into a compound ("the city council")."""
    if token.i + 1 >= len(token.doc):
        return False
    return token.doc[token.i + 1].pos_ in ("NOUN", "PROPN")


def _of_name(doc: Doc, token: Token) -> int:
    """Return where the name in "the city of <name>" starts, or -1."""
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "of" or nxt.i + 1 >= len(doc):
        return -1
    return doc[nxt.i + 1].idx


def pronoun_cands(doc: Doc, sents: list[int], known: list[Cand]) -> list[Cand]:
    """Return third-person pronouns as candidate mentions."""
    cands = []
    for token in doc:
        word = token.lower_
        if word in PRONOUNS:
            etype: EntityType = "ORG" if word in PLURAL else "PERSON"
            cands.append(make_cand(doc[token.i : token.i + 1], etype, "PRO", sents))
    return cands


# -- entities --------------------------------------------------------------------------------


def build(
    ann: Annotations, cands: list[Cand], clusters: list[int], reference: Lookup, text: str
) -> None:
    """Make one entity per cluster with a name, its mentions, and its link."""
    members: dict[int, list[Cand]] = {}
    for c, cluster in zip(cands, clusters, strict=True):
        if cluster >= 0:
            members.setdefault(cluster, []).append(c)
    for group in sorted(members.values(), key=lambda g: g[0].span):
        entity = make_entity(group, text)
        if entity.type == "OTHER":
            continue
        entity.link = reference.link(entity, text)
        index = len(ann.entities)
        ann.entities.append(entity)
        ann.mentions += [Mention(c.span, index, c.kind) for c in group]
    ann.mentions.sort(key=lambda m: (m.span, m.entity))


def make_entity(group: list[Cand], text: str) -> Entity:
    """Make the entity of a cluster: its majority type and its longest name."""
    names = [c for c in group if c.kind in ("NAM", "PRE")]
    weights: Counter[EntityType] = Counter()
    for c in names:
        weights[c.type] += 3 if c.from_reference else 1
    etype = weights.most_common(1)[0][0]
    full = [c.span.text(text) for c in names if c.kind == "NAM" and c.type == etype]
    given = [c.name for c in names if c.kind == "PRE" and c.name != c.span.text(text)]
    spelled = full or given or [c.span.text(text) for c in names]
    name = max(spelled, key=len)
    aliases = sorted({n for n in spelled if n != name})
    return Entity(etype, name, aliases)
