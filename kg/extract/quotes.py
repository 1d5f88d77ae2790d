"""Quotes and reported speech: parsed Doc + entities -> ``ann.quotes``.

Direct quotes are found from the quote marks in the text (nested ones too); their cue is a verb
of saying next to the marks and their source the subject of that verb. Reported speech is a
verb of saying with a clausal complement ("said that …"), an addressee and an infinitive
("called on his fighters to resist"), or "according to X". Every quote carries the claim of its
speaker, with the certainty read inside its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from kg.extract import lexicon
from kg.extract.factuality import assess, weakest
from kg.extract.lexicon import words
from kg.extract.spans import (
    doc_text,
    mention_at,
    phrase_span,
    subtree_tokens,
    token_at,
    token_span,
    tokens_span,
)
from kg.model import Annotations, Certainty, Claim, Entity, Mention, Polarity, Quote, Span

_DOUBLE_OPEN = "“"
_DOUBLE_CLOSE = "”"
_SINGLE = re.compile(r"(?<![\w])[‘'](?=[\w“\"])([^\n]{1,400}?)(?<=[\w.,!?\"”])[’'](?![\w])")
_TRAILING = ",.;:"
_PRONOUNS = words("he she they it we i you")
_WINDOW = 14
_SOURCE_SKIP = ("relcl", "appos", "punct", "advcl")
_MEDIUM_PREPS = words("in via through during on")


@dataclass
class _Marks:
    """A pair of quote marks: the characters just inside them."""

    start: int
    end: int
    nested: bool = False


def find(doc: Doc, ann: Annotations) -> None:
    """Append the direct quotes and reported speech of ``doc`` to ``ann.quotes``."""
    direct = _direct_quotes(doc, ann)
    indirect = _reported_speech(doc, ann, direct)
    quotes = sorted(direct + indirect, key=lambda q: q.content.start)
    _continue_hedged_speakers(quotes)
    _continue_paragraph_speakers(doc_text(doc), quotes)
    for quote in quotes:
        quote.claims = [_claim(doc, quote)]
    ann.quotes.extend(quotes)


# -- quote marks -----------------------------------------------------------------------------


def double_marks(text: str) -> list[_Marks]:
    """Pair double quote marks within each paragraph; an unclosed quote runs to its end."""
    pairs: list[_Marks] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and opened is not None:
            pairs.append(_Marks(opened, i))
            opened = None
        elif ch == _DOUBLE_OPEN or (ch == '"' and opened is None):
            opened = i + 1
        elif (ch == _DOUBLE_CLOSE or ch == '"') and opened is not None:
            pairs.append(_Marks(opened, i))
            opened = None
    if opened is not None:
        pairs.append(_Marks(opened, len(text)))
    return pairs


def single_marks(text: str) -> list[_Marks]:
    """Find single-quoted stretches ('Do not retreat'), leaving apostrophes alone."""
    return [_Marks(m.start(1), m.end(1), nested=True) for m in _SINGLE.finditer(text)]


def content_span(text: str, marks: _Marks) -> Span:
    """Return the quoted text without surrounding blanks and trailing ",.;:"."""
    start, end = marks.start, marks.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return Span(start, end)


# -- tokens around the marks -----------------------------------------------------------------


def _stops(tok: Token) -> bool:
    return tok.text in (".", "!", "?", ";") or "\n" in tok.text or tok.text in ('"', "“", "”")


def _after(doc: Doc, end: int) -> list[Token]:
    """Return the tokens after a closing mark up to the end of the clause."""
    first = token_at(doc, end)
    while first.i < len(doc) - 1 and first.idx < end + 1:
        first = doc[first.i + 1]
    out: list[Token] = []
    for tok in doc[first.i : first.i + _WINDOW]:
        if _stops(tok):
            break
        out.append(tok)
    return out


def _before(doc: Doc, start: int) -> list[Token]:
    """Return the tokens before an opening mark back to the start of the clause."""
    out: list[Token] = []
    i = token_at(doc, start - 1).i - 1
    while i >= 0 and len(out) < _WINDOW and not _stops(doc[i]):
        out.insert(0, doc[i])
        i -= 1
    return out


def is_cue(tok: Token) -> bool:
    """Tell whether a token is a verb of saying."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.SPEECH_VERBS


def cue_span(tok: Token) -> Span:
    """Return the cue verb with its particle ("called on")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    phrasal = lexicon.PHRASAL_CUES.get(tok.lemma_.lower(), frozenset())
    if nxt is not None and nxt.lower_ in phrasal and nxt.head.i == tok.i:
        return tokens_span([tok, nxt])
    return token_span(tok)


# -- the source ------------------------------------------------------------------------------


@dataclass
class _Source:
    """The phrase naming a speaker and what it says about them."""

    span: Span
    head: Token
    identity: Token | None = None  # "Baghdadi" in "a voice said to be Baghdadi"
    hedge: Span | None = None


def _subject(cue: Token) -> Token | None:
    """Return the subject of a cue verb, shared with a coordinated verb if need be."""
    node = cue
    for _ in range(2):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if node.dep_ != "conj":
            break
        node = _partner(node)
    return None


def _partner(conj: Token) -> Token:
    """Return the verb a conjunct is coordinated with.

    Coordinated verbs share their form: "denied that the alert had been delayed and said …"
    hangs the finite "said" on the participle "delayed" inside the reported clause, while its
    partner is "denied" above it, of its own form, whose subject it shares. A conjunct with a
    subject of its own is a coordinated clause ("that the city was safe") and stays where it is.
    """
    head = conj.head
    above = head.head
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
    misattached = head.dep_ in ("ccomp", "xcomp") and conj.tag_ != head.tag_ and not own_subject
    return above if misattached and above.tag_ == conj.tag_ and above.i != head.i else head


def _inverted_subject(cue: Token, window: list[Token]) -> Token | None:
    """Return the head of the noun phrase right after the cue ("said a voice")."""
    later = [t for t in window if t.i > cue.i]
    if not later or later[0].pos_ not in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM"):
        return None
    head = later[0]
    while head.dep_ in ("det", "amod", "compound", "poss", "nummod") and head.head.i > head.i:
        head = head.head
    return head


def source_of(cue: Token, window: list[Token]) -> _Source | None:
    """Return the source phrase of a cue verb."""
    subj = _subject(cue) or _inverted_subject(cue, window)
    if subj is None:
        return None
    toks = [t for t in subtree_tokens(subj, _SOURCE_SKIP) if t.i != cue.i]
    if cue.i in {t.i for t in subj.subtree}:
        toks = [t for t in toks if t.i < cue.i] if subj.i < cue.i else [subj]
    if not toks:
        return None
    return _appositive_identity(_hedged_identity(_Source(tokens_span(toks), subj)))


def _appositive_identity(src: _Source) -> _Source:
    """Extend "Its chair" to "Its chair, Ann Pell" and take the name as who spoke."""
    if src.identity is not None or src.head.pos_ in ("PROPN", "PRON"):
        return src
    names = [
        c for c in src.head.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > src.head.i
    ]
    if not names:
        return src
    end = phrase_span(names[0], _SOURCE_SKIP)
    return _Source(Span(src.span.start, max(src.span.end, end.end)), src.head, names[0], src.hedge)


def _hedged_identity(src: _Source) -> _Source:
    """Extend "a voice" to "a voice said to be Baghdadi" and note the hedge."""
    doc = src.head.doc
    span = doc.char_span(src.span.start, src.span.end, alignment_mode="expand")
    i = span.end - 1 if span is not None else src.head.i
    said = list(doc[i + 1 : i + 4])
    if len(said) < 3 or said[0].lemma_.lower() not in lexicon.IDENTITY_HEDGES:
        return src
    if said[1].lower_ != "to" or said[2].lemma_ != "be" or i + 4 >= len(doc):
        return src
    ident = doc[i + 4]
    while ident.dep_ in ("compound", "amod", "det") and ident.head.i > ident.i:
        ident = ident.head
    end = phrase_span(ident, (*_SOURCE_SKIP, "prep"))
    return _Source(Span(src.span.start, end.end), src.head, ident, tokens_span(said))


# -- direct quotes ---------------------------------------------------------------------------


def _direct_quotes(doc: Doc, ann: Annotations) -> list[Quote]:
    """Return the quotes between quote marks that have a cue or read as a clause."""
    text = doc_text(doc)
    quotes: list[Quote] = []
    for marks in double_marks(text) + single_marks(text):
        content = content_span(text, marks)
        if content.end - content.start < 2:
            continue
        quote = _direct_quote(doc, ann, marks, content)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _clause_like(doc: Doc, content: Span) -> bool:
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in words)


def _direct_quote(doc: Doc, ann: Annotations, marks: _Marks, content: Span) -> Quote | None:
    clause = _clause_like(doc, content)
    if not clause and (len(content.text(doc_text(doc)).split()) < 2 or _is_term(doc, marks)):
        return None
    after = _after(doc, marks.end)
    before = _before(doc, marks.start)
    trailing_comma = doc_text(doc)[marks.end - 1 : marks.end + 2].strip().startswith(",")
    windows = (after, before) if trailing_comma or not before else (before, after)
    for window in windows:
        cues = [t for t in window if is_cue(t)]
        if not cues:
            continue
        cue = cues[0] if window is after else cues[-1]
        return _quote(doc, ann, content, True, cue, source_of(cue, window))
    return Quote(content=content, direct=True) if clause else None


def _is_term(doc: Doc, marks: _Marks) -> bool:
    """Tell whether quote marks sit inside a noun phrase ("a 'historic' deal"): a term."""
    before = token_at(doc, marks.start - 1)
    before = doc[before.i - 1] if before.i > 0 and before.is_quote else before
    return before.pos_ in ("DET", "ADJ", "ADP", "NUM") or before.dep_ == "poss"


def _quote(
    doc: Doc, ann: Annotations, content: Span, direct: bool, cue: Token, src: _Source | None
) -> Quote:
    quote = Quote(content=content, direct=direct, cue=cue_span(cue))
    if src is not None:
        quote.source_mention = src.span
        quote.speaker = _speaker(ann, src)
        if quote.speaker is not None and _only_quoted(ann, quote.speaker, content):
            quote.speaker = None  # the speaker is never someone named only in the quote
        if src.hedge is not None:
            quote.speaker_certainty = "POSSIBLE"
            quote.speaker_hedges = [src.hedge]
    _medium(doc, quote, cue, src)
    return quote


def _speaker(ann: Annotations, src: _Source) -> int | None:
    """Resolve the source phrase to an entity, naming an anonymous one when none matches."""
    if src.identity is not None:
        ident = mention_at(ann, token_span(src.identity))
        if ident is not None:
            return ident.entity
    found = mention_at(ann, src.span, token_span(src.head))
    if found is not None:
        return found.entity
    if src.head.lower_ in _PRONOUNS or src.head.pos_ == "PRON":
        return None
    return _anonymous(ann, src)


def _only_quoted(ann: Annotations, entity: int, content: Span) -> bool:
    """Tell whether every name or description of an entity lies inside a quote's content."""
    own = [m for m in ann.mentions if m.entity == entity and m.kind != "PRO"]
    return bool(own) and all(
        content.start <= m.span.start and m.span.end <= content.end for m in own
    )


def _anonymous(ann: Annotations, src: _Source) -> int:
    """Add an entity for a source the article does not name ("Some sources")."""
    name = src.span.text(ann.article.text)
    ann.entities.append(Entity(type="OTHER", name=name))
    ann.mentions.append(Mention(src.span, len(ann.entities) - 1, "NOM"))
    return len(ann.entities) - 1


def _medium(doc: Doc, quote: Quote, cue: Token, src: _Source | None) -> None:
    """Name the medium from the source phrase ("a tweet …") or an "in the message" adjunct."""
    if src is not None and src.head.lemma_.lower() in lexicon.MEDIA:
        _set_medium(quote, src.head)
        return
    for tok in doc[cue.i + 1 : cue.i + _WINDOW]:
        if _stops(tok):
            return
        if tok.lemma_.lower() in lexicon.MEDIA and tok.head.lower_ in _MEDIUM_PREPS:
            _set_medium(quote, tok)
            return


def _set_medium(quote: Quote, noun: Token) -> None:
    mods = [
        c
        for c in noun.children
        if c.dep_ in ("amod", "compound") and c.i < noun.i and c.pos_ != "PROPN"
    ]
    span = tokens_span([*mods, noun]) if mods else token_span(noun)
    quote.medium = span.text(doc_text(noun.doc)).lower()
    quote.medium_span = span


# -- reported speech -------------------------------------------------------------------------


def _reported_speech(doc: Doc, ann: Annotations, direct: list[Quote]) -> list[Quote]:
    """Return reported speech: "X said that …", "X called on Y to …", "According to X, …"."""
    quotes: list[Quote] = []
    contents = [q.content for q in direct]
    # a verb that introduces a direct quote does not report a second proposition
    cues = {q.cue.start for q in direct if q.cue is not None}
    for tok in doc:
        if tok.idx in cues:
            continue
        content = next((c for c in _reported_contents(tok) if _good(doc, c, contents)), None)
        if content is None:
            continue
        if tok.lower_ == "according":
            quotes.append(_according(doc, ann, tok, content))
            continue
        src = source_of(tok, [])
        if src is not None:
            quotes.append(_quote(doc, ann, content, False, tok, src))
    return quotes


def _good(doc: Doc, content: Span | None, direct: list[Span]) -> bool:
    """Tell whether reported content stays in its paragraph and off the direct quotes."""
    if content is None:
        return False
    text = content.text(doc_text(doc))
    return "\n" not in text and len(text) > 2 and not any(d.overlaps(content) for d in direct)


def _reported_contents(tok: Token) -> list[Span | None]:
    """Return the candidate contents reported by a token, best first."""
    if tok.lower_ == "according":
        return [_according_content(tok)]
    if not is_cue(tok) or any(c.dep_ == "neg" for c in tok.children):
        # "did not say where …" reports nothing the subject said
        return []
    comps = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
    return [_clause_content(tok, c) for c in comps] + [_addressee_content(tok)]


def _clause_content(cue: Token, comp: Token) -> Span | None:
    """Return the span of a reported clause without its "that", with a ", but …" after it."""
    # a verb coordinated with the cue but hung on the clause is not part of what was reported
    # ("denied that the alert had been delayed and said …"): it ends the clause, with its "and"
    away = [c for c in comp.children if c.dep_ == "conj" and _partner(c).i != comp.i]
    # nor is an aside that credits someone else ("…, as the trust had alleged")
    away += [c for c in comp.children if _credit_aside(c)]
    skip = {t.i for c in away for t in c.subtree}
    joints = ("cc", "punct")  # the "and" or "," before what is left out
    skip |= {t.i for c in away for t in c.doc[comp.i : c.i] if t.dep_ in joints and t.head == comp}
    toks = [
        t
        for t in subtree_tokens(comp)
        if t.i not in skip and not (t.dep_ == "mark" and t.i < comp.i)
    ]
    if not toks:
        return None
    more = _coordinated_tail(cue, toks[-1])
    return tokens_span(toks + more)


def _credit_aside(clause: Token) -> bool:
    """Tell whether a clause is "as X said": an aside that credits another source."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    return (
        clause.dep_ == "advcl"
        and clause.i > clause.head.i
        and [m.lower_ for m in marks] == ["as"]
        and clause.lemma_.lower() in lexicon.SPEECH_VERBS
    )


def _coordinated_tail(cue: Token, last: Token) -> list[Token]:
    """Return ", but most likely he is out" when the parser hung it above the cue."""
    doc = cue.doc
    nxt = [t for t in doc[last.i + 1 : last.i + 3]]
    if len(nxt) < 2 or nxt[0].text != "," or nxt[1].pos_ != "CCONJ":
        return []
    ancestors = {cue.i} | {a.i for a in cue.ancestors}
    conj = next((t for t in doc[nxt[1].i + 1 : nxt[1].i + 6] if t.dep_ == "conj"), None)
    if conj is None or conj.head.i not in ancestors:
        return []
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
        # ", and said that …": the speaker's next act, sharing the subject, not more content
        return []
    return subtree_tokens(conj, ("punct",))


def _addressee_content(tok: Token) -> Span | None:
    """Return "his fighters to resist" of "called on his fighters to resist"."""
    if tok.lemma_.lower() not in lexicon.ADDRESSEE_VERBS:
        return None
    xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
    addressees = [c for c in tok.children if c.dep_ == "dobj"]
    particles = lexicon.PHRASAL_CUES.get(tok.lemma_.lower(), frozenset())
    for prep in (
        c for c in tok.children if c.dep_ == "prep" and c.lower_ in particles and c.i > tok.i
    ):
        addressees.extend(c for c in prep.children if c.dep_ == "pobj")
    if not xcomps or not addressees:
        return None
    end = subtree_tokens(xcomps[0], ("advcl", "punct"))
    start = subtree_tokens(addressees[0], ("relcl",))
    return Span(start[0].idx, tokens_span(end).end) if start and end else None


def _according_content(tok: Token) -> Span | None:
    """Return the rest of the sentence around "according to X"."""
    to = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if to is None or to.lower_ != "to":
        return None
    sent = [t for t in tok.sent if not t.is_space]
    phrase = _according_phrase(tok)
    rest = [t for t in sent if t.i > phrase[-1].i] if phrase[0].i <= sent[0].i else []
    if not rest:
        rest = [t for t in sent if t.i < phrase[0].i]
    rest = [t for t in rest if "\n" not in t.text]
    while rest and (rest[0].is_punct or rest[-1].is_punct):
        rest = rest[1:] if rest[0].is_punct else rest[:-1]
    return tokens_span(rest) if rest else None


def _according_phrase(tok: Token) -> list[Token]:
    """Return the tokens of "According to the US military"."""
    doc = tok.doc
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    last = max((t.i for o in objs for t in o.subtree), default=to.i)
    return [doc[i] for i in range(tok.i, last + 1)]


def _according(doc: Doc, ann: Annotations, tok: Token, content: Span) -> Quote:
    phrase = _according_phrase(tok)
    quote = Quote(content=content, direct=False, cue=tokens_span(phrase[:2]))
    if len(phrase) > 2:
        head = next((c for c in phrase[1].children if c.dep_ == "pobj"), phrase[-1])
        src = _Source(tokens_span(phrase[2:]), head)
        quote.source_mention = src.span
        quote.speaker = _speaker(ann, src)
    return quote


# -- speaker continuity and claims -----------------------------------------------------------


def _continue_hedged_speakers(quotes: list[Quote]) -> None:
    """Let quotes that go on with a hedged speaker ("… he said") keep the hedge and medium."""
    last: Quote | None = None
    for quote in quotes:
        if not quote.direct:
            continue
        if quote.speaker is None and quote.source_mention is not None and last is not None:
            quote.speaker = last.speaker
        if last is not None and quote.speaker is not None and quote.speaker == last.speaker:
            if quote.speaker_certainty == "CERTAIN" and last.speaker_certainty != "CERTAIN":
                quote.speaker_certainty = last.speaker_certainty
                quote.speaker_hedges = list(last.speaker_hedges)
            if quote.medium is None:
                quote.medium = last.medium
        if quote.speaker is not None:
            last = quote


def _continue_paragraph_speakers(text: str, quotes: list[Quote]) -> None:
    """Give a quote with no cue and no source the speaker of the quote just before it.

    News runs a speaker's quotes on in one paragraph: '"Jonah is our player," she told
    reporters. "I have not spoken to anyone at City."' The second quote is hers too. Across a
    paragraph break, or after reported speech, nothing is assumed.
    """
    for before, quote in pairwise(quotes):
        alone = quote.direct and quote.cue is None and quote.source_mention is None
        if not alone or quote.speaker is not None or not before.direct or before.speaker is None:
            continue
        if "\n" in text[before.content.end : quote.content.start]:
            continue
        quote.speaker = before.speaker
        quote.speaker_certainty = before.speaker_certainty
        quote.speaker_hedges = list(before.speaker_hedges)
        quote.medium = quote.medium or before.medium


def content_roots(doc: Doc, content: Span) -> list[Token]:
    """Return the predicates of a quote's content: its tokens governed from outside it."""
    span = doc.char_span(content.start, content.end, alignment_mode="contract")
    if span is None:
        return []
    roots = [t for t in span if (t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i)]
    return [t for t in roots if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN")] or [span.root]


def _claim(doc: Doc, quote: Quote) -> Claim:
    """Return the speaker's claim of the quoted proposition."""
    found = [assess(t, doc, quote.content) for t in content_roots(doc, quote.content)]
    levels: list[Certainty] = [f.certainty for f in found]
    hedges = sorted({h for f in found for h in f.hedges})
    polarity: Polarity = found[0].polarity if found else "POSITIVE"
    if denies(doc, quote):
        polarity = reversed_polarity(polarity)
    return Claim(quote.speaker, weakest(levels), polarity, hedges)


def denies(doc: Doc, quote: Quote) -> bool:
    """Tell whether reported speech is introduced by a verb that denies it ("deny", "reject")."""
    if quote.direct or quote.cue is None:
        return False
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return cue is not None and cue[0].lemma_.lower() in lexicon.NEGATING_GOVERNORS


def reversed_polarity(polarity: Polarity) -> Polarity:
    """Turn what a source affirms into what it denies, and back; an open question stays open."""
    if polarity == "POSITIVE":
        return "NEGATIVE"
    return "POSITIVE" if polarity == "NEGATIVE" else polarity
