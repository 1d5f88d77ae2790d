"""Sources of quotes: a cue verb -> the phrase naming who spoke, the speaker and the medium.

The source is the subject of the cue verb (or the noun phrase right after it: "said a voice"),
extended by a hedged identity ("a voice said to be Baghdadi") or an appositive name ("Its
chair, Ann Pell"). It resolves to an entity through the mentions found so far; a source the
article does not name ("some sources") becomes an unnamed source of its own.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.spans import (
    Known,
    doc_text,
    entity_of,
    mention_at,
    phrase_span,
    subtree_tokens,
    token_span,
    tokens_span,
)
from kg.model import Quote, Span

WINDOW = 14  # tokens around quote marks or after a cue that are searched
SOURCE_SKIP = ("relcl", "appos", "punct", "advcl")


def stops(tok: Token) -> bool:
    """Tell whether a token ends the clause around a quote (final punctuation, a mark)."""
    return tok.text in (".", "!", "?", ";") or "\n" in tok.text or tok.text in ('"', "“", "”")


_INFLECTIONS = (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e"))


def verb_lemma(tok: Token, words: Collection[str]) -> str | None:
    """Return the word of ``words`` a verb is a form of: its lemma, else a regular inflection.

    The small model's lemmatiser now and then takes a regular form for another verb's ("hopes"
    -> "hop"); the word itself, less a regular ending, still names the verb.
    """
    return word_of(tok.lemma_.lower(), tok.lower_, words)


def word_of(lemma: str, lower: str, words: Collection[str]) -> str | None:
    """Return the word of ``words`` a verb of this lemma and lower-case form is a form of."""
    if lemma in words:
        return lemma
    for ending, stem in _INFLECTIONS:
        if lower.endswith(ending) and lower[: -len(ending)] + stem in words:
            return lower[: -len(ending)] + stem
    return None


def is_cue(tok: Token, lex: Lexicon) -> bool:
    """Tell whether a token is a verb of saying."""
    return tok.pos_ == "VERB" and verb_lemma(tok, lex.speech_verbs) is not None


def reports_finding(tok: Token, lex: Lexicon) -> bool:
    """Tell whether a verb reports what a document, poll or study found ("a poll found that")."""
    if tok.pos_ != "VERB" or verb_lemma(tok, lex.finding_verbs) is None:
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ == "acl":
        subjects = [tok.head]  # "a survey showing that …"
    return any(s.lemma_.lower() in lex.document_nouns for s in subjects)


def is_attitude_adjective(tok: Token, lex: Lexicon) -> bool:
    """Tell whether a token is "confident" of "Clinton is confident that …"."""
    return (
        tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in lex.attitude_adjectives
    )


def attitude_complements(tok: Token, lex: Lexicon) -> str:
    """Return which complements report its subject's thought or aim ("clause", "infinitive", …).

    An empty string for a word that is no such verb, or one in the passive ("is expected to"),
    whose subject holds nothing.
    """
    if tok.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in tok.children):
        return ""
    lemma = verb_lemma(tok, lex.attitude_verbs)
    return lex.attitude_verbs[lemma] if lemma is not None else ""


def cue_span(tok: Token, lex: Lexicon) -> Span:
    """Return the cue verb with its particle ("called on")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    phrasal = lex.phrasal_cues.get(tok.lemma_.lower(), frozenset())
    if nxt is not None and nxt.lower_ in phrasal and nxt.head.i == tok.i:
        return tokens_span([tok, nxt])
    return token_span(tok)


@dataclass
class Source:
    """The phrase naming a speaker and what it says about them."""

    span: Span
    head: Token
    identity: Token | None = None  # "Baghdadi" in "a voice said to be Baghdadi"
    hedge: Span | None = None


def _subject(cue: Token) -> Token | None:
    """Return the subject of a cue verb, shared with a coordinated verb if need be."""
    node = cue.head if cue.dep_ == "acomp" else cue  # "Clinton is confident that …"
    for _ in range(2):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _noun_said_by(cue) if child.tag_ in ("WDT", "WP") else child
        if node.dep_ != "conj":
            break
        node = partner(node)
    return _noun_said_by(cue)


def _noun_said_by(cue: Token) -> Token | None:
    """Return who speaks through "a statement saying …" or "a report that said …".

    The noun the cue describes speaks for whoever put it out ("The campaign issued a statement
    saying …"); one that nobody is said to have put out is the source itself ("a report
    saying …").
    """
    noun = cue.head
    if cue.dep_ not in ("acl", "relcl") or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.dep_ == "dobj":
        issuer = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if issuer and issuer[0].tag_ not in ("WDT", "WP"):
            return issuer[0]
    return noun


def partner(conj: Token) -> Token:
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


def source_of(cue: Token, window: list[Token], lex: Lexicon) -> Source | None:
    """Return the source phrase of a cue verb."""
    subj = _subject(cue) or _inverted_subject(cue, window)
    if subj is None:
        return None
    toks = [t for t in subtree_tokens(subj, SOURCE_SKIP) if t.i != cue.i]
    if cue.i in {t.i for t in subj.subtree}:
        toks = [t for t in toks if t.i < cue.i] if subj.i < cue.i else [subj]
    if not toks:
        return None
    return _appositive_identity(_hedged_identity(Source(tokens_span(toks), subj), lex))


def _appositive_identity(src: Source) -> Source:
    """Extend "Its chair" to "Its chair, Ann Pell" and take the name as who spoke."""
    if src.identity is not None or src.head.pos_ in ("PROPN", "PRON"):
        return src
    names = [
        c for c in src.head.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > src.head.i
    ]
    if not names:
        return src
    end = phrase_span(names[0], SOURCE_SKIP)
    return Source(Span(src.span.start, max(src.span.end, end.end)), src.head, names[0], src.hedge)


def _hedged_identity(src: Source, lex: Lexicon) -> Source:
    """Extend "a voice" to "a voice said to be Baghdadi" and note the hedge."""
    doc = src.head.doc
    span = doc.char_span(src.span.start, src.span.end, alignment_mode="expand")
    i = span.end - 1 if span is not None else src.head.i
    said = list(doc[i + 1 : i + 4])
    if len(said) < 3 or said[0].lemma_.lower() not in lex.identity_hedges:
        return src
    if said[1].lower_ != "to" or said[2].lemma_ != "be" or i + 4 >= len(doc):
        return src
    ident = doc[i + 4]
    while ident.dep_ in ("compound", "amod", "det") and ident.head.i > ident.i:
        ident = ident.head
    end = phrase_span(ident, (*SOURCE_SKIP, "prep"))
    return Source(Span(src.span.start, end.end), src.head, ident, tokens_span(said))


def make_quote(
    known: Known, content: Span, direct: bool, cue: Token, src: Source | None, lex: Lexicon
) -> Quote:
    """Return the quote of ``content`` with its cue, its source and speaker, and its medium."""
    quote = Quote(content=content, direct=direct, cue=cue_span(cue, lex))
    if src is not None:
        quote.source_mention = src.span
        quote.speaker = speaker(known, src, lex)
        if quote.speaker is None and lex.third_person_pronouns.get(src.head.lower_) == "singular":
            start = min(content.start, src.span.start)
            quote.speaker = _named_before(known, doc_text(cue.doc), start, content)
        if quote.speaker is not None and _only_quoted(known, quote.speaker, content):
            quote.speaker = None  # the speaker is never someone named only in the quote
        if src.hedge is not None:
            quote.speaker_certainty = "POSSIBLE"
            quote.speaker_hedges = [src.hedge]
    _medium(cue.doc, quote, cue, src, lex)
    return quote


def _named_before(known: Known, text: str, start: int, content: Span) -> int | None:
    """Return the person named last before a quote, in its paragraph or the one before.

    '"…," he told the crowd' after a quote of several sentences: the pronoun is further from
    its name than coreference looks, but a quote's speaker is the one named before it.
    """
    people = [
        m
        for m in known.mentions
        if m.span.end <= start
        and m.kind in ("NAM", "NOM")
        and not content.contains(m.span)
        and known.entities[m.entity].type == "PERSON"
    ]
    if not people:
        return None
    last = max(people, key=lambda m: m.span.end)
    breaks = [p for p in text[last.span.end : start].split("\n") if p.strip()]
    return last.entity if len(breaks) <= 2 else None


def speaker(known: Known, src: Source, lex: Lexicon) -> int | None:
    """Resolve the source phrase to an entity, naming an unnamed one when none matches."""
    if src.identity is not None:
        ident = mention_at(known, token_span(src.identity))
        if ident is not None:
            return ident.entity
    head = src.head
    name = src.span.text(doc_text(head.doc))
    if head.pos_ == "NOUN" and head.lemma_.lower() in lex.source_nouns:
        # "a spokesperson for the water authority" is not the authority: only a mention of
        # the spokesperson is, else an unnamed source of its own, with its organisation
        own = mention_at(known, src.span, token_span(head), strict=True)
        if own is not None:
            return own.entity
        return known.add_unnamed(src.span, name, _affiliation(known, head))
    found = mention_at(known, src.span, token_span(head))
    if found is not None:
        return found.entity
    if head.lower_ in lex.speaker_pronouns or head.pos_ == "PRON":
        return None
    return known.add_unnamed(src.span, name)


def _affiliation(known: Known, head: Token) -> int | None:
    """Return the organisation an unnamed source is at, speaks for or comes from, if named.

    "a White House aide", "the party's spokesman", "officials at the ministry", "sources close
    to the campaign": a name compounded with the noun, its possessor, or the object of a
    preposition it governs (through "close to").
    """
    near = [c for c in head.children if c.dep_ in ("compound", "poss") and c.i < head.i]
    preps = [c for c in head.children if c.dep_ == "prep" and c.i > head.i]
    for mod in head.children:
        if mod.dep_ in ("amod", "advmod") and mod.i > head.i:
            preps.extend(c for c in mod.children if c.dep_ == "prep")
    near += [o for p in preps for o in p.children if o.dep_ == "pobj"]
    for tok in near:
        entity = entity_of(known, tok)
        if entity is not None and known.entities[entity].type == "ORG":
            return entity
    return None


def _only_quoted(known: Known, entity: int, content: Span) -> bool:
    """Tell whether every name or description of an entity lies inside a quote's content."""
    own = [m for m in known.mentions if m.entity == entity and m.kind != "PRO"]
    return bool(own) and all(
        content.start <= m.span.start and m.span.end <= content.end for m in own
    )


def _medium(doc: Doc, quote: Quote, cue: Token, src: Source | None, lex: Lexicon) -> None:
    """Name the medium from the source phrase ("a tweet …") or an "in the message" adjunct."""
    if src is not None and src.head.lemma_.lower() in lex.media:
        _set_medium(quote, src.head)
        return
    for tok in doc[cue.i + 1 : cue.i + WINDOW]:
        if stops(tok):
            return
        if tok.lemma_.lower() in lex.media and tok.head.lower_ in lex.medium_prepositions:
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
