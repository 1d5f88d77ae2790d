"""Events: parsed Doc + entities, times and quotes -> ``ann.events``.

Triggers are main verbs, copulas and predicative adjectives (states), and event nouns from the
lexicon or with a nominal suffix. Each event gets its participants from the parse and one claim:
the article's own voice, or the speaker of the quote the trigger sits in.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract import lexicon
from kg.extract.factuality import assess
from kg.extract.lexicon import words
from kg.extract.quotes import denies, reversed_polarity
from kg.extract.spans import entity_of, place_of, tokens_span
from kg.model import Annotations, Claim, Event, Quote, Role, Span

# model entity labels whose tokens are names, not happenings
_NAME_LABELS = words("PERSON ORG GPE LOC FAC NORP PRODUCT WORK_OF_ART LAW LANGUAGE DATE TIME")
_PARTICLES = words("away off out in up down back over")
_PLACE_PREPS = words("in from on at into inside near across to toward towards of")
_PLACE_OBJECT_TYPES = frozenset({"Flee", "Capture", "MilitaryOffensive", "Siege", "Movement"})
_PLACE_NOUNS = words("city town village capital country territory region province")
# verbs of beginning, going on and ending: their time is the time of their subject event
_ASPECTUAL = words("begin start commence continue resume end finish conclude")


def find(doc: Doc, ann: Annotations) -> None:
    """Append the events of ``doc`` to ``ann.events``."""
    names = _name_offsets(ann)
    triggers = [tok for tok in doc if is_trigger(tok) and tok.idx not in names]
    times = _times_by_trigger(doc, ann, {t.i for t in triggers})
    times |= _aspectual_times(triggers, times)
    for tok in triggers:
        ann.events.append(_event(doc, ann, tok, times.get(tok.i)))


def _name_offsets(ann: Annotations) -> set[int]:
    """Return the offsets covered by names: a name is never an event ("IS" is not "is")."""
    return {
        i for m in ann.mentions if m.kind in ("NAM", "PRE") for i in range(m.span.start, m.span.end)
    }


def _event(doc: Doc, ann: Annotations, tok: Token, time: int | None) -> Event:
    etype = event_type(tok)
    trigger = trigger_span(tok)
    return Event(
        trigger=trigger,
        type=etype,
        actors=_medium_speaker(ann, trigger) or actors(ann, tok),
        place=place(ann, tok, etype),
        time=time,
        claims=[claim(doc, ann, tok, trigger)],
    )


# -- triggers --------------------------------------------------------------------------------


def is_trigger(tok: Token) -> bool:
    """Tell whether a token names a happening or state."""
    if tok.ent_type_ in _NAME_LABELS and tok.pos_ in ("PROPN", "NOUN", "NUM"):
        return False
    if tok.lemma_ == "be":
        return tok.dep_ not in ("aux", "auxpass")
    if tok.pos_ == "VERB":
        return tok.lemma_.lower() not in lexicon.NON_EVENT_VERBS
    if tok.pos_ == "ADJ":
        return tok.dep_ == "acomp"
    if tok.pos_ == "NOUN":
        return is_event_noun(tok)
    # a mis-tagged verb still governs its subject ("forces close in")
    return tok.pos_ == "ADV" and any(c.dep_ == "nsubj" for c in tok.children)


def is_event_noun(tok: Token) -> bool:
    """Tell whether a common noun names a happening: a lexicon noun or a nominalisation."""
    lemma = tok.lemma_.lower()
    if lemma in lexicon.NON_EVENT_NOUNS or lemma in lexicon.NON_EVENT_VERBS:
        return False
    if lemma in lexicon.EVENT_NOUNS or lemma in lexicon.EVENT_TYPES:
        return True
    return len(lemma) > 6 and lemma.endswith(lexicon.NOMINAL_SUFFIXES)


def _particles(tok: Token) -> list[Token]:
    """Return the particles right after a verb that belong to it ("run away", "called on")."""
    out: list[Token] = []
    nxt = tok.i + 1
    phrasal = lexicon.PHRASAL_CUES.get(tok.lemma_.lower(), frozenset())
    for child in sorted(tok.children, key=lambda t: t.i):
        if child.i != nxt:
            continue
        lower = child.lower_
        particle = child.dep_ == "prt" or (child.dep_ == "advmod" and lower in _PARTICLES)
        phrasal_prep = child.dep_ == "prep" and (
            lower in phrasal or (tok.lemma_, lower) in lexicon.PHRASAL_TYPES
        )
        if particle or phrasal_prep:
            out.append(child)
            nxt += 1
    return out


def trigger_span(tok: Token) -> Span:
    """Return the trigger span: the word and its particles."""
    return tokens_span([tok, *_particles(tok)])


def event_type(tok: Token) -> str:
    """Return the event type of a trigger from the lexicon ("Other" when unknown)."""
    lemma = tok.lemma_.lower()
    for part in _particles(tok):
        phrasal = lexicon.PHRASAL_TYPES.get((lemma, part.lower_))
        if phrasal:
            return phrasal
    by_object = _type_by_object(tok, lemma)
    if by_object:
        return by_object
    if lemma in lexicon.ENTRY_VERBS and _enters_place(tok):
        return lexicon.ENTRY_TYPE
    return lexicon.EVENT_TYPES.get(lemma, "Other")


def _type_by_object(tok: Token, lemma: str) -> str | None:
    # the object may be mis-attached, so look at the next few words as well
    doc = tok.doc
    near = [doc[i] for i in range(tok.i + 1, min(tok.i + 4, len(doc)))]
    for obj in [c for c in tok.children if c.dep_ == "dobj"] + near:
        found = lexicon.VERB_OBJECT_TYPES.get((lemma, obj.lemma_.lower()))
        if found:
            return found
    return None


def _enters_place(tok: Token) -> bool:
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in _PLACE_NOUNS or o.ent_type_ in ("GPE", "LOC") for o in objs)


# -- participants ----------------------------------------------------------------------------


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


def _passive_agents(verb: Token) -> list[Token]:
    """Return X of "sent by X" ("a tweet sent by the embassy": the embassy tweeted)."""
    by = [c for c in verb.children if c.dep_ == "agent"]
    return [p for b in by for p in b.children if p.dep_ == "pobj"]


def _medium_speaker(ann: Annotations, trigger: Span) -> list[Role]:
    """Return the speaker of the quote a statement noun is the medium of, as its agent."""
    for quote in ann.quotes:
        medium, speaker = quote.medium_span, quote.speaker
        if medium is None or speaker is None or not medium.overlaps(trigger):
            continue
        if ann.entities[speaker].type != "OTHER":
            return [Role(speaker, "agent")]
    return []


def _inherited_subjects(tok: Token) -> list[tuple[Token, str]]:
    """Return the subjects a predicate without its own shares with its governor."""
    node = tok
    for _ in range(3):
        own = _subjects(node)
        if own or node.head.i == node.i:
            return own
        participial = node.dep_ == "advcl" and node.tag_ == "VBG"
        if node.dep_ not in ("xcomp", "conj") and not participial:
            return []
        node = node.head
    return []


def actors(ann: Annotations, tok: Token) -> list[Role]:
    """Return the entities taking part, as agents and patients."""
    deps = _inherited_subjects(tok)
    deps += [(c, "patient") for c in tok.children if c.dep_ == "dobj"]
    roles: list[Role] = []
    for dep, role in deps:
        ent = entity_of(ann, dep)
        if ent is not None and all(r.entity != ent for r in roles):
            roles.append(Role(ent, role))
    return roles


def _prep_objects(tok: Token) -> list[Token]:
    """Return the objects of place prepositions on a predicate ("in Mosul", "out of Mosul")."""
    objs: list[Token] = []
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        objs.extend(c for c in prep.children if c.dep_ == "pobj")
        for inner in (c for c in prep.children if c.dep_ == "prep"):
            objs.extend(c for c in inner.children if c.dep_ == "pobj")
    return objs


def place(ann: Annotations, tok: Token, etype: str) -> int | None:
    """Return the place entity where the event happens, or None."""
    candidates = _prep_objects(tok)
    if etype in _PLACE_OBJECT_TYPES:
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        candidates = objects + candidates
    if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
        candidates.append(tok.head)
    for cand in candidates:
        ent = place_of(ann, cand)
        if ent is not None:
            return ent
    return None


def _times_by_trigger(doc: Doc, ann: Annotations, triggers: set[int]) -> dict[int, int]:
    """Attach each time expression to the nearest trigger above it in the parse."""
    out: dict[int, int] = {}
    for index, tx in enumerate(ann.times):
        span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
        node = span.root if span is not None and len(span) else None
        for _ in range(5):
            if node is None or node.i in triggers:
                break
            node = node.head if node.head.i != node.i else None
        if node is not None and node.i in triggers:
            out.setdefault(node.i, index)
    return out


def _aspectual_times(triggers: list[Token], times: dict[int, int]) -> dict[int, int]:
    """Give an event noun the time of the aspectual verb it is the subject of ("began on …")."""
    out: dict[int, int] = {}
    for tok in triggers:
        verb = tok.head
        if tok.dep_ == "nsubj" and verb.lemma_.lower() in _ASPECTUAL and verb.i in times:
            out.setdefault(tok.i, times[verb.i])
    return out


# -- claims ----------------------------------------------------------------------------------


def quote_around(ann: Annotations, span: Span) -> Quote | None:
    """Return the innermost quote whose content holds ``span``."""
    around = [q for q in ann.quotes if q.content.contains(span)]
    return min(around, key=lambda q: q.content.end - q.content.start, default=None)


def claim(doc: Doc, ann: Annotations, tok: Token, trigger: Span) -> Claim:
    """Return who asserts the event and how sure they are."""
    quote = quote_around(ann, trigger)
    scope = quote.content if quote is not None else None
    found = assess(tok, doc, scope)
    source = quote.speaker if quote is not None else None
    polarity = found.polarity
    if quote is not None and denies(doc, quote):
        # "Dekovic denied that the club had accepted any bid": she says it did not happen
        polarity = reversed_polarity(polarity)
    return Claim(source, found.certainty, polarity, found.hedges)
