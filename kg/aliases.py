"""Entity identity across articles: an article graph -> the graph with its entities on shared IRIs.

An entity no reference knowledge names gets its IRI from its name ("Northrop" ->
``entity/organization/northrop``), so one organisation written two ways ("UAW" and "United
Auto Workers (UAW)", "Aer Lingus" and "Aer Lingus Group PLC") would be two nodes. This stage
keeps an index of the entities already seen by their name keys (`offered`) and gives such an
entity the IRI of the one entity it matches (`sought`), strongest keys first:

1. a name or other name, also without its legal form ("Aer Lingus Group PLC" -> "Aer Lingus"),
   or an acronym the article uses for it, as written;
2. a one-word name and the organisation whose name it begins, when that name is a company's
   ("Ford" -> "Ford Motor Company", "Cerberus" -> "Cerberus Capital Management") or reference
   knowledge names it ("Northrop" -> "Northrop
   Grumman"); a one-word "person" is taken for the organisation too, as in one article.

Several entities under the strongest keys that match leave the entity on its own IRI. A
reference entity keeps its IRI; so does an entity already in the index, which others then
join: the earliest article's IRI lasts, whatever order the names come in. The article's own
entities count like those of earlier articles. `NameIndex` is the index of one build;
kg.alias_store keeps it in a store.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import pyoxigraph as ox

from kg.disjoint import DisjointSets
from kg.extract.lexicon import Lexicon
from kg.iris import Iris
from kg.model import GraphData
from kg.names import is_acronym, legal_cuts, normalise, without_article
from kg.vocab import RDF, RDFS, SCHEMA, SKOS

CLASSES = {"PERSON": SCHEMA.Person, "ORG": SCHEMA.Organization, "PLACE": SCHEMA.Place}
_TYPE_OF = {str(c): t for t, c in CLASSES.items()}
_A, _NAME, _LABEL, _ALT = (str(RDF.type), str(SCHEMA.name), str(RDFS.label), str(SKOS.altLabel))

# keys -> the IRIs indexed under each (those of the article being identified left out)
Lookup = Callable[[set[str]], dict[str, list[str]]]


@dataclass(frozen=True)
class Named:
    """An entity of an article graph: its IRI, coarse type and names (schema:name first)."""

    iri: str
    type: str
    names: tuple[str, ...]
    fixed: bool  # its IRI is not minted from its name (reference knowledge named it)

    @property
    def name(self) -> str:
        return self.names[0] if self.names else ""


def named_entities(data: GraphData, iris: Iris) -> list[Named]:
    """Read the people, organisations and places of an article graph, by IRI."""
    types: dict[str, str] = {}
    names: dict[str, list[str]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    # only the lines about entities are parsed: N-Triples writes one triple a line, in full
    lines = _entity_lines(iris.base).findall(b"\n" + data.ntriples)
    for triple in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True):
        s, p, o = triple.subject.value, triple.predicate.value, triple.object.value
        if p == _A and o in _TYPE_OF:
            types.setdefault(s, _TYPE_OF[o])
        elif p == _NAME:
            names[s].append(o)
        elif p == _ALT:
            others[s].append(o)
    return [
        Named(iri, t, (*names[iri][:1], *others[iri]), not iris.is_minted_entity(iri))
        for iri, t in sorted(types.items())
    ]


@functools.lru_cache(maxsize=16)
def _entity_lines(base: str) -> re.Pattern[bytes]:
    """Match the lines of N-Triples that say an entity's type or names."""
    predicates = b"|".join(re.escape(f"<{p}>".encode()) for p in (_A, _NAME, _ALT))
    # a pattern that starts with a literal is searched for fast: each line after its newline
    subject = re.escape(f"\n<{base}entity/".encode())
    return re.compile(subject + rb"[^>\s]*> (?:" + predicates + rb") [^\n]*")


def name_forms(name: str, lex: Lexicon) -> list[str]:
    """Return a name and the names it gives without its legal forms ("Aer Lingus Group PLC",
    "Aer Lingus Group", "Aer Lingus")."""
    return legal_cuts(name, lex.legal_forms)


def _name_keys(entity: Named, lex: Lexicon) -> frozenset[str]:
    return _keys_of_names(entity.names, entity.type, lex.legal_forms)


@functools.lru_cache(maxsize=65536)
def _keys_of_names(
    names: tuple[str, ...], etype: str, legal_forms: frozenset[str]
) -> frozenset[str]:
    keys = set()
    for name in names:
        for form in legal_cuts(name, legal_forms):
            if is_acronym(form):
                keys.add(f"acronym {etype} {form.replace('.', '')}")
            elif key := normalise(form):
                keys.add(f"name {etype} {key}")
    return frozenset(keys)


def _solo(entity: Named) -> str | None:
    """Return the key of a one-word name of a person or organisation ("Northrop")."""
    name = entity.name
    if entity.type not in ("PERSON", "ORG") or len(name.split()) != 1 or is_acronym(name):
        return None
    return normalise(name) or None


def _lead(entity: Named, lex: Lexicon) -> str | None:
    """Return the key of the first word of a company's name ("Ford Motor Company" -> ford)."""
    if entity.type != "ORG":
        return None
    return _company_lead(entity.name, entity.fixed, lex.legal_forms, lex.company_words)


@functools.lru_cache(maxsize=65536)
def _company_lead(
    name: str, fixed: bool, legal_forms: frozenset[str], company_words: frozenset[str]
) -> str | None:
    words = without_article(name).split()
    if len(words) < 2 or is_acronym(words[0]):
        return None
    # a company's name has a word of its trade or legal form after its first ("Cerberus
    # Capital Management"); a division's ("Boeing Commercial Airplanes") has none
    rest = [w.strip(",") for w in words[1:]]
    if fixed or any(w.casefold() in legal_forms or w in company_words for w in rest):
        return normalise(words[0]) or None
    return None


def offered(entity: Named, lex: Lexicon) -> set[str]:
    """Return the keys an entity is indexed under."""
    keys = set(_name_keys(entity, lex))
    if lead := _lead(entity, lex):
        keys.add(f"lead ORG {lead}")
    if entity.type == "ORG" and not entity.fixed and (solo := _solo(entity)):
        # a one-word "person" looks for the organisation but is not one itself; a one-word
        # reference entity has the names reference knowledge gives it, not a longer one
        keys.add(f"solo ORG {solo}")
    return keys


def sought(entity: Named, lex: Lexicon) -> list[set[str]]:
    """Return the keys an entity looks for in the index, strongest first."""
    weaker = set()
    if solo := _solo(entity):
        weaker.add(f"lead ORG {solo}")
    if lead := _lead(entity, lex):
        weaker.add(f"solo ORG {lead}")
    return [set(_name_keys(entity, lex)), weaker]


def key_type(key: str) -> str:
    """Return the type of the entities a key indexes ("name ORG ford" -> ORG)."""
    return key.split(" ", 2)[1]


@dataclass(frozen=True)
class Move:
    """The IRI an entity of the article takes, and the type it takes with it."""

    iri: str
    type: str


def resolve(entities: list[Named], lookup: Lookup, lex: Lexicon) -> dict[str, Move]:
    """Return the entities of one article that take another IRI, by their own IRI."""
    local: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        for key in offered(e, lex):
            local[key].append(e.iri)
    movable = [e for e in entities if not e.fixed]
    levels = {e.iri: sought(e, lex) for e in movable}
    found = lookup({k for ls in levels.values() for level in ls for k in level})
    types = {e.iri: e.type for e in entities}
    names = {e.iri: e.name for e in entities}
    fixed = {e.iri for e in entities if e.fixed} | {i for iris in found.values() for i in iris}
    for key, iris in found.items():
        for iri in iris:
            types.setdefault(iri, key_type(key))
    # a group is led by the IRI already known, else by the fullest name
    groups = DisjointSets(lambda i: (i not in fixed, -len(names.get(i, "")), i))
    for e in movable:
        for level in levels[e.iri]:
            candidates = {
                i: key_type(k)
                for k in sorted(level)
                for i in (*found.get(k, ()), *local.get(k, ()))
                if i != e.iri
            }
            if len(candidates) == 1:
                (other, etype), *_ = candidates.items()
                _join(groups, e.iri, other, fixed, types, etype)
            if candidates:
                break
    moves = {}
    for e in entities:
        root = groups.find(e.iri)
        if root != e.iri:
            moves[e.iri] = Move(root, types[root])
    return moves


def _join(
    groups: DisjointSets[str],
    mine: str,
    other: str,
    fixed: set[str],
    types: dict[str, str],
    etype: str,
) -> None:
    """Join an entity to the one it matched, unless that would join two known IRIs or give
    a known IRI another type."""
    a, b = groups.find(mine), groups.find(other)
    if a == b or (a in fixed and b in fixed):
        return
    if a in fixed and types[a] != etype:
        return
    groups.union(a, b)


def rewrite(data: GraphData, entities: list[Named], moves: dict[str, Move]) -> GraphData:
    """Put the moved entities of an article graph on their new IRIs, with the new type; an
    IRI that several of its entities take keeps one name, the others become other names."""
    if not moves:
        return data
    by_iri = {e.iri: e for e in entities}
    targets: dict[str, list[Named]] = defaultdict(list)
    for e in entities:
        move = moves.get(e.iri)
        targets[move.iri if move else e.iri].append(e)
    touched = {m.iri for m in moves.values()}
    out: list[ox.Triple] = []
    for triple in ox.parse(data.ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        s, p, o = triple.subject, triple.predicate, triple.object
        move = moves.get(s.value)
        if move is not None:
            s = ox.NamedNode(move.iri)
            if p.value == _A and o.value in _TYPE_OF:
                o = ox.NamedNode(str(CLASSES[move.type]))
        if isinstance(o, ox.NamedNode) and o.value in moves:
            o = ox.NamedNode(moves[o.value].iri)
        if s.value in touched and p.value in (_NAME, _LABEL, _ALT):
            continue  # written once below
        out.append(ox.Triple(s, p, o))
    for iri in sorted(touched):
        out += _names(iri, targets[iri], by_iri.get(iri))
    text = ox.serialize(list(dict.fromkeys(out)), format=ox.RdfFormat.N_TRIPLES) or b""
    return replace(data, ntriples=text)


def _names(iri: str, group: list[Named], own: Named | None) -> list[ox.Triple]:
    """One schema:name and rdfs:label for an IRI (its own entity's, else the fullest), the
    other names as skos:altLabel."""
    every = [n for e in group for n in e.names]
    name = own.name if own is not None else max((e.name for e in group), key=len)
    node = ox.NamedNode(iri)
    triples = [
        ox.Triple(node, ox.NamedNode(_NAME), ox.Literal(name)),
        ox.Triple(node, ox.NamedNode(_LABEL), ox.Literal(name)),
    ]
    for other in dict.fromkeys(every):
        if other != name:
            triples.append(ox.Triple(node, ox.NamedNode(_ALT), ox.Literal(other)))
    return triples


def settled(entities: list[Named], moves: dict[str, Move]) -> list[Named]:
    """Return the entities as the article leaves them: on their IRIs, of their types."""
    return [
        replace(e, iri=moves[e.iri].iri, type=moves[e.iri].type) if e.iri in moves else e
        for e in entities
    ]


def indexed(entities: Iterable[Named], iris: Iris) -> list[Named]:
    """Return the entities the index holds: those on IRIs minted from a name.

    A reference entity is not offered to other articles: whether a name is that entity is the
    linker's to say, from the article's words (a "Washington" it left unlinked is not the one
    it linked elsewhere); in its own article, it is offered like any other.
    """
    return [e for e in entities if iris.is_minted_entity(e.iri)]


class NameIndex:
    """The entities of the articles of one build by name key, in the order they came."""

    def __init__(self, iris: Iris, lex: Lexicon | None = None) -> None:
        self.iris = iris
        self.lex = lex or Lexicon.load()
        self.index: dict[str, dict[str, None]] = defaultdict(dict)

    def identify(self, data: GraphData) -> GraphData:
        """Put the entities of an article on the IRIs of those already seen, and index them."""
        entities = named_entities(data, self.iris)
        moves = resolve(entities, self.lookup, self.lex)
        self.add(settled(entities, moves))
        return rewrite(data, entities, moves)

    def lookup(self, keys: set[str]) -> dict[str, list[str]]:
        return {k: list(self.index[k]) for k in keys if k in self.index}

    def add(self, entities: Iterable[Named]) -> None:
        for e in indexed(entities, self.iris):
            for key in offered(e, self.lex):
                self.index[key].setdefault(e.iri)
