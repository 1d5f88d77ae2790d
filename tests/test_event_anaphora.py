"""Event pronouns and the happening each stands for (hand-made parses, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.event_anaphora import (
    anaphors,
    clause_antecedent,
    lead_event,
    main_event,
    shell_noun,
)
from kg.extract.event_coref import _kept

VOCAB = spacy.blank("en").vocab
DESCEND = frozenset({"say", "continue"})
TIMES = frozenset({"day"})


def parsed(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A document from (word, tag, dependency, lemma, head index) rows."""
    words, tags, deps, lemmas, heads = (list(col) for col in zip(*rows, strict=True))
    pos = [_POS.get(tag, "X") for tag in tags]
    return Doc(VOCAB, words=words, tags=tags, pos=pos, deps=deps, lemmas=lemmas, heads=heads)


_POS = {"NN": "NOUN", "VBD": "VERB", "VB": "VERB", "VBZ": "AUX", "DT": "DET", "WDT": "PRON"}
_POS |= {"PRP": "PRON", ".": "PUNCT", ",": "PUNCT", "IN": "ADP", "JJ": "ADJ", "MD": "AUX"}

# "The order, which is big, came. It was the decline."
ORDER = parsed([
    ("The", "DT", "det", "the", 1), ("order", "NN", "nsubj", "order", 6),
    (",", ",", "punct", ",", 1),
    ("which", "WDT", "nsubj", "which", 4), ("is", "VBZ", "relcl", "be", 1),
    ("big", "JJ", "acomp", "big", 4), ("came", "VBD", "ROOT", "come", 6),
    (".", ".", "punct", ".", 6),
    ("It", "PRP", "nsubj", "it", 9), ("was", "VBZ", "ROOT", "be", 9),
    ("the", "DT", "det", "the", 11),
    ("decline", "NN", "attr", "decline", 9), (".", ".", "punct", ".", 9),
])  # fmt: skip
# "Stocks continued to fall. This is due to fears. This is a big day."
FALL = parsed([
    ("Stocks", "NN", "nsubj", "stock", 1), ("continued", "VBD", "ROOT", "continue", 1),
    ("to", "TO", "aux", "to", 3), ("fall", "VB", "xcomp", "fall", 1), (".", ".", "punct", ".", 1),
    ("This", "DT", "nsubj", "this", 6), ("is", "VBZ", "ROOT", "be", 6),
    ("due", "JJ", "acomp", "due", 6),
    ("to", "IN", "prep", "to", 7), ("fears", "NN", "pobj", "fear", 8), (".", ".", "punct", ".", 6),
    ("This", "DT", "nsubj", "this", 12), ("is", "VBZ", "ROOT", "be", 12),
    ("a", "DT", "det", "a", 15),
    ("big", "JJ", "amod", "big", 15), ("day", "NN", "attr", "day", 12),
    (".", ".", "punct", ".", 12),
])  # fmt: skip


def test_relative_pronoun_stands_for_the_event_noun_it_describes() -> None:
    found = anaphors(list(ORDER), {1: 0, 6: 1, 11: 2}, DESCEND, TIMES)
    assert (ORDER[3], 0) in found


def test_relative_pronoun_of_a_thing_is_no_event() -> None:
    # "order" is no event here: "which" stands for a thing
    found = anaphors(list(ORDER), {6: 1, 11: 2}, DESCEND, TIMES)
    assert all(tok.i != 3 for tok, _ in found)


def test_it_of_a_copula_naming_an_event_stands_for_the_sentence_before() -> None:
    found = dict(
        (tok.i, n) for tok, n in anaphors(list(ORDER), {1: 0, 6: 1, 11: 2}, DESCEND, TIMES)
    )
    assert found[8] == 1  # "It" -> "came", the main event of the sentence before


def test_it_of_a_copula_naming_a_thing_is_no_event() -> None:
    found = anaphors(list(ORDER), {1: 0, 6: 1}, DESCEND, TIMES)  # "decline" no trigger
    assert all(tok.i != 8 for tok, _ in found)


def test_demonstrative_subject_stands_for_the_complement_of_an_aspectual_verb() -> None:
    found = dict((tok.i, n) for tok, n in anaphors(list(FALL), {1: 0, 3: 1, 6: 2}, DESCEND, TIMES))
    assert found[5] == 1  # "This" -> "fall", not "continued"


def test_demonstrative_of_a_time_is_deictic() -> None:
    found = anaphors(list(FALL), {1: 0, 3: 1, 6: 2, 12: 3}, DESCEND, TIMES)
    assert all(tok.i != 11 for tok, _ in found)  # "This is a big day"


def test_demonstrative_determiner_is_no_anaphor() -> None:
    # "Stocks fell. This fall hurt."
    doc = parsed([
        ("Stocks", "NN", "nsubj", "stock", 1), ("fell", "VBD", "ROOT", "fall", 1),
        (".", ".", "punct", ".", 1), ("This", "DT", "det", "this", 4),
        ("fall", "NN", "nsubj", "fall", 5), ("hurt", "VBD", "ROOT", "hurt", 5),
    ])  # fmt: skip
    assert anaphors(list(doc), {1: 0, 4: 1, 5: 2}, DESCEND, TIMES) == []


def test_clause_antecedent_of_the_first_sentence_is_none() -> None:
    doc = parsed([("This", "DT", "nsubj", "this", 1), ("fell", "VBD", "ROOT", "fall", 1)])
    assert clause_antecedent(doc[0], {1: 0}, DESCEND) is None


def test_clause_antecedent_is_the_first_conjunct_of_the_pronouns_clause() -> None:
    # "They cut jobs and doing that helped."
    doc = parsed([
        ("They", "PRP", "nsubj", "they", 1), ("cut", "VBD", "ROOT", "cut", 1),
        ("jobs", "NN", "dobj", "job", 1), ("and", "CC", "cc", "and", 1),
        ("doing", "VB", "conj", "do", 1), ("that", "DT", "dobj", "that", 4),
    ])  # fmt: skip
    assert clause_antecedent(doc[5], {1: 0, 4: 1}, DESCEND) == 0


def test_clause_antecedent_of_a_subordinate_clause_is_its_main_clause() -> None:
    # "It rose, although this follows a fall."
    doc = parsed([
        ("It", "PRP", "nsubj", "it", 1), ("rose", "VBD", "ROOT", "rise", 1),
        (",", ",", "punct", ",", 1), ("although", "IN", "mark", "although", 5),
        ("this", "DT", "nsubj", "this", 5), ("follows", "VBZ", "advcl", "follow", 1),
        ("a", "DT", "det", "a", 7), ("fall", "NN", "dobj", "fall", 5),
    ])  # fmt: skip
    assert clause_antecedent(doc[4], {1: 0, 7: 1}, DESCEND) == 0


def test_main_event_of_a_speech_verb_is_what_was_said() -> None:
    # "Ford said sales rose."
    doc = parsed([
        ("Ford", "NN", "nsubj", "ford", 1), ("said", "VBD", "ROOT", "say", 1),
        ("sales", "NN", "nsubj", "sale", 3), ("rose", "VBD", "ccomp", "rise", 1),
    ])  # fmt: skip
    assert main_event(doc[1], {1: 0, 3: 1}, DESCEND) == 1
    assert main_event(doc[1], {1: 0}, DESCEND) == 0  # no event said: the saying


def test_a_pronoun_left_out_of_its_antecedents_cluster_is_dropped() -> None:
    # events 0 and 1 found by their triggers; 2 stands for 0 and was joined, 3 for 1 and was not
    assert _kept([0, 1, 0, 3], {2: 0, 3: 1}) == [0, 1, 2]


def test_relative_pronoun_after_the_phrase_of_an_event_noun_stands_for_it() -> None:
    # "the agreement between the companies, which ended"
    doc = parsed([
        ("the", "DT", "det", "the", 1), ("agreement", "NN", "ROOT", "agreement", 1),
        ("between", "IN", "prep", "between", 1), ("the", "DT", "det", "the", 4),
        ("companies", "NN", "pobj", "company", 2), (",", ",", "punct", ",", 4),
        ("which", "WDT", "nsubj", "which", 7), ("ended", "VBD", "relcl", "end", 4),
    ])  # fmt: skip
    assert anaphors(list(doc), {1: 0, 7: 1}, DESCEND, TIMES) == [(doc[6], 0)]
    assert anaphors(list(doc), {7: 1}, DESCEND, TIMES) == []  # no event noun: a thing's


SHELLS = frozenset({"move", "decision"})
# "GM cuts jobs\nGM said it would axe jobs. The move came after losses."
LEAD = parsed([
    ("GM", "NN", "nsubj", "gm", 1), ("cuts", "VBZ", "ROOT", "cut", 1),
    ("jobs", "NN", "dobj", "job", 1), ("\n", "_SP", "dep", "\n", 1),
    ("GM", "NN", "nsubj", "gm", 5), ("said", "VBD", "ROOT", "say", 5),
    ("it", "PRP", "nsubj", "it", 8), ("would", "MD", "aux", "would", 8),
    ("axe", "VB", "ccomp", "axe", 5), ("jobs", "NN", "dobj", "job", 8), (".", ".", "punct", ".", 5),
    ("The", "DT", "det", "the", 12), ("move", "NN", "nsubj", "move", 13),
    ("came", "VBD", "ROOT", "come", 13), ("after", "IN", "prep", "after", 13),
    ("losses", "NN", "pobj", "loss", 14), (".", ".", "punct", ".", 13),
])  # fmt: skip


def test_lead_event_is_the_main_event_of_the_first_sentence_after_the_headline() -> None:
    at = {1: 0, 5: 1, 8: 2, 12: 3, 13: 4}
    assert lead_event(LEAD, "GM cuts jobs", at, DESCEND) == 2  # "axe", what was said
    assert lead_event(LEAD, "", at, DESCEND) == 0  # no headline: the first sentence is the lead


def test_definite_shell_noun_without_content_of_its_own_takes_up_a_happening() -> None:
    assert shell_noun(LEAD[12], SHELLS)  # "The move"
    assert not shell_noun(LEAD[15], SHELLS)  # "losses": no shell noun
    # "the decision to ban": content of its own; "a move": not definite
    doc = parsed([
        ("the", "DT", "det", "the", 1), ("decision", "NN", "ROOT", "decision", 1),
        ("to", "TO", "aux", "to", 3), ("ban", "VB", "acl", "ban", 1),
        ("a", "DT", "det", "a", 5), ("move", "NN", "dobj", "move", 3),
    ])  # fmt: skip
    assert not shell_noun(doc[1], SHELLS)
    assert not shell_noun(doc[5], SHELLS)
