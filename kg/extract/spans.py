"""Character spans of tokens and phrases, and the entity a span refers to."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

from kg.extract.token_table import token_table
from kg.model import Entity, Mention, Span

_KIND_RANK = {"NAM": 0, "NOM": 1, "PRO": 2, "PRE": 3}
_TYPE_RANK = {"PERSON": 0, "ORG": 1, "OTHER": 2, "PLACE": 3}
_EDGE_POS = frozenset({"PUNCT", "SPACE"})
_TEXT_KEY = "newskg.text"
_STARTS_KEY = "newskg.token_starts"


def doc_text(doc: Doc) -> str:
    """Return the document's text, joined once: spaCy rebuilds ``doc.text`` on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def token_at(doc: Doc, char: int) -> Token:
    """Return the token that holds character ``char`` (or the one before it)."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = [t.idx for t in doc]
    return doc[max(0, bisect_right(starts, char) - 1)]


def token_span(tok: Token) -> Span:
    """Return the character span of one token."""
    return Span(tok.idx, tok.idx + len(tok.text))


def tokens_span(tokens: Sequence[Token]) -> Span:
    """Return the span from the first token's start to the last token's end."""
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def trim(tokens: Sequence[Token]) -> list[Token]:
    """Drop punctuation and white space at both ends."""
    toks = list(tokens)
    while toks and toks[0].pos_ in _EDGE_POS:
        toks.pop(0)
    while toks and toks[-1].pos_ in _EDGE_POS:
        toks.pop()
    return toks


def subtree_tokens(tok: Token, skip_deps: Iterable[str] = ()) -> list[Token]:
    """Return the token's subtree in text order, leaving out children with ``skip_deps``."""
    doc = tok.doc
    first, last, keep = _phrase(tok, skip_deps)
    return [doc[i] for i in keep[first : last + 1]]


def phrase_span(tok: Token, skip_deps: Iterable[str] = ()) -> Span:
    """Return the span of the phrase a token heads (contiguous, edges trimmed)."""
    first, last, keep = _phrase(tok, skip_deps)
    if first > last:
        return token_span(tok)
    words = token_table(tok.doc)
    return Span(words.start[keep[first]], words.end[keep[last]])


def _phrase(tok: Token, skip_deps: Iterable[str]) -> tuple[int, int, list[int]]:
    """Return the numbers of a token's subtree without the children of ``skip_deps``, in text
    order, and where in them the words between the punctuation and space at the ends begin
    and end (read from the token table: no Token is made)."""
    words = token_table(tok.doc)
    skip, deps, pos = set(skip_deps), words.dep, words.pos
    keep = [tok.i]
    for child in words.children[tok.i]:
        if deps[child] not in skip:
            keep += words.subtree(child)
    keep.sort()
    first, last = 0, len(keep) - 1
    while first <= last and pos[keep[first]] in _EDGE_POS:
        first += 1
    while last >= first and pos[keep[last]] in _EDGE_POS:
        last -= 1
    return first, last, keep


def clip(span: Span, limit: Span) -> Span:
    """Return ``span`` cut to lie inside ``limit``."""
    return Span(max(span.start, limit.start), min(span.end, limit.end))


class Mentioned(Protocol):
    """What mention lookups read: the entities and mentions found so far."""

    entities: list[Entity]
    mentions: list[Mention]


@dataclass(eq=False)
class Known:
    """The entities and mentions of one document (the document's own lists, shared)."""

    entities: list[Entity]
    mentions: list[Mention]

    def add_unnamed(self, span: Span, name: str, affiliation: int | None = None) -> int:
        """Add a source the article does not name ("Some sources"); return its entity index."""
        self.entities.append(Entity(type="OTHER", name=name, affiliation=affiliation))
        self.mentions.append(Mention(span, len(self.entities) - 1, "NOM"))
        return len(self.entities) - 1


def _rank(known: Mentioned, m: Mention, head: Span | None) -> tuple[int, int, int, int]:
    at_head = 0 if head is not None and m.span.overlaps(head) else 1
    etype = known.entities[m.entity].type if 0 <= m.entity < len(known.entities) else "OTHER"
    return (at_head, _KIND_RANK.get(m.kind, 4), _TYPE_RANK.get(etype, 4), m.span.start)


def mention_at(
    known: Mentioned, span: Span, head: Span | None = None, strict: bool = False
) -> Mention | None:
    """Return the mention that best names what ``span`` refers to, or None.

    Mentions inside the span win, those over its head first, then names before nominals and
    pronouns, people and organisations before places; failing that, a mention overlapping it.
    With ``strict``, only a mention over the head will do: "the group's leader" is not the
    group, and "his fighters" are not him.
    """
    index = _mention_index(known)
    # a mention inside the span starts in it; one around the head starts at most the longest
    # mention's length before the head's end
    within = index.starting(span.start, span.end)
    if strict and head is not None:
        over = [m for m in within if m.span.overlaps(head) and span.contains(m.span)]
        if not over:
            around_head = index.starting(head.end - index.longest, head.start)
            over = [m for m in around_head if m.span.contains(head)]
        return min(over, key=lambda m: _rank(known, m, head)) if over else None
    inside = [m for m in within if span.contains(m.span)]
    if inside:
        return min(inside, key=lambda m: _rank(known, m, head))
    around = [m for m in index.near(span) if m.span.overlaps(span)]
    return min(around, key=lambda m: _rank(known, m, head)) if around else None


class _MentionIndex:
    """The mentions of an article by start offset, to find those near a span quickly."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.key = _index_key(mentions)
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].span.start)
        self.starts = [mentions[i].span.start for i in self.order]
        self.longest = max((m.span.end - m.span.start for m in mentions), default=0)

    def near(self, span: Span) -> list[Mention]:
        """Return, in list order, every mention that may overlap or contain ``span``."""
        return self.starting(span.start - self.longest, span.end)

    def starting(self, first: int, last: int) -> list[Mention]:
        """Return, in list order, the mentions that start from ``first`` to ``last``."""
        lo = bisect_left(self.starts, first)
        hi = bisect_right(self.starts, last)
        return [self.mentions[i] for i in sorted(self.order[lo:hi])]


def _index_key(mentions: list[Mention]) -> tuple[int, ...]:
    # mentions are appended or re-sorted while an article is extracted: the index is rebuilt
    # when the list's length or its ends change
    ends = (id(mentions[0]), id(mentions[-1])) if mentions else ()
    return (id(mentions), len(mentions), *ends)


def _mention_index(known: Mentioned) -> _MentionIndex:
    index: _MentionIndex | None = getattr(known, "_mention_index", None)
    if index is None or index.key != _index_key(known.mentions):
        index = _MentionIndex(known.mentions)
        known._mention_index = index  # type: ignore[attr-defined]
    return index


def entity_at(
    known: Mentioned, span: Span, head: Span | None = None, strict: bool = False
) -> int | None:
    """Return the entity index the span refers to, or None."""
    m = mention_at(known, span, head, strict)
    return m.entity if m is not None else None


def entity_of(known: Mentioned, tok: Token) -> int | None:
    """Return the entity of the noun phrase a token heads (a mention over its head word)."""
    found = mention_of(known, tok)
    return found.entity if found is not None else None


def mention_of(known: Mentioned, tok: Token) -> Mention | None:
    """Return the mention of the noun phrase a token heads (over its head word), or None."""
    span = phrase_span(tok, ("relcl", "acl", "appos"))
    found = mention_at(known, span, token_span(tok), strict=True)
    if found is not None:
        return found
    # a name compounded with a common head stands for it ("the al-Furqan media")
    words = token_table(tok.doc)
    deps, pos = words.dep, words.pos
    for name in words.children[tok.i]:
        if deps[name] == "compound" and pos[name] == "PROPN":
            at = Span(words.start[name], words.end[name])
            found = mention_at(known, at, at, strict=True)
            if found is not None:
                return found
    return None


def place_of(known: Mentioned, tok: Token) -> int | None:
    """Return the entity of the phrase a token heads when it is a place."""
    ent = entity_of(known, tok)
    if ent is not None and known.entities[ent].type == "PLACE":
        return ent
    return None
