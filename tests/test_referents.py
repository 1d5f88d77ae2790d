"""One referent per span: each way a span can be read twice, on hand-made annotations."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.iris import Iris
from kg.mapping import Provenance, article_data
from kg.model import (
    Annotations,
    Article,
    Claim,
    Entity,
    Event,
    Link,
    Mention,
    Quantity,
    Quote,
    Span,
    TimeExpression,
)
from kg.referents import Referent, choose, resolve
from kg.validate import default_validator
from kg.vocab import GAF, ITSRDF, NKG, sparql_prologue
from tests.conftest import span_of

PROV = Provenance("0.0.test", "en_core_web_sm 3.8.0")
ARTICLE = URIRef("https://w3id.org/newskg/article/ref-1")


def annotations(text: str) -> Annotations:
    return Annotations(Article(id="ref-1", text=text, date_published="2016-11-06"))


def mapped(ann: Annotations) -> Graph:
    """Map the annotations, check the graph conforms, and return it."""
    data = article_data(ann, Iris(), PROV)
    report = default_validator().validate_data(data)
    assert report.conforms, report.describe()
    return data.to_graph()


def mention(span: Span) -> URIRef:
    return URIRef(f"{ARTICLE}#char={span.start},{span.end}")


def referents_of(g: Graph, span: Span) -> set[str]:
    return {str(o) for o in g.objects(mention(span), ITSRDF.taIdentRef)}


def events_of(g: Graph) -> dict[str, set[str]]:
    """Return each event's IRI with the spans (as begin,end) it is denoted by."""
    rows = g.query(
        sparql_prologue() + "SELECT ?e ?b ?end WHERE { ?e a sem:Event ; gaf:denotedBy ?m . "
        "?m nif:beginIndex ?b ; nif:endIndex ?end }"
    )
    found: dict[str, set[str]] = {}
    for e, b, end in rows:
        found.setdefault(str(e), set()).add(f"{b},{end}")
    return found


def test_a_name_keeps_its_span_from_a_time():
    text = "May said she would stay."
    ann = annotations(text)
    may = span_of(text, "May")
    ann.entities = [Entity("PERSON", "Theresa May")]
    ann.mentions = [Mention(may, 0)]
    ann.times = [TimeExpression(may, "2016-05", "gYearMonth")]
    g = mapped(ann)
    assert referents_of(g, may) == {"https://w3id.org/newskg/entity/person/theresa-may"}
    # the time is still described (an event may still point at it); only the span is the name's
    assert (URIRef("https://w3id.org/newskg/time/2016-05"), GAF.denotedBy, mention(may)) not in g


def test_an_unnamed_source_keeps_its_span_and_an_event_left_without_trigger_is_not_written():
    text = "Reports said that the army had fled."
    ann = annotations(text)
    reports, said = span_of(text, "Reports"), span_of(text, "said")
    ann.entities = [Entity("OTHER", "Reports")]
    ann.mentions = [Mention(reports, 0, "NOM")]
    ann.events = [Event(reports, "Statement", claims=[Claim(None)]), Event(said, "Statement")]
    ann.quotes = [Quote(span_of(text, "the army had fled"), False, said, reports, speaker=0)]
    g = mapped(ann)
    assert referents_of(g, reports) == {f"{ARTICLE}#agent=reports"}
    assert events_of(g) == {f"{ARTICLE}#event={said.start},{said.end}": {"8,12"}}
    # no claim is left about an event that is not written
    assert not list(g.subjects(NKG.about, URIRef(f"{ARTICLE}#event=0,7")))


def test_an_event_that_loses_its_first_trigger_keeps_the_others_and_takes_its_iri_from_them():
    text = "Statements said that the war had ended."
    ann = annotations(text)
    statements, said = span_of(text, "Statements"), span_of(text, "said")
    ann.entities = [Entity("OTHER", "Statements")]
    ann.mentions = [Mention(statements, 0, "NOM")]
    ann.events = [Event(statements, "Statement", others=[said])]
    g = mapped(ann)
    assert referents_of(g, statements) == {f"{ARTICLE}#agent=statements"}
    assert events_of(g) == {f"{ARTICLE}#event={said.start},{said.end}": {"11,15"}}


@pytest.mark.parametrize(
    ("first", "second", "winner"),
    [
        # a name before a nominal of another entity ("the Pentagon" read as both)
        (Mention(Span(0, 12), 0, "NOM"), Mention(Span(0, 12), 1, "NAM"), 1),
        # a linked entity before one that is not
        (Mention(Span(0, 12), 0, "NAM"), Mention(Span(0, 12), 2, "NAM"), 2),
        # a named entity before an unnamed source
        (Mention(Span(0, 12), 3, "NOM"), Mention(Span(0, 12), 0, "NOM"), 0),
        # two coreference decisions over one pronoun: the mention listed first
        (Mention(Span(0, 12), 1, "PRO"), Mention(Span(0, 12), 0, "PRO"), 1),
    ],
)
def test_of_two_entities_mentioned_at_one_span_one_is_kept(first, second, winner):
    text = "the Pentagon said so."
    ann = annotations(text)
    ann.entities = [
        Entity("ORG", "the agency"),
        Entity("ORG", "Pentagon"),
        Entity("ORG", "the Pentagon", link=Link(key="pentagon", confidence=0.8)),
        Entity("OTHER", "the Pentagon"),
    ]
    ann.mentions = [first, second]
    g = mapped(ann)
    expected = Iris().entity(ann.entities[winner])
    if ann.entities[winner].type == "OTHER":
        expected = Iris().local_agent(str(ARTICLE), ann.entities[winner].name)
    assert referents_of(g, Span(0, 12)) == {expected}


def test_two_entities_linked_to_one_node_and_mentioned_at_one_span_give_one_kind_and_confidence():
    text = "U.S. troops left."
    ann = annotations(text)
    us = span_of(text, "U.S.")
    ann.entities = [
        Entity("PLACE", "U.S.", link=Link(key="united-states", confidence=0.7)),
        Entity("PLACE", "United States", link=Link(key="united-states", confidence=0.9)),
    ]
    ann.mentions = [Mention(us, 0, "PRE"), Mention(us, 1, "NAM")]
    g = mapped(ann)
    assert list(g.objects(mention(us), NKG.mentionKind)) == [NKG.Name]
    assert [float(c) for c in g.objects(mention(us), ITSRDF.taConfidence)] == [0.9]


def test_a_name_keeps_its_span_from_an_event_trigger():
    text = "TRUMP WINS OHIO"
    ann = annotations(text)
    trump = span_of(text, "TRUMP")
    ann.entities = [Entity("PERSON", "TRUMP")]
    ann.mentions = [Mention(trump, 0)]
    # a shouted name read as the verb "trump"
    ann.events = [Event(trump, "Other"), Event(span_of(text, "WINS"), "Other")]
    g = mapped(ann)
    assert referents_of(g, trump) == {"https://w3id.org/newskg/entity/person/trump"}
    assert list(events_of(g).values()) == [{"6,10"}]


def test_a_time_keeps_its_span_from_an_event_trigger():
    text = "Christmas was quiet."
    ann = annotations(text)
    christmas = span_of(text, "Christmas")
    ann.times = [TimeExpression(christmas, "2016-12-25", "date")]
    ann.events = [Event(christmas, "Other", others=[span_of(text, "quiet")])]
    g = mapped(ann)
    assert referents_of(g, christmas) == {"https://w3id.org/newskg/time/2016-12-25"}
    assert list(events_of(g).values()) == [{"14,19"}]


def test_of_two_times_at_one_span_the_first_is_kept():
    text = "On Tuesday it rained."
    ann = annotations(text)
    tuesday = span_of(text, "Tuesday")
    ann.times = [
        TimeExpression(tuesday, "2016-11-01", "date"),
        TimeExpression(tuesday, "2016-11-08", "date"),
    ]
    ann.events = [Event(span_of(text, "rained"), "Other", time=1)]
    g = mapped(ann)
    assert referents_of(g, tuesday) == {"https://w3id.org/newskg/time/2016-11-01"}
    # the event's own time is still its time, though another value holds the span
    assert ask(g, "?e sem:hasTime/time:inXSDDate '2016-11-08'^^xsd:date")


def test_two_events_sharing_a_trigger_share_no_span_and_no_iri():
    text = "The army attacked and fled the city."
    ann = annotations(text)
    attacked, fled = span_of(text, "attacked"), span_of(text, "fled")
    ann.events = [
        Event(attacked, "Attack", others=[fled]),
        Event(fled, "Flee"),  # its only trigger is the first event's
        Event(attacked, "Battle", others=[span_of(text, "city")]),  # the same first trigger
    ]
    g = mapped(ann)
    assert events_of(g) == {
        f"{ARTICLE}#event={attacked.start},{attacked.end}": {"9,17", "22,26"},
        f"{ARTICLE}#event=31,35": {"31,35"},
    }


def test_one_quote_and_one_quantity_per_span():
    text = 'He said "we will win" and 300 fighters left.'
    ann = annotations(text)
    content, figure = span_of(text, "we will win"), span_of(text, "300 fighters")
    ann.entities = [Entity("PERSON", "Abu Omar")]
    ann.mentions = [Mention(span_of(text, "He"), 0, "PRO")]
    ann.quotes = [Quote(content, True, speaker=0), Quote(content, False)]
    ann.quantities = [Quantity(figure, "fighters", 300), Quantity(figure, "men", 30)]
    g = mapped(ann)
    assert ask(g, "?q a nkg:Quote ; nkg:quoteType nkg:Direct ; schema:creator ?s")
    assert not ask(g, "?q nkg:quoteType nkg:Indirect")
    assert ask(g, "?n schema:unitText 'fighters' ; schema:value 300")
    assert not ask(g, "?n schema:unitText 'men'")


def test_a_quote_source_and_cue_reused_as_mention_and_trigger_stay_one_reading_each():
    text = "Officials said the army fled."
    ann = annotations(text)
    officials, said = span_of(text, "Officials"), span_of(text, "said")
    ann.entities = [Entity("OTHER", "Officials")]
    ann.mentions = [Mention(officials, 0, "NOM")]
    ann.events = [Event(said, "Statement", claims=[Claim(0)])]
    content = span_of(text, "the army fled")
    # two quotes of the same words and source (direct and reported speech found both)
    ann.quotes = [Quote(content, False, said, officials, 0), Quote(content, True, said, officials)]
    g = mapped(ann)
    assert referents_of(g, officials) == {f"{ARTICLE}#agent=officials"}
    assert referents_of(g, said) == {f"{ARTICLE}#event={said.start},{said.end}"}


def test_choose_puts_names_before_times_before_descriptions_before_events():
    text = "Reports on May were read."
    ann = annotations(text)
    may = span_of(text, "May")
    ann.entities = [Entity("PERSON", "May"), Entity("OTHER", "May")]
    ann.mentions = [Mention(may, 1, "NOM"), Mention(may, 0, "NAM")]
    ann.times = [TimeExpression(may, "2016-05", "gYearMonth")]
    ann.events = [Event(may, "Other")]
    assert choose(ann) == {may: Referent("mention", 1)}
    ann.mentions = [Mention(may, 1, "NOM")]
    assert choose(ann) == {may: Referent("time", 0)}
    ann.times = []
    assert choose(ann) == {may: Referent("mention", 0)}
    ann.mentions = []
    assert choose(ann) == {may: Referent("event", 0)}


def test_a_date_taken_for_an_unnamed_source_stays_a_date():
    text = "a tweet revealed June 05, 2009"
    ann = annotations(text)
    date = span_of(text, "June 05, 2009")
    ann.entities = [Entity("OTHER", "June 05, 2009")]
    ann.mentions = [Mention(date, 0, "NOM")]
    ann.times = [TimeExpression(date, "2009-06-05", "date")]
    ann.quotes = [Quote(span_of(text, "a tweet"), False, span_of(text, "revealed"), date, 0)]
    g = mapped(ann)
    assert referents_of(g, date) == {"https://w3id.org/newskg/time/2009-06-05"}
    # the quote still has its (poor) speaker: only the span's referent was decided
    assert ask(g, f"?q schema:creator <{ARTICLE}#agent=june-05-2009>")


def test_resolve_leaves_annotations_without_a_shared_span_as_they_are(small):
    resolved = resolve(small)
    assert resolved.mentions == small.mentions
    assert resolved.events == small.events
    assert resolved.quotes == small.quotes
    assert resolved.quantities == small.quantities


def ask(g: Graph, body: str) -> bool:
    return bool(g.query(sparql_prologue() + f"ASK {{ {body} }}").askAnswer)
