import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from kg.iris import Iris
from kg.mapping import Provenance, article_data, article_graph
from kg.model import Annotations, Article, Entity, Mention, TimeExpression, TimeGranularity
from kg.store import EmbeddedStore
from kg.validate import default_validator, validate_graph
from kg.vocab import sparql_prologue
from tests.conftest import span_of

PROV = Provenance("0.0.test", "en_core_web_sm 3.8.0", {"model": "test"})


def ask(graph, body: str) -> bool:
    return bool(graph.query(sparql_prologue() + f"ASK {{ {body} }}").askAnswer)


def build(ann: Annotations):
    return article_graph(ann, Iris(), PROV)


def test_article_and_context_follow_the_contract(small):
    g = build(small)
    a = URIRef("https://w3id.org/newskg/article/small-1")
    assert g.identifier == a
    assert ask(
        g,
        f"""<{a}> a schema:NewsArticle ; schema:identifier "small-1" ; schema:headline ?h ;
        schema:datePublished "2016-11-06"^^xsd:date ; schema:publisher ?p ; schema:url ?u ;
        nkg:context ?c . ?c a nif:Context ; nif:isString ?s ; nif:beginIndex 0 ;
        nif:endIndex {len(small.article.text)} ; nif:sourceUrl <{a}> .""",
    )
    assert (a, URIRef("http://schema.org/identifier"), Literal("small-1")) in g


def test_mentions_are_rfc5147_phrases_pointing_both_ways(small):
    g = build(small)
    m = URIRef("https://w3id.org/newskg/article/small-1#char=0,5")
    assert ask(
        g,
        f"""<{m}> a nif:Phrase ; nif:beginIndex ?b ; nif:endIndex ?end ; nif:anchorOf "Mosul" ;
        itsrdf:taIdentRef ?e ; nif:referenceContext ?c . ?e gaf:denotedBy <{m}> ;
        a schema:Place ; schema:name "Mosul" ; schema:sameAs <https://en.wikipedia.org/wiki/Mosul> ;
        geo:hasGeometry/geo:asWKT "POINT(43.11889 36.335)"^^geo:wktLiteral .
        FILTER(?b = 0 && ?end = 5)""",
    )
    for begin, end in g.query(
        sparql_prologue()
        + "SELECT ?b ?e WHERE { ?m a nif:Phrase ; nif:beginIndex ?b ; nif:endIndex ?e }"
    ):
        assert 0 <= int(begin) < int(end) <= len(small.article.text)


def test_time_value_has_exactly_one_xsd_property(small):
    g = build(small)
    assert ask(
        g,
        "?m itsrdf:taIdentRef ?t . ?t a time:TemporalEntity ; "
        'time:inXSDDate "2016-11-03"^^xsd:date',
    )
    assert not ask(g, "?t time:inXSDgYear ?v")


def _with_time(small: Annotations, value: str, grain: TimeGranularity) -> Annotations:
    """Give the small article's "Thursday" another value."""
    small.times = [TimeExpression(small.times[0].span, value, grain)]
    return small


@pytest.mark.parametrize(
    ("value", "grain", "pattern"),
    [
        ("P2Y", "duration", 'a time:Duration ; time:hasXSDDuration "P2Y"^^xsd:duration'),
        ("P2W", "duration", 'time:hasXSDDuration "P14D"^^xsd:duration ; nkg:timexValue "P2W"'),
        ("PXY", "duration", 'a time:Duration ; nkg:timexValue "PXY"'),
        ("2016-W44", "week", 'a time:TemporalEntity ; nkg:timexValue "2016-W44"'),
        ("2016-11-03TMO", "partOfDay", 'time:inXSDDate "2016-11-03"^^xsd:date ; nkg:timexValue ?v'),
        ("2016-SU", "season", 'time:inXSDgYear "2016"^^xsd:gYear ; nkg:timexValue "2016-SU"'),
        ("199", "decade", 'a time:TemporalEntity ; nkg:timexValue "199"'),
    ],
)
def test_time_values_xsd_cannot_write_keep_their_timex_value(small, value, grain, pattern):
    g = build(_with_time(small, value, grain))
    assert ask(g, f"?m itsrdf:taIdentRef ?t . ?t {pattern}")
    exact = grain == "duration" and value == "P2Y"
    assert ask(g, "?t nkg:timexValue ?v") != exact
    assert validate_graph(g).conforms


def test_the_past_of_an_article_is_its_own_node(small):
    g = build(_with_time(small, "PAST_REF", "reference"))
    past = URIRef("https://w3id.org/newskg/article/small-1#time=PAST_REF")
    assert ask(g, f'<{past}> a time:TemporalEntity ; nkg:timexValue "PAST_REF"')
    assert not ask(g, f"<{past}> time:inXSDDate|time:inXSDgYear ?v")
    assert validate_graph(g).conforms


def test_claims_say_who_asserts_how_surely(small):
    g = build(small)
    assert ask(
        g,
        """?e a sem:Event ; nkg:eventType nkg:Flee ; sem:hasActor ?army ; sem:hasPlace ?mosul ;
           gaf:denotedBy ?trigger .
           ?c a nkg:Claim ; nkg:about ?e ; prov:wasAttributedTo ?army ; nkg:certainty nkg:Probable ;
           nkg:polarity nkg:Positive ; nkg:hedge/nif:anchorOf "reportedly" ; schema:appearance ?a .
           ?army schema:name "the army" .""",
    )
    # the headline's flat statement is the publisher's own claim
    assert ask(
        g,
        """?e nkg:eventType nkg:Flee ; gaf:denotedBy/nif:beginIndex ?b . FILTER(?b = 15)
           ?c nkg:about ?e ; prov:wasAttributedTo ?p ; nkg:certainty nkg:Certain .
           ?a schema:publisher ?p . ?p schema:name "Example News" .""",
    )


def test_quote_has_content_cue_source_and_speaker(small):
    g = build(small)
    assert ask(
        g,
        """?q a nkg:Quote ; schema:text "We will not retreat" ; nkg:quoteType nkg:Direct ;
           nkg:cue/nif:anchorOf "said" ; nkg:sourceMention/nif:anchorOf "Abu Omar" ;
           schema:creator ?s ; gaf:denotedBy ?span ; nkg:speakerCertainty nkg:Certain .
           ?s a schema:Person .
           ?c nkg:about ?q ; prov:wasAttributedTo ?s ; nkg:polarity nkg:Negative .""",
    )


def test_quantity_is_a_range_with_unit_and_source(small):
    g = build(small)
    assert ask(
        g,
        """?v a schema:QuantitativeValue ; schema:minValue 3000 ; schema:maxValue 5000 ;
           schema:unitText "fighters" ; gaf:denotedBy ?s .
           ?c nkg:about ?v ; prov:wasAttributedTo/schema:name "the army" .""",
    )


def test_provenance_names_version_and_model(small):
    g = build(small)
    assert ask(
        g,
        """?a prov:wasGeneratedBy ?b . ?b a prov:Activity ; nkg:modelName "en_core_web_sm 3.8.0" ;
           prov:wasAssociatedWith ?s . ?s nkg:softwareVersion "0.0.test" .""",
    )


def test_rebuilding_gives_the_same_graph(small):
    assert isomorphic(build(small), build(small))
    assert set(build(small)) == set(build(small))  # no blank nodes: identical triples


def test_each_triple_is_written_once(small):
    # "Abu Omar" is a mention and the quote's source; two expressions name one day
    small.times.append(
        TimeExpression(span_of(small.article.text, "on Thursday"), "2016-11-03", "date")
    )
    lines = article_data(small, Iris(), PROV).ntriples.decode("utf-8").splitlines()
    assert len(lines) == len(set(lines))
    g = build(small)
    day = URIRef(Iris().time("2016-11-03"))
    assert len(set(g.subjects(URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"), day))) == 2
    assert len(list(g.objects(day, URIRef("http://www.w3.org/2006/time#inXSDDate")))) == 1


def test_datetime_publication_is_typed_as_datetime(small):
    small.article.date_published = "2016-11-06T08:30:00Z"
    g = build(small)
    assert (None, None, Literal("2016-11-06T08:30:00Z", datatype=XSD.dateTime)) in g


def test_two_entities_linked_to_one_node_get_one_name(small):
    from kg.model import Entity, Mention

    small.entities.append(Entity("PLACE", "Mosul city", ["Mawsil"], link=small.entities[0].link))
    small.mentions.append(Mention(small.mentions[0].span, len(small.entities) - 1))
    g = build(small)
    mosul = URIRef("https://w3id.org/newskg/entity/mosul")
    assert [str(n) for n in g.objects(mosul, URIRef("http://schema.org/name"))] == ["Mosul city"]
    alt = {str(n) for n in g.objects(mosul, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))}
    assert alt == {"Mosul", "Mawsil"}


def test_entities_linked_to_one_node_get_one_type_and_a_place_only_if_it_is_one(small):
    from kg.model import Entity

    # "Mosul" read as a place once and as an organisation twice: the node is an organisation,
    # and the event's place, no longer a place, is not written as one
    link = small.entities[0].link
    small.entities += [Entity("ORG", "Mosul", link=link), Entity("ORG", "Mosul", link=link)]
    data = article_data(small, Iris(), PROV)
    assert default_validator().validate_data(data).conforms
    g = data.to_graph()
    mosul = URIRef("https://w3id.org/newskg/entity/mosul")
    assert set(g.objects(mosul, RDF.type)) == {URIRef("http://schema.org/Organization")}
    assert not ask(g, "?e sem:hasPlace ?p")


def test_article_url_with_a_stray_percent_becomes_a_valid_iri(small):
    small.article.url = "https://example.org/US_stocks_see_9%_drop and more"
    g = build(small)
    (url,) = g.objects(URIRef(Iris().article("small-1")), URIRef("http://schema.org/url"))
    assert str(url) == "https://example.org/US_stocks_see_9%25_drop%20and%20more"

    assert validate_graph(g).conforms


def test_text_with_awkward_characters_is_stored_unaltered(tmp_path):
    text = 'He said "no" \\ twice.\r\nTab\there, \x0b form feed \x0c, 😀 and\u00a0NBSP.'
    ann = Annotations(Article(id="odd/1 é", text=text, date_published="2016-11-06T10:00:00Z"))
    data = article_data(ann, Iris(), PROV)
    assert default_validator().validate_data(data).conforms
    store = EmbeddedStore(tmp_path / "s")
    store.replace_graphs([data])
    rows = store.query(
        sparql_prologue() + "SELECT ?s WHERE { GRAPH ?g { ?c nif:isString ?s } }"
    ).rows
    assert [str(r["s"]) for r in rows] == [text]
    assert data.to_graph().identifier == URIRef(data.iri)


def test_an_unnamed_source_is_affiliated_with_its_organisation_not_it(small):
    # "A spokesperson for the army": an agent of its own, at the army (entity 2)
    small.entities.append(Entity("OTHER", "A spokesperson for the army", affiliation=2))
    small.mentions.append(Mention(small.mentions[2].span, len(small.entities) - 1, "NOM"))
    small.mentions.pop(2)
    data = article_data(small, Iris(), PROV)
    g = data.to_graph()
    assert ask(
        g,
        "?s a prov:Agent ; schema:name 'A spokesperson for the army' ; schema:affiliation ?o . "
        "?o a schema:Organization ; schema:name 'the army' . FILTER(?s != ?o)",
    )
    assert default_validator().validate_data(data).conforms


def test_an_affiliation_to_what_is_no_organisation_is_left_out(small):
    small.entities.append(Entity("OTHER", "A source in Mosul", affiliation=0))
    g = build(small)
    assert not ask(g, "?s schema:affiliation ?o")
