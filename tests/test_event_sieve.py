"""The event coreference sieve, pass by pass, on hand-made mentions (no model)."""

from __future__ import annotations

from kg.extract.event_coref import merge_claims, merged_actors
from kg.extract.event_sieve import EventMention, TypeInfo, resolve
from kg.model import Claim, Role, Span

TYPES: TypeInfo = {
    "Conflict": (None, False),
    "Battle": ("Conflict", False),
    "MilitaryOffensive": ("Conflict", False),
    "Movement": (None, True),
    "Flee": ("Movement", False),
    "Statement": (None, True),
    "Other": (None, True),
    "Arrest": (None, False),
}


def flee(**kw: object) -> EventMention:
    return EventMention(type="Flee", keys=frozenset({"flee"}), **kw)  # type: ignore[arg-type]


def test_one_predicate_is_one_happening() -> None:
    assert resolve([flee(), flee(noun=True)], TYPES) == [0, 0]


def test_different_agents_keep_mentions_of_one_predicate_apart() -> None:
    mentions = [flee(agents=frozenset({1})), flee(agents=frozenset({2}))]
    assert resolve(mentions, TYPES) == [0, 1]


def test_times_that_cannot_be_one_keep_mentions_apart() -> None:
    assert resolve([flee(time="2016-11"), flee(time="2016-10-17")], TYPES) == [0, 1]
    assert resolve([flee(time="2016-11"), flee(time="2016-11-03")], TYPES) == [0, 0]


def test_other_figures_keep_mentions_apart() -> None:
    fell = [
        EventMention("Other", frozenset({"fall"}), amounts=frozenset({"5%"})),
        EventMention("Other", frozenset({"fall"}), amounts=frozenset({"7%"})),
    ]
    assert resolve(fell, TYPES) == [0, 1]


def test_many_happenings_are_not_one() -> None:
    deals = [
        EventMention("Other", frozenset({"deal"}), noun=True, plural=True),
        EventMention("Other", frozenset({"deal"}), noun=True, plural=False),
    ]
    assert resolve(deals, TYPES) == [0, 1]


def test_verbs_of_saying_do_not_join_by_their_lemma_alone() -> None:
    said = EventMention("Statement", frozenset({"say"}), speech=True, content="he left")
    other = EventMention("Statement", frozenset({"say"}), speech=True, content="it rained")
    assert resolve([said, other], TYPES) == [0, 1]


def test_one_statement_reported_twice_is_one() -> None:
    said = EventMention("Statement", frozenset({"say"}), speech=True, content="he left")
    told = EventMention("Statement", frozenset({"tell"}), speech=True, content="he left")
    assert resolve([said, told], TYPES) == [0, 0]


def announce(**kw: object) -> EventMention:
    return EventMention("Statement", frozenset({"announce", "stem:announc"}), speech=True, **kw)  # type: ignore[arg-type]


def test_a_report_restated_by_its_speaker_is_one() -> None:
    mentions = [announce(agents=frozenset({1})), announce(agents=frozenset({1}), time="2006-05")]
    assert resolve(mentions, TYPES) == [0, 0]


def test_a_report_restated_with_its_figures_is_one() -> None:
    mentions = [announce(amounts=frozenset({"10,000"})), announce(amounts=frozenset({"10,000"}))]
    assert resolve(mentions, TYPES) == [0, 0]


def test_a_restated_report_needs_a_speaker_or_figure_in_common() -> None:
    assert resolve([announce(), announce()], TYPES) == [0, 1]
    speakers = [announce(agents=frozenset({1})), announce(agents=frozenset({2}))]
    assert resolve(speakers, TYPES) == [0, 1]
    figures = [announce(amounts=frozenset({"5"})), announce(amounts=frozenset({"7"}))]
    assert resolve(figures, TYPES) == [0, 1]


def test_one_speaker_reporting_other_words_tells_twice() -> None:
    first = announce(agents=frozenset({1}), content="sales rose")
    second = announce(agents=frozenset({1}), content="jobs will go")
    assert resolve([first, second], TYPES) == [0, 1]


def announcement(**kw: object) -> EventMention:
    keys = frozenset({"announcement", "announce", "stem:announc"})
    return EventMention("Statement", keys, speech=True, noun=True, **kw)  # type: ignore[arg-type]


def test_a_definite_noun_of_saying_takes_up_the_latest_report_by_its_verb() -> None:
    # "X announced cuts. Y announced a sale. As a result of this announcement ..."
    mentions = [announce(agents=frozenset({1})), announce(agents=frozenset({2}))]
    assert resolve([*mentions, announcement(definite=True)], TYPES) == [0, 1, 1]
    # an indefinite one is a report of its own, as is "another announcement"
    assert resolve([*mentions, announcement()], TYPES) == [0, 1, 2]
    other = announcement(definite=True, other=True)
    assert resolve([*mentions, other], TYPES) == [0, 1, 2]
    # and one told by another verb takes up none ("said" is no "announcement")
    said = EventMention("Statement", frozenset({"say"}), speech=True)
    assert resolve([said, announcement(definite=True)], TYPES) == [0, 1]


def test_the_syntax_joins_a_light_verb_and_its_noun() -> None:
    waging = EventMention("Other", frozenset({"wage"}), grammatical=True)
    offensive = EventMention("MilitaryOffensive", frozenset({"offensive"}), same_as=0)
    assert resolve([waging, offensive], TYPES) == [0, 0]


def test_related_types_join_through_a_shared_participant() -> None:
    battle = EventMention("Battle", frozenset({"battle"}), place=7)
    offensive = EventMention("MilitaryOffensive", frozenset({"offensive"}), place=7)
    elsewhere = EventMention("MilitaryOffensive", frozenset({"push"}), place=8)
    assert resolve([battle, offensive, elsewhere], TYPES) == [0, 0, 2]


def test_unrelated_types_never_join() -> None:
    arrest = EventMention("Arrest", frozenset({"arrest"}), place=7)
    battle = EventMention("Battle", frozenset({"battle"}), place=7)
    assert resolve([arrest, battle], TYPES) == [0, 1]


def test_a_generic_mention_joins_the_narrower_happening_at_its_place() -> None:
    fled = flee(place=3, agents=frozenset({1}))
    is_out = EventMention("Movement", frozenset({"be out"}), place=3)
    left_elsewhere = EventMention("Movement", frozenset({"leave"}), place=4)
    assert resolve([fled, is_out, left_elsewhere], TYPES) == [0, 0, 2]


def test_a_join_that_conflicts_through_the_cluster_is_refused() -> None:
    # 0 and 2 conflict in agents; 1 joins 0 first, so 2 may not join the cluster through 1
    mentions = [flee(agents=frozenset({1})), flee(), flee(agents=frozenset({2}))]
    assert resolve(mentions, TYPES) == [0, 0, 2]


def test_a_named_participant_outweighs_a_pronoun() -> None:
    roles = [
        Role(1, "agent"),
        Role(5, "agent", pronoun=True),
        Role(3, "patient"),
        Role(1, "patient"),
    ]
    assert merged_actors(roles) == [Role(1, "agent"), Role(3, "patient")]


def test_a_pronoun_alone_is_kept() -> None:
    assert merged_actors([Role(5, "agent", pronoun=True)]) == [Role(5, "agent", pronoun=True)]


def test_claims_of_one_source_and_certainty_rest_on_all_their_mentions() -> None:
    fled, flight, ran = Span(10, 14), Span(40, 46), Span(70, 78)
    likely, reportedly = Span(0, 6), Span(30, 40)
    claims = [
        Claim(2, "PROBABLE", "POSITIVE", [reportedly], [flight]),
        Claim(2, "PROBABLE", "POSITIVE", [likely], [fled]),
        Claim(None, "CERTAIN", "POSITIVE", [], [ran]),
    ]
    merged = merge_claims(claims)
    assert [(c.source, c.certainty) for c in merged] == [(2, "PROBABLE"), (None, "CERTAIN")]
    assert merged[0].hedges == [likely, reportedly]
    assert merged[0].evidence == [fled, flight]


def deal(**kw: object) -> EventMention:
    return EventMention(type="Other", keys=frozenset({"deal"}), noun=True, **kw)  # type: ignore[arg-type]


def agreement(**kw: object) -> EventMention:
    senses = frozenset({"06770275"})
    return EventMention(type="Other", keys=frozenset({"agreement"}), noun=True, senses=senses, **kw)  # type: ignore[arg-type]


def settlement(**kw: object) -> EventMention:
    senses, broader = frozenset({"07177924"}), frozenset({"06770275"})
    keys = frozenset({"settlement"})
    return EventMention(type="Other", keys=keys, noun=True, senses=senses, broader=broader, **kw)  # type: ignore[arg-type]


def test_a_definite_noun_of_a_sense_below_an_earlier_ones_takes_it_up() -> None:
    # "an agreement ... this new settlement"
    assert resolve([agreement(), settlement(definite=True)], TYPES) == [0, 0]


def test_a_noun_not_definite_of_a_related_sense_needs_a_participant_in_common() -> None:
    assert resolve([agreement(), settlement()], TYPES) == [0, 1]
    shared = frozenset({4})
    assert resolve([agreement(agents=shared), settlement(agents=shared)], TYPES) == [0, 0]


def test_nouns_of_unrelated_senses_stay_apart() -> None:
    other = EventMention(
        type="Other", keys=frozenset({"order"}), noun=True, senses=frozenset({"1"})
    )
    assert resolve([agreement(), other], TYPES) == [0, 1]


def test_a_noun_set_apart_by_its_modifier_is_another_happening() -> None:
    # "an order ... the order ... a previous order"
    order = EventMention(type="Other", keys=frozenset({"order"}), noun=True)
    previous = EventMention(type="Other", keys=frozenset({"order"}), noun=True, other=True)
    assert resolve([order, order, previous], TYPES) == [0, 0, 2]
    assert resolve([agreement(), settlement(definite=True, other=True)], TYPES) == [0, 1]
