"""Tests of the within-article coreference sieve (no spaCy model needed)."""

from __future__ import annotations

from kg.extract.candidates import Cand
from kg.extract.lexicon import Lexicon
from kg.extract.sieve import (
    Clusters,
    match_exact,
    match_heads,
    match_nominals,
    match_pronouns,
    resolve,
)
from kg.model import EntityType, MentionKind, Span

LEX = Lexicon.load()


def cand(
    start: int,
    name: str,
    etype: EntityType,
    kind: MentionKind = "NAM",
    sent: int = 0,
    **extra: object,
) -> Cand:
    return Cand(Span(start, start + len(name)), etype, kind, name, sent, **extra)  # type: ignore[arg-type]


def joined(cands: list[Cand], clusters: Clusters, i: int, j: int) -> bool:
    return clusters.find(i) == clusters.find(j)


def test_match_exact_joins_spelling_variants() -> None:
    cands = [cand(0, "Abu Bakr al-Baghdadi", "PERSON"), cand(50, "Abubakr al-Baghdadi", "PERSON")]
    clusters = Clusters(2)
    match_exact(cands, clusters)
    assert joined(cands, clusters, 0, 1)


def test_match_exact_keeps_types_apart() -> None:
    cands = [cand(0, "Washington", "PERSON"), cand(50, "Washington", "PLACE")]
    clusters = Clusters(2)
    match_exact(cands, clusters)
    assert not joined(cands, clusters, 0, 1)


def test_match_exact_joins_same_reference_identity() -> None:
    cands = [cand(0, "IS", "ORG", key="isil"), cand(10, "Daesh", "ORG", key="isil")]
    clusters = Clusters(2)
    match_exact(cands, clusters)
    assert joined(cands, clusters, 0, 1)


def test_match_heads_joins_surname_to_person() -> None:
    cands = [cand(0, "Baghdadi", "PERSON"), cand(20, "Abu Bakr al-Baghdadi", "PERSON")]
    clusters = Clusters(2)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)


def test_match_heads_joins_acronym_by_initials() -> None:
    cands = [cand(0, "Islamic State", "ORG"), cand(30, "IS", "ORG")]
    clusters = Clusters(2)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)


def test_match_heads_joins_acronym_without_legal_form() -> None:
    name = "European Aeronautic Defense & Space Company"
    cands = [cand(0, name, "ORG"), cand(50, "EADS", "ORG")]
    clusters = Clusters(2)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)


def test_match_heads_joins_a_first_word_to_the_one_legal_name_it_begins() -> None:
    # the model often types a company's short name as a person
    cands = [cand(0, "Cerberus Capital Management LP", "ORG"), cand(40, "Cerberus", "PERSON")]
    cands += [cand(60, "Tollan Dairy Group", "ORG"), cand(90, "Tollan", "ORG")]
    # a name ending in what the company trades in is a company's name too
    cands += [cand(100, "Brackenfield Foods", "ORG"), cand(130, "Brackenfield", "PERSON")]
    clusters = Clusters(6)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1) and joined(cands, clusters, 2, 3)
    assert joined(cands, clusters, 4, 5)


def test_match_heads_joins_the_first_words_or_an_acronym_to_the_legal_name_they_begin() -> None:
    cands = [cand(0, "Aer Lingus Group PLC", "ORG"), cand(30, "Aer Lingus", "ORG")]
    cands += [cand(50, "NPD Group", "ORG"), cand(70, "NPD", "ORG")]
    # words the legal name does not begin with are another name
    cands += [cand(80, "Lingus Air", "ORG")]
    clusters = Clusters(5)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1) and joined(cands, clusters, 2, 3)
    assert not joined(cands, clusters, 0, 4)


def test_match_heads_leaves_divisions_and_shared_first_words_apart() -> None:
    # a division or a subsidiary is not what its first word names
    division = [cand(0, "Boeing Commercial Airplanes", "ORG"), cand(40, "Boeing", "ORG")]
    clusters = Clusters(2)
    match_heads(division, clusters, LEX)
    assert not joined(division, clusters, 0, 1)
    # two legal names begin with the word: it is a place or a prefix, not a short name
    shared = [cand(0, "Harrowmere Holdings", "ORG"), cand(30, "Harrowmere Group", "ORG")]
    shared.append(cand(60, "Harrowmere", "ORG"))
    clusters = Clusters(3)
    match_heads(shared, clusters, LEX)
    assert not joined(shared, clusters, 0, 2) and not joined(shared, clusters, 1, 2)
    # an institution is not named by its first word ("Harrowmere" is the town)
    council = [cand(0, "Harrowmere City Council", "ORG"), cand(40, "Harrowmere", "ORG")]
    clusters = Clusters(2)
    match_heads(council, clusters, LEX)
    assert not joined(council, clusters, 0, 1)


def test_match_heads_joins_a_given_name_to_the_one_person_it_begins() -> None:
    cands = [cand(0, "Jonah Kessler", "PERSON"), cand(30, "Jonah", "PERSON")]
    clusters = Clusters(2)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)
    # two people with that given name: nobody can tell which one
    cands = [cand(0, "Jonah Kessler", "PERSON"), cand(20, "Jonah Brandt", "PERSON")]
    cands.append(cand(40, "Jonah", "PERSON"))
    clusters = Clusters(3)
    match_heads(cands, clusters, LEX)
    assert not joined(cands, clusters, 0, 2) and not joined(cands, clusters, 1, 2)


def test_match_heads_joins_alias_from_reference() -> None:
    cands = [cand(0, "Islamic State", "ORG"), cand(30, "ISIL", "ORG")]
    clusters = Clusters(2)
    match_heads(cands, clusters, LEX, {"isil": "islamicstate"})
    assert joined(cands, clusters, 0, 1)


def test_match_nominals_group_takes_latest_organisation() -> None:
    cands = [
        cand(0, "Boeing", "ORG"),
        cand(20, "Airbus", "ORG"),
        cand(40, "the group", "ORG", "NOM"),
    ]
    clusters = Clusters(3)
    match_nominals(cands, clusters, LEX)
    assert joined(cands, clusters, 1, 2)
    assert not joined(cands, clusters, 0, 2)


def test_match_nominals_trade_heads_take_the_latest_organisation_not_a_place() -> None:
    cands = [
        cand(0, "General Motors", "ORG"),
        cand(30, "Detroit", "PLACE", place="city"),
        cand(50, "the automaker", "ORG", "NOM"),
        cand(80, "the capital", "PLACE", "NOM", place="city"),
    ]
    clusters = Clusters(4)
    match_nominals(cands, clusters, LEX)
    assert LEX.nominal_heads["automaker"] == ("ORG", None)
    assert joined(cands, clusters, 0, 2)
    assert joined(cands, clusters, 1, 3)
    assert not joined(cands, clusters, 1, 2)


def test_match_nominals_country_skips_cities() -> None:
    cands = [
        cand(0, "Iraq", "PLACE", place="country"),
        cand(20, "Mosul", "PLACE", place="city"),
        cand(40, "the country", "PLACE", "NOM"),
        cand(60, "the city", "PLACE", "NOM"),
    ]
    clusters = Clusters(4)
    match_nominals(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 2)
    assert joined(cands, clusters, 1, 3)


def test_match_nominals_a_government_is_the_country_it_names() -> None:
    cands = [
        cand(0, "Japan", "PLACE", place="country"),
        cand(20, "Canada", "PLACE", place="country"),
        cand(40, "the Japanese government", "PLACE", "NOM"),
        cand(44, "Japanese", "PLACE", "PRE", place="country"),
        cand(80, "the government", "PLACE", "NOM"),
    ]
    clusters = Clusters(5)
    match_nominals(cands, clusters, LEX)
    assert joined(cands, clusters, 2, 3) and not joined(cands, clusters, 1, 2)
    # nothing in it names a country: the latest named is not always it
    assert all(not joined(cands, clusters, j, 4) for j in range(4))
    # a province is not the country named in it
    cands = [cand(0, "the Iraqi province", "PLACE", "NOM"), cand(4, "Iraqi", "PLACE", "PRE")]
    cands[1].place = "country"
    clusters = Clusters(2)
    match_nominals(cands, clusters, LEX)
    assert not joined(cands, clusters, 0, 1)


def test_match_pronouns_takes_the_subject_of_its_own_clause() -> None:
    # "The Commission forced Apple to lower its prices": Apple lowers them
    cands = [
        cand(0, "The Commission", "ORG", subject=True),
        cand(22, "Apple", "ORG"),
        cand(40, "its", "ORG", "PRO", local_subject=Span(22, 27)),
    ]
    clusters = Clusters(3)
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 1, 2) and not joined(cands, clusters, 0, 2)


def test_match_pronouns_an_object_pronoun_is_not_its_clause_subject() -> None:
    # "DaimlerChrysler is divesting the Chrysler Group by selling it"
    cands = [
        cand(0, "DaimlerChrysler", "ORG", subject=True),
        cand(30, "the Chrysler Group", "ORG", "NOM"),
        cand(60, "it", "ORG", "PRO", local_subject=Span(0, 15), bound=True),
    ]
    clusters = Clusters(3)
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 1, 2) and not joined(cands, clusters, 0, 2)


def test_match_pronouns_prefers_subject_of_previous_sentence() -> None:
    cands = [
        cand(0, "Boris Johnson", "PERSON", sent=0, subject=True),
        cand(30, "Baghdadi", "PERSON", sent=0),
        cand(60, "he", "PERSON", "PRO", sent=1),
    ]
    clusters = Clusters(3)
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 2)


def test_match_pronouns_prefers_person_in_same_sentence() -> None:
    cands = [
        cand(0, "Boris Johnson", "PERSON", sent=0, subject=True),
        cand(30, "Baghdadi", "PERSON", sent=1, subject=True),
        cand(60, "his", "PERSON", "PRO", sent=1),
    ]
    clusters = Clusters(3)
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 1, 2)


def test_match_pronouns_their_takes_nearby_organisation() -> None:
    cands = [cand(0, "Boeing", "ORG", sent=0), cand(30, "their", "ORG", "PRO", sent=1)]
    clusters = Clusters(2)
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)


def test_resolve_leaves_unanchored_pronouns_out() -> None:
    cands = [cand(0, "he", "PERSON", "PRO"), cand(10, "Baghdadi", "PERSON", sent=1)]
    assert resolve(cands, LEX)[0] == -1
    assert resolve(cands, LEX)[1] >= 0


def test_match_nominals_role_takes_the_one_person_of_its_sentence() -> None:
    cands = [
        cand(0, "Boris Johnson", "PERSON", sent=0),
        cand(40, "Abu Bakr al-Baghdadi", "PERSON", sent=1),
        cand(70, "the terror boss", "PERSON", "NOM", sent=1),
    ]
    clusters = Clusters(3)
    match_nominals(cands, clusters, LEX)
    assert joined(cands, clusters, 1, 2)
    assert not joined(cands, clusters, 0, 2)


def test_match_nominals_role_takes_the_nearest_person_before() -> None:
    cands = [
        cand(0, "Abu Bakr al-Baghdadi", "PERSON", sent=0),
        cand(30, "Islamic State", "ORG", "PRE", sent=1),
        cand(50, "notorious leader", "PERSON", "NOM", sent=1),
    ]
    clusters = Clusters(3)
    match_nominals(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 2)
    assert not joined(cands, clusters, 1, 2)


def test_match_nominals_role_far_from_any_person_stays_unresolved() -> None:
    cands = [
        cand(0, "Boris Johnson", "PERSON", sent=0),
        cand(90, "the leader", "PERSON", "NOM", sent=5),
    ]
    assert resolve(cands, LEX) == [0, -1]


def test_match_nominals_city_of_name_is_that_city() -> None:
    cands = [
        cand(0, "Mosul", "PLACE", place="city"),
        cand(20, "Baghdad", "PLACE", place="city"),
        cand(40, "the city", "PLACE", "NOM", antecedent=Span(52, 57)),
        cand(52, "Mosul", "PLACE", place="city"),
    ]
    clusters = Clusters(4)
    match_exact(cands, clusters)
    match_nominals(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 2)
    assert not joined(cands, clusters, 1, 2)


def test_match_pronouns_skips_people_quoted_in_the_pronoun_sentence() -> None:
    # Ann Pell spoke. "Tom stays," she said.
    cands = [
        cand(0, "Ann Pell", "PERSON", sent=0, subject=True),
        cand(17, "Tom", "PERSON", sent=1, subject=True, quoted=True),
        cand(29, "she", "PERSON", "PRO", sent=1, subject=True),
    ]
    clusters = Clusters(len(cands))
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 2)
    assert not joined(cands, clusters, 1, 2)


def test_match_pronouns_inside_a_quote_may_take_quoted_people() -> None:
    # "Tom stays and he plays," she said.
    cands = [
        cand(1, "Tom", "PERSON", sent=0, subject=True, quoted=True),
        cand(14, "he", "PERSON", "PRO", sent=0, quoted=True),
    ]
    clusters = Clusters(len(cands))
    match_pronouns(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)


def test_match_heads_joins_an_abbreviation_to_the_name_it_was_defined_after() -> None:
    cands = [
        cand(0, "Singapore Airlines", "ORG"),
        cand(20, "SIA", "ORG", antecedent=Span(0, 18)),
        cand(40, "Air Singapore", "ORG"),
    ]
    clusters = Clusters(3)
    match_heads(cands, clusters, LEX)
    assert joined(cands, clusters, 0, 1)
    assert not joined(cands, clusters, 0, 2)
