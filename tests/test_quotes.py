"""Quotes and reported speech: quote marks, cues, sources, hedged speakers, claims."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import DEFAULT_MODEL, extract, load_pipeline
from kg.extract.lexicon import Lexicon
from kg.extract.marks import content_span, double_marks, join_paragraphs, single_marks
from kg.extract.quotes import QuoteFinder
from kg.model import Annotations, Article, Entity, Mention, Quote, Span
from kg.reference import ReferenceIndex
from tests.conftest import put_on_doc, take_from_doc

FIND = QuoteFinder(Lexicon.load())


def find_quotes(doc: Doc, ann: Annotations) -> None:
    """Run the quotes component over hand-made entities and mentions."""
    take_from_doc(FIND(put_on_doc(doc, ann)), ann)


_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE"}


def names(doc: Doc, text: str) -> Annotations:
    """Annotate the model's named entities, one entity per distinct last word."""
    ann = Annotations(Article("t", text))
    index: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        key = ent.text.split()[-1].split("-")[-1]
        if key not in index:
            index[key] = len(ann.entities)
            ann.entities.append(Entity(_TYPES[ent.label_], ent.text))  # type: ignore[arg-type]
        ann.mentions.append(Mention(Span(ent.start_char, ent.end_char), index[key]))
    return ann


def run(nlp: Language, text: str) -> tuple[Annotations, list[Quote]]:
    doc = nlp(text)
    ann = names(doc, text)
    find_quotes(doc, ann)
    return ann, ann.quotes


def said(text: str, span: Span | None) -> str | None:
    return span.text(text) if span is not None else None


def test_double_marks_pair_within_paragraph() -> None:
    text = 'A "b c" d “e f” g'
    assert [(m.start, m.end) for m in double_marks(text)] == [(3, 6), (11, 14)]


def test_double_marks_leave_an_unclosed_quote_at_the_line_break() -> None:
    text = 'He said "no more\nThen “a” and "b'
    marks = double_marks(text)
    assert [(m.start, m.end, m.unclosed) for m in marks] == [
        (9, 16, True),
        (23, 24, False),
        (31, 32, True),
    ]


def test_a_quote_left_open_at_a_paragraph_end_goes_on_where_the_next_one_reopens() -> None:
    text = "“We will win Ohio.\n\n“We will win Iowa,” he said.\n\n“Tax cuts now.\n\nNo more.”"
    joined = join_paragraphs(text, double_marks(text))
    spans = [text[m.start : m.end] for m in joined]
    assert spans[0] == "We will win Ohio.\n\n“We will win Iowa,"
    # a paragraph that opens without a quote mark ends the quote
    assert spans[1:] == ["Tax cuts now."]


def test_single_marks_skip_apostrophes() -> None:
    text = "the group's leader told them: 'Do not retreat'"
    marks = single_marks(text)
    assert [text[m.start : m.end] for m in marks] == ["Do not retreat"]


def test_content_span_drops_trailing_comma() -> None:
    text = '"Do not retreat," said he'
    (marks,) = double_marks(text)
    assert content_span(text, marks).text(text) == "Do not retreat"


@pytest.mark.model
def test_find_quote_before_said_takes_inverted_hedged_source(nlp: Language) -> None:
    text = '"Do not retreat," said a voice said to be Baghdadi in an audio statement.'
    _ann, found = run(nlp, text)
    (quote,) = found
    assert said(text, quote.content) == "Do not retreat"
    assert said(text, quote.cue) == "said"
    assert said(text, quote.source_mention) == "a voice said to be Baghdadi"
    assert quote.speaker_certainty == "POSSIBLE"
    assert [said(text, h) for h in quote.speaker_hedges] == ["said to be"]
    assert quote.medium == "audio statement"


@pytest.mark.model
def test_find_pronoun_quote_continues_hedged_speaker(nlp: Language) -> None:
    text = (
        '"Do not retreat," said a voice said to be Baghdadi in an audio statement.\n\n'
        '"Holding your ground is easier than retreating in shame," Baghdadi said.'
    )
    _ann, found = run(nlp, text)
    assert len(found) == 2
    assert found[0].speaker == found[1].speaker
    assert found[1].speaker_certainty == "POSSIBLE"


@pytest.mark.model
def test_find_medium_noun_phrase_is_the_source(nlp: Language) -> None:
    text = (
        '"Abu Bakr al-Baghdadi has escaped Mosul after the terror boss told his followers: '
        "'Do not retreat'\", a tweet sent by the British Embassy in Baghdad revealed."
    )
    ann, found = run(nlp, text)
    outer = max(found, key=lambda q: q.content.end - q.content.start)
    assert said(text, outer.source_mention) == "a tweet sent by the British Embassy in Baghdad"
    assert outer.medium == "tweet"
    assert outer.speaker is not None and "Embassy" in ann.entities[outer.speaker].name
    inner = [q for q in found if said(text, q.content) == "Do not retreat"]
    assert inner and said(text, inner[0].cue) == "told"


@pytest.mark.model
def test_find_scare_quoted_word_is_no_quote(nlp: Language) -> None:
    _, found = run(nlp, 'He declared a "caliphate" two years ago.')
    assert found == []


@pytest.mark.model
def test_find_said_that_is_reported_speech_without_that(nlp: Language) -> None:
    text = "Some sources said that Baghdadi made the statement on the border."
    _ann, found = run(nlp, text)
    (quote,) = found
    assert not quote.direct
    assert said(text, quote.content) == "Baghdadi made the statement on the border"
    assert said(text, quote.source_mention) == "Some sources"
    assert quote.speaker is not None  # an unnamed source still gets an entity
    assert quote.claims[0].source == quote.speaker


@pytest.mark.model
def test_find_called_on_content_is_addressee_and_infinitive(nlp: Language) -> None:
    text = "On Thursday, Baghdadi called on his fighters to resist as forces closed in."
    _, found = run(nlp, text)
    (quote,) = found
    assert said(text, quote.cue) == "called on"
    assert said(text, quote.content) == "his fighters to resist"


@pytest.mark.model
def test_find_according_to_source_and_content(nlp: Language) -> None:
    text = "According to the US military, IS has 3,000 fighters inside Mosul."
    _, found = run(nlp, text)
    (quote,) = found
    assert said(text, quote.cue) == "According to"
    assert said(text, quote.source_mention) == "the US military"
    assert said(text, quote.content) == "IS has 3,000 fighters inside Mosul"


@pytest.mark.model
def test_find_claim_certainty_comes_from_content(nlp: Language) -> None:
    text = (
        "Boris Johnson confirmed that his whereabouts remain unclear, but most likely he "
        "is out of Mosul."
    )
    _, found = run(nlp, text)
    (quote,) = found
    assert quote.claims[0].certainty == "PROBABLE"


@pytest.mark.model
def test_find_speaker_is_never_named_only_inside_the_quote(nlp: Language) -> None:
    text = '"Tom is our player and he will stay," she told reporters.'
    doc = nlp(text)
    ann = Annotations(Article("t", text))
    ann.entities.append(Entity("PERSON", "Tom"))
    start = text.index("she")
    ann.mentions.append(Mention(Span(1, 4), 0))
    ann.mentions.append(Mention(Span(start, start + 3), 0, "PRO"))  # a wrong antecedent
    find_quotes(doc, ann)
    (quote,) = ann.quotes
    assert said(text, quote.source_mention) == "she"
    assert quote.speaker is None


@pytest.mark.model
def test_find_appositive_name_is_the_speaker(nlp: Language) -> None:
    text = "Its chair, Mira Solberg, said the plan had failed."
    ann, found = run(nlp, text)
    (quote,) = found
    assert said(text, quote.source_mention) == "Its chair, Mira Solberg"
    assert quote.speaker is not None and ann.entities[quote.speaker].name == "Mira Solberg"


@pytest.mark.model
def test_a_cue_hung_on_the_reported_clause_keeps_the_speaker_of_its_partner(nlp: Language):
    text = (
        "A spokesperson for the water authority denied that the alert had been delayed "
        "and said the system had worked as designed."
    )
    _, found = run(nlp, text)
    heard = [(said(text, q.content), said(text, q.source_mention)) for q in found]
    speaker = "A spokesperson for the water authority"
    assert heard == [
        ("the alert had been delayed", speaker),
        ("the system had worked as designed", speaker),
    ]


@pytest.mark.model
def test_coordinated_clauses_with_their_own_subjects_stay_reported(nlp: Language):
    text = "The minister said that the army had retreated and that the city was safe."
    _, found = run(nlp, text)
    assert [said(text, q.content) for q in found] == [
        "the army had retreated and that the city was safe"
    ]


@pytest.mark.model
def test_an_act_coordinated_with_the_cue_is_not_reported(nlp: Language):
    text = "She said the talks had failed and walked out."
    _, found = run(nlp, text)
    assert [said(text, q.content) for q in found] == ["the talks had failed"]


@pytest.mark.model
def test_a_second_act_of_the_speaker_after_a_comma_is_not_more_content(nlp: Language):
    text = (
        "He told supporters that he had asked for a recount of two wards, and said that some "
        "postal ballots had allegedly been counted twice."
    )
    _, found = run(nlp, text)
    assert [said(text, q.content) for q in found] == [
        "he had asked for a recount of two wards",
        "some postal ballots had allegedly been counted twice",
    ]


@pytest.mark.model
def test_a_denial_is_the_speakers_claim_that_it_did_not_happen(nlp: Language):
    text = "Rovers manager Sanne Dekovic denied that the club had accepted any bid."
    _, found = run(nlp, text)
    (quote,) = found
    assert said(text, quote.content) == "the club had accepted any bid"
    assert [(c.certainty, c.polarity) for c in quote.claims] == [("CERTAIN", "NEGATIVE")]
    # denying a negation affirms
    text = "The company denied that it had not paid its suppliers."
    _, (quote,) = run(nlp, text)
    assert [c.polarity for c in quote.claims] == ["POSITIVE"]


@pytest.mark.model
def test_a_quote_run_on_in_the_paragraph_keeps_its_speaker(nlp: Language):
    text = (
        '"Jonah is our player," Sanne Dekovic told reporters. "I have not spoken to anyone."\n\n'
        '"Nobody asked us," a fan said. "We will protest."'
    )
    _, found = run(nlp, text)
    speakers = [(said(text, q.content), q.speaker) for q in found]
    assert speakers[0][1] is not None
    assert speakers[1] == ("I have not spoken to anyone", speakers[0][1])
    # a new paragraph, or a quote with its own source, starts afresh
    assert all(s != speakers[0][1] for _, s in speakers[2:])


@pytest.mark.model
def test_an_aside_crediting_another_source_is_not_reported_content(nlp: Language):
    text = (
        "Greyfell Homes denied that it had withheld drainage reports from the council, "
        "as the trust had alleged."
    )
    _, found = run(nlp, text)
    assert [said(text, q.content) for q in found] == [
        "it had withheld drainage reports from the council"
    ]


@pytest.mark.model
def test_a_belief_is_its_holders_claim_as_sure_as_believing(nlp: Language):
    text = "Senator Mark Halvorsen believes that the tax plan hurt farmers in Iowa."
    _, (quote,) = run(nlp, text)
    assert said(text, quote.content) == "the tax plan hurt farmers in Iowa"
    assert said(text, quote.cue) == "believes"
    assert said(text, quote.source_mention) == "Senator Mark Halvorsen"
    assert [(c.certainty, [said(text, h) for h in c.hedges]) for c in quote.claims] == [
        ("PROBABLE", ["believes"])
    ]


@pytest.mark.model
def test_paraphrase_before_its_cue_is_reported_speech(nlp: Language):
    text = "The trade deal was a mistake, two aides to the governor said on Monday."
    _, (quote,) = run(nlp, text)
    assert said(text, quote.content) == "The trade deal was a mistake"
    assert said(text, quote.cue) == "said"
    assert said(text, quote.source_mention) == "two aides to the governor"


@pytest.mark.model
def test_the_second_part_of_a_split_quote_has_the_cue_and_source_between(nlp: Language):
    text = '"We will build the wall," he said. "And Mexico will pay for it."'
    _, (first, second) = run(nlp, text)
    assert said(text, second.content) == "And Mexico will pay for it"
    assert (said(text, second.cue), said(text, second.source_mention)) == ("said", "he")
    assert (second.cue, second.source_mention) == (first.cue, first.source_mention)


@pytest.mark.model
def test_a_quote_going_on_into_the_next_paragraph_is_one_quote(nlp: Language):
    text = (
        "Mayor Ted Brandt spoke in Tampa.\n\n"
        "“We are going to fix the roads. We are going to do it this year.\n\n"
        "“And we will not raise taxes,” Brandt told the crowd."
    )
    _, found = run(nlp, text)
    (quote,) = found
    assert said(text, quote.content).startswith("We are going to fix the roads.")
    assert said(text, quote.content).endswith("And we will not raise taxes")
    assert (said(text, quote.cue), said(text, quote.source_mention)) == ("told", "Brandt")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "name"),
    [
        (
            "Senator Ruth Alvarez met donors in Denver. The senator said the race was close.",
            "The senator",
            "Ruth Alvarez",
        ),
        (
            "Hillary Clinton spoke in Ohio. The Democratic nominee said she would raise taxes.",
            "The Democratic nominee",
            "Hillary Clinton",
        ),
    ],
)
def test_a_title_as_the_source_is_the_person_named_before(text: str, source: str, name: str):
    ann = extract(Article("t", text), load_pipeline(DEFAULT_MODEL, ReferenceIndex.load()))
    (quote,) = ann.quotes
    assert said(text, quote.source_mention) == source
    assert quote.speaker is not None and ann.entities[quote.speaker].name == name


_LONG_QUOTE = (
    "“We are going to win Florida. We are going to win it big. Believe me. We will win.\n\n"
    "“And then we are going to win the White House,” he told the crowd."
)


@pytest.mark.model
def test_a_pronoun_source_after_a_long_quote_is_the_person_named_before_it(nlp: Language):
    text = "On Monday, Donald Trump spoke for an hour in Tampa.\n\n" + _LONG_QUOTE
    ann, (quote,) = run(nlp, text)
    assert said(text, quote.source_mention) == "he"
    assert quote.speaker is not None and ann.entities[quote.speaker].name == "Donald Trump"


@pytest.mark.model
def test_a_pronoun_source_is_not_someone_named_paragraphs_before(nlp: Language):
    text = (
        "On Monday, Donald Trump spoke for an hour in Tampa.\n\n"
        "The crowd waited in the heat.\n\nTickets sold out in a day.\n\n" + _LONG_QUOTE
    )
    _, (quote,) = run(nlp, text)
    assert said(text, quote.source_mention) == "he" and quote.speaker is None
