"""Vocabulary of the extraction rules: ``data/lexicon/*.tsv`` (or a folder of your own) -> Lexicon.

Each list is one tab-separated file: comment lines (``#``) saying what it is and where it comes
from, a row of column names, then one entry a row. Which file fills which field, and how, is
declared once, on the field. A folder of your own need only hold the files it changes: the
others are read from the bundled folder.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import Certainty, EntityType
from kg.resources import data_dir

_CERTAINTIES = frozenset({"CERTAIN", "PROBABLE", "POSSIBLE", "UNDERSPECIFIED"})
_TYPES = frozenset({"PERSON", "ORG", "PLACE", "OTHER"})
_READINGS = frozenset({"role", "post", "both"})


def read_rows(path: Path) -> Iterator[tuple[str, ...]]:
    """Yield the rows of a lexicon file after its comment lines and its row of column names."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the lexicon file ({e})") from e
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    width = len(body[0].split("\t")) if body else 0
    for number, line in enumerate(body[1:], start=2):
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != width:
            raise InputError(
                f"{path}: row {number} has {len(cells)} columns, the header {width}; "
                "separate columns with one tab"
            )
        yield cells


# -- how a file becomes a field ----------------------------------------------------------------


def _words(rows: list[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(row[0] for row in rows)


def _ordered(rows: list[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(row[0] for row in rows)


def _mapping(rows: list[tuple[str, ...]]) -> dict[str, str]:
    return {row[0]: row[1] for row in rows}


def _levels(rows: list[tuple[str, ...]]) -> dict[str, Certainty]:
    bad = [row[1] for row in rows if row[1] not in _CERTAINTIES]
    if bad:
        raise ValueError(f"unknown certainty {bad[0]!r}; use one of {sorted(_CERTAINTIES)}")
    return {row[0]: row[1] for row in rows}  # type: ignore[misc]


def _integers(rows: list[tuple[str, ...]]) -> dict[str, int]:
    return {row[0]: int(row[1]) for row in rows}


def _seasons(rows: list[tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    return {row[0]: (row[1], int(row[2])) for row in rows}


def _numbers(rows: list[tuple[str, ...]]) -> dict[str, float]:
    return {row[0]: float(row[1]) for row in rows}


def _groups(rows: list[tuple[str, ...]]) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for key, value in rows:
        groups.setdefault(key, set()).add(value)
    return {key: frozenset(values) for key, values in groups.items()}


def _noun_senses(rows: list[tuple[str, ...]]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Read (noun, sense, broader sense or "-") rows: noun -> (its senses, those above them)."""
    own: dict[str, set[str]] = {}
    above: dict[str, set[str]] = {}
    for noun, sense, broader in rows:
        own.setdefault(noun, set()).add(sense)
        if broader != "-":
            above.setdefault(noun, set()).add(broader)
    return {n: (frozenset(s), frozenset(above.get(n, ()))) for n, s in own.items()}


def _pairs(rows: list[tuple[str, ...]]) -> dict[tuple[str, str], str]:
    return {(row[0], row[1]): row[2] for row in rows}


def _heads(rows: list[tuple[str, ...]]) -> dict[str, tuple[EntityType, str | None]]:
    bad = [row[1] for row in rows if row[1] not in _TYPES]
    if bad:
        raise ValueError(f"unknown entity type {bad[0]!r}; use one of {sorted(_TYPES)}")
    return {row[0]: (row[1], row[2] or None) for row in rows}  # type: ignore[misc]


def _hierarchy(rows: list[tuple[str, ...]]) -> dict[str, tuple[str | None, bool]]:
    return {row[0]: (row[1] or None, row[2] == "yes") for row in rows}


def _read_as(*readings: str) -> Callable[[list[tuple[str, ...]]], frozenset[str]]:
    """Read (word, reading) rows: the words with one of ``readings``."""

    def read(rows: list[tuple[str, ...]]) -> frozenset[str]:
        bad = [row[1] for row in rows if row[1] not in _READINGS]
        if bad:
            raise ValueError(f"unknown reading {bad[0]!r}; use one of {sorted(_READINGS)}")
        return frozenset(word for word, reading in rows if reading in readings)

    return read


def _spec(file: str, read: Callable[[list[tuple[str, ...]]], Any] = _words) -> dict[str, Any]:
    """Return the field metadata naming a list's file and how its rows are read."""
    return {"file": file, "read": read}


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word list the rules read, each from its own file."""

    # reported speech
    speech_verbs: frozenset[str] = field(metadata=_spec("speech_verbs"))
    attitude_verbs: dict[str, str] = field(metadata=_spec("attitude_verbs", _mapping))
    attitude_adjectives: frozenset[str] = field(metadata=_spec("attitude_adjectives"))
    attribution_nouns: frozenset[str] = field(metadata=_spec("attribution_nouns"))
    voicing_verbs: frozenset[str] = field(metadata=_spec("voicing_verbs"))
    viewpoint_nouns: frozenset[str] = field(metadata=_spec("viewpoint_nouns"))
    document_nouns: frozenset[str] = field(metadata=_spec("document_nouns"))
    finding_verbs: frozenset[str] = field(metadata=_spec("finding_verbs"))
    addressee_verbs: frozenset[str] = field(metadata=_spec("addressee_verbs"))
    phrasal_cues: dict[str, frozenset[str]] = field(metadata=_spec("phrasal_cues", _groups))
    media: frozenset[str] = field(metadata=_spec("media"))
    identity_hedges: frozenset[str] = field(metadata=_spec("identity_hedges"))
    medium_prepositions: frozenset[str] = field(metadata=_spec("medium_prepositions"))
    speaker_pronouns: frozenset[str] = field(metadata=_spec("speaker_pronouns"))
    source_nouns: frozenset[str] = field(metadata=_spec("source_nouns"))
    # events
    event_types: dict[str, str] = field(metadata=_spec("event_types", _mapping))
    phrasal_event_types: dict[tuple[str, str], str] = field(
        metadata=_spec("phrasal_event_types", _pairs)
    )
    verb_object_event_types: dict[tuple[str, str], str] = field(
        metadata=_spec("verb_object_event_types", _pairs)
    )
    entry_verbs: dict[str, str] = field(metadata=_spec("entry_verbs", _mapping))
    event_nouns: frozenset[str] = field(metadata=_spec("event_nouns"))
    eventive_nouns: frozenset[str] = field(metadata=_spec("eventive_nouns"))
    nominal_suffixes: tuple[str, ...] = field(metadata=_spec("nominal_suffixes", _ordered))
    non_event_verbs: frozenset[str] = field(metadata=_spec("non_event_verbs"))
    non_event_nouns: frozenset[str] = field(metadata=_spec("non_event_nouns"))
    event_particles: frozenset[str] = field(metadata=_spec("event_particles"))
    place_nouns: frozenset[str] = field(metadata=_spec("place_nouns"))
    aspectual_verbs: frozenset[str] = field(metadata=_spec("aspectual_verbs"))
    object_control_verbs: frozenset[str] = field(metadata=_spec("object_control_verbs"))
    undergoing_verbs: frozenset[str] = field(metadata=_spec("undergoing_verbs"))
    # event coreference
    event_derivations: dict[str, frozenset[str]] = field(
        metadata=_spec("event_derivations", _groups)
    )
    verb_senses: dict[str, frozenset[str]] = field(metadata=_spec("verb_senses", _groups))
    event_noun_senses: dict[str, tuple[frozenset[str], frozenset[str]]] = field(
        metadata=_spec("event_noun_senses", _noun_senses)
    )
    light_verbs: frozenset[str] = field(metadata=_spec("light_verbs"))
    contrastive_modifiers: frozenset[str] = field(metadata=_spec("contrastive_modifiers"))
    shell_nouns: frozenset[str] = field(metadata=_spec("shell_nouns"))
    grammatical_verbs: frozenset[str] = field(metadata=_spec("grammatical_verbs"))
    event_type_hierarchy: dict[str, tuple[str | None, bool]] = field(
        metadata=_spec("event_type_hierarchy", _hierarchy)
    )
    # factuality
    hedge_adverbs: dict[str, Certainty] = field(metadata=_spec("hedge_adverbs", _levels))
    hedge_adjectives: dict[str, Certainty] = field(metadata=_spec("hedge_adjectives", _levels))
    modals: dict[str, Certainty] = field(metadata=_spec("modals", _levels))
    hypothetical_modals: dict[str, Certainty] = field(
        metadata=_spec("hypothetical_modals", _levels)
    )
    raising_predicates: dict[str, Certainty] = field(metadata=_spec("raising_predicates", _levels))
    doubting_predicates: dict[str, Certainty] = field(
        metadata=_spec("doubting_predicates", _levels)
    )
    intensional_verbs: dict[str, Certainty] = field(metadata=_spec("intensional_verbs", _levels))
    volitional_predicates: frozenset[str] = field(metadata=_spec("volitional_predicates"))
    permission_verbs: frozenset[str] = field(metadata=_spec("permission_verbs"))
    expecting_verbs: frozenset[str] = field(metadata=_spec("expecting_verbs"))
    factive_predicates: frozenset[str] = field(metadata=_spec("factive_predicates"))
    seeking_verbs: frozenset[str] = field(metadata=_spec("seeking_verbs"))
    result_verbs: frozenset[str] = field(metadata=_spec("result_verbs"))
    result_links: frozenset[str] = field(metadata=_spec("result_links"))
    purpose_phrase_nouns: frozenset[str] = field(metadata=_spec("purpose_phrase_nouns"))
    purpose_marks: frozenset[str] = field(metadata=_spec("purpose_marks"))
    hedge_nouns: dict[str, Certainty] = field(metadata=_spec("hedge_nouns", _levels))
    intent_nouns: frozenset[str] = field(metadata=_spec("intent_nouns"))
    plan_nouns: frozenset[str] = field(metadata=_spec("plan_nouns"))
    negating_governors: frozenset[str] = field(metadata=_spec("negating_governors"))
    preventing_verbs: frozenset[str] = field(metadata=_spec("preventing_verbs"))
    negating_modifiers: frozenset[str] = field(metadata=_spec("negating_modifiers"))
    negation_cues: dict[str, str] = field(metadata=_spec("negation_cues", _mapping))
    cancelling_verbs: frozenset[str] = field(metadata=_spec("cancelling_verbs"))
    conditional_markers: frozenset[str] = field(metadata=_spec("conditional_markers"))
    conditional_phrases: dict[str, str] = field(metadata=_spec("conditional_phrases", _mapping))
    # names
    honorifics: frozenset[str] = field(metadata=_spec("honorifics"))
    titles: frozenset[str] = field(metadata=_spec("titles"))
    offices: frozenset[str] = field(metadata=_spec("offices"))
    not_names: frozenset[str] = field(metadata=_spec("not_names"))
    org_nouns: frozenset[str] = field(metadata=_spec("org_nouns"))
    org_suffixes: frozenset[str] = field(metadata=_spec("org_suffixes"))
    company_words: frozenset[str] = field(metadata=_spec("company_words"))
    legal_forms: frozenset[str] = field(metadata=_spec("legal_forms"))
    institution_words: frozenset[str] = field(metadata=_spec("institution_words"))
    force_nouns: frozenset[str] = field(metadata=_spec("force_nouns"))
    name_particles: frozenset[str] = field(metadata=_spec("name_particles"))
    acronym_stopwords: frozenset[str] = field(metadata=_spec("acronym_stopwords"))
    third_person_pronouns: dict[str, str] = field(metadata=_spec("third_person_pronouns", _mapping))
    relative_pronouns: frozenset[str] = field(metadata=_spec("relative_pronouns"))
    first_person_pronouns: dict[str, str] = field(metadata=_spec("first_person_pronouns", _mapping))
    nominal_heads: dict[str, tuple[EntityType, str | None]] = field(
        metadata=_spec("nominal_heads", _heads)
    )
    # one list of what a person is: a role used alone for its holder, a post in an organisation
    role_nouns: frozenset[str] = field(metadata=_spec("person_nouns", _read_as("role", "both")))
    governing_nouns: frozenset[str] = field(metadata=_spec("governing_nouns"))
    office_nouns: frozenset[str] = field(metadata=_spec("person_nouns", _read_as("post", "both")))
    person_nouns: frozenset[str] = field(
        metadata=_spec("person_nouns", _read_as("role", "post", "both"))
    )
    # times
    months: dict[str, int] = field(metadata=_spec("months", _integers))
    weekdays: tuple[str, ...] = field(metadata=_spec("weekdays", _ordered))
    time_counts: dict[str, int] = field(metadata=_spec("time_counts", _integers))
    future_auxiliaries: frozenset[str] = field(metadata=_spec("future_auxiliaries"))
    future_heads: frozenset[str] = field(metadata=_spec("future_heads"))
    future_verbs: frozenset[str] = field(metadata=_spec("future_verbs"))
    until_words: frozenset[str] = field(metadata=_spec("until_words"))
    time_units: dict[str, str] = field(metadata=_spec("time_units", _mapping))
    vague_time_counts: frozenset[str] = field(metadata=_spec("vague_time_counts"))
    time_references: dict[str, str] = field(metadata=_spec("time_references", _mapping))
    day_parts: dict[str, str] = field(metadata=_spec("day_parts", _mapping))
    seasons: dict[str, tuple[str, int]] = field(metadata=_spec("seasons", _seasons))
    quarter_words: dict[str, int] = field(metadata=_spec("quarter_words", _integers))
    # quantities
    quantity_hedges: dict[str, str] = field(metadata=_spec("quantity_hedges", _mapping))
    scale_words: dict[str, float] = field(metadata=_spec("scale_words", _numbers))
    number_words: dict[str, float] = field(metadata=_spec("number_words", _numbers))
    range_words: frozenset[str] = field(metadata=_spec("range_words"))

    # -- derived lists: written once here, read by several rules

    @functools.cached_property
    def all_titles(self) -> frozenset[str]:
        """Honorifics and titles: every word before a name that is not part of it."""
        return self.honorifics | self.titles

    @functools.cached_property
    def all_org_suffixes(self) -> frozenset[str]:
        """Last words of organisation names, company words included."""
        return self.company_words | self.org_suffixes

    @functools.cached_property
    def reporting_verbs(self) -> frozenset[str]:
        """Verbs of saying, finding, thinking and intending: all verbs that report."""
        return self.speech_verbs | self.finding_verbs | frozenset(self.attitude_verbs)

    @functools.cached_property
    def reporting_nouns(self) -> frozenset[str]:
        """Nouns of statement, thought and point of view: all nouns that report."""
        return self.attribution_nouns | self.viewpoint_nouns

    @functools.cached_property
    def conditional_phrase_ends(self) -> dict[str, frozenset[str]]:
        """The last word of each conditional phrase, by the kind of phrase it opens."""
        ends: dict[str, set[str]] = {}
        for phrase, kind in self.conditional_phrases.items():
            ends.setdefault(kind, set()).add(phrase.split()[-1])
        return {kind: frozenset(words) for kind, words in ends.items()}

    @functools.cached_property
    def plural_pronouns(self) -> frozenset[str]:
        return frozenset(w for w, n in self.third_person_pronouns.items() if n == "plural")

    @functools.cached_property
    def neuter_pronouns(self) -> frozenset[str]:
        return frozenset(w for w, n in self.third_person_pronouns.items() if n == "neuter")

    def negation(self, kind: str) -> frozenset[str]:
        """Return the negation cues of one kind ("determiner", "pronoun", "preposition", ...)."""
        return self._negations.get(kind, frozenset())

    @functools.cached_property
    def _negations(self) -> dict[str, frozenset[str]]:
        kinds: dict[str, set[str]] = {}
        for word, kind in self.negation_cues.items():
            kinds.setdefault(kind, set()).add(word)
        return {kind: frozenset(words) for kind, words in kinds.items()}

    def hedges_meaning(self, meaning: str) -> frozenset[str]:
        """Return the quantity hedges of one meaning ("approximate", "at_least", "at_most")."""
        return frozenset(w for w, m in self.quantity_hedges.items() if m == meaning)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Lexicon:
        """Read every list from ``folder`` (files it lacks from the bundled folder); cached."""
        return _load(str(Path(folder).resolve()) if folder else "")


def bundled_folder() -> Path:
    """Return the folder of the bundled lexicon files."""
    return data_dir() / "lexicon"


@functools.lru_cache(maxsize=8)
def _load(folder: str) -> Lexicon:
    values = {}
    for spec in fields(Lexicon):
        name = spec.metadata["file"]
        path = Path(folder) / f"{name}.tsv" if folder else None
        if path is None or not path.exists():
            path = bundled_folder() / f"{name}.tsv"
        rows = list(read_rows(path))
        try:
            values[spec.name] = spec.metadata["read"](rows)
        except (ValueError, IndexError) as e:
            raise InputError(f"{path}: {e}; fix the file or remove it") from e
    return Lexicon(**values)
