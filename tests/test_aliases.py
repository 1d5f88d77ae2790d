"""Entity identity across articles: name keys, the choice of IRI, the rewritten graph, the store.

The article graphs are mapped from hand-made annotations, so no model is needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from kg.alias_store import StoredNames
from kg.aliases import Move, Named, NameIndex, name_forms, offered, resolve, sought
from kg.extract.lexicon import Lexicon
from kg.iris import Iris
from kg.mapping import Provenance, article_data
from kg.model import Annotations, Article, Entity, GraphData, Link, Mention, Span
from kg.store import EmbeddedStore
from kg.story_store import StoredStories
from kg.validate import default_validator
from kg.vocab import NKG, SCHEMA, SKOS

PROV = Provenance("0.0.test", "test-model")
IRIS = Iris()
LEX = Lexicon.load()
ORG = "https://w3id.org/newskg/entity/organization/"


def article(article_id: str, text: str, *entities: Entity) -> GraphData:
    """Map an article whose entities are each mentioned once, by their first name or alias."""
    ann = Annotations(Article(article_id, text, headline=text, date_published="2020-01-01"))
    for entity in entities:
        ann.entities.append(entity)
        for name in dict.fromkeys([entity.name, *entity.aliases]):
            start = text.index(name)
            ann.mentions.append(Mention(Span(start, start + len(name)), len(ann.entities) - 1))
    return article_data(ann, IRIS, PROV)


def denoted(data: GraphData) -> dict[str, str]:
    """Return the entity IRI each mention's words denote."""
    graph = data.to_graph()
    anchor = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")
    ref = URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")
    return {str(graph.value(m, anchor)): str(x) for m, x in graph.subject_objects(ref)}


def org(name: str, *aliases: str, link: Link | None = None) -> Entity:
    return Entity("ORG", name, list(aliases), link)


def test_name_forms_drop_legal_forms_one_by_one():
    assert name_forms("Aer Lingus Group PLC", LEX) == [
        "Aer Lingus Group PLC",
        "Aer Lingus Group",
        "Aer Lingus",
    ]
    assert name_forms("Group", LEX) == ["Group"]


def test_keys_of_names_acronyms_and_short_forms():
    full = Named(ORG + "ford-motor-company", "ORG", ("Ford Motor Company", "FMC"), False)
    assert offered(full, LEX) == {
        "name ORG fordmotorcompany",
        "name ORG fordmotor",
        "acronym ORG FMC",
        "lead ORG ford",
    }
    short = Named(ORG + "ford", "ORG", ("Ford",), False)
    assert sought(short, LEX) == [{"name ORG ford"}, {"lead ORG ford"}]
    # a division's name is not a company's: its first word is no short form of it
    division = Named(
        ORG + "boeing-commercial-airplanes", "ORG", ("Boeing Commercial Airplanes",), False
    )
    assert not any(k.startswith("lead") for k in offered(division, LEX))


def test_a_company_word_anywhere_after_the_first_makes_a_short_form():
    company = Named(ORG + "x", "ORG", ("Tollan Capital Management",), False)
    assert "lead ORG tollan" in offered(company, LEX)
    place = Named(ORG + "y", "ORG", ("Tollan Australia",), False)
    assert not any(k.startswith("lead") for k in offered(place, LEX))


def test_an_acronym_first_and_the_full_name_later_share_the_first_iri():
    index = NameIndex(IRIS, LEX)
    first = index.identify(article("a1", "The UAW said so.", org("UAW")))
    later = index.identify(
        article("a2", "The United Auto Workers (UAW) said so.", org("United Auto Workers", "UAW"))
    )
    last = index.identify(
        article("a3", "The United Auto Workers agreed.", org("United Auto Workers"))
    )
    assert denoted(first)["UAW"] == ORG + "uaw"
    assert set(denoted(later).values()) == {ORG + "uaw"}
    assert denoted(last)["United Auto Workers"] == ORG + "uaw"


def test_the_full_name_first_gives_its_iri_to_the_acronym_later():
    index = NameIndex(IRIS, LEX)
    index.identify(
        article("a1", "The United Auto Workers (UAW) said so.", org("United Auto Workers", "UAW"))
    )
    later = index.identify(article("a2", "The UAW said so.", org("UAW")))
    assert denoted(later)["UAW"] == ORG + "united-auto-workers"


def test_a_name_several_entities_match_keeps_its_own_iri():
    index = NameIndex(IRIS, LEX)
    index.identify(article("a1", "Harrowmere Brands grew.", org("Harrowmere Brands")))
    index.identify(article("a2", "Harrowmere Foods grew.", org("Harrowmere Foods")))
    later = index.identify(article("a3", "Harrowmere grew.", org("Harrowmere")))
    assert denoted(later)["Harrowmere"] == ORG + "harrowmere"


def test_a_stronger_key_wins_over_a_short_form():
    index = NameIndex(IRIS, LEX)
    index.identify(article("a1", "Harrowmere said so.", org("Harrowmere")))
    index.identify(article("a2", "Harrowmere Foods grew.", org("Harrowmere Foods")))
    later = index.identify(article("a3", "Harrowmere grew.", org("Harrowmere")))
    assert denoted(later)["Harrowmere"] == ORG + "harrowmere"


def test_a_reference_entity_keeps_its_iri_and_is_not_offered_to_other_articles():
    linked = org("Northrop Grumman", link=Link("northrop-grumman", name="Northrop Grumman"))
    index = NameIndex(IRIS, LEX)
    same = index.identify(article("a1", "Northrop Grumman and Northrop.", linked, org("Northrop")))
    other = index.identify(article("a2", "Northrop won.", org("Northrop")))
    # in its own article the short form is the company reference knowledge names
    assert set(denoted(same).values()) == {"https://w3id.org/newskg/entity/northrop-grumman"}
    # elsewhere, whether "Northrop" is that company is the linker's to say
    assert denoted(other)["Northrop"] == ORG + "northrop"


def test_entities_of_one_article_join_and_the_graph_still_conforms():
    index = NameIndex(IRIS, LEX)
    data = index.identify(
        article(
            "a1",
            "Aer Lingus Group PLC said Aer Lingus grew.",
            org("Aer Lingus Group PLC"),
            org("Aer Lingus"),
        )
    )
    assert set(denoted(data).values()) == {ORG + "aer-lingus-group-plc"}
    graph = data.to_graph()
    node = URIRef(ORG + "aer-lingus-group-plc")
    assert [str(n) for n in graph.objects(node, SCHEMA.name)] == ["Aer Lingus Group PLC"]
    assert {str(n) for n in graph.objects(node, SKOS.altLabel)} == {"Aer Lingus"}
    assert default_validator().validate_data(data).conforms


def test_a_one_word_person_joins_the_company_it_shortens_and_takes_its_type():
    index = NameIndex(IRIS, LEX)
    index.identify(article("a1", "Tollan Dairy Group grew.", org("Tollan Dairy Group")))
    later = index.identify(article("a2", "Tollan said so.", Entity("PERSON", "Tollan")))
    node = URIRef(ORG + "tollan-dairy-group")
    assert denoted(later)["Tollan"] == str(node)
    assert set(later.to_graph().objects(node, RDF.type)) == {SCHEMA.Organization}
    assert default_validator().validate_data(later).conforms


def test_a_known_iri_is_not_given_another_type():
    person = "https://w3id.org/newskg/entity/person/tollan"
    entities = [Named(person, "PERSON", ("Tollan",), False)]
    found = {"lead ORG tollan": [ORG + "tollan-dairy-group"]}

    def lookup(keys: set[str]) -> dict[str, list[str]]:
        return {k: found[k] for k in keys if k in found}

    assert resolve(entities, lookup, LEX) == {person: Move(ORG + "tollan-dairy-group", "ORG")}
    # once other articles hold the person's IRI, it stays a person
    found["name PERSON tollan"] = [person]
    assert resolve(entities, lookup, LEX) == {}


# --- the index in a store ---------------------------------------------------------------------

UAW = article("a1", "The UAW said so.", org("UAW"))
FULL = article("a2", "The United Auto Workers (UAW) said so.", org("United Auto Workers", "UAW"))
LATER = article("a3", "The United Auto Workers agreed.", org("United Auto Workers"))


def index_entries(store: EmbeddedStore) -> set[tuple[str, str]]:
    rows = store.query(
        f"""SELECT ?k ?e WHERE {{ GRAPH <{IRIS.corpus()}> {{
            ?x <{NKG.nameKey}> ?k ; <{NKG.keyOf}> ?e }} }}"""
    ).rows
    return {(str(r["k"]), str(r["e"])) for r in rows}


@pytest.fixture
def store(tmp_path: Path):
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def put(store: EmbeddedStore, *graphs: GraphData) -> list[GraphData]:
    stories = StoredStories(store, IRIS, frozenset())
    out = stories.identify(list(graphs))
    stories.link(out)
    store.replace_graphs(out)
    return out


def test_the_store_gives_the_iris_a_build_gives(store: EmbeddedStore):
    index = NameIndex(IRIS, LEX)
    built = [denoted(index.identify(g)) for g in (UAW, FULL, LATER)]
    # one batch, then one article a batch: the same IRIs
    assert [denoted(g) for g in put(store, UAW, FULL)] + [denoted(put(store, LATER)[0])] == built


def test_reingesting_an_article_gives_the_same_iris(store: EmbeddedStore):
    put(store, UAW)
    put(store, FULL)
    before = index_entries(store)
    again = put(store, UAW)
    assert denoted(again[0])["UAW"] == ORG + "uaw"
    assert index_entries(store) == before


def test_deleting_articles_takes_out_the_keys_only_they_gave(store: EmbeddedStore):
    put(store, UAW, FULL, LATER)
    assert index_entries(store) == {
        ("acronym ORG UAW", ORG + "uaw"),
        ("name ORG unitedautoworkers", ORG + "uaw"),
    }
    stories = StoredStories(store, IRIS, frozenset())
    for gone in ("a1", "a2"):
        stories.unlink([IRIS.article(gone)])
        store.delete_graph(IRIS.article(gone))
    assert index_entries(store) == {("name ORG unitedautoworkers", ORG + "uaw")}


def test_graphs_are_stored_as_built_and_the_index_says_who_gives_a_key(store: EmbeddedStore):
    (stored,) = put(store, UAW)
    assert stored == UAW  # nothing to move: the graph is stored as built
    put(store, FULL)
    givers = store.query(
        f"""SELECT ?a WHERE {{ GRAPH <{IRIS.corpus()}> {{
            ?x <{NKG.nameKey}> "acronym ORG UAW" ; <{NKG.keyFrom}> ?a }} }}"""
    ).rows
    assert sorted(str(r["a"]) for r in givers) == [IRIS.article("a1"), IRIS.article("a2")]
    assert StoredNames(store, IRIS, LEX)._lookup({"acronym ORG UAW"}) == {
        "acronym ORG UAW": [ORG + "uaw"]
    }


class SparqlOnly:
    """A store reached by SPARQL alone, as a remote one is: no look-ups in its indexes."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.query, self.update = store.query, store.update


def test_index_look_ups_store_what_sparql_look_ups_store(tmp_path: Path):
    dumps = []
    for name, remote in (("embedded", False), ("sparql", True)):
        store = EmbeddedStore(tmp_path / name)
        names = StoredNames(SparqlOnly(store) if remote else store, IRIS, LEX)  # type: ignore[arg-type]
        for batch in ([UAW, FULL], [LATER], [UAW]):
            store.replace_graphs(names.identify(batch))
        names.unlink([IRIS.article("a2")])
        store.delete_graph(IRIS.article("a2"))
        dumps.append(sorted(store.dump().splitlines()))
        store.close()
    assert dumps[0] == dumps[1]
    assert any(b"keyOf" in line for line in dumps[0])
