"""The coreference component: name candidates + their links -> entities and their mentions.

Names take the reference identity the name linker found; nominals ("the group", "the city of
Mosul") and third-person pronouns join them as candidates; the sieve (``kg.extract.sieve``)
clusters all of them, and each cluster with a name becomes one entity
(``doc._.nkg_entities``) with its mentions (``doc._.nkg_mentions``).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import doc_state
from kg.extract.candidates import Cand, distinct, make_cand, place_kind, sentence_numbers
from kg.extract.descriptors import NOT_DESCRIPTIONS, described_type, descriptor_cands
from kg.extract.lexicon import Lexicon
from kg.extract.marks import double_marks
from kg.extract.pronoun_clause import local_subject
from kg.extract.sieve import resolve
from kg.extract.spans import doc_text, trim
from kg.extract.token_table import TokenTable, token_table
from kg.model import Entity, EntityType, Link, Mention

_NOUNS = ("NOUN", "PROPN")


@doc_state.lexicon_component(
    "newskg_coref",
    requires=[doc_state.attr(doc_state.CANDIDATES), doc_state.attr(doc_state.NAME_LINKS)],
    assigns=[doc_state.attr(doc_state.ENTITIES), doc_state.attr(doc_state.MENTIONS)],
)
class Coreference(doc_state.Component):
    """Resolve the candidates of a document into entities."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.head_words = lex.role_nouns.union(lex.nominal_heads)

    def __call__(self, doc: Doc) -> Doc:
        cands: list[Cand] = list(doc_state.get(doc, doc_state.CANDIDATES))
        mark_identity(cands, doc_state.name_links(doc))
        sents = sentence_numbers(doc)
        cands += descriptor_cands(doc, sents, cands, self.lex)
        cands += self.nominal_cands(doc, sents, cands)
        cands += self.pronoun_cands(doc, sents, cands)
        cands = distinct(cands)
        mark_quoted(doc_text(doc), cands)
        entities, mentions = build(cands, resolve(cands, self.lex), doc_text(doc))
        setattr(doc._, doc_state.ENTITIES, entities)
        setattr(doc._, doc_state.MENTIONS, mentions)
        return doc

    def nominal_cands(self, doc: Doc, sents: list[int], known: list[Cand]) -> list[Cand]:
        """Return nominals that can refer to a named entity ("the group", "the terror boss").

        A place or organisation noun may follow "the" or a possessive ("Iraq's second city");
        a role noun follows "the" or the possessive of a non-person ("the group's leader"),
        never "his" or a person's ("his spokesman" is someone else). The span leaves the
        possessor out. A role, office or kind noun in apposition to a name ("Alan Mulally,
        the chief executive,", "Louis Gallois, the Airbus chief executive,", "Steve Jobs,
        founder of Apple") is a nominal equated with that name.
        """
        names = {c.span.start: c for c in known if c.kind == "NAM"}
        cands = []
        words = token_table(doc)
        lower, tag, pos = words.lower, words.tag, words.pos
        # a nominal's head is a noun or a word the lexicon knows (role, office, kind)
        known_words = self.head_words
        heads = [i for i in range(1, words.n) if pos[i] in _NOUNS or lower[i] in known_words]
        for i in heads:
            word = lower[i]
            role = word in self.lex.role_nouns and tag[i] in ("NN", "")
            head = ("PERSON", None) if role else self.lex.nominal_heads.get(word)
            # neither a nominal's head nor a noun beside a name (appositive_name), or a noun
            # that goes on into a compound ("the city council")
            compound = i + 1 < words.n and pos[i + 1] in _NOUNS
            if (head is None and pos[i] not in _NOUNS) or compound:
                continue
            if head is None and not _in_apposition(words, i):
                continue  # appositive_name finds no name beside it
            token = doc[i]
            beside = appositive_name(token, known, self.lex)
            if beside is not None:
                head = (beside.type, None) if head is None else head
                start = _nominal_start(token, role, known)
                start = _appositive_start(token) if start is None else start
                if head[0] == beside.type:
                    span = doc[start : token.i + 1]
                    cands.append(make_cand(span, beside.type, "NOM", sents, antecedent=beside.span))
                    whole = apposition_span(doc, token, beside)
                    cands.append(
                        make_cand(whole, beside.type, "NOM", sents, antecedent=beside.span)
                    )
                    continue
            start = _nominal_start(token, role, known)
            if head is None or start is None:
                continue
            span = doc[start : token.i + 1]
            etype, place = head
            named = names.get(_of_name(doc, token))
            antecedent = named.span if named is not None and named.type == etype else None
            cands.append(make_cand(span, etype, "NOM", sents, place=place, antecedent=antecedent))
        return cands

    def pronoun_cands(self, doc: Doc, sents: list[int], known: list[Cand]) -> list[Cand]:
        """Return third-person and relative pronouns as candidate mentions.

        "it" that stands for nothing ("it is expected that", "it rained") is left out; a
        relative pronoun takes the mention of the noun its clause describes as antecedent.
        """
        cands = []
        pronouns, lex = self.lex.third_person_pronouns, self.lex
        for i, word in enumerate(token_table(doc).lower):
            if word not in lex.relative_pronouns and word not in pronouns:
                continue
            token, span = doc[i], doc[i : i + 1]
            if word in lex.relative_pronouns:
                antecedent = _relative_antecedent(token, known)
                if antecedent is not None:
                    cands.append(
                        make_cand(span, antecedent.type, "PRO", sents, antecedent=antecedent.span)
                    )
            elif word in pronouns and not (word in lex.neuter_pronouns and _pleonastic(token)):
                etype: EntityType = "PERSON"
                if word in lex.neuter_pronouns or word in lex.plural_pronouns:
                    etype = "ORG"
                subject, bound = local_subject(token, lex.object_control_verbs)
                cands.append(
                    make_cand(span, etype, "PRO", sents, local_subject=subject, bound=bound)
                )
        return cands


def _relative_antecedent(token: Token, known: list[Cand]) -> Cand | None:
    """Return the mention of the noun a relative pronoun's clause describes, if it is one."""
    clause = token.head
    if clause.dep_ != "relcl" or (token.i > clause.i and token.dep_ != "dobj"):
        return None
    noun = clause.head
    at = noun.idx
    covering = [c for c in known if c.span.start <= at < c.span.end and c.span.end <= token.idx]
    return max(covering, key=lambda c: c.span.end - c.span.start, default=None)


def _pleonastic(token: Token) -> bool:
    """Tell an "it" that stands for nothing: an expletive, or the subject of a clause whose
    real subject is a that- or to-clause ("it is likely that", "it was announced that")."""
    if token.dep_ == "expl":
        return True
    head = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ != "it":
        return False
    clausal = any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    passive = any(c.dep_ == "auxpass" for c in head.children)
    copular = head.lemma_ in ("be", "seem", "appear", "remain", "become")
    return (clausal and (passive or copular)) or head.lemma_ in ("rain", "snow")


def mark_identity(cands: list[Cand], links: dict[tuple[str, str], Link]) -> None:
    """Set each name's reference identity and whether a place is a country."""
    for c in cands:
        link = links.get((c.name, c.type))
        if link is not None and c.key is None:
            c.key = link.key
        if c.type == "PLACE" and c.place is None:
            c.place = place_kind(link)
    countries = {c.key for c in cands if c.place == "country" and c.key}
    for c in cands:
        if c.type == "PLACE" and c.key in countries:
            c.place = "country"


def mark_quoted(text: str, cands: list[Cand]) -> None:
    """Mark the mentions that sit between double quote marks (a speaker's own words)."""
    regions = double_marks(text)
    for c in cands:
        c.quoted = any(r.start <= c.span.start and c.span.end <= r.end for r in regions)


def _nominal_start(token: Token, role: bool, known: list[Cand]) -> int | None:
    """Return where a nominal starts: at "the", or after a possessive ("the group's")."""
    words = token_table(token.doc)
    i = token.i - 1
    while i > 0 and token.i - i <= 2 and _premodifier(words, i):
        i -= 1
    if words.lower[i] == "the":
        return i
    if words.tag[i] != "POS" or i == 0:
        return None
    owner = words.start[i - 1]
    people = (c.span for c in known if c.type == "PERSON")
    if role and any(s.start <= owner < s.end for s in people):
        return None
    return i + 1


def appositive_name(token: Token, known: list[Cand], lex: Lexicon) -> Cand | None:
    """Return the name a common noun stands in apposition to, if it can describe it.

    "Alan Mulally, the chief executive," and "the company's chief, Alan Mulally": a role or
    office noun describes a person, a nominal head ("the automaker") its own kind of thing,
    and any other singular noun ("AirTanker Ltd., an EADS-led consortium") what it is beside.
    """
    word = token.lower_
    person = word in lex.person_nouns
    # an office may be written in capitals ("the Vice Chairman of Chrysler")
    if token.pos_ != "NOUN" and not (person and token.pos_ == "PROPN"):
        return None
    kind = described_type(word, lex)
    if kind is None and (token.tag_ != "NN" or token.ent_type_ in NOT_DESCRIPTIONS):
        return None
    if token.dep_ == "appos":
        other = token.head
    else:
        other = next((c for c in token.children if c.dep_ == "appos"), None)
        # a name the parser hangs far from a noun of no known kind is not beside it
        if other is not None and kind is None and other.left_edge.i > token.i + 2:
            return None
    if other is None or other.pos_ != "PROPN":
        return None
    at = other.idx
    for c in known:
        if c.kind == "NAM" and c.span.start <= at < c.span.end:
            return c if kind is None or c.type == kind else None
    return None


def apposition_span(doc: Doc, token: Token, name: Cand) -> SpacySpan:
    """Return the whole of an apposition: the name and the phrase beside it, either way
    round ("Jim Press, the vice chairman of Chrysler", "its parent company, EADS")."""
    named = doc.char_span(name.span.start, name.span.end, alignment_mode="expand")
    if token.idx >= name.span.end:
        first, last = named[0], token.right_edge
    else:
        first, last = token.left_edge, named[-1]
    tokens = trim(doc[first.i : last.i + 1])
    return doc[tokens[0].i : tokens[-1].i + 1] if tokens else doc[token.i : token.i + 1]


def _appositive_start(token: Token) -> int:
    """Return where an appositive nominal with no article starts ("manager of Apple Corps"),
    after any possessor or name before it ("Chrysler's vice chairman")."""
    start = token.left_edge.i
    for j in range(token.i - 1, start - 1, -1):
        word = token.doc[j]
        if word.tag_ == "POS" or word.pos_ in ("PROPN", "PUNCT"):
            return j + 1
    return start


def _in_apposition(words: TokenTable, i: int) -> bool:
    """Tell whether a word stands in apposition or has a word in apposition to it."""
    deps = words.dep
    return deps[i] == "appos" or any(deps[c] == "appos" for c in words.children[i])


def _premodifier(words: TokenTable, i: int) -> bool:
    """Tell whether a word is an adjective or a common-noun compound before a nominal's head."""
    pos = words.pos[i]
    return pos == "ADJ" or (pos == "NOUN" and words.dep[i] == "compound")


def _of_name(doc: Doc, token: Token) -> int:
    """Return where the name in "the city of <name>" starts, or -1."""
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "of" or nxt.i + 1 >= len(doc):
        return -1
    return doc[nxt.i + 1].idx


def build(cands: list[Cand], clusters: list[int], text: str) -> tuple[list[Entity], list[Mention]]:
    """Make one entity per cluster with a name, and its mentions."""
    members: dict[int, list[Cand]] = {}
    for c, cluster in zip(cands, clusters, strict=True):
        if cluster >= 0:
            members.setdefault(cluster, []).append(c)
    entities: list[Entity] = []
    mentions: list[Mention] = []
    # spans order as (start, end): sorted by those, without Span's own comparison
    for group in sorted(members.values(), key=lambda g: (g[0].span.start, g[0].span.end)):
        entity = make_entity(group, text)
        if entity.type == "OTHER":
            continue
        mentions += [Mention(c.span, len(entities), c.kind) for c in group]
        entities.append(entity)
    mentions.sort(key=lambda m: (m.span.start, m.span.end, m.entity))
    return entities, mentions


def make_entity(group: list[Cand], text: str) -> Entity:
    """Make the entity of a cluster: its majority type and its longest name."""
    names = [c for c in group if c.kind in ("NAM", "PRE")]
    weights: Counter[EntityType] = Counter()
    for c in names:
        weights[c.type] += 3 if c.from_reference else 1
    etype = weights.most_common(1)[0][0]
    full = [c.span.text(text) for c in names if c.kind == "NAM" and c.type == etype]
    given = [c.name for c in names if c.kind == "PRE" and c.name != c.span.text(text)]
    spelled = full or given or [c.span.text(text) for c in names]
    name = max(spelled, key=len)
    aliases = sorted({n for n in spelled if n != name})
    return Entity(etype, name, aliases)
