"""The events component: triggers + entities, times and quotes -> events (``doc._.nkg_events``).

Each trigger (``kg.extract.event_triggers``) becomes an event with its participants from the
parse (agents, patients, the place, the time), and one claim: the article's own voice, or the
speaker of the quote the trigger sits in.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract import doc_state
from kg.extract.claims import Claims
from kg.extract.event_triggers import Triggers
from kg.extract.factuality import Factuality
from kg.extract.lexicon import Lexicon
from kg.extract.spans import Known, mention_of, place_of, tokens_span
from kg.model import Event, Quote, Role, Span, TimeExpression
from kg.timex import placed

_PLACE_OBJECT_TYPES = frozenset({"Flee", "Capture", "MilitaryOffensive", "Siege", "Movement"})


@doc_state.lexicon_component(
    "newskg_events",
    requires=[
        "token.dep",
        "token.lemma",
        doc_state.attr(doc_state.ENTITIES),
        doc_state.attr(doc_state.MENTIONS),
        doc_state.attr(doc_state.TIMES),
        doc_state.attr(doc_state.QUOTES),
    ],
    assigns=[doc_state.attr(doc_state.EVENTS)],
)
class EventFinder(doc_state.Component):
    """Find the events of a document."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.triggers = Triggers(lex)
        self.claims = Claims(Factuality(lex))

    def __call__(self, doc: Doc) -> Doc:
        known, quotes, times = doc_state.known(doc), doc_state.quotes(doc), doc_state.times(doc)
        names = _name_offsets(known)
        triggers = [doc[i] for i in self.triggers.find(doc)]
        triggers = [tok for tok in triggers if tok.idx not in names]
        attached = _times_by_trigger(doc, times, {t.i for t in triggers})
        attached |= _aspectual_times(triggers, attached, self.lex.aspectual_verbs)
        events = [self._event(doc, known, quotes, tok, attached.get(tok.i)) for tok in triggers]
        setattr(doc._, doc_state.EVENTS, events)
        return doc

    def _event(
        self, doc: Doc, known: Known, quotes: list[Quote], tok: Token, time: int | None
    ) -> Event:
        particles = self.triggers.particles(tok)
        etype = self.triggers.event_type(tok, particles)
        trigger = tokens_span([tok, *particles])
        node = self.triggers.predicate(tok)
        return Event(
            trigger=trigger,
            type=etype,
            actors=_medium_speaker(known, quotes, trigger) or self.actors(known, node),
            place=place(known, node, etype),
            time=time,
            claims=[self.claims.of_predicate(doc, quotes, tok, trigger)],
        )

    def actors(self, known: Known, tok: Token) -> list[Role]:
        """Return the entities taking part, as agents and patients."""
        deps = self._inherited_subjects(tok)
        deps += [(c, "patient") for c in tok.children if c.dep_ == "dobj"]
        deps += [(c, "patient") for c in of_complements(tok)]
        roles: list[Role] = []
        for dep, role in deps:
            found = mention_of(known, dep)
            if found is not None and all(r.entity != found.entity for r in roles):
                roles.append(Role(found.entity, role, pronoun=found.kind == "PRO"))
        return roles

    def _inherited_subjects(self, tok: Token) -> list[tuple[Token, str]]:
        """Return the subjects a predicate without its own shares with its governor.

        The infinitive of an object-control verb has the verb's object as its agent: in "told
        his followers to stay" the followers are to stay, not the teller.
        """
        node = tok
        for _ in range(3):
            own = _subjects(node)
            if own or node.head.i == node.i:
                return own
            participial = node.dep_ == "advcl" and node.tag_ == "VBG"
            if node.dep_ not in ("xcomp", "conj") and not participial:
                return []
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in self.lex.object_control_verbs:
                return [(o, "agent") for o in _addressees(node.head)]
            node = node.head
        return []


def _name_offsets(known: Known) -> set[int]:
    """Return the offsets covered by names: a name is never an event ("IS" is not "is")."""
    return {
        i
        for m in known.mentions
        if m.kind in ("NAM", "PRE")
        for i in range(m.span.start, m.span.end)
    }


def _subjects(tok: Token) -> list[tuple[Token, str]]:
    """Return the subject-like dependents of a predicate with their roles."""
    out: list[tuple[Token, str]] = []
    for child in tok.children:
        if child.dep_ == "nsubj":
            out.append((child, "agent"))
        elif child.dep_ == "nsubjpass":
            out.append((child, "patient"))
        elif child.dep_ == "agent":
            out.extend((p, "agent") for p in child.children if p.dep_ == "pobj")
        elif child.dep_ in ("poss", "compound") and tok.pos_ == "NOUN":
            out.append((child, "agent"))
        elif child.dep_ == "acl" and tok.pos_ == "NOUN":
            out.extend((p, "agent") for p in _passive_agents(child))
    return out


def of_complements(noun: Token) -> list[Token]:
    """Return X of an event noun's "of X", the one it happens to: its Arg1 in NomBank's frames
    ("the launch of the iPod", "the bankruptcy of Chrysler"), as the object is a verb's."""
    if noun.pos_ != "NOUN":
        return []
    ofs = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i]
    return [p for prep in ofs[:1] for p in prep.children if p.dep_ == "pobj"]


def _passive_agents(verb: Token) -> list[Token]:
    """Return X of "sent by X" ("a tweet sent by the embassy": the embassy tweeted)."""
    by = [c for c in verb.children if c.dep_ == "agent"]
    return [p for b in by for p in b.children if p.dep_ == "pobj"]


def _medium_speaker(known: Known, quotes: list[Quote], trigger: Span) -> list[Role]:
    """Return the speaker of the quote a statement noun is the medium of, as its agent."""
    for quote in quotes:
        medium, speaker = quote.medium_span, quote.speaker
        if medium is None or speaker is None or not medium.overlaps(trigger):
            continue
        if known.entities[speaker].type != "OTHER":
            return [Role(speaker, "agent")]
    return []


def _addressees(verb: Token) -> list[Token]:
    """Return the object a verb addresses ("told his followers", "called on his fighters")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    return objects or [p for prep in preps[:1] for p in prep.children if p.dep_ == "pobj"]


def _prep_objects(tok: Token) -> list[Token]:
    """Return the objects of place prepositions on a predicate ("in Mosul", "out of Mosul")."""
    objs: list[Token] = []
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        objs.extend(c for c in prep.children if c.dep_ == "pobj")
        for inner in (c for c in prep.children if c.dep_ == "prep"):
            objs.extend(c for c in inner.children if c.dep_ == "pobj")
    return objs


def place(known: Known, tok: Token, etype: str) -> int | None:
    """Return the place entity where the event happens, or None."""
    candidates = _prep_objects(tok)
    if etype in _PLACE_OBJECT_TYPES:
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        candidates = objects + candidates
    if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
        candidates.append(tok.head)
    for cand in candidates:
        ent = place_of(known, cand)
        if ent is not None:
            return ent
    return None


def _times_by_trigger(doc: Doc, times: list[TimeExpression], triggers: set[int]) -> dict[int, int]:
    """Attach each time expression to the nearest trigger above it in the parse."""
    out: dict[int, int] = {}
    for index, tx in enumerate(times):
        if not placed(tx):
            continue  # "for two years", "recently" do not say when it happened
        span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
        node = span.root if span is not None and len(span) else None
        for _ in range(5):
            if node is None or node.i in triggers:
                break
            node = node.head if node.head.i != node.i else None
        if node is not None and node.i in triggers:
            out.setdefault(node.i, index)
    return out


def _aspectual_times(
    triggers: list[Token], times: dict[int, int], aspectual: frozenset[str]
) -> dict[int, int]:
    """Give an event noun the time of the aspectual verb it is the subject of ("began on …")."""
    out: dict[int, int] = {}
    for tok in triggers:
        verb = tok.head
        if tok.dep_ == "nsubj" and verb.lemma_.lower() in aspectual and verb.i in times:
            out.setdefault(tok.i, times[verb.i])
    return out
