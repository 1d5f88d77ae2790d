"""Tests of the word lists: the bundled files, a folder of one's own, and broken files."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
import spacy

from kg.errors import InputError
from kg.extract.factuality import Factuality
from kg.extract.lexicon import Lexicon, bundled_folder, read_rows


def test_every_list_has_its_own_file_with_a_header_saying_what_it_is() -> None:
    files = {spec.metadata["file"] for spec in fields(Lexicon)}
    on_disk = {p.stem for p in bundled_folder().glob("*.tsv")}
    assert files == on_disk
    for name in files:
        lines = (bundled_folder() / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        comments = [line for line in lines if line.startswith("#")]
        assert len(comments) >= 3, name
        assert any(line.startswith("# source:") for line in comments), name
        assert any(line.startswith("# licence:") for line in comments), name


def test_the_bundled_lexicon_reads_every_list() -> None:
    lex = Lexicon.load()
    assert "say" in lex.speech_verbs
    assert lex.hedge_adverbs["reportedly"] == "PROBABLE"
    assert lex.phrasal_event_types[("run", "away")] == "Flee"
    assert lex.months["Sept"] == 9 and lex.weekdays[0] == "Monday"
    assert lex.nominal_heads["city"] == ("PLACE", "city")
    assert lex.nominal_heads["group"] == ("ORG", None)
    assert "they" in lex.plural_pronouns and "he" not in lex.plural_pronouns


def test_the_bundled_lexicon_is_read_once() -> None:
    assert Lexicon.load() is Lexicon.load("")


def test_negation_gives_the_cues_of_one_kind() -> None:
    lex = Lexicon.load()
    kinds = set(lex.negation_cues.values())
    assert {"determiner", "pronoun", "adverb"} <= kinds
    for kind in kinds:
        assert lex.negation(kind) == {w for w, k in lex.negation_cues.items() if k == kind}
    assert "no" in lex.negation("determiner")
    assert lex.negation("no such kind") == frozenset()


def write(folder: Path, name: str, *rows: str) -> None:
    header = "# test list\n# source: a test\n# licence: CC0-1.0\n"
    (folder / f"{name}.tsv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")


def test_a_folder_of_ones_own_replaces_only_the_files_it_holds(tmp_path: Path) -> None:
    write(tmp_path, "hedge_adverbs", "word\tcertainty", "supposedly\tPOSSIBLE")
    lex = Lexicon.load(tmp_path)
    assert lex.hedge_adverbs == {"supposedly": "POSSIBLE"}
    assert lex.speech_verbs == Lexicon.load().speech_verbs


def test_a_lexicon_of_ones_own_changes_what_the_rules_read(tmp_path: Path) -> None:
    write(tmp_path, "hedge_adverbs", "word\tcertainty", "mayhaps\tPOSSIBLE")
    nlp = spacy.blank("en")
    words = ["It", "mayhaps", "fell"]
    doc = spacy.tokens.Doc(
        nlp.vocab, words=words, heads=[2, 2, 2], deps=["nsubj", "advmod", "ROOT"]
    )
    assert Factuality(Lexicon.load()).assess(doc[2], doc).certainty == "CERTAIN"
    assert Factuality(Lexicon.load(tmp_path)).assess(doc[2], doc).certainty == "POSSIBLE"


def test_components_take_their_lexicon_from_their_config(tmp_path: Path) -> None:
    write(tmp_path, "speech_verbs", "lemma", "reckon")
    nlp = spacy.blank("en")
    quotes = nlp.add_pipe("newskg_quotes", config={"lexicon": str(tmp_path)})
    assert quotes.lex.speech_verbs == frozenset({"reckon"})
    assert nlp.get_pipe_config("newskg_quotes")["lexicon"] == str(tmp_path)


def test_a_row_with_the_wrong_number_of_columns_names_the_file_and_row(tmp_path: Path) -> None:
    write(tmp_path, "modals", "word\tcertainty", "may\tPOSSIBLE", "might POSSIBLE")
    with pytest.raises(InputError, match=r"modals\.tsv: row 3 has 1 columns"):
        list(read_rows(tmp_path / "modals.tsv"))


def test_an_unknown_certainty_is_refused_with_the_file_named(tmp_path: Path) -> None:
    write(tmp_path, "modals", "word\tcertainty", "may\tMAYBE")
    with pytest.raises(InputError, match=r"modals\.tsv: unknown certainty 'MAYBE'"):
        Lexicon.load(tmp_path)


def test_event_noun_senses_give_each_noun_its_senses_and_those_above() -> None:
    senses, broader = Lexicon.load().event_noun_senses["settlement"]
    assert "07177924" in senses  # settlement: a written agreement
    assert "06770275" in broader  # agreement, the sense above it
    assert "06770275" in Lexicon.load().event_noun_senses["agreement"][0]


def test_conditional_phrase_ends_are_the_last_words_of_each_kind() -> None:
    lex = Lexicon.load()
    ends = lex.conditional_phrase_ends
    assert "that" in ends["clause"] and "of" in ends["noun"]
    for phrase, kind in lex.conditional_phrases.items():
        assert phrase.split()[-1] in ends[kind]


def test_person_nouns_are_read_as_roles_posts_or_both(tmp_path: Path) -> None:
    write(
        tmp_path, "person_nouns", "word\treading", "senator\trole", "analyst\tpost", "mayor\tboth"
    )
    lex = Lexicon.load(tmp_path)
    assert lex.role_nouns == frozenset({"senator", "mayor"})
    assert lex.office_nouns == frozenset({"analyst", "mayor"})


def test_an_unknown_person_noun_reading_is_refused_with_the_file_named(tmp_path: Path) -> None:
    write(tmp_path, "person_nouns", "word\treading", "senator\ttitle")
    with pytest.raises(InputError, match=r"person_nouns\.tsv: unknown reading 'title'"):
        Lexicon.load(tmp_path)


def test_person_nouns_are_every_role_and_post() -> None:
    lex = Lexicon.load()
    assert lex.person_nouns == lex.role_nouns | lex.office_nouns


def test_eventive_nouns_are_those_whose_first_senses_name_happenings() -> None:
    eventive = Lexicon.load().eventive_nouns
    assert {"search", "recovery", "task"} <= eventive
    assert not {"market", "letter", "company"} & eventive
