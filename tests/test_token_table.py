"""The token table: each column must read what the Token attributes read."""

from __future__ import annotations

import gc
import weakref

import spacy
from spacy.tokens import Doc

from kg.extract import token_table as table_module
from kg.extract.token_table import fresh_token_table, token_table

_VOCAB = spacy.blank("en").vocab


def parsed() -> Doc:
    """Two sentences, parsed by hand: "Rebels in Mosul fled. They said so." """
    return Doc(
        _VOCAB,
        words=["Rebels", "in", "Mosul", "fled", ".", "They", "said", "so", "."],
        spaces=[True, True, True, False, True, True, True, False, False],
        pos=["NOUN", "ADP", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"],
        tags=["NNS", "IN", "NNP", "VBD", ".", "PRP", "VBD", "RB", "."],
        heads=[3, 0, 1, 3, 3, 6, 6, 6, 6],
        deps=["nsubj", "prep", "pobj", "ROOT", "punct", "nsubj", "ROOT", "advmod", "punct"],
        sent_starts=[True, False, False, False, False, True, False, False, False],
    )


def test_token_table_columns_read_as_the_tokens_do() -> None:
    doc = parsed()
    table = token_table(doc)
    assert table.lower == [t.lower_ for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.tag == [t.tag_ for t in doc]
    assert table.dep == [t.dep_ for t in doc]
    assert table.head == [t.head.i for t in doc]
    assert table.start == [t.idx for t in doc]
    assert table.end == [t.idx + len(t.text) for t in doc]
    assert table.children == [[c.i for c in t.children] for t in doc]


def test_token_table_numbers_sentences() -> None:
    assert token_table(parsed()).sent == [0, 0, 0, 0, 0, 1, 1, 1, 1]


def test_token_table_without_sentences_is_one_sentence() -> None:
    doc = Doc(_VOCAB, words=["no", "parse", "here"])
    assert token_table(doc).sent == [0, 0, 0]
    assert token_table(Doc(_VOCAB, words=[])).sent == []


def test_token_table_is_kept_until_read_anew() -> None:
    doc = parsed()
    first = token_table(doc)
    assert token_table(doc) is first
    assert fresh_token_table(doc) is not first
    assert token_table(doc) is not first


def test_token_table_goes_with_its_document() -> None:
    gc.collect()
    before = len(table_module._TABLES)
    doc = parsed()
    token_table(doc).children  # noqa: B018 - a column that holds the document's numbers
    alive = weakref.ref(doc)
    assert len(table_module._TABLES) == before + 1
    del doc
    gc.collect()
    assert alive() is None
    assert len(table_module._TABLES) == before


def test_first_of_subtree_is_what_the_subtree_yields_first() -> None:
    # one parse with crossing arcs: "a hearing is set today on the case"
    crossing = Doc(
        _VOCAB,
        words=["a", "hearing", "is", "set", "today", "on", "the", "case"],
        heads=[1, 3, 3, 3, 3, 1, 7, 5],
        deps=["det", "nsubjpass", "auxpass", "ROOT", "npadvmod", "prep", "det", "pobj"],
    )
    for doc in (parsed(), crossing):
        table = token_table(doc)
        for tok in doc:
            assert table.first_of_subtree(tok.i) == next(iter(tok.subtree)).i
            assert sorted(table.subtree(tok.i)) == sorted(t.i for t in tok.subtree)
