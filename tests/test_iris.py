from kg.iris import Iris, geonames, slug, wikidata, wikipedia
from kg.model import Entity, Link, Span


def test_slug_is_readable_and_ascii():
    assert slug("Abu Bakr al-Baghdadi") == "abu-bakr-al-baghdadi"
    assert slug("Zürich's  Rathaus") == "zurich-s-rathaus"


def test_article_local_iris_come_from_spans():
    iris = Iris("https://example.org/kg")
    a = iris.article("id 1/2")
    assert a == "https://example.org/kg/article/id%201%2F2"
    assert iris.mention(a, Span(3, 9)) == a + "#char=3,9"
    assert iris.claim(iris.event(a, Span(3, 9)), 1) == a + "#claim=event,3,9,1"


def test_entity_iri_is_global_and_prefers_the_link():
    iris = Iris()
    plain = Entity("PERSON", "Boris Johnson")
    linked = Entity("PERSON", "Boris Johnson", link=Link("x"))
    assert iris.entity(plain) == "https://w3id.org/newskg/entity/person/boris-johnson"
    assert iris.entity(linked) == "https://w3id.org/newskg/entity/x"


def test_reference_entities_take_the_configured_base():
    linked = Entity("PLACE", "Mosul", link=Link("mosul-99072"))
    assert Iris("https://news.example/kg/").entity(linked) == (
        "https://news.example/kg/entity/mosul-99072"
    )
    assert Iris().entity(linked) == "https://w3id.org/newskg/entity/mosul-99072"


def test_a_reference_node_with_an_iri_of_its_own_keeps_it():
    own = Entity("PERSON", "Ada", link=Link("http://www.wikidata.org/entity/Q7259"))
    assert Iris("https://news.example/kg/").entity(own) == "http://www.wikidata.org/entity/Q7259"


def test_links_to_other_datasets_are_minted_here():
    assert wikipedia("Abu Bakr al-Baghdadi") == "https://en.wikipedia.org/wiki/Abu_Bakr_al-Baghdadi"
    assert wikipedia("AT&T") == "https://en.wikipedia.org/wiki/AT%26T"
    assert wikidata("Q796") == "http://www.wikidata.org/entity/Q796"
    assert geonames(99072) == "https://sws.geonames.org/99072/"
