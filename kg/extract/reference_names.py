"""The reference names component: names known from reference knowledge -> ``doc.ents``.

It labels the names of the reference lookup (case-sensitive) over the model's entities and
cleans the model's own (a possessive or a shouted word glued on, two names joined by a dash).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import doc_state
from kg.extract.lookup import Lookup

REFERENCE_ID = "reference"  # span id marking entities that come from reference names

# reference types -> spaCy entity labels
SPACY_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "GPE"}


@Language.factory("reference_names", requires=["doc.ents"], assigns=["doc.ents"])
def make_reference_names(nlp: Language, name: str) -> ReferenceNames:
    """Create the component that labels names known from reference knowledge."""
    return ReferenceNames(nlp)


class ReferenceNames(doc_state.Component):
    """Label reference names (case-sensitive), overriding the model where they disagree.

    A model entity that strictly contains a reference name is kept ("British Embassy in
    Baghdad" over "Baghdad"); otherwise the reference name replaces what it overlaps.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

    def set_lookup(self, lookup: Lookup) -> None:
        """Look for the names the reference lookup knows."""
        self.add_patterns(lookup.patterns())

    def add_patterns(self, patterns: Iterable[tuple[str, str]]) -> None:
        """Add (label, type) pairs; types other than PERSON, ORG, PLACE are ignored."""
        by_label: dict[str, list[Doc]] = {}
        for text, kind in patterns:
            label = SPACY_LABEL.get(kind)
            if label and text.strip():
                by_label.setdefault(label, []).append(self.nlp.make_doc(text))
        for label, docs in by_label.items():
            self.matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        found = [s for s in self._matches(doc) if not _shouted(s)]
        known = {(s.start, s.end) for s in found}
        ents = [clean_entity(part) for e in doc.ents for part in split_at_dash(e, known)]
        kept = [e for e in ents if e is not None and not _displaced(e, found)]
        found = [s for s in found if not any(_inside(s, e) for e in kept)]
        doc.ents = filter_spans(kept + found)
        return doc

    def _matches(self, doc: Doc) -> list[Span]:
        """Return the longest non-overlapping reference names in ``doc``."""
        spans = [
            Span(doc, start, end, label=label, span_id=REFERENCE_ID)
            for label, start, end in self.matcher(doc)
        ]
        return filter_spans(spans)


DASHES = frozenset({"-", "–", "—"})


def split_at_dash(ent: Span, known: set[tuple[int, int]]) -> list[Span]:
    """Split an entity at a dash set off by spaces when a part is a known name.

    "San Jose - Cisco" is two names; "Wal - Mart" (a tokenised "Wal-Mart") stays one.
    """
    doc = ent.doc
    cuts = [
        t.i for t in ent[1:-1] if t.text in DASHES and doc[t.i - 1].whitespace_ and t.whitespace_
    ]
    if not cuts:
        return [ent]
    bounds = [ent.start, *cuts, ent.end]
    parts = []
    for k in range(len(bounds) - 1):
        start = bounds[k] + (1 if k > 0 else 0)
        if start < bounds[k + 1]:
            parts.append(Span(doc, start, bounds[k + 1], label=ent.label, span_id=ent.id))
    return parts if any((p.start, p.end) in known for p in parts) else [ent]


def clean_entity(ent: Span) -> Span | None:
    """Strip a possessive and shouted words glued to the front ("ESCAPED Mosul" -> "Mosul")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    while end - start > 1 and _is_shouting(doc[start].text) and doc[start + 1].text.istitle():
        start += 1
    if start == end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label, span_id=ent.id)


def _is_shouting(word: str) -> bool:
    """Tell whether a word is an all-capital word longer than an acronym usually is."""
    return len(word) >= 5 and word.isalpha() and word.isupper()


def _shouted(span: Span) -> bool:
    """Tell whether an all-capital match sits among all-capital words (a shouted headline)."""
    if not span.text.isupper():
        return False
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


def _inside(inner: Span, outer: Span) -> bool:
    """Tell whether ``inner`` lies strictly inside ``outer``."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.start, outer.end) != (inner.start, inner.end)
    )


def _displaced(ent: Span, found: list[Span]) -> bool:
    """Tell whether a model entity gives way to an overlapping reference name."""
    return any(s.start < ent.end and ent.start < s.end and not _inside(s, ent) for s in found)
