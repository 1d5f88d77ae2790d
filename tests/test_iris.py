from kg.iris import Iris, slug
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
    linked = Entity("PERSON", "Boris Johnson", link=Link("https://w3id.org/newskg/entity/x"))
    assert iris.entity(plain) == "https://w3id.org/newskg/entity/person/boris-johnson"
    assert iris.entity(linked) == "https://w3id.org/newskg/entity/x"
