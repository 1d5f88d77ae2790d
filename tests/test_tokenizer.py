"""The tokenizer adjustment: a final period after an ampersand initialism is its own token."""

import spacy

from kg.extract.tokenizer import split_initialism_periods


def _tokens(nlp, text):
    return [t.text for t in nlp(text)]


def test_period_after_ampersand_initialism_is_split():
    nlp = spacy.blank("en")
    assert "AT&T." in _tokens(nlp, "It overwhelmed Apple and AT&T. Many buyers waited.")
    split_initialism_periods(nlp)
    tokens = _tokens(nlp, "It overwhelmed Apple and AT&T. Many buyers waited.")
    assert tokens[tokens.index("AT&T") + 1] == "."
    assert _tokens(nlp, "shares of P&G.")[-2:] == ["P&G", "."]


def test_other_rules_are_kept_and_text_is_unchanged():
    nlp = spacy.blank("en")
    split_initialism_periods(nlp)
    split_initialism_periods(nlp)  # twice is the same as once
    text = "He moved to the U.S. in 2009. IBM. (AT&T), R&D's cost."
    doc = nlp(text)
    assert doc.text == text
    words = [t.text for t in doc]
    assert "U.S." in words and "IBM" in words and "2009" in words
    assert words.count(".") == 3
    assert "AT&T" in words and "R&D" in words
