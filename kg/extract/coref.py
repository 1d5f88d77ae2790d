"""Within-article coreference: candidate mentions -> clusters, by a multi-pass sieve.

Passes run from most to least precise, each joining clusters: exact (normalised) names,
surnames and acronyms, nominals ("the group", "the city"), then pronouns.
``resolve(mentions) -> list[int]`` gives each mention its cluster number (-1: unresolved).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from kg.model import EntityType, MentionKind, Span

PlaceKind = str  # "city" or "country"

PARTICLES = frozenset(
    {"al", "el", "ad", "as", "ash", "an", "bin", "ibn", "abu", "de", "van", "von"}
)
STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "la", "&"})

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs"})
PRONOUNS = MALE | FEMALE | PLURAL

# head nouns of definite nominals and what they can refer to
NOMINAL_HEADS: dict[str, tuple[EntityType, PlaceKind | None]] = {
    "group": ("ORG", None),
    "organisation": ("ORG", None),
    "organization": ("ORG", None),
    "company": ("ORG", None),
    "firm": ("ORG", None),
    "party": ("ORG", None),
    "militia": ("ORG", None),
    "city": ("PLACE", "city"),
    "town": ("PLACE", "city"),
    "country": ("PLACE", "country"),
    "nation": ("PLACE", "country"),
}

# head nouns of roles that one person holds: "the group's leader", "the terror boss"
ROLE_NOUNS = frozenset(
    {
        "leader", "chief", "head", "boss", "spokesman", "spokeswoman", "spokesperson",
        "president", "chairman", "chairwoman", "ceo", "founder", "commander", "premier",
    }
)  # fmt: skip
# how many sentences back a role nominal may find the person it refers to
ROLE_REACH = 2


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


class Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """Return the representative of ``i``'s cluster."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Join the clusters of ``i`` and ``j`` (the earlier mention's representative wins)."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def normalise(name: str) -> str:
    """Return a name's comparison key: case, spaces, hyphens and leading "the" ignored."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\s\-‐–'’.]+", "", name).casefold()


def surname_keys(name: str) -> set[str]:
    """Return the keys a person can be called by alone ("al-Baghdadi", "Baghdadi")."""
    words = name.split()
    if len(words) < 2:
        return set()
    last = words[-1]
    keys = {normalise(last)}
    parts = re.split(r"[-‐]", last, maxsplit=1)
    if len(parts) == 2 and parts[0].casefold() in PARTICLES:
        keys.add(normalise(parts[1]))
    return keys


def initials(name: str) -> str:
    """Return the acronym a name would have ("Islamic State of Iraq" -> "ISI")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in STOPWORDS]
    return "".join(w[0] for w in words).upper()


# words of a company's legal form: its acronym often leaves them out ("EADS" for "European
# Aeronautic Defence and Space Company"), and its first word names it ("Ford" for "Ford Motor
# Company")
LEGAL_FORMS = frozenset(
    {
        "company",
        "corporation",
        "corp",
        "corp.",
        "inc",
        "inc.",
        "incorporated",
        "ltd",
        "ltd.",
        "limited",
        "co",
        "co.",
        "llc",
        "lp",
        "llp",
        "plc",
        "ag",
        "gmbh",
        "sa",
        "spa",
        "nv",
        "bv",
        "group",
        "holdings",
    }
)


# what a company's name ends in when it is not a legal form: what the company trades in
# ("Brackenfield Foods", "AirTran Airways")
COMPANY_WORDS = frozenset(
    {
        "Airways",
        "Airlines",
        "Aircraft",
        "Motors",
        "Bank",
        "Bancorp",
        "Partners",
        "Media",
        "Networks",
        "Systems",
        "Technologies",
        "Industries",
        "Enterprises",
        "Foods",
        "Pharmaceuticals",
        "Energy",
        "Securities",
        "Capital",
        "Investments",
        "Insurance",
        "Communications",
        "Electronics",
        "Entertainment",
        "Studios",
        "Brands",
    }
)


def acronym_forms(name: str) -> set[str]:
    """Return the acronyms a name may take: its initials, also without its legal form."""
    forms = {initials(name)}
    words = name.split()
    while len(words) > 2 and words[-1].casefold().strip(",") in LEGAL_FORMS:
        words = words[:-1]
        forms.add(initials(" ".join(words)))
    return forms


def is_acronym(name: str) -> bool:
    """Tell whether a name is written as an acronym ("IS", "ISIL", "U.N.")."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


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
    cands: list[Cand], clusters: Clusters, aliases: Mapping[str, str] | None = None
) -> None:
    """Pass 2: join a surname to its person and an acronym to its organisation or place.

    ``aliases`` maps normalised alternative names to a normalised canonical name.
    """
    full = [_Full(j, cands[j]) for j in named(cands) if len(cands[j].name.split()) > 1]
    starts = _organisation_starts(full)
    given = _given_names(full)
    for i in named(cands):
        c = cands[i]
        key = normalise(c.name)
        target = _head_target(c, key, full, aliases or {})
        if target is None:
            target = _short_form_target(c, key, starts)
        if target is None and c.type == "PERSON":
            target = _only(c, given.get(key, []))
        if target is not None:
            clusters.union(target, i)


class _Full:
    """A multi-word name mention with the forms pass 2 compares against, worked out once."""

    def __init__(self, index: int, cand: Cand) -> None:
        self.index, self.cand = index, cand
        self.key = normalise(cand.name)
        self.surnames = surname_keys(cand.name) if cand.type == "PERSON" else set()
        self.acronyms = acronym_forms(cand.name)


def _head_target(c: Cand, key: str, full: list[_Full], aliases: Mapping[str, str]) -> int | None:
    """Return a longer name mention that ``c`` abbreviates, if any."""
    canonical = aliases.get(key)
    single = len(c.name.split()) == 1 and c.type in ("PERSON", "ORG")
    acronym = key.upper() if is_acronym(c.name) else None
    for f in full:
        other = f.cand
        if other.span == c.span or other.type == "OTHER":
            continue
        if canonical and f.key == canonical:
            return f.index
        if single and other.type == "PERSON" and key in f.surnames:
            return f.index
        if acronym is not None and acronym in f.acronyms and other.type == c.type:
            return f.index
    return None


def _organisation_starts(full: list[_Full]) -> dict[str, list[_Full]]:
    """Index the legal names of organisations by their first word, normalised."""
    starts: dict[str, list[_Full]] = {}
    for f in full:
        words = f.cand.name.split()
        # a company's name ("Ford Motor Company", "Brackenfield Foods"), not a division or a
        # subsidiary ("Boeing Commercial Airplanes", "Ford Australia"), nor an institution
        last = words[-1].strip(",")
        if f.cand.type == "ORG" and (last.casefold() in LEGAL_FORMS or last in COMPANY_WORDS):
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
    """Return the organisation a one-word name shortens ("Ford" for "Ford Motor Company",
    "Tollan" for "Tollan Dairy Group"), when only one legal name begins with that word.

    Several ("Harrowmere Holdings", "Harrowmere Group") make the word a place or a prefix,
    not a short name, and nothing is joined.
    """
    if len(c.name.split()) != 1 or c.type not in ("PERSON", "ORG") or is_acronym(c.name):
        return None
    return _only(c, starts.get(key, []))


def match_nominals(cands: list[Cand], clusters: Clusters) -> None:
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
        elif head in ROLE_NOUNS:
            target = _role_antecedent(cands, clusters, i)
        else:
            etype, place = NOMINAL_HEADS.get(head, (c.type, c.place))
            target = _recent(cands, clusters, i, partial(_fits, etype=etype, place=place))
        if target is not None:
            clusters.union(target, i)


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


def match_pronouns(cands: list[Cand], clusters: Clusters) -> None:
    """Pass 4: join he/she to a preceding person, they/their to a preceding organisation.

    A person named earlier in the same sentence wins; else the subject of the nearest
    earlier sentence that names a person, else that sentence's first person.
    """
    for i, c in enumerate(cands):
        if c.kind != "PRO":
            continue
        word = c.name.casefold()
        if word in PLURAL:
            target = _recent(cands, clusters, i, partial(_near_org, pronoun=c))
        else:
            target = _person_antecedent(cands, i)
        if target is not None:
            clusters.union(target, i)


def _near_org(other: Cand, pronoun: Cand) -> bool:
    """Tell whether an organisation is close enough to be what "they" means."""
    return other.kind in ("NAM", "NOM") and other.type == "ORG" and pronoun.sent - other.sent <= 1


def _person_antecedent(cands: list[Cand], i: int) -> int | None:
    """Return the person mention a singular pronoun most likely refers to."""
    c = cands[i]
    people = [
        j
        for j, o in enumerate(cands)
        if o.type == "PERSON" and o.kind in ("NAM", "PRE", "PRO") and o.span.end <= c.span.start
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


def resolve(cands: list[Cand], aliases: Mapping[str, str] | None = None) -> list[int]:
    """Cluster the mentions; return each one's cluster number, -1 for unresolved ones."""
    clusters = Clusters(len(cands))
    match_exact(cands, clusters)
    match_heads(cands, clusters, aliases)
    match_nominals(cands, clusters)
    match_pronouns(cands, clusters)
    roots = [clusters.find(i) for i in range(len(cands))]
    anchored = {roots[i] for i in named(cands)}
    return [r if r in anchored else -1 for r in roots]
