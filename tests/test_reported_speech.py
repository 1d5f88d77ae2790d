"""Reported speech and thought: cues, contents and sources on hand-built parses (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.extract.quote_sources import verb_lemma
from kg.extract.reported_speech import may_report, reported_speech
from kg.extract.spans import Known
from kg.model import Entity, Mention, Quote, Span

LEX = Lexicon.load()
_VOCAB = spacy.blank("en").vocab

Row = tuple[str, str, str, str, int, str]  # word, lemma, pos, tag, head, dep


def build(rows: list[Row]) -> Doc:
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


def found(doc: Doc, known: Known | None = None) -> list[tuple[str, str | None, str | None]]:
    """Return (content, cue, source) of each reported quote, as text."""
    known = known or Known([], [])
    text = doc.text

    def said(span: Span | None) -> str | None:
        return span.text(text) if span is not None else None

    quotes: list[Quote] = reported_speech(doc, known, [], LEX)
    return [(q.content.text(text), said(q.cue), said(q.source_mention)) for q in quotes]


BELIEVES = [
    ("Halvorsen", "Halvorsen", "PROPN", "NNP", 1, "nsubj"),
    ("believes", "believe", "VERB", "VBZ", 1, "ROOT"),
    ("that", "that", "SCONJ", "IN", 5, "mark"),
    ("the", "the", "DET", "DT", 4, "det"),
    ("plan", "plan", "NOUN", "NN", 5, "nsubj"),
    ("failed", "fail", "VERB", "VBD", 1, "ccomp"),
    (".", ".", "PUNCT", ".", 1, "punct"),
]


def test_a_verb_of_thought_reports_its_clause_from_its_subject() -> None:
    assert found(build(BELIEVES)) == [("the plan failed", "believes", "Halvorsen")]


def test_a_verb_of_intention_reports_its_infinitive() -> None:
    doc = build(
        [
            ("Crane", "Crane", "PROPN", "NNP", 1, "nsubj"),
            ("wants", "want", "VERB", "VBZ", 1, "ROOT"),
            ("to", "to", "PART", "TO", 3, "aux"),
            ("raise", "raise", "VERB", "VB", 1, "xcomp"),
            ("wages", "wage", "NOUN", "NNS", 3, "dobj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]
    )
    assert found(doc) == [("to raise wages", "wants", "Crane")]


def test_a_passive_verb_of_expecting_has_no_source_and_reports_nothing() -> None:
    doc = build(
        [
            ("The", "the", "DET", "DT", 1, "det"),
            ("vote", "vote", "NOUN", "NN", 3, "nsubjpass"),
            ("is", "be", "AUX", "VBZ", 3, "auxpass"),
            ("expected", "expect", "VERB", "VBN", 3, "ROOT"),
            ("to", "to", "PART", "TO", 5, "aux"),
            ("pass", "pass", "VERB", "VB", 3, "xcomp"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]
    )
    assert found(doc) == []


def test_a_clause_fronted_before_its_cue_is_reported() -> None:
    doc = build(
        [
            ("The", "the", "DET", "DT", 1, "det"),
            ("deal", "deal", "NOUN", "NN", 2, "nsubj"),
            ("failed", "fail", "VERB", "VBD", 5, "ccomp"),
            (",", ",", "PUNCT", ",", 5, "punct"),
            ("aides", "aide", "NOUN", "NNS", 5, "nsubj"),
            ("said", "say", "VERB", "VBD", 5, "ROOT"),
            (".", ".", "PUNCT", ".", 5, "punct"),
        ]
    )
    assert found(doc) == [("The deal failed", "said", "aides")]


def test_a_clause_before_a_cue_without_a_comma_is_not_fronted_content() -> None:
    doc = build(
        [
            ("They", "they", "PRON", "PRP", 1, "nsubj"),
            ("won", "win", "VERB", "VBD", 3, "ccomp"),
            ("he", "he", "PRON", "PRP", 3, "nsubj"),
            ("said", "say", "VERB", "VBD", 3, "ROOT"),
        ]
    )
    assert found(doc) == []


def test_a_statement_saying_speaks_for_whoever_issued_it() -> None:
    doc = build(
        [
            ("The", "the", "DET", "DT", 1, "det"),
            ("campaign", "campaign", "NOUN", "NN", 2, "nsubj"),
            ("issued", "issue", "VERB", "VBD", 2, "ROOT"),
            ("a", "a", "DET", "DT", 4, "det"),
            ("statement", "statement", "NOUN", "NN", 2, "dobj"),
            ("saying", "say", "VERB", "VBG", 4, "acl"),
            ("it", "it", "PRON", "PRP", 7, "nsubj"),
            ("lost", "lose", "VERB", "VBD", 5, "ccomp"),
        ]
    )
    assert found(doc) == [("it lost", "saying", "The campaign")]


def test_the_source_resolves_to_a_known_mention() -> None:
    doc = build(BELIEVES)
    known = Known([Entity("PERSON", "Mark Halvorsen")], [Mention(Span(0, 9), 0)])
    (quote,) = reported_speech(doc, known, [], LEX)
    assert quote.speaker == 0 and quote.direct is False


def test_verb_lemma_reads_a_regular_form_the_lemmatiser_missed() -> None:
    doc = build(
        [("hopes", "hop", "VERB", "VBZ", 0, "ROOT"), ("hoping", "hop", "VERB", "VBG", 0, "dep")]
    )
    assert verb_lemma(doc[0], {"hope"}) == "hope"
    assert verb_lemma(doc[1], {"hope"}) == "hope"
    assert verb_lemma(doc[0], {"say"}) is None


def test_a_claim_that_reports_its_clause_from_its_owner() -> None:
    doc = build(
        [
            ("Trump", "Trump", "PROPN", "NNP", 2, "poss"),
            ("'s", "'s", "PART", "POS", 0, "case"),
            ("claim", "claim", "NOUN", "NN", 7, "nsubj"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("millions", "million", "NOUN", "NNS", 5, "nsubj"),
            ("voted", "vote", "VERB", "VBD", 2, "acl"),
            ("illegally", "illegally", "ADV", "RB", 5, "advmod"),
            ("fell", "fall", "VERB", "VBD", 7, "ROOT"),
            ("apart", "apart", "ADV", "RB", 7, "advmod"),
        ]
    )
    assert found(doc) == [("millions voted illegally", "claim", "Trump")]


def _concern(verb: str, lemma: str) -> Doc:
    return build(
        [
            ("Leaders", "leader", "NOUN", "NNS", 1, "nsubj"),
            (verb, lemma, "VERB", "VBD", 1, "ROOT"),
            ("concern", "concern", "NOUN", "NN", 1, "dobj"),
            ("that", "that", "SCONJ", "IN", 6, "mark"),
            ("he", "he", "PRON", "PRP", 6, "nsubj"),
            ("would", "would", "AUX", "MD", 6, "aux"),
            ("lose", "lose", "VERB", "VB", 2, "acl"),
        ]
    )


def test_the_subject_of_a_verb_that_voices_a_concern_holds_it() -> None:
    assert found(_concern("expressed", "express")) == [("he would lose", "concern", "Leaders")]


def test_a_claim_dismissed_by_someone_is_not_theirs() -> None:
    assert found(_concern("dismissed", "dismiss")) == []


def test_a_relative_clause_on_a_noun_of_statement_reports_nothing() -> None:
    doc = build(
        [
            ("His", "his", "PRON", "PRP$", 1, "poss"),
            ("claim", "claim", "NOUN", "NN", 5, "nsubj"),
            ("that", "that", "PRON", "WDT", 4, "dobj"),
            ("he", "he", "PRON", "PRP", 4, "nsubj"),
            ("made", "make", "VERB", "VBD", 1, "relcl"),
            ("failed", "fail", "VERB", "VBD", 5, "ROOT"),
        ]
    )
    assert found(doc) == []


def test_a_view_that_is_a_clause_is_reported_from_its_owner() -> None:
    doc = build(
        [
            ("Her", "her", "PRON", "PRP$", 1, "poss"),
            ("view", "view", "NOUN", "NN", 2, "nsubj"),
            ("is", "be", "AUX", "VBZ", 2, "ROOT"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("they", "they", "PRON", "PRP", 5, "nsubj"),
            ("won", "win", "VERB", "VBD", 2, "ccomp"),
        ]
    )
    assert found(doc) == [("they won", "view", "Her")]


def test_in_the_view_of_someone_reports_the_rest_of_the_sentence() -> None:
    doc = build(
        [
            ("In", "in", "ADP", "IN", 8, "prep"),
            ("the", "the", "DET", "DT", 2, "det"),
            ("view", "view", "NOUN", "NN", 0, "pobj"),
            ("of", "of", "ADP", "IN", 2, "prep"),
            ("economists", "economist", "NOUN", "NNS", 3, "pobj"),
            (",", ",", "PUNCT", ",", 8, "punct"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("plan", "plan", "NOUN", "NN", 8, "nsubj"),
            ("fails", "fail", "VERB", "VBZ", 8, "ROOT"),
            (".", ".", "PUNCT", ".", 8, "punct"),
        ]
    )
    assert found(doc) == [("the plan fails", "In the view", "economists")]


def _finding(noun: str) -> Doc:
    return build(
        [
            ("A", "a", "DET", "DT", 1, "det"),
            (noun, noun, "NOUN", "NN", 2, "nsubj"),
            ("found", "find", "VERB", "VBD", 2, "ROOT"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("turnout", "turnout", "NOUN", "NN", 5, "nsubj"),
            ("fell", "fall", "VERB", "VBD", 2, "ccomp"),
        ]
    )


def test_a_poll_is_the_source_of_what_it_found() -> None:
    assert found(_finding("poll")) == [("turnout fell", "found", "A poll")]


def test_finding_is_reported_only_for_documents_polls_and_studies() -> None:
    assert found(_finding("dog")) == []


def _spokesperson(noun: str, lemma: str) -> Doc:
    return build(
        [
            ("A", "a", "DET", "DT", 1, "det"),
            (noun, lemma, "NOUN", "NN", 4, "nsubj"),
            ("for", "for", "ADP", "IN", 1, "prep"),
            ("Acme", "Acme", "PROPN", "NNP", 2, "pobj"),
            ("said", "say", "VERB", "VBD", 4, "ROOT"),
            ("it", "it", "PRON", "PRP", 6, "nsubj"),
            ("lost", "lose", "VERB", "VBD", 4, "ccomp"),
        ]
    )


def test_an_unnamed_source_at_an_organisation_is_its_own_agent_affiliated_with_it() -> None:
    doc = _spokesperson("spokesperson", "spokesperson")
    known = Known([Entity("ORG", "Acme")], [Mention(Span(19, 23), 0)])
    (quote,) = reported_speech(doc, known, [], LEX)
    assert quote.source_mention == Span(0, 23)
    assert quote.speaker == 1
    assert known.entities[1] == Entity("OTHER", "A spokesperson for Acme", affiliation=0)


def test_a_document_of_an_organisation_speaks_for_it() -> None:
    # "A report for Acme said": the report is no person; the organisation named in it speaks
    doc = _spokesperson("report", "report")
    known = Known([Entity("ORG", "Acme")], [Mention(Span(13, 17), 0)])
    (quote,) = reported_speech(doc, known, [], LEX)
    assert quote.speaker == 0 and len(known.entities) == 1


def _adjective(word: str) -> Doc:
    return build(
        [
            ("Clinton", "Clinton", "PROPN", "NNP", 1, "nsubj"),
            ("is", "be", "AUX", "VBZ", 1, "ROOT"),
            (word, word, "ADJ", "JJ", 1, "acomp"),
            ("that", "that", "SCONJ", "IN", 5, "mark"),
            ("she", "she", "PRON", "PRP", 5, "nsubj"),
            ("won", "win", "VERB", "VBD", 2, "ccomp"),
        ]
    )


def test_an_adjective_of_attitude_reports_its_clause_from_the_subject_of_its_copula() -> None:
    assert found(_adjective("confident")) == [("she won", "confident", "Clinton")]


def test_an_adjective_of_no_attitude_reports_nothing() -> None:
    assert found(_adjective("glad")) == []


def test_may_report_keeps_reporting_words_only() -> None:
    doc = build(
        [
            ("Aides", "aide", "NOUN", "NNS", 1, "nsubj"),
            ("hopes", "hop", "VERB", "VBZ", 1, "ROOT"),  # the lemmatiser's slip: "hope"
            ("the", "the", "DET", "DT", 3, "det"),
            ("claim", "claim", "NOUN", "NN", 1, "dobj"),
            ("is", "be", "AUX", "VBZ", 1, "conj"),
            ("confident", "confident", "ADJ", "JJ", 4, "acomp"),
            ("according", "accord", "VERB", "VBG", 1, "prep"),
            ("to", "to", "ADP", "IN", 6, "prep"),
            ("them", "they", "PRON", "PRP", 7, "pobj"),
            ("ran", "run", "VERB", "VBD", 1, "conj"),
        ]
    )
    assert may_report(doc, LEX) == [1, 3, 5, 6]


def test_reported_speech_finds_what_every_token_would_give() -> None:
    doc = build(BELIEVES)
    assert may_report(doc, LEX) == [1]
    assert found(doc) == [("the plan failed", "believes", "Halvorsen")]
