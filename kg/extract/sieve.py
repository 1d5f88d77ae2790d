"""Within-article coreference by a multi-pass sieve: candidate mentions -> clusters.

Passes run from most to least precise, each joining clusters: exact (normalised) names and
shared reference identities, surnames and acronyms, nominals ("the group", "the city"), then
pronouns. ``resolve(mentions, lex) -> list[int]`` gives each mention its cluster number (-1:
unresolved).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from kg.disjoint import DisjointSets
from kg.extract.candidates import Cand, PlaceKind
from kg.extract.lexicon import Lexicon
from kg.extract.name_keys import acronym_forms, is_acronym, normalise, surname_keys
from kg.model import EntityType, Span

# how many sentences back a role nominal may find the person it refers to
ROLE_REACH = 2


class Clusters(DisjointSets[int]):
    """Union-find over mention indices: the earlier mention's representative wins."""

    def __init__(self, n: int) -> None:
        super().__init__()
        for i in range(n):
            self.find(i)


def named(cands: list[Cand]) -> list[int]:
    """Return the indices of name and modifier mentions."""
    return [i for i, c in enumerate(cands) if c.kind in ("NAM", "PRE")]


def match_exact(cands: list[Cand], clusters: Clusters) -> None:
    """Pass 1: join names equal once normalised, or sharing a reference identity."""
    seen: dict[tuple[str, str], int] = {}
    for i in named(cands):
        c = cands[i]
        for key in (("name", normalise(c.name)), ("key", c.key or "")):
            if key[1] and key in seen and cands[seen[key]].type == c.type:
                clusters.union(seen[key], i)
            seen.setdefault(key, i)


def match_heads(
    cands: list[Cand], clusters: Clusters, lex: Lexicon, aliases: Mapping[str, str] | None = None
) -> None:
    """Pass 2: join a surname to its person, an acronym to its organisation or place, and an
    abbreviation to the name it was defined after.

    ``aliases`` maps normalised alternative names to a normalised canonical name.
    """
    full = [_Full(j, cands[j], lex) for j in named(cands) if len(cands[j].name.split()) > 1]
    starts = _organisation_starts(full, lex)
    given = _given_names(full)
    for i in named(cands):
        c = cands[i]
        key = normalise(c.name)
        # a name the text defines as short for another ("Singapore Airlines (SIA)")
        target = _at(cands, c.antecedent) if c.antecedent is not None else None
        if target is None:
            target = _head_target(c, key, full, aliases or {})
        if target is None:
            target = _short_form_target(c, key, starts)
        if target is None and c.type == "PERSON":
            target = _only(c, given.get(key, []))
        if target is not None:
            clusters.union(target, i)


class _Full:
    """A multi-word name mention with the forms pass 2 compares against, worked out once."""

    def __init__(self, index: int, cand: Cand, lex: Lexicon) -> None:
        self.index, self.cand = index, cand
        self.key = normalise(cand.name)
        self.words = [normalise(w) for w in cand.name.split()]
        self.surnames = surname_keys(cand.name, lex) if cand.type == "PERSON" else set()
        self.acronyms = acronym_forms(cand.name, lex)


def _head_target(c: Cand, key: str, full: list[_Full], aliases: Mapping[str, str]) -> int | None:
    """Return a longer name mention that ``c`` abbreviates, if any."""
    canonical = aliases.get(key)
    single = len(c.name.split()) == 1 and c.type in ("PERSON", "ORG")
    acronym = key.upper() if is_acronym(c.name) else None
    if not canonical and not single and acronym is None:
        return None  # none of the tests below can hold
    for f in full:
        other = f.cand
        if other.type == "OTHER":
            continue
        if (
            (canonical and f.key == canonical)
            or (single and other.type == "PERSON" and key in f.surnames)
            or (acronym is not None and acronym in f.acronyms and other.type == c.type)
        ) and other.span != c.span:
            return f.index
    return None


def _organisation_starts(full: list[_Full], lex: Lexicon) -> dict[str, list[_Full]]:
    """Index the legal names of organisations by their first word, normalised."""
    starts: dict[str, list[_Full]] = {}
    for f in full:
        words = f.cand.name.split()
        # a company's name ("Ford Motor Company", "Brackenfield Foods"), not a division or a
        # subsidiary ("Boeing Commercial Airplanes", "Ford Australia"), nor an institution
        last = words[-1].strip(",")
        if f.cand.type == "ORG" and (
            last.casefold() in lex.legal_forms or last in lex.company_words
        ):
            starts.setdefault(normalise(words[0]), []).append(f)
    return starts


def _given_names(full: list[_Full]) -> dict[str, list[_Full]]:
    """Index the full names of people by their first word ("Jonah" of "Jonah Kessler")."""
    given: dict[str, list[_Full]] = {}
    for f in full:
        if f.cand.type == "PERSON":
            given.setdefault(normalise(f.cand.name.split()[0]), []).append(f)
    return given


def _only(c: Cand, found: list[_Full]) -> int | None:
    """Return the one name (however often written) among ``found`` other than ``c`` itself."""
    others = [f for f in found if f.cand.span != c.span]
    return others[0].index if len({f.key for f in others}) == 1 else None


def _short_form_target(c: Cand, key: str, starts: Mapping[str, list[_Full]]) -> int | None:
    """Return the organisation a name shortens ("Ford" for "Ford Motor Company", "Aer
    Lingus" for "Aer Lingus Group PLC", "NPD" for "NPD Group"), when only one legal name
    begins with its words.

    Several ("Harrowmere Holdings", "Harrowmere Group") make the words a place or a prefix,
    not a short name, and nothing is joined. An acronym may shorten an organisation only.
    """
    if c.type not in ("PERSON", "ORG") or (is_acronym(c.name) and c.type != "ORG"):
        return None
    if " " not in c.name.strip():
        return _only(c, starts.get(key, []))
    split = c.name.split()
    begun = starts.get(normalise(split[0]))
    if not begun:
        return None
    words = [normalise(w) for w in split]
    n = len(words)
    return _only(c, [f for f in begun if len(f.words) > n and f.words[:n] == words])


def match_nominals(cands: list[Cand], clusters: Clusters, lex: Lexicon) -> None:
    """Pass 3: join a nominal to the name it is equated with, or the latest of its kind.

    A role ("the terror boss") goes to the one person its sentence names, else to the
    nearest person named shortly before.
    """
    for i, c in enumerate(cands):
        if c.kind != "NOM":
            continue
        head = c.name.split()[-1].casefold()
        if c.antecedent is not None:
            target = _at(cands, c.antecedent)
        elif head in lex.role_nouns:
            target = _role_antecedent(cands, clusters, i)
        else:
            etype, place = lex.nominal_heads.get(head, (c.type, c.place))
            fits = partial(_fits, etype=etype, place=place)
            target = _modifier(cands, i, fits) if place == "country" else None
            if target is None and head not in lex.governing_nouns:
                target = _recent(cands, clusters, i, fits)
        if target is not None:
            clusters.union(target, i)


def _modifier(cands: list[Cand], i: int, ok: Callable[[Cand], bool]) -> int | None:
    """Return a name inside a nominal that is what the nominal names ("the Japanese
    government", "the United States government"), if one fits."""
    c = cands[i]
    # candidates are in text order, a longer one before those it holds
    for j in range(i + 1, len(cands)):
        if cands[j].span.start >= c.span.end:
            return None
        if c.span.contains(cands[j].span) and ok(cands[j]):
            return j
    return None


def _at(cands: list[Cand], span: Span) -> int | None:
    """Return the name mention with exactly this span."""
    return next(
        (j for j, o in enumerate(cands) if o.span == span and o.kind in ("NAM", "PRE")), None
    )


def _role_antecedent(cands: list[Cand], clusters: Clusters, i: int) -> int | None:
    """Return the person a role nominal most likely refers to."""
    c = cands[i]
    people = [j for j, o in enumerate(cands) if o.type == "PERSON" and o.kind == "NAM"]
    same = [j for j in people if cands[j].sent == c.sent]
    if len({clusters.find(j) for j in same}) == 1:
        return same[0]
    before = [j for j in people if cands[j].span.end <= c.span.start]
    near = [j for j in before if c.sent - cands[j].sent <= ROLE_REACH]
    return max(near, key=lambda j: cands[j].span.start) if near else None


def _fits(other: Cand, etype: EntityType, place: PlaceKind | None) -> bool:
    """Tell whether a named mention can be what a nominal of this kind refers to."""
    if other.kind not in ("NAM", "PRE") or other.type != etype:
        return False
    if place is None:
        return True
    if place == "country":
        return other.place == "country"
    return other.place != "country"


def _recent(
    cands: list[Cand], clusters: Clusters, i: int, ok: Callable[[Cand], bool]
) -> int | None:
    """Return the nearest mention before ``cands[i]`` that satisfies ``ok``."""
    before = [j for j in range(len(cands)) if cands[j].span.end <= cands[i].span.start]
    for j in sorted(before, key=lambda j: cands[j].span.start, reverse=True):
        if ok(cands[j]):
            return j
    return None


def match_pronouns(cands: list[Cand], clusters: Clusters, lex: Lexicon) -> None:
    """Pass 4: join he/she to a preceding person, they/their to a preceding organisation,
    it/its to a preceding organisation, place or thing, a relative pronoun to its noun.

    A person named earlier in the same sentence wins; else the subject of the nearest
    earlier sentence that names a person, else that sentence's first person.
    """
    longest = max((c.span.end - c.span.start for c in cands), default=0)
    for i, c in enumerate(cands):
        if c.kind != "PRO":
            continue
        word = c.name.casefold()
        local = partial(_local, cands, i, longest)
        if c.antecedent is not None:
            target = _mention_at(cands, c.antecedent)
        else:
            free = _free(cands, clusters, i)
            if word in lex.plural_pronouns:
                near = partial(_near_org, pronoun=c)
                target = local(near)
                if target is None:
                    target = _recent(cands, clusters, i, partial(_both, near, free))
            elif word in lex.neuter_pronouns:
                target = local(_thing)
                target = _neuter_antecedent(cands, i, free) if target is None else target
            else:
                target = local(_person)
                target = _person_antecedent(cands, i, free) if target is None else target
        if target is not None:
            clusters.union(target, i)


def _local(cands: list[Cand], i: int, longest: int, ok: Callable[[Cand], bool]) -> int | None:
    """Return the mention of the subject of a pronoun's own clause, when it may be what the
    pronoun stands for: the whole name that holds the subject's head word, before it.

    Candidates are in text order and none is longer than ``longest``, so only those that
    start that far before the subject are looked at.
    """
    c = cands[i]
    at = c.local_subject
    if at is None or c.bound:
        return None
    holding = []
    for j in range(i - 1, -1, -1):
        o = cands[j]
        if o.span.start < at.start - longest:
            break
        if o.span.contains(at) and o.span.end <= c.span.start and ok(o):
            holding.append(j)
    return max(holding, key=lambda j: cands[j].span.end - cands[j].span.start, default=None)


def _both(first: Callable[[Cand], bool], second: Callable[[Cand], bool], other: Cand) -> bool:
    return first(other) and second(other)


def _thing(other: Cand) -> bool:
    return other.type != "PERSON" and other.kind in ("NAM", "NOM")


def _person(other: Cand) -> bool:
    return other.type == "PERSON" and other.kind in ("NAM", "PRE", "PRO")


def _free(cands: list[Cand], clusters: Clusters, i: int) -> Callable[[Cand], bool]:
    """Return a test of what an object pronoun may stand for: anything but its own clause's
    subject (binding principle B: "it" in "DaimlerChrysler is selling it" is not
    DaimlerChrysler); anything at all for other pronouns."""
    at = cands[i].local_subject
    if at is None or not cands[i].bound:
        return lambda other: True
    roots = {clusters.find(j) for j, o in enumerate(cands) if o.span.contains(at)}
    position = {id(o): j for j, o in enumerate(cands)}
    return lambda other: clusters.find(position[id(other)]) not in roots


def _mention_at(cands: list[Cand], span: Span) -> int | None:
    return next((j for j, o in enumerate(cands) if o.span == span and o.kind != "PRO"), None)


def _neuter_antecedent(
    cands: list[Cand], i: int, free: Callable[[Cand], bool] = lambda o: True
) -> int | None:
    """Return what "it" most likely stands for: a non-person named or described earlier in
    its sentence (its subject first, else the nearest), else the subject of the sentence
    before; a modifier ("US" in "US military") is part of a name, not a referent."""
    c = cands[i]
    things = [
        j for j, o in enumerate(cands) if _thing(o) and o.span.end <= c.span.start and free(o)
    ]
    same = [j for j in things if cands[j].sent == c.sent and cands[j].quoted == c.quoted]
    if same:
        subjects = [j for j in same if cands[j].subject]
        if subjects:
            return min(subjects, key=lambda j: cands[j].span.start)
        # the nearest before it, the whole name rather than a part
        return max(same, key=lambda j: (cands[j].span.start, cands[j].span.end))
    before = [j for j in things if cands[j].sent == c.sent - 1 and cands[j].subject]
    return before[0] if before else None


def _near_org(other: Cand, pronoun: Cand) -> bool:
    """Tell whether an organisation is close enough to be what "they" means."""
    return other.kind in ("NAM", "NOM") and other.type == "ORG" and pronoun.sent - other.sent <= 1


def _person_antecedent(
    cands: list[Cand], i: int, free: Callable[[Cand], bool] = lambda o: True
) -> int | None:
    """Return the person mention a singular pronoun most likely refers to."""
    c = cands[i]
    people = [
        j for j, o in enumerate(cands) if _person(o) and o.span.end <= c.span.start and free(o)
    ]
    same = [j for j in people if cands[j].sent == c.sent]
    if not c.quoted:
        # '"Jonah will stay," she said': the narrator's pronoun is not someone in the quote
        same = [j for j in same if not cands[j].quoted]
    if same:
        subjects = [j for j in same if cands[j].subject]
        return (subjects or same)[-1]
    earlier = [j for j in people if cands[j].sent < c.sent]
    if not earlier:
        return None
    last_sent = max(cands[j].sent for j in earlier)
    if c.sent - last_sent > 3:
        return None
    in_sent = [j for j in earlier if cands[j].sent == last_sent]
    subjects = [j for j in in_sent if cands[j].subject]
    return (subjects or in_sent)[0]


def resolve(cands: list[Cand], lex: Lexicon, aliases: Mapping[str, str] | None = None) -> list[int]:
    """Cluster the mentions; return each one's cluster number, -1 for unresolved ones."""
    clusters = Clusters(len(cands))
    match_exact(cands, clusters)
    match_heads(cands, clusters, lex, aliases)
    match_nominals(cands, clusters, lex)
    match_pronouns(cands, clusters, lex)
    roots = [clusters.find(i) for i in range(len(cands))]
    anchored = {roots[i] for i in named(cands)}
    return [r if r in anchored else -1 for r in roots]
