"""First person inside a direct quote: the speaker's own words name the speaker.

'"I have not spoken to anyone," Kessler said.' -- the "I" is Kessler. "We", "our" and "us"
are who the speaker speaks for: an organisation or a country that speaks itself, the
organisation a person is described as holding a post in ("Neil Aspinall, manager of Apple
Corps", "AirTran chief executive Joe Leonard"), or the one an unnamed source is at. A person
with no such organisation leaves "we" alone: it is their company, their country or their
team, and the article does not say which. The pass runs once quotes have their speakers
(``kg.extract.quotes``) and adds the pronouns as mentions; a span that is a mention already
keeps it.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.spans import Known
from kg.model import Mention, Quote, Span

_WORD = re.compile(r"[A-Za-z]+")
# a quotation inside the quote ('He told me: ‘I will go’') is someone else's words
_INNER = re.compile("\u2018[^\u2018\u2019]*\u2019")
# how far from a speaker's name the description of their post may reach, in characters
REACH = 60
# "Neil Aspinall, [the] manager of [the] Apple Corps"
_POST_OF = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?((?:[\w\-]+\s+){1,5}?)(?:of|at|for|from)\s+(?:the\s+)?"
)
# "Jim Press, Chrysler's vice chairman"
_NAME_THEN_OWNER = re.compile(r",\s+(?:the\s+)?")
_OWNER_POST = re.compile(r"(?:'s|\u2019s)?\s+((?:[\w\-]+\s+){0,2}[\w\-]+)\b")
# "AirTran chief executive Joe Leonard", "Ford's president, Alan Mulally"
_OWNER_POST_NAME = re.compile(r"(?:'s|\u2019s)?\s+((?:[\w\-]+\s+){0,3}[\w\-]+),?\s+")


def first_person_mentions(text: str, quotes: list[Quote], known: Known, lex: Lexicon) -> None:
    """Add the first-person pronouns of each attributed direct quote as mentions."""
    taken = [m.span for m in known.mentions]
    added: list[Mention] = []
    speaks_for: dict[int, int | None] = {}
    for quote in quotes:
        speaker = quote.speaker
        if not quote.direct or speaker is None or not 0 <= speaker < len(known.entities):
            continue
        if speaker not in speaks_for:
            speaks_for[speaker] = organisation_of(text, known, speaker, lex)
        for span, number in pronouns(text, quote.content, lex):
            entity = _referent(known, speaker, speaks_for[speaker], number)
            if entity is None or any(s.overlaps(span) for s in taken):
                continue
            added.append(Mention(span, entity, "PRO"))
            taken.append(span)
    known.mentions.extend(added)


def pronouns(text: str, content: Span, lex: Lexicon) -> list[tuple[Span, str]]:
    """Return the first-person pronouns of a quote's content with their number.

    "I" is a pronoun only as the capital letter; a word in capitals ("US") is a name, not "us".
    """
    inner = [
        Span(content.start + m.start(), content.start + m.end())
        for m in _INNER.finditer(text[content.start : content.end])
    ]
    found = []
    for m in _WORD.finditer(text, content.start, content.end):
        word = m.group()
        number = lex.first_person_pronouns.get(word.lower())
        if number is None or (word.lower() == "i" and word != "I"):
            continue
        if len(word) > 1 and word.isupper():
            continue
        span = Span(m.start(), m.end())
        if any(i.contains(span) for i in inner):
            continue
        found.append((span, number))
    return found


def _referent(known: Known, speaker: int, org: int | None, number: str) -> int | None:
    """Return who a pronoun of this number names, or None when the text does not say."""
    etype = known.entities[speaker].type
    if number == "singular":
        return speaker if etype in ("PERSON", "OTHER") else None
    if etype in ("ORG", "PLACE"):
        return speaker
    return org


def organisation_of(text: str, known: Known, person: int, lex: Lexicon) -> int | None:
    """Return the organisation or country a speaker holds a post in, as the text describes it.

    An unnamed source's affiliation counts; a named person's comes from a post described next
    to one of their names: "X, manager of Apple Corps", "X, Chrysler's vice chairman",
    "AirTran chief executive X".
    """
    entity = known.entities[person]
    if entity.affiliation is not None and 0 <= entity.affiliation < len(known.entities):
        return entity.affiliation
    if entity.type != "PERSON":
        return None
    names = [m.span for m in known.mentions if m.entity == person and m.kind == "NAM"]
    bodies = [
        m
        for m in known.mentions
        if m.kind == "NAM" and known.entities[m.entity].type in ("ORG", "PLACE")
    ]
    for name in names:
        for m in sorted(bodies, key=lambda m: abs(m.span.start - name.start)):
            if _post_between(text, name, m.span, lex):
                return m.entity
    return None


def _post_between(text: str, name: Span, body: Span, lex: Lexicon) -> bool:
    """Tell whether the text between a person's name and an organisation's describes a post."""
    if name.end <= body.start <= name.end + REACH:
        between = text[name.end : body.start]
        post = _POST_OF.fullmatch(between)
        if post is not None:
            return _names_office(post.group(1), lex)
        if _NAME_THEN_OWNER.fullmatch(between):
            after = _OWNER_POST.match(text, body.end, body.end + REACH)
            return after is not None and _names_office(after.group(1), lex)
    if body.end <= name.start <= body.end + REACH:
        post = _OWNER_POST_NAME.fullmatch(text[body.end : name.start])
        return post is not None and _names_office(post.group(1), lex)
    return False


def _names_office(words: str, lex: Lexicon) -> bool:
    """Tell whether a few words end in or hold an office noun ("vice chairman", "chief")."""
    return any(w.casefold() in lex.office_nouns for w in words.split())
