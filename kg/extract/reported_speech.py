"""Reported speech: "X said that …", "X called on Y to …", "according to X, …" -> quotes.

The content is the clause a verb of saying governs (without its "that", with a ", but …" the
parser hung above the cue; before the cue when it is fronted: "…, aides said"), the clause or
infinitive of a verb of thought or intention ("believes that …", "wants to …"), the addressee
and infinitive of a cue like "called on", or the rest of the sentence around "according to X".
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.quote_sources import (
    Source,
    attitude_complements,
    is_attitude_adjective,
    is_cue,
    make_quote,
    partner,
    reports_finding,
    source_of,
    speaker,
    word_of,
)
from kg.extract.reported_nouns import noun_quote
from kg.extract.spans import Known, doc_text, subtree_tokens, tokens_span
from kg.model import Quote, Span


def reported_speech(doc: Doc, known: Known, direct: list[Quote], lex: Lexicon) -> list[Quote]:
    """Return reported speech: "X said that …", "X called on Y to …", "According to X, …"."""
    quotes: list[Quote] = []
    contents = [q.content for q in direct]
    # a verb that introduces a direct quote does not report a second proposition
    cues = {q.cue.start for q in direct if q.cue is not None}
    for i in may_report(doc, lex):
        tok = doc[i]
        if tok.idx in cues:
            continue
        by_noun = noun_quote(tok, known, lex)
        if by_noun is not None and _good(doc, by_noun.content, contents):
            quotes.append(by_noun)
            continue
        content = next((c for c in _reported_contents(tok, lex) if _good(doc, c, contents)), None)
        if content is None:
            continue
        if tok.lower_ == "according":
            quotes.append(_according(known, tok, content, lex))
            continue
        src = source_of(tok, [], lex)
        if src is not None:
            quotes.append(make_quote(known, content, False, tok, src, lex))
    return quotes


def may_report(doc: Doc, lex: Lexicon) -> list[int]:
    """Return the tokens that may introduce reported speech, read as arrays, not as Tokens.

    Only "according", a verb that is a form of a reporting verb, a reporting noun and an
    attitude adjective report (``_reported_contents`` and ``noun_quote`` give nothing for the
    others).
    """
    strings = doc.vocab.strings
    according = strings["according"]
    found = []
    for i, (pos, lemma, lower) in enumerate(doc.to_array([POS, LEMMA, LOWER]).tolist()):
        if lower == according:
            found.append(i)
        elif pos == VERB:
            if word_of(strings[lemma].lower(), strings[lower], lex.reporting_verbs) is not None:
                found.append(i)
        elif pos == NOUN:
            if strings[lemma].lower() in lex.reporting_nouns:
                found.append(i)
        elif pos == ADJ and strings[lemma].lower() in lex.attitude_adjectives:
            found.append(i)
    return found


def _good(doc: Doc, content: Span | None, direct: list[Span]) -> bool:
    """Tell whether reported content stays in its paragraph and off the direct quotes."""
    if content is None:
        return False
    text = content.text(doc_text(doc))
    return "\n" not in text and len(text) > 2 and not any(d.overlaps(content) for d in direct)


def _reported_contents(tok: Token, lex: Lexicon) -> list[Span | None]:
    """Return the candidate contents reported by a token, best first."""
    if tok.lower_ == "according":
        return [_according_content(tok)]
    if is_attitude_adjective(tok, lex):
        return [_adjective_content(tok, lex)]
    attitude = attitude_complements(tok, lex)
    saying = is_cue(tok, lex) or reports_finding(tok, lex)
    if not (saying or attitude) or any(c.dep_ == "neg" for c in tok.children):
        # "did not say where …" reports nothing the subject said
        return []
    if saying or attitude in ("clause", "both"):
        comps = [c for c in tok.children if c.dep_ == "ccomp" and _reported_clause(tok, c)]
        found = [_clause_content(tok, c, lex) for c in comps]
    else:
        found = []
    if attitude in ("infinitive", "both"):
        found.append(_infinitive_content(tok))
    return [*found, _addressee_content(tok, lex)]


def _adjective_content(adj: Token, lex: Lexicon) -> Span | None:
    """Return the that-clause of "is confident that …", on the adjective or on its copula."""
    comps = [c for c in adj.children if c.dep_ == "ccomp"]
    comps += [c for c in adj.head.children if c.dep_ == "ccomp" and c.i > adj.i]
    return _clause_content(adj, comps[0], lex) if comps else None


def _reported_clause(cue: Token, comp: Token) -> bool:
    """Tell whether a clausal complement is what the cue reports: after it, or fronted.

    A fronted clause ends in a comma before the cue and its source: "The deal was a mistake,
    aides said", "…, said Jan Ortiz".
    """
    if comp.i > cue.i:
        return True
    last = max(t.i for t in comp.subtree)
    between = cue.doc[last + 1 : cue.i]
    return (
        bool(between)
        and between[0].text == ","
        and all(t.i in {s.i for s in cue.subtree} for t in between)
    )


def _infinitive_content(cue: Token) -> Span | None:
    """Return "to raise the wage" of "wants to raise the wage" (with "the Senate" before it)."""
    xcomps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if not xcomps or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in xcomps[0].children):
        return None
    toks = subtree_tokens(xcomps[0], ("punct",))
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < xcomps[0].i]
    start = subtree_tokens(objects[0], ("relcl",))[0] if objects else toks[0]
    return Span(start.idx, tokens_span(toks).end) if toks else None


def _clause_content(cue: Token, comp: Token, lex: Lexicon) -> Span | None:
    """Return the span of a reported clause without its "that", with a ", but …" after it."""
    # a verb coordinated with the cue but hung on the clause is not part of what was reported
    # ("denied that the alert had been delayed and said …"): it ends the clause, with its "and"
    away = [c for c in comp.children if c.dep_ == "conj" and partner(c).i != comp.i]
    # nor is an aside that credits someone else ("…, as the trust had alleged")
    away += [c for c in comp.children if _credit_aside(c, lex)]
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


def _credit_aside(clause: Token, lex: Lexicon) -> bool:
    """Tell whether a clause is "as X said": an aside that credits another source."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    return (
        clause.dep_ == "advcl"
        and clause.i > clause.head.i
        and [m.lower_ for m in marks] == ["as"]
        and clause.lemma_.lower() in lex.speech_verbs
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


def _addressee_content(tok: Token, lex: Lexicon) -> Span | None:
    """Return "his fighters to resist" of "called on his fighters to resist"."""
    if tok.lemma_.lower() not in lex.addressee_verbs:
        return None
    xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
    addressees = [c for c in tok.children if c.dep_ == "dobj"]
    particles = lex.phrasal_cues.get(tok.lemma_.lower(), frozenset())
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


def _according(known: Known, tok: Token, content: Span, lex: Lexicon) -> Quote:
    phrase = _according_phrase(tok)
    quote = Quote(content=content, direct=False, cue=tokens_span(phrase[:2]))
    if len(phrase) > 2:
        head = next((c for c in phrase[1].children if c.dep_ == "pobj"), phrase[-1])
        src = Source(tokens_span(phrase[2:]), head)
        quote.source_mention = src.span
        quote.speaker = speaker(known, src, lex)
    return quote
