"""Candidate mentions: spans that may refer to an entity, before they are resolved together.

The name components make them from the model's entities, the linker gives names their
reference identity, and coreference clusters them into entities.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract.token_table import token_table
from kg.model import EntityType, Link, MentionKind, Span

PlaceKind = str  # "city" or "country"


def place_kind(link: Link | None) -> PlaceKind | None:
    """Tell "country" or "city" from a link's types, when it says."""
    types = " ".join(link.types) if link else ""
    if "Country" in types:
        return "country"
    if "City" in types:
        return "city"
    return None


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass
class Cand:
    """A mention before resolution: a name, a modifier, a nominal or a pronoun."""

    span: Span
    type: EntityType
    kind: MentionKind
    name: str  # the name it gives (for a demonym, the country's name); the text otherwise
    sent: int  # sentence number
    subject: bool = False  # the subject of its clause
    place: PlaceKind | None = None  # "city" / "country" for places, when known
    key: str | None = None  # identity from reference knowledge (a key or a link IRI)
    from_reference: bool = False  # typed by reference knowledge rather than the model
    antecedent: Span | None = None  # a name the text equates it with ("the city of Mosul")
    typed_by_context: bool = False  # the words around it fixed its type ("retailer Best Buy")
    quoted: bool = False  # between quote marks: the words of a speaker, not the narrator
    local_subject: Span | None = None  # a pronoun's: the subject of its clause (its head word)
    bound: bool = False  # a pronoun object of its clause's verb: not that clause's subject


def sentence_numbers(doc: Doc) -> list[int]:
    """Return each token's sentence number (all 0 when the document has no sentences)."""
    return token_table(doc).sent


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


def distinct(cands: list[Cand]) -> list[Cand]:
    """Sort candidates by position, keeping the first of any with the same span."""
    seen: set[Span] = set()
    kept = []
    for c in cands:
        if c.span not in seen:
            seen.add(c.span)
            kept.append(c)
    return sorted(kept, key=lambda c: (c.span.start, -c.span.end))
