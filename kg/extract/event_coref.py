"""The event coreference component: event mentions -> happenings (``doc._.nkg_events``, merged).

Each event the events component found is one mention; the sieve (``kg.extract.event_sieve``)
clusters the mentions of one happening, and each cluster becomes one event with every mention
as a trigger, the participants of all of them and every claim about it: one claim per source,
certainty and polarity, each resting on the mentions that make it (``Claim.evidence``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from typing import Any

import snowballstemmer
from spacy.tokens import Doc, Token

from kg.extract import doc_state
from kg.extract.event_anaphora import anaphors, candidates, lead_event, shell_noun
from kg.extract.event_participants import with_verb_agents
from kg.extract.event_sieve import EventMention, TypeInfo, resolve
from kg.extract.event_triggers import Triggers
from kg.extract.lexicon import Lexicon
from kg.extract.spans import doc_text, tokens_span
from kg.model import Claim, Event, Quote, Role, Span, TimeExpression

_WORDS = re.compile(r"\w+")
# the pure-Python Snowball stemmer takes ~20 us a word; news repeats its words
_stem = functools.lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer("english").stemWord)
# dependents through which a copula shares a subject ("the offensive began and is expected to be")
_RAISED = frozenset({"xcomp", "ccomp", "conj"})


@doc_state.lexicon_component(
    "newskg_event_coref",
    requires=[
        "token.dep",
        doc_state.attr(doc_state.EVENTS),
        doc_state.attr(doc_state.QUOTES),
        doc_state.attr(doc_state.TIMES),
    ],
    assigns=[doc_state.attr(doc_state.EVENTS)],
)
class EventCoreference(doc_state.Component):
    """Merge the mentions of one happening into one event."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.triggers = Triggers(lex)

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = with_verb_agents(doc, doc_state.get(doc, doc_state.EVENTS), _head)
        found = self.anaphors(doc, events)
        antecedents = {len(events) + k: n for k, (_, n) in enumerate(found)}
        events = events + [event for event, _ in found]
        quotes, times = doc_state.quotes(doc), doc_state.times(doc)
        mentions = self.mentions(doc, events, quotes, times, antecedents)
        clusters = resolve(mentions, self.lex.event_type_hierarchy)
        kept = _kept(clusters, antecedents)
        events = [
            self._with_predicate(doc, events[i]) if i not in antecedents else events[i]
            for i in kept
        ]
        clusters = [clusters[i] for i in kept]
        setattr(doc._, doc_state.EVENTS, merge(events, clusters, self.lex.event_type_hierarchy))
        return doc

    def anaphors(self, doc: Doc, events: list[Event]) -> list[tuple[Event, int]]:
        """Return an event for each pronoun that stands for one of ``events`` ("which", "this"),
        of its antecedent's type and with no claim of its own, and the antecedent's index."""
        at = {tok.i: n for n, e in enumerate(events) if (tok := _head(doc, e.trigger)) is not None}
        found = anaphors(candidates(doc), at, self._descend, self._times)
        return [(Event(trigger=tokens_span([tok]), type=events[n].type), n) for tok, n in found]

    def _with_predicate(self, doc: Doc, event: Event) -> Event:
        """Return the event with its trigger's predicate as a lemma (`Event.lemmas`: the head
        word's lemma, with the particle of a phrasal verb: "ran away" -> "run away") and the
        figures the predicate gives (`Event.figures`)."""
        tok = _head(doc, event.trigger)
        if tok is None or not tok.is_alpha:
            return event
        particle = event.trigger.text(doc_text(doc))[len(tok.text) :].strip().lower()
        lemma = " ".join(filter(None, (self.triggers.lemma(tok), particle)))
        given = cardinal_figures(self.triggers.predicate(tok), self.lex.scale_words)
        return replace(
            event, lemmas={**event.lemmas, event.trigger: lemma}, figures=event.figures | given
        )

    @functools.cached_property
    def _descend(self) -> frozenset[str]:
        lex = self.lex
        return frozenset(
            {*lex.speech_verbs, *lex.attitude_verbs, *lex.aspectual_verbs, *lex.raising_predicates}
        )

    @functools.cached_property
    def _times(self) -> frozenset[str]:
        return frozenset({*self.lex.time_units, *self.lex.day_parts})

    def mentions(
        self,
        doc: Doc,
        events: list[Event],
        quotes: list[Quote],
        times: list[TimeExpression],
        antecedents: Mapping[int, int] | None = None,
    ) -> list[EventMention]:
        """Describe each event as a mention for the sieve; ``antecedents`` maps the index of
        an event pronoun to that of the event it stands for."""
        antecedents = antecedents or {}
        heads = [_head(doc, e.trigger) for e in events]
        at = {tok.i: n for n, tok in enumerate(heads) if tok is not None}
        reported = _reported(doc, quotes)
        media = _media(events, quotes)
        shells = self._shells(doc, at)
        found: list[EventMention] = []
        for event, tok in zip(events, heads, strict=True):
            if len(found) in antecedents:
                found.append(EventMention(type=event.type, same_as=antecedents[len(found)]))
                continue
            lemma = self.triggers.lemma(tok) if tok is not None else ""
            found.append(
                EventMention(
                    type=event.type,
                    keys=self._keys(tok, lemma, event.trigger, doc),
                    speech=event.type in ("Statement", "Declaration")
                    or lemma in self.lex.speech_verbs,
                    noun=tok is not None and tok.pos_ == "NOUN",
                    grammatical=lemma in self.lex.grammatical_verbs,
                    agents=_roles(event.actors, "agent"),
                    patients=_roles(event.actors, "patient"),
                    place=event.place,
                    time=times[event.time].value if event.time is not None else None,
                    content=reported.get(event.trigger.start, ""),
                    amounts=figures(self.triggers.predicate(tok), self.lex.scale_words)
                    if tok
                    else frozenset(),
                    plural=tok.tag_ == "NNS" if tok is not None and tok.pos_ == "NOUN" else None,
                    same_as=_first(
                        media.get(len(found)),
                        shells.get(len(found)),
                        self._same_as(tok, at) if tok else None,
                    ),
                    **self._noun(tok, lemma),
                )
            )
        return found

    def _shells(self, doc: Doc, at: Mapping[int, int]) -> dict[int, int]:
        """Return, for each definite shell noun after the lead ("the move"), the lead's main
        event, which it takes up."""
        lead = lead_event(doc, doc_state.article(doc).headline or "", at, self._descend)
        if lead is None:
            return {}
        start = next(i for i, n in at.items() if n == lead)
        return {
            n: lead
            for i, n in at.items()
            if i > start and n != lead and shell_noun(doc[i], self.lex.shell_nouns)
        }

    def _keys(self, tok: Token | None, lemma: str, trigger: Span, doc: Doc) -> frozenset[str]:
        """Return a mention's predicate keys: its lemma and stem (with its particle), for a noun
        the verbs it derives from ("flight" -> "flee"), and the first senses of its verbs
        ("buy" and "purchase" share one)."""
        if tok is None:
            return frozenset()
        particle = trigger.text(doc_text(doc))[len(tok.text) :].strip().lower()
        if particle:
            return frozenset({f"{lemma} {particle}"})
        # the stem of the word as written: headlines get lemmas wrong ("closed" for "close")
        verbs = (
            {lemma, *self.lex.event_derivations.get(lemma, ())} if tok.pos_ == "NOUN" else {lemma}
        )
        senses = {f"sense:{s}" for v in verbs for s in self.lex.verb_senses.get(v, ())}
        return frozenset({*verbs, f"stem:{_stem(tok.lower_)}", *senses})

    def _noun(self, tok: Token | None, lemma: str) -> dict[str, Any]:
        """Return what the sieve reads of an event noun: its senses, its definiteness and
        whether a modifier sets it apart from one told before ("a previous order")."""
        if tok is None or tok.pos_ != "NOUN":
            return {}
        senses, broader = self.lex.event_noun_senses.get(lemma, (frozenset(), frozenset()))
        other = any(
            c.dep_ in ("amod", "det") and c.lower_ in self.lex.contrastive_modifiers
            for c in tok.children
        )
        return {"senses": senses, "broader": broader, "definite": _definite(tok), "other": other}

    def _same_as(self, tok: Token, at: dict[int, int]) -> int | None:
        """Return the mention the syntax equates this one with: a light verb's event noun
        ("launched an offensive"), or the subject of a copula whose complement it is."""
        if _lemmas(tok) & self.lex.light_verbs:
            objects = [at[c.i] for c in tok.children if c.dep_ == "dobj" and c.i in at]
            if objects:
                return objects[0]
        if tok.dep_ == "attr" and tok.pos_ == "NOUN":
            subject = _copula_subject(tok.head)
            if subject is not None and subject.i in at:
                return at[subject.i]
        return None


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _definite(noun: Token) -> bool:
    """Tell whether a noun phrase is definite: a definite article or demonstrative, or a
    possessive ("the deal", "this agreement", "Apple's move")."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children
    )


def _first(*found: int | None) -> int | None:
    """Return the first of ``found`` that is not None (an index may be 0)."""
    return next((n for n in found if n is not None), None)


def _kept(clusters: list[int], antecedents: Mapping[int, int]) -> list[int]:
    """Return the indices of the events to keep: all but a pronoun left out of its
    antecedent's cluster (it has no claim of its own to stand on)."""
    return [
        i
        for i, cluster in enumerate(clusters)
        if i not in antecedents or cluster == clusters[antecedents[i]]
    ]


def _lemmas(tok: Token) -> set[str]:
    """Return a verb's lemma, and for an -ing form the stem with its "e" (the lemmatizer reads
    an -ing form it does not know without it: "waging" -> "wag")."""
    lemma = tok.lemma_.lower()
    return {lemma, tok.lower_[:-3] + "e"} if tok.tag_ == "VBG" else {lemma}


def _media(events: list[Event], quotes: list[Quote]) -> dict[int, int]:
    """Return, for each event noun that is a quote's medium, the event of the quote's cue: the
    statement "said … in an audio statement" names is the saying."""
    by_start = {e.trigger.start: n for n, e in enumerate(events)}
    found = {}
    for quote in quotes:
        if quote.cue is None or quote.medium_span is None or quote.cue.start not in by_start:
            continue
        medium = next(
            (n for n, e in enumerate(events) if e.trigger.overlaps(quote.medium_span)), None
        )
        if medium is not None and medium != by_start[quote.cue.start]:
            found[medium] = by_start[quote.cue.start]
    return found


def _head(doc: Doc, trigger: Span) -> Token | None:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_FIGURE_DEPS = frozenset({"dobj", "npadvmod", "nummod", "quantmod", "attr", "advmod"})
_FIGURE_PREPS = frozenset({"by", "to", "from", "at", "of", "between"})
_NOT_FIGURES = frozenset({"DATE", "TIME", "ORDINAL"})


def figures(tok: Token, scale_words: Collection[str] = ()) -> frozenset[str]:
    """Return the numbers a predicate gives ("fell 5% to 210", "a 3,000-job cut", "down
    2.95%", "carries between 305 and 550"), ordinals and years among them: in one article
    "the first cut" and "the second", "from 2009" and "from 2010", are set apart by them too. A
    scale word is no figure of its own: "1 billion" and "17.4 billion" do not share "billion"."""
    return frozenset(t.text for t in _numbers(tok, scale_words))


def cardinal_figures(tok: Token, scale_words: Collection[str] = ()) -> frozenset[str]:
    """Return the figures a predicate gives that are amounts (`_is_figure`): what an event
    carries in the graph (`nkg:figure`) and reports in other articles are compared by."""
    return frozenset(t.text for t in _numbers(tok, scale_words) if _is_figure(t))


def _numbers(tok: Token, scale_words: Collection[str]) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ in _FIGURE_DEPS or (child.dep_ == "prep" and child.lower_ in _FIGURE_PREPS):
            for t in child.subtree:
                if t.like_num and t.i - child.i < 6 and t.lower_ not in scale_words:
                    yield t


def _is_figure(tok: Token) -> bool:
    """Tell whether a word is a figure: a cardinal number ("2.53", "two"), not an ordinal
    ("first"), a date or time ("in 2010"), nor a number in a name ("iPhone 4", "S&P 500")."""
    return (
        tok.pos_ == "NUM"
        and tok.ent_type_ not in _NOT_FIGURES
        and not (tok.dep_ in ("nummod", "compound") and tok.head.pos_ == "PROPN")
    )


def _roles(actors: list[Role], role: str) -> frozenset[int]:
    # a participant known only through a pronoun is the least sure link: it sets no event apart
    return frozenset(r.entity for r in actors if r.role == role and not r.pronoun)


def _copula_subject(verb: Token) -> Token | None:
    """Return the subject of a copula, through raising verbs ("is expected to be")."""
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # a noun, or a pronoun that stands for an event ("It was the largest decline")
            return subjects[0] if subjects[0].pos_ in ("NOUN", "PRON", "DET") else None
        if node.dep_ not in _RAISED or node.head.i == node.i:
            return None
        node = node.head
    return None


def _reported(doc: Doc, quotes: list[Quote]) -> dict[int, str]:
    """Return, by the start of its cue, the words each quote reports, normalised."""
    text = doc_text(doc)
    return {
        q.cue.start: " ".join(_WORDS.findall(q.content.text(text).lower()))
        for q in quotes
        if q.cue is not None
    }


def merge(events: list[Event], clusters: list[int], types: TypeInfo) -> list[Event]:
    """Make one event of each cluster: every trigger, participant and claim of its mentions."""
    groups: dict[int, list[Event]] = {}
    for event, cluster in zip(events, clusters, strict=True):
        groups.setdefault(cluster, []).append(event)
    return [_merged(group, types) for group in groups.values()]


def _merged(group: list[Event], types: TypeInfo) -> Event:
    if len(group) == 1:
        return group[0]
    group = sorted(group, key=lambda e: e.trigger)
    first = group[0]
    actors = merged_actors([r for event in group for r in event.actors])
    # the most specific type the mentions give: "fled" names the happening "is out of" names
    specific = [e.type for e in group if not types.get(e.type, (None, True))[1]]
    return Event(
        trigger=first.trigger,
        type=(specific or [e.type for e in group if e.type != "Other"] or [first.type])[0],
        actors=actors,
        place=next((e.place for e in group if e.place is not None), None),
        time=next((e.time for e in group if e.time is not None), None),
        claims=merge_claims([c for e in group for c in e.claims]),
        others=[e.trigger for e in group[1:]],
        lemmas={span: lemma for e in group for span, lemma in e.lemmas.items()},
        figures=frozenset().union(*(e.figures for e in group)),
    )


def merged_actors(roles: list[Role]) -> list[Role]:
    """Return the participants of one happening from those of its mentions, each entity once.

    A named participant outweighs one known only through a pronoun: where a role has a named
    entity, pronoun links to other entities in that role are dropped (in "his whereabouts
    remain unclear, but he is out of Mosul" the pronoun may have been resolved to the wrong
    person). An entity keeps the first role it is given (an agent is not also a patient).
    """
    named = {r.role for r in roles if not r.pronoun}
    kept: dict[int, Role] = {}
    for role in roles:
        if role.pronoun and role.role in named:
            continue
        kept.setdefault(role.entity, role)
    return list(kept.values())


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """Keep one claim per source, certainty and polarity, resting on all its mentions."""
    kept: dict[tuple[object, ...], Claim] = {}
    for claim in claims:
        key = (claim.source, claim.certainty, claim.polarity)
        if key not in kept:
            kept[key] = Claim(claim.source, claim.certainty, claim.polarity, [], [])
        into = kept[key]
        into.hedges = sorted({*into.hedges, *claim.hedges})
        into.evidence = sorted({*into.evidence, *claim.evidence})
    return list(kept.values())
