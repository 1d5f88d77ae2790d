"""Factuality of predicates: hand-built parses, and a few on the trained model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.factuality import Factuality, weakest
from kg.extract.lexicon import Lexicon
from kg.model import Span

assess = Factuality(Lexicon.load()).assess

_VOCAB = spacy.blank("en").vocab


def build(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """Build a parsed Doc from (word, lemma, pos, tag, head, dep) rows."""
    return Doc(
        _VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        deps=[r[5] for r in rows],
    )


def test_assess_plain_past_is_certain_positive() -> None:
    doc = build(
        [("He", "he", "PRON", "PRP", 1, "nsubj"), ("fled", "flee", "VERB", "VBD", 1, "ROOT")]
    )
    assert assess(doc[1], doc) == ("CERTAIN", "POSITIVE", [])


def test_assess_reportedly_is_probable_with_hedge_span() -> None:
    doc = build(
        [
            ("He", "he", "PRON", "PRP", 3, "nsubj"),
            ("has", "have", "AUX", "VBZ", 3, "aux"),
            ("reportedly", "reportedly", "ADV", "RB", 3, "advmod"),
            ("fled", "flee", "VERB", "VBN", 3, "ROOT"),
        ]
    )
    found = assess(doc[3], doc)
    assert found.certainty == "PROBABLE"
    assert found.hedges == [Span(7, 17)]


def test_assess_negation_makes_polarity_negative() -> None:
    doc = build(
        [
            ("They", "they", "PRON", "PRP", 3, "nsubj"),
            ("did", "do", "AUX", "VBD", 3, "aux"),
            ("not", "not", "PART", "RB", 3, "neg"),
            ("retreat", "retreat", "VERB", "VB", 3, "ROOT"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"


def test_assess_may_is_possible() -> None:
    doc = build(
        [
            ("He", "he", "PRON", "PRP", 2, "nsubj"),
            ("may", "may", "AUX", "MD", 2, "aux"),
            ("flee", "flee", "VERB", "VB", 2, "ROOT"),
        ]
    )
    assert assess(doc[2], doc).certainty == "POSSIBLE"


def test_assess_expected_to_be_battle_is_probable() -> None:
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 2, "nsubjpass"),
            ("is", "be", "AUX", "VBZ", 2, "auxpass"),
            ("expected", "expect", "VERB", "VBN", 2, "ROOT"),
            ("to", "to", "PART", "TO", 4, "aux"),
            ("be", "be", "AUX", "VB", 2, "xcomp"),
            ("a", "a", "DET", "DT", 6, "det"),
            ("battle", "battle", "NOUN", "NN", 4, "attr"),
        ]
    )
    found = assess(doc[6], doc)
    assert found.certainty == "PROBABLE"
    assert Span(6, 17) in found.hedges  # "expected to"


def test_assess_failed_to_negates_complement() -> None:
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 1, "nsubj"),
            ("failed", "fail", "VERB", "VBD", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("pass", "pass", "VERB", "VB", 1, "xcomp"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"


def test_assess_rumours_that_is_possible() -> None:
    doc = build(
        [
            ("rumours", "rumour", "NOUN", "NNS", 1, "nsubj"),
            ("persist", "persist", "VERB", "VBP", 1, "ROOT"),
            ("that", "that", "SCONJ", "IN", 4, "mark"),
            ("he", "he", "PRON", "PRP", 4, "nsubj"),
            ("fled", "flee", "VERB", "VBD", 1, "ccomp"),
        ]
    )
    found = assess(doc[4], doc)
    assert found.certainty == "POSSIBLE"
    assert found.hedges == [Span(0, 7)]


def test_assess_stops_at_verb_of_saying() -> None:
    doc = build(
        [
            ("Sources", "source", "NOUN", "NNS", 2, "nsubj"),
            ("reportedly", "reportedly", "ADV", "RB", 2, "advmod"),
            ("said", "say", "VERB", "VBD", 2, "ROOT"),
            ("he", "he", "PRON", "PRP", 4, "nsubj"),
            ("fled", "flee", "VERB", "VBD", 2, "ccomp"),
        ]
    )
    assert assess(doc[4], doc).certainty == "CERTAIN"


def test_assess_if_clause_is_underspecified() -> None:
    doc = build(
        [
            ("if", "if", "SCONJ", "IN", 2, "mark"),
            ("they", "they", "PRON", "PRP", 2, "nsubj"),
            ("attack", "attack", "VERB", "VBP", 2, "ROOT"),
        ]
    )
    assert assess(doc[2], doc).certainty == "UNDERSPECIFIED"


def test_assess_scope_keeps_governor_outside_quote() -> None:
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 1, "nsubj"),
            ("seemed", "seem", "VERB", "VBD", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("work", "work", "VERB", "VB", 1, "xcomp"),
        ]
    )
    assert assess(doc[3], doc).certainty == "PROBABLE"
    assert assess(doc[3], doc, scope=Span(13, 20)).certainty == "CERTAIN"


def test_weakest_picks_least_certain_level() -> None:
    assert weakest(["CERTAIN", "POSSIBLE", "PROBABLE"]) == "POSSIBLE"
    assert weakest([]) == "CERTAIN"


@pytest.mark.model
def test_assess_most_likely_on_model_parse(nlp: spacy.language.Language) -> None:
    doc = nlp("His whereabouts remain unclear, but most likely he is out of Mosul.")
    is_ = next(t for t in doc if t.text == "is")
    found = assess(is_, doc)
    assert found.certainty == "PROBABLE"
    assert any(doc.text[h.start : h.end] == "most likely" for h in found.hedges)


def test_assess_if_clause_leaves_polarity_open() -> None:
    doc = build(
        [
            ("if", "if", "SCONJ", "IN", 2, "mark"),
            ("they", "they", "PRON", "PRP", 2, "nsubj"),
            ("attack", "attack", "VERB", "VBP", 2, "ROOT"),
        ]
    )
    assert assess(doc[2], doc)[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def test_assess_wanted_outcome_is_underspecified() -> None:
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 1, "nsubj"),
            ("wants", "want", "VERB", "VBZ", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("cut", "cut", "VERB", "VB", 1, "xcomp"),
            ("jobs", "job", "NOUN", "NNS", 3, "dobj"),
        ]
    )
    found = assess(doc[3], doc)
    assert found[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    assert found.hedges == [Span(3, 8)]  # "wants"


def test_assess_knowing_what_happened_keeps_it_certain() -> None:
    doc = build(
        [
            ("We", "we", "PRON", "PRP", 1, "nsubj"),
            ("want", "want", "VERB", "VBP", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("know", "know", "VERB", "VB", 1, "xcomp"),
            ("what", "what", "PRON", "WP", 5, "nsubj"),
            ("happened", "happen", "VERB", "VBD", 3, "ccomp"),
        ]
    )
    assert assess(doc[5], doc)[:2] == ("CERTAIN", "POSITIVE")


def test_assess_not_saying_where_leaves_it_open() -> None:
    doc = build(
        [
            ("He", "he", "PRON", "PRP", 3, "nsubj"),
            ("did", "do", "AUX", "VBD", 3, "aux"),
            ("not", "not", "PART", "RB", 3, "neg"),
            ("say", "say", "VERB", "VB", 3, "ROOT"),
            ("where", "where", "SCONJ", "WRB", 6, "advmod"),
            ("cuts", "cut", "NOUN", "NNS", 6, "nsubj"),
            ("fall", "fall", "VERB", "VBP", 3, "ccomp"),
        ]
    )
    assert assess(doc[6], doc)[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def test_assess_prevented_collapse_is_negative_rejected_proposal_is_not() -> None:
    doc = build(
        [
            ("They", "they", "PRON", "PRP", 1, "nsubj"),
            ("prevented", "prevent", "VERB", "VBD", 1, "ROOT"),
            ("a", "a", "DET", "DT", 3, "det"),
            ("collapse", "collapse", "NOUN", "NN", 1, "dobj"),
            ("and", "and", "CCONJ", "CC", 1, "cc"),
            ("rejected", "reject", "VERB", "VBD", 1, "conj"),
            ("a", "a", "DET", "DT", 7, "det"),
            ("proposal", "proposal", "NOUN", "NN", 5, "dobj"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"
    assert assess(doc[7], doc).polarity == "POSITIVE"


def test_assess_event_noun_object_takes_the_verbs_modal() -> None:
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 2, "nsubj"),
            ("may", "may", "AUX", "MD", 2, "aux"),
            ("have", "have", "VERB", "VB", 2, "ROOT"),
            ("an", "an", "DET", "DT", 4, "det"),
            ("impact", "impact", "NOUN", "NN", 2, "dobj"),
        ]
    )
    assert assess(doc[4], doc).certainty == "POSSIBLE"


def test_assess_planned_event_noun_is_underspecified() -> None:
    doc = build(
        [
            ("a", "a", "DET", "DT", 2, "det"),
            ("reorganization", "reorganization", "NOUN", "NN", 2, "compound"),
            ("plan", "plan", "NOUN", "NN", 2, "ROOT"),
        ]
    )
    assert assess(doc[1], doc)[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def test_assess_plan_that_failed_leaves_its_content_negative() -> None:
    # "a plan to bail out ... failed to pass"
    doc = build(
        [
            ("a", "a", "DET", "DT", 1, "det"),
            ("plan", "plan", "NOUN", "NN", 5, "nsubj"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("bail", "bail", "VERB", "VB", 1, "acl"),
            ("out", "out", "ADP", "RP", 3, "prt"),
            ("failed", "fail", "VERB", "VBD", 5, "ROOT"),
            ("to", "to", "PART", "TO", 7, "aux"),
            ("pass", "pass", "VERB", "VB", 5, "xcomp"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"


def test_assess_killed_deal_is_negative() -> None:
    # "the deal had been killed"
    doc = build(
        [
            ("the", "the", "DET", "DT", 1, "det"),
            ("deal", "deal", "NOUN", "NN", 4, "nsubjpass"),
            ("had", "have", "AUX", "VBD", 4, "aux"),
            ("been", "be", "AUX", "VBN", 4, "auxpass"),
            ("killed", "kill", "VERB", "VBN", 4, "ROOT"),
        ]
    )
    assert assess(doc[1], doc).polarity == "NEGATIVE"


def test_assess_headline_allowed_to_is_possible() -> None:
    # headline "Boeing allowed to bid": a reduced passive, tagged as a past tense
    doc = build(
        [
            ("Boeing", "Boeing", "PROPN", "NNP", 1, "nsubj"),
            ("allowed", "allow", "VERB", "VBD", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("bid", "bid", "VERB", "VB", 1, "xcomp"),
        ]
    )
    assert assess(doc[3], doc).certainty == "POSSIBLE"


def test_assess_event_noun_subject_of_raising_predicate_is_hedged() -> None:
    # "the deliveries are scheduled to be in time"
    doc = build(
        [
            ("the", "the", "DET", "DT", 1, "det"),
            ("deliveries", "delivery", "NOUN", "NNS", 3, "nsubjpass"),
            ("are", "be", "AUX", "VBP", 3, "auxpass"),
            ("scheduled", "schedule", "VERB", "VBN", 3, "ROOT"),
            ("to", "to", "PART", "TO", 5, "aux"),
            ("be", "be", "AUX", "VB", 3, "xcomp"),
        ]
    )
    found = assess(doc[1], doc)
    assert found.certainty == "PROBABLE"
    assert found.hedges == [Span(doc[3].idx, doc[3].idx + len("scheduled"))]


def _expect(aux: str, aux_tag: str) -> Doc:
    # "We did/do not expect the rain to stop."
    return build(
        [
            ("We", "we", "PRON", "PRP", 3, "nsubj"),
            (aux, "do", "AUX", aux_tag, 3, "aux"),
            ("not", "not", "PART", "RB", 3, "neg"),
            ("expect", "expect", "VERB", "VB", 3, "ROOT"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("rain", "rain", "NOUN", "NN", 7, "nsubj"),
            ("to", "to", "PART", "TO", 7, "aux"),
            ("stop", "stop", "VERB", "VB", 3, "ccomp"),
        ]
    )


def test_assess_past_denied_expectation_is_no_hedge() -> None:
    doc = _expect("did", "VBD")
    assert assess(doc[7], doc) == ("CERTAIN", "POSITIVE", [])


def test_assess_present_expectation_still_hedges() -> None:
    doc = _expect("do", "VBP")
    assert assess(doc[7], doc).certainty == "PROBABLE"


def test_assess_purpose_infinitive_is_possible() -> None:
    # "He went there to appease them"
    doc = build(
        [
            ("He", "he", "PRON", "PRP", 1, "nsubj"),
            ("went", "go", "VERB", "VBD", 1, "ROOT"),
            ("there", "there", "ADV", "RB", 1, "advmod"),
            ("to", "to", "PART", "TO", 4, "aux"),
            ("appease", "appease", "VERB", "VB", 1, "advcl"),
            ("them", "they", "PRON", "PRP", 4, "dobj"),
        ]
    )
    found = assess(doc[4], doc)
    assert found[:2] == ("POSSIBLE", "POSITIVE")
    assert found.hedges == [Span(doc[3].idx, doc[3].idx + 2)]  # "to"
    assert assess(doc[1], doc).certainty == "CERTAIN"


def test_assess_result_infinitive_stays_certain() -> None:
    # "Shares rose 2% to close at 50": where the figure ended, not an aim
    doc = build(
        [
            ("Shares", "share", "NOUN", "NNS", 1, "nsubj"),
            ("rose", "rise", "VERB", "VBD", 1, "ROOT"),
            ("2%", "2%", "NOUN", "NN", 1, "npadvmod"),
            ("to", "to", "PART", "TO", 4, "aux"),
            ("close", "close", "VERB", "VB", 1, "advcl"),
            ("at", "at", "ADP", "IN", 4, "prep"),
            ("50", "50", "NUM", "CD", 5, "pobj"),
        ]
    )
    assert assess(doc[4], doc).certainty == "CERTAIN"


def test_assess_so_that_clause_is_possible() -> None:
    # "They sued so that it would stop"
    doc = build(
        [
            ("They", "they", "PRON", "PRP", 1, "nsubj"),
            ("sued", "sue", "VERB", "VBD", 1, "ROOT"),
            ("so", "so", "SCONJ", "IN", 6, "mark"),
            ("that", "that", "SCONJ", "IN", 6, "mark"),
            ("it", "it", "PRON", "PRP", 6, "nsubj"),
            ("would", "would", "AUX", "MD", 6, "aux"),
            ("stop", "stop", "VERB", "VB", 1, "advcl"),
        ]
    )
    found = assess(doc[6], doc)
    assert found.certainty == "POSSIBLE"
    assert found.hedges == [Span(doc[2].idx, doc[3].idx + 4)]  # "so that"


def _whether(noun: str, lemma: str) -> Doc:
    # "<noun> over whether it will survive"
    return build(
        [
            (noun, lemma, "NOUN", "NNS", 0, "ROOT"),
            ("over", "over", "ADP", "IN", 0, "prep"),
            ("whether", "whether", "SCONJ", "IN", 5, "mark"),
            ("it", "it", "PRON", "PRP", 5, "nsubj"),
            ("will", "will", "AUX", "MD", 5, "aux"),
            ("survive", "survive", "VERB", "VB", 1, "pcomp"),
        ]
    )


def test_assess_whether_clause_of_a_worry_is_possible() -> None:
    doc = _whether("worries", "worry")
    found = assess(doc[5], doc)
    assert found[:2] == ("POSSIBLE", "POSITIVE")
    assert found.hedges == [Span(0, len("worries"))]


def test_assess_whether_clause_of_a_question_stays_open() -> None:
    doc = _whether("questions", "question")
    assert assess(doc[5], doc)[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def _filed(verb: str, lemma: str) -> Doc:
    # "GM <verb> for bankruptcy"
    return build(
        [
            ("GM", "GM", "PROPN", "NNP", 1, "nsubj"),
            (verb, lemma, "VERB", "VBD", 1, "ROOT"),
            ("for", "for", "ADP", "IN", 1, "prep"),
            ("bankruptcy", "bankruptcy", "NOUN", "NN", 2, "pobj"),
        ]
    )


def test_assess_what_is_filed_for_is_left_open() -> None:
    doc = _filed("filed", "file")
    found = assess(doc[3], doc)
    assert found[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    assert found.hedges == [Span(3, len("GM filed for"))]


def test_assess_for_after_other_verbs_is_no_hedge() -> None:
    doc = _filed("headed", "head")
    assert assess(doc[3], doc) == ("CERTAIN", "POSITIVE", [])


def _coordinated(verb: str, lemma: str, tag: str) -> Doc:
    # "demolishing buildings to hinder the advance and <verb> snipers", with the second verb
    # attached to "hinder"
    return build(
        [
            ("demolishing", "demolish", "VERB", "VBG", 0, "ROOT"),
            ("buildings", "building", "NOUN", "NNS", 0, "dobj"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("hinder", "hinder", "VERB", "VB", 0, "advcl"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("advance", "advance", "NOUN", "NN", 3, "dobj"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            (verb, lemma, "VERB", tag, 3, "conj"),
            ("snipers", "sniper", "NOUN", "NNS", 7, "dobj"),
        ]
    )


def test_assess_conjunct_of_another_form_is_outside_the_purpose() -> None:
    doc = _coordinated("placing", "place", "VBG")
    assert assess(doc[7], doc).certainty == "CERTAIN"


def test_assess_conjunct_infinitive_shares_the_purpose() -> None:
    doc = _coordinated("trap", "trap", "VB")
    assert assess(doc[7], doc).certainty == "POSSIBLE"


@pytest.mark.model
def test_assess_purpose_and_goal_on_model_parse(nlp: spacy.language.Language) -> None:
    doc = nlp("The president went on national television to appease the public.")
    appease = next(t for t in doc if t.text == "appease")
    assert assess(appease, doc).certainty == "POSSIBLE"
    doc = nlp("The automaker filed for bankruptcy protection on Monday.")
    protection = next(t for t in doc if t.text == "protection")
    assert assess(protection, doc)[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def test_assess_would_in_main_clause_is_probable() -> None:
    # "The collapse would be a setback": a supposed outcome, not a reported one
    doc = build(
        [
            ("The", "the", "DET", "DT", 1, "det"),
            ("collapse", "collapse", "NOUN", "NN", 3, "nsubj"),
            ("would", "would", "AUX", "MD", 3, "aux"),
            ("be", "be", "AUX", "VB", 3, "ROOT"),
            ("a", "a", "DET", "DT", 5, "det"),
            ("setback", "setback", "NOUN", "NN", 3, "attr"),
        ]
    )
    found = assess(doc[3], doc)
    assert found.certainty == "PROBABLE"
    assert found.polarity == "UNDERSPECIFIED"  # supposed, neither affirmed nor denied
    assert found.hedges == [Span(doc[2].idx, doc[2].idx + 5)]


def test_assess_would_after_past_report_is_future_in_the_past() -> None:
    # "GM said it would cut jobs": the reported "will cut", as sure as "will"
    doc = build(
        [
            ("GM", "GM", "PROPN", "NNP", 1, "nsubj"),
            ("said", "say", "VERB", "VBD", 1, "ROOT"),
            ("it", "it", "PRON", "PRP", 4, "nsubj"),
            ("would", "would", "AUX", "MD", 4, "aux"),
            ("cut", "cut", "VERB", "VB", 1, "ccomp"),
            ("jobs", "job", "NOUN", "NNS", 4, "dobj"),
        ]
    )
    assert assess(doc[4], doc) == ("CERTAIN", "POSITIVE", [])


def test_assess_would_after_present_report_is_probable() -> None:
    # "The White House says the collapse would be a setback": no past to shift the tense back
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 1, "nsubj"),
            ("says", "say", "VERB", "VBZ", 1, "ROOT"),
            ("it", "it", "PRON", "PRP", 4, "nsubj"),
            ("would", "would", "AUX", "MD", 4, "aux"),
            ("fail", "fail", "VERB", "VB", 1, "ccomp"),
        ]
    )
    assert assess(doc[4], doc).certainty == "PROBABLE"


def test_assess_would_after_noun_of_announcement_is_future_in_the_past() -> None:
    # "the announcement that it would buy loans"
    doc = build(
        [
            ("the", "the", "DET", "DT", 1, "det"),
            ("announcement", "announcement", "NOUN", "NN", 1, "ROOT"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("it", "it", "PRON", "PRP", 5, "nsubj"),
            ("would", "would", "AUX", "MD", 5, "aux"),
            ("buy", "buy", "VERB", "VB", 1, "acl"),
            ("loans", "loan", "NOUN", "NNS", 5, "dobj"),
        ]
    )
    assert assess(doc[5], doc).certainty == "CERTAIN"


def test_assess_would_like_is_not_hypothetical() -> None:
    doc = build(
        [
            ("We", "we", "PRON", "PRP", 2, "nsubj"),
            ("would", "would", "AUX", "MD", 2, "aux"),
            ("like", "like", "VERB", "VB", 2, "ROOT"),
            ("to", "to", "PART", "TO", 4, "aux"),
            ("thank", "thank", "VERB", "VB", 2, "xcomp"),
        ]
    )
    assert assess(doc[2], doc).certainty == "CERTAIN"


def test_assess_negative_subject_denies_predicate() -> None:
    # "No one was killed"
    doc = build(
        [
            ("No", "no", "DET", "DT", 1, "det"),
            ("one", "one", "NOUN", "NN", 3, "nsubjpass"),
            ("was", "be", "AUX", "VBD", 3, "auxpass"),
            ("killed", "kill", "VERB", "VBN", 3, "ROOT"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"
    # "Nobody was killed"
    doc = build(
        [
            ("Nobody", "nobody", "PRON", "NN", 2, "nsubjpass"),
            ("was", "be", "AUX", "VBD", 2, "auxpass"),
            ("killed", "kill", "VERB", "VBN", 2, "ROOT"),
        ]
    )
    assert assess(doc[2], doc).polarity == "NEGATIVE"


def test_assess_no_longer_is_negative() -> None:
    doc = build(
        [
            ("I", "I", "PRON", "PRP", 4, "nsubj"),
            ("could", "could", "AUX", "MD", 4, "aux"),
            ("no", "no", "ADV", "RB", 3, "neg"),
            ("longer", "long", "ADV", "RB", 4, "advmod"),
            ("meet", "meet", "VERB", "VB", 4, "ROOT"),
        ]
    )
    assert assess(doc[4], doc).polarity == "NEGATIVE"


def test_assess_not_only_is_not_negative() -> None:
    # only the adverbs of the negation list carry it: "not only rose" affirms the rise
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 3, "nsubj"),
            ("not", "not", "PART", "RB", 2, "neg"),
            ("only", "only", "ADV", "RB", 3, "advmod"),
            ("rose", "rise", "VERB", "VBD", 3, "ROOT"),
        ]
    )
    assert assess(doc[3], doc).polarity == "POSITIVE"


def test_assess_without_denies_its_object() -> None:
    # "The talks ended without a deal"
    doc = build(
        [
            ("talks", "talk", "NOUN", "NNS", 1, "nsubj"),
            ("ended", "end", "VERB", "VBD", 1, "ROOT"),
            ("without", "without", "ADP", "IN", 1, "prep"),
            ("a", "a", "DET", "DT", 4, "det"),
            ("deal", "deal", "NOUN", "NN", 2, "pobj"),
        ]
    )
    assert assess(doc[4], doc).polarity == "NEGATIVE"
    assert assess(doc[1], doc).polarity == "POSITIVE"


def test_assess_noun_of_denial_negates_its_complement() -> None:
    # "the failure to pay", "a lack of investment"
    doc = build(
        [
            ("the", "the", "DET", "DT", 1, "det"),
            ("failure", "failure", "NOUN", "NN", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("pay", "pay", "VERB", "VB", 1, "acl"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"
    doc = build(
        [
            ("a", "a", "DET", "DT", 1, "det"),
            ("lack", "lack", "NOUN", "NN", 1, "ROOT"),
            ("of", "of", "ADP", "IN", 1, "prep"),
            ("investment", "investment", "NOUN", "NN", 2, "pobj"),
        ]
    )
    assert assess(doc[3], doc).polarity == "NEGATIVE"


def test_assess_negated_light_verb_denies_its_event_noun() -> None:
    # "They did not make a decision": no decision; "They did not see the crash": it happened
    def doc_of(verb: str) -> Doc:
        return build(
            [
                ("They", "they", "PRON", "PRP", 3, "nsubj"),
                ("did", "do", "AUX", "VBD", 3, "aux"),
                ("not", "not", "PART", "RB", 3, "neg"),
                (verb, verb, "VERB", "VB", 3, "ROOT"),
                ("a", "a", "DET", "DT", 5, "det"),
                ("decision", "decision", "NOUN", "NN", 3, "dobj"),
            ]
        )

    made = doc_of("make")
    assert assess(made[5], made).polarity == "NEGATIVE"
    seen = doc_of("see")
    assert assess(seen[5], seen).polarity == "POSITIVE"


def test_assess_question_leaves_the_predicate_open() -> None:
    # "Will Apple cut prices?"
    doc = build(
        [
            ("Will", "will", "AUX", "MD", 2, "aux"),
            ("Apple", "Apple", "PROPN", "NNP", 2, "nsubj"),
            ("cut", "cut", "VERB", "VB", 2, "ROOT"),
            ("prices", "price", "NOUN", "NNS", 2, "dobj"),
            ("?", "?", "PUNCT", ".", 2, "punct"),
        ]
    )
    found = assess(doc[2], doc)
    assert (found.certainty, found.polarity) == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    assert found.hedges == [Span(doc[4].idx, doc[4].idx + 1)]


def _command() -> Doc:
    # "Stop the sale."
    return build(
        [
            ("Stop", "stop", "VERB", "VB", 0, "ROOT"),
            ("the", "the", "DET", "DT", 2, "det"),
            ("sale", "sale", "NOUN", "NN", 0, "dobj"),
            (".", ".", "PUNCT", ".", 0, "punct"),
        ]
    )


def test_assess_quoted_command_leaves_the_predicate_open() -> None:
    doc = _command()
    found = assess(doc[0], doc, Span(0, len(doc.text)))
    assert (found.certainty, found.polarity) == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def test_assess_bare_verb_in_the_articles_voice_is_not_a_command() -> None:
    doc = _command()
    assert assess(doc[0], doc).certainty == "CERTAIN"


def test_assess_hedging_adjective_on_event_noun() -> None:
    # "a possible strike", "the alleged fraud"
    for adjective, level in (("possible", "POSSIBLE"), ("alleged", "PROBABLE")):
        doc = build(
            [
                ("a", "a", "DET", "DT", 2, "det"),
                (adjective, adjective, "ADJ", "JJ", 2, "amod"),
                ("strike", "strike", "NOUN", "NN", 2, "ROOT"),
            ]
        )
        found = assess(doc[2], doc)
        assert found.certainty == level
        assert found.hedges == [Span(doc[1].idx, doc[1].idx + len(adjective))]


def test_assess_unlikely_to_is_probable_and_negative() -> None:
    # "The takeover is unlikely to receive approval"
    doc = build(
        [
            ("takeover", "takeover", "NOUN", "NN", 1, "nsubj"),
            ("is", "be", "AUX", "VBZ", 1, "ROOT"),
            ("unlikely", "unlikely", "ADJ", "JJ", 1, "acomp"),
            ("to", "to", "PART", "TO", 4, "aux"),
            ("receive", "receive", "VERB", "VB", 2, "xcomp"),
        ]
    )
    found = assess(doc[4], doc)
    assert (found.certainty, found.polarity) == ("PROBABLE", "NEGATIVE")
    assert found.hedges == [Span(doc[2].idx, doc[3].idx + 2)]


def test_assess_doubts_that_is_probable_and_negative() -> None:
    # "He doubts that the deal closed"
    doc = build(
        [
            ("He", "he", "PRON", "PRP", 1, "nsubj"),
            ("doubts", "doubt", "VERB", "VBZ", 1, "ROOT"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("deal", "deal", "NOUN", "NN", 5, "nsubj"),
            ("closed", "close", "VERB", "VBD", 1, "ccomp"),
        ]
    )
    assert assess(doc[5], doc)[:2] == ("PROBABLE", "NEGATIVE")


def test_assess_relative_clause_is_as_sure_as_its_noun() -> None:
    # "They fear a recession that hits jobs": the recession is feared, and so is what it does
    doc = build(
        [
            ("fears", "fear", "NOUN", "NNS", 0, "ROOT"),
            ("of", "of", "ADP", "IN", 0, "prep"),
            ("a", "a", "DET", "DT", 3, "det"),
            ("recession", "recession", "NOUN", "NN", 1, "pobj"),
            ("that", "that", "PRON", "WDT", 5, "nsubj"),
            ("hits", "hit", "VERB", "VBZ", 3, "relcl"),
            ("jobs", "job", "NOUN", "NNS", 5, "dobj"),
        ]
    )
    assert assess(doc[5], doc).certainty == "POSSIBLE"


# "if there came a day when I could meet"
_CONDITION = [
    ("if", "if", "SCONJ", "IN", 2, "mark"),
    ("there", "there", "PRON", "EX", 2, "expl"),
    ("came", "come", "VERB", "VBD", 2, "ROOT"),
    ("a", "a", "DET", "DT", 4, "det"),
    ("day", "day", "NOUN", "NN", 2, "npadvmod"),
    ("when", "when", "SCONJ", "WRB", 8, "advmod"),
    ("I", "I", "PRON", "PRP", 8, "nsubj"),
    ("could", "could", "AUX", "MD", 8, "aux"),
    ("meet", "meet", "VERB", "VB", 4, "relcl"),
]


def test_assess_relative_clause_in_condition_is_open() -> None:
    doc = build(_CONDITION)
    assert assess(doc[8], doc).certainty == "UNDERSPECIFIED"


def test_assess_event_noun_in_a_condition_has_its_certainty_open_not_its_polarity() -> None:
    # "... could meet my duties"
    duties = [
        ("my", "my", "PRON", "PRP$", 10, "poss"),
        ("duties", "duty", "NOUN", "NNS", 8, "dobj"),
    ]
    doc = build(_CONDITION + duties)
    found = assess(doc[10], doc)
    assert (found.certainty, found.polarity) == ("UNDERSPECIFIED", "POSITIVE")
    # outside a condition the noun keeps only its verb's modal: "I could meet my duties"
    plain = build(
        [
            ("I", "I", "PRON", "PRP", 2, "nsubj"),
            ("could", "could", "AUX", "MD", 2, "aux"),
            ("meet", "meet", "VERB", "VB", 2, "ROOT"),
            ("my", "my", "PRON", "PRP$", 4, "poss"),
            ("duties", "duty", "NOUN", "NNS", 2, "dobj"),
        ]
    )
    assert assess(plain[4], plain).certainty == "POSSIBLE"


def _barred(negated: bool) -> Doc:
    # "It (did not bar | barred) Boeing from bidding"
    rows = [("It", "it", "PRON", "PRP", 3 if negated else 1, "nsubj")]
    if negated:
        rows += [("did", "do", "AUX", "VBD", 3, "aux"), ("not", "not", "PART", "RB", 3, "neg")]
    verb = len(rows)
    rows += [
        ("bar" if negated else "barred", "bar", "VERB", "VB" if negated else "VBD", verb, "ROOT"),
        ("Boeing", "Boeing", "PROPN", "NNP", verb, "dobj"),
        ("from", "from", "ADP", "IN", verb, "prep"),
        ("bidding", "bid", "VERB", "VBG", verb + 2, "pcomp"),
    ]
    return build(rows)


def test_assess_kept_from_doing_is_negative() -> None:
    doc = _barred(negated=False)
    assert assess(doc[4], doc).polarity == "NEGATIVE"


def test_assess_not_kept_from_doing_is_positive() -> None:
    doc = _barred(negated=True)
    assert assess(doc[6], doc).polarity == "POSITIVE"


@pytest.mark.model
def test_assess_would_and_negation_on_model_parse(nlp: spacy.language.Language) -> None:
    doc = nlp("Airbus announced on Friday that it would cut 10,000 jobs.")
    cut = next(t for t in doc if t.text == "cut")
    assert assess(cut, doc)[:2] == ("CERTAIN", "POSITIVE")
    doc = nlp("Analysts say that the collapse of the automakers would be a terrible setback.")
    be = next(t for t in doc if t.text == "be")
    assert assess(be, doc)[:2] == ("PROBABLE", "UNDERSPECIFIED")
    doc = nlp("No one was killed in the attack.")
    killed = next(t for t in doc if t.text == "killed")
    assert assess(killed, doc).polarity == "NEGATIVE"
    doc = nlp("The talks ended without a deal.")
    deal = next(t for t in doc if t.text == "deal")
    assert assess(deal, doc).polarity == "NEGATIVE"


def _object_of(verb: str, lemma: str, noun: str) -> Doc:
    return build(
        [
            ("They", "they", "PRON", "PRP", 1, "nsubj"),
            (verb, lemma, "VERB", "VBP", 1, "ROOT"),
            ("a", "a", "DET", "DT", 3, "det"),
            (noun, noun, "NOUN", "NN", 1, "dobj"),
        ]
    )


def test_assess_object_of_intensional_verb_is_hedged() -> None:
    doc = _object_of("fear", "fear", "recession")
    assert assess(doc[3], doc).certainty == "POSSIBLE"
    doc = _object_of("want", "want", "merger")
    assert assess(doc[3], doc)[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")


def test_assess_plan_as_object_of_intensional_verb_is_real() -> None:
    # "They propose a plan": the plan is made; "They report a decline": it took place
    doc = _object_of("propose", "propose", "plan")
    assert assess(doc[3], doc).certainty == "CERTAIN"
    doc = _object_of("report", "report", "decline")
    assert assess(doc[3], doc).certainty == "CERTAIN"


@pytest.mark.model
def test_assess_passive_report_predicates_on_model_parse(nlp: spacy.language.Language) -> None:
    # "is understood to", "is alleged to": someone unnamed says so
    for text, word in (
        ("The company is understood to have cut 500 jobs.", "cut"),
        ("He is alleged to have stolen the funds.", "stolen"),
    ):
        doc = nlp(text)
        assert assess(next(t for t in doc if t.text == word), doc).certainty == "PROBABLE"
    doc = nlp("I understand that he left.")  # factive: what one understands is so
    assert assess(next(t for t in doc if t.text == "left"), doc).certainty == "CERTAIN"


def test_assess_bare_verb_inside_quoted_sentence_is_not_a_command() -> None:
    # "we saw happen": "happen" has no subject of its own, but the sentence is a statement
    doc = build(
        [
            ("we", "we", "PRON", "PRP", 1, "nsubj"),
            ("saw", "see", "VERB", "VBD", 1, "ROOT"),
            ("happen", "happen", "VERB", "VB", 1, "ccomp"),
        ]
    )
    assert assess(doc[2], doc, Span(0, len(doc.text))).certainty == "CERTAIN"


def test_assess_conditional_phrase_leaves_clause_open() -> None:
    # "It closes provided that regulators approve"
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 1, "nsubj"),
            ("closes", "close", "VERB", "VBZ", 1, "ROOT"),
            ("provided", "provide", "VERB", "VBN", 1, "prep"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("regulators", "regulator", "NOUN", "NNS", 5, "nsubj"),
            ("approve", "approve", "VERB", "VBP", 2, "ccomp"),
        ]
    )
    found = assess(doc[5], doc)
    assert (found.certainty, found.polarity) == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    assert found.hedges == [Span(doc[2].idx, doc[3].idx + 4)]  # "provided that"
    assert assess(doc[1], doc).certainty == "CERTAIN"


def test_assess_provided_as_a_verb_is_no_condition() -> None:
    # "The bank provided the loan"
    doc = build(
        [
            ("bank", "bank", "NOUN", "NN", 1, "nsubj"),
            ("provided", "provide", "VERB", "VBD", 1, "ROOT"),
            ("the", "the", "DET", "DT", 3, "det"),
            ("loan", "loan", "NOUN", "NN", 1, "dobj"),
        ]
    )
    assert assess(doc[3], doc).certainty == "CERTAIN"


def test_assess_in_the_event_of_leaves_noun_open() -> None:
    doc = build(
        [
            ("In", "in", "ADP", "IN", 5, "prep"),
            ("the", "the", "DET", "DT", 2, "det"),
            ("event", "event", "NOUN", "NN", 0, "pobj"),
            ("of", "of", "ADP", "IN", 2, "prep"),
            ("default", "default", "NOUN", "NN", 3, "pobj"),
            ("seize", "seize", "VERB", "VB", 5, "ROOT"),
        ]
    )
    assert assess(doc[4], doc).certainty == "UNDERSPECIFIED"


def test_assess_a_clause_after_a_word_that_ends_no_conditional_phrase_is_certain() -> None:
    # "It closes given regulators approve": "given" alone ends none of the phrases
    doc = build(
        [
            ("It", "it", "PRON", "PRP", 1, "nsubj"),
            ("closes", "close", "VERB", "VBZ", 1, "ROOT"),
            ("given", "give", "VERB", "VBN", 1, "prep"),
            ("regulators", "regulator", "NOUN", "NNS", 4, "nsubj"),
            ("approve", "approve", "VERB", "VBP", 2, "pcomp"),
        ]
    )
    assert assess(doc[4], doc).certainty == "CERTAIN"
