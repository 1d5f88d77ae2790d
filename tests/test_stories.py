"""Happenings and stories across articles: linking rules, the corpus graph, the store, queries.

The article graphs are mapped from hand-made annotations, so no model is needed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from kg.iris import Iris
from kg.mapping import Provenance, article_data
from kg.model import (
    Annotations,
    Article,
    Claim,
    Entity,
    Event,
    GraphData,
    Mention,
    Role,
    Span,
    TimeExpression,
)
from kg.queries import run_query
from kg.store import EmbeddedStore
from kg.stories import (
    MAX_CANDIDATES,
    Corpus,
    EventCard,
    cards_of,
    corpus_graph,
    kinds,
    nearest,
    same_happening,
)
from kg.story_keys import link_keys, search_keys
from kg.story_store import StoredStories
from kg.vocab import NKG

PROV = Provenance("0.0.test", "test-model")
GENERIC = frozenset({"Movement", "Other", "Statement", "Change", "Transaction"})
IRIS = Iris()


def report(
    article_id: str,
    day: str,
    sentence: str,
    trigger: str,
    etype: str,
    agent: str,
    place: str | None = None,
    certainty: str = "CERTAIN",
    source: str | None = None,
    time: tuple[str, str] | None = None,
    lemma: str | None = None,
    figures: frozenset[str] = frozenset(),
) -> GraphData:
    """Map a one-sentence article whose event has an agent, a place, one claim and, if
    ``time`` gives its words and value, a time, and if ``lemma`` is given, that lemma; and
    the ``figures`` its predicate gives."""
    ann = Annotations(Article(article_id, sentence, headline=sentence, date_published=day))
    names = [
        (agent, "PERSON"),
        *([(place, "PLACE")] if place else []),
        *([(source, "ORG")] if source else []),
    ]
    for name, kind in names:
        start = sentence.index(name)
        ann.entities.append(Entity(kind, name))  # type: ignore[arg-type]
        ann.mentions.append(Mention(Span(start, start + len(name)), len(ann.entities) - 1))
    at = sentence.index(trigger)
    span = Span(at, at + len(trigger))
    who = None if source is None else len(ann.entities) - 1
    if time is not None:
        at_time = sentence.index(time[0])
        ann.times.append(TimeExpression(Span(at_time, at_time + len(time[0])), time[1], "date"))
    ann.events.append(
        Event(
            span,
            etype,
            actors=[Role(0, "agent")],
            place=1 if place else None,
            time=0 if time else None,
            claims=[Claim(who, certainty, evidence=[span])],  # type: ignore[arg-type]
            lemmas={span: lemma} if lemma else {},
            figures=figures,
        )
    )
    return article_data(ann, IRIS, PROV)


FLED = report(
    "a1",
    "2016-11-06",
    "Abu Bakr al-Baghdadi fled Mosul.",
    "fled",
    "Flee",
    "Abu Bakr al-Baghdadi",
    "Mosul",
)
ESCAPED = report(
    "a2", "2016-11-07", "Abu Bakr al-Baghdadi has probably escaped Mosul, the embassy said.",
    "escaped", "Flee", "Abu Bakr al-Baghdadi", "Mosul", "PROBABLE", "the embassy",
)  # fmt: skip
DENIED = report(
    "a3", "2016-11-08", "Abu Bakr al-Baghdadi never fled from Mosul, Amaq said.",
    "fled", "Flee", "Abu Bakr al-Baghdadi", "Mosul", "CERTAIN", "Amaq",
)  # fmt: skip
OTHER_MAN = report("a4", "2016-11-07", "Abu Omar fled Mosul.", "fled", "Flee", "Abu Omar", "Mosul")
YEARS_LATER = report(
    "a5", "2019-01-01", "Abu Bakr al-Baghdadi fled Mosul.",
    "fled", "Flee", "Abu Bakr al-Baghdadi", "Mosul",
)  # fmt: skip


def card(**kw: object) -> EventCard:
    base: dict[str, object] = {"event": "e", "article": "a", "type": "Flee", "date": "2016-11-06"}
    return EventCard(**(base | kw))  # type: ignore[arg-type]


def test_cards_are_read_from_the_article_graph() -> None:
    (fled,) = cards_of(FLED)
    assert fled.article == IRIS.article("a1")
    assert fled.type == "Flee"
    assert fled.date == "2016-11-06"
    assert fled.stems == {"fled"}
    assert {a.rsplit("/", 1)[-1] for a in fled.agents} == {"abu-bakr-al-baghdadi"}
    assert {p.rsplit("/", 1)[-1] for p in fled.places} == {"mosul"}


def test_cards_read_only_their_lines_and_whole_literals() -> None:
    event = f"{IRIS.article('a9')}#event=0,4"
    text = (
        f"<{event}> <{RDF.type}> <http://semanticweb.cs.vu.nl/2009/11/sem/Event> .\n"
        f'<{event}> <http://www.w3.org/2000/01/rdf-schema#label> "fled \\"out\\"\\n" .\n'
        f'<{event}> <http://schema.org/name> "not read" .\n'
        f'_:b0 <http://www.w3.org/2000/01/rdf-schema#label> "a blank node" .\n'
    )
    (fled,) = cards_of(GraphData(IRIS.article("a9"), text.encode()))
    assert fled.event == event
    assert fled.stems == {"fled"}  # the label read whole: its quoted word is not all letters


def test_one_specific_type_and_a_shared_agent_are_one_happening() -> None:
    a = card(event="x", article="A", agents=frozenset({"baghdadi"}))
    b = card(event="y", article="B", agents=frozenset({"baghdadi"}), stems=frozenset({"escap"}))
    assert same_happening(a, b, GENERIC)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"article": "A"}, "one article: its own coreference decided"),
        ({"agents": frozenset({"omar"})}, "other agents"),
        ({"patients": frozenset({"raqqa"}), "agents": frozenset()}, "other patients"),
        ({"date": "2018-01-01"}, "outside the window"),
        ({"times": frozenset({"2015"})}, "times that cannot be one"),
        ({"figures": frozenset({"11.81"})}, "other figures, none shared"),
        ({"type": "Statement"}, "what is said, not what happened"),
        (
            {"type": "Movement", "stems": frozenset({"left"})},
            "a generic type with another predicate",
        ),
    ],
)
def test_what_sets_two_reports_apart(change: dict[str, object], why: str) -> None:
    a = card(
        event="x", article="A", agents=frozenset({"baghdadi"}), patients=frozenset({"mosul"}),
        times=frozenset({"2016-11"}), stems=frozenset({"fled"}), figures=frozenset({"300"}),
    )  # fmt: skip
    base = {
        "event": "y",
        "article": "B",
        "agents": frozenset({"baghdadi"}),
        "stems": frozenset({"fled"}),
    }
    b = card(**(base | change))
    assert not same_happening(a, b, GENERIC), why


def test_reports_with_a_figure_in_common_or_one_without_figures_are_one_happening() -> None:
    a = card(event="x", article="A", agents=frozenset({"nasdaq"}), figures=frozenset({"2.53"}))
    for figures in ({"2.53", "2248.63"}, set()):
        b = card(event="y", article="B", agents=frozenset({"nasdaq"}), figures=frozenset(figures))
        assert same_happening(a, b, GENERIC), figures


def test_an_index_that_rose_by_other_figures_rose_twice() -> None:
    rose = [
        report(f"n{n}", day, f"The Nasdaq rose {pct}%.", "rose", "Other", "Nasdaq",
               lemma="rise", figures=frozenset({pct}))
        for n, (day, pct) in enumerate([("2008-09-20", "2.53"), ("2008-10-13", "11.81")])
    ]  # fmt: skip
    cards = [cards_of(data) for data in rose]
    assert [c.figures for (c,) in cards] == [{"2.53"}, {"11.81"}]  # read from the graph
    corpus = Corpus(GENERIC)
    for found in cards:
        corpus.add_all(found)
    assert corpus.clusters() == []
    # the same reports without figures are one happening
    corpus = Corpus(GENERIC)
    for (c,) in cards:
        corpus.add_all([replace(c, figures=frozenset())])
    assert len(corpus.clusters()) == 1


def test_a_generic_type_needs_one_predicate_and_a_participant_not_only_a_place() -> None:
    a = card(
        event="x", article="A", type="Other", stems=frozenset({"launch"}), places=frozenset({"p"})
    )
    b = card(
        event="y", article="B", type="Other", stems=frozenset({"launch"}), places=frozenset({"p"})
    )
    assert not same_happening(a, b, GENERIC)
    c = card(
        event="z",
        article="B",
        type="Other",
        stems=frozenset({"launch"}),
        agents=frozenset({"apple"}),
    )
    d = card(
        event="w",
        article="C",
        type="Other",
        stems=frozenset({"launch"}),
        agents=frozenset({"apple"}),
    )
    assert same_happening(c, d, GENERIC)


def test_the_corpus_joins_reports_and_keeps_other_happenings_apart() -> None:
    corpus = Corpus(GENERIC)
    for data in (FLED, ESCAPED, DENIED, OTHER_MAN, YEARS_LATER):
        corpus.add_all(cards_of(data))
    (cluster,) = corpus.clusters()
    assert [c.article.rsplit("/", 1)[-1] for c in cluster] == ["a1", "a2", "a3"]
    assert corpus.stories() == [[IRIS.article(a) for a in ("a1", "a2", "a3")]]


def test_the_corpus_graph_names_happenings_by_their_earliest_report() -> None:
    corpus = Corpus(GENERIC)
    for data in (DENIED, ESCAPED, FLED):  # the order of arrival does not matter
        corpus.add_all(cards_of(data))
    graph = corpus_graph(corpus, IRIS)
    (first,) = cards_of(FLED)
    happening = IRIS.happening(first.event)
    assert {str(o) for o in graph.objects(predicate=NKG.member, subject=URIRef(happening))} == {
        c.event for data in (FLED, ESCAPED, DENIED) for c in cards_of(data)
    }
    assert len(set(graph.subjects(predicate=NKG.member))) == 2  # one happening, one story


@pytest.fixture
def store(tmp_path: Path):
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def stored(store: EmbeddedStore) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """Return the happenings (as sets of events) and stories (as sets of articles) stored."""
    graph = f"<{IRIS.corpus()}>"
    found: dict[tuple[str, str], set[str]] = {}
    rows = store.query(
        f"SELECT ?x ?k ?m WHERE {{ GRAPH {graph} {{ ?x a ?k ; <{NKG.member}> ?m }} }}"
    )
    for row in rows.rows:
        found.setdefault((str(row["k"]), str(row["x"])), set()).add(str(row["m"]))
    happenings = {frozenset(v) for (k, _), v in found.items() if k == str(NKG.EventCluster)}
    stories = {frozenset(v) for (k, _), v in found.items() if k == str(NKG.Story)}
    return happenings, stories


def put(store: EmbeddedStore, *graphs: GraphData) -> None:
    StoredStories(store, IRIS, GENERIC).link(list(graphs))
    store.replace_graphs(graphs)


ALL = (FLED, ESCAPED, DENIED, OTHER_MAN, YEARS_LATER)


def test_the_store_one_article_at_a_time_holds_what_one_batch_builds(store) -> None:
    for data in ALL:
        put(store, data)
    corpus = Corpus(GENERIC)
    for data in ALL:
        corpus.add_all(cards_of(data))
    expected = {frozenset(c.event for c in cluster) for cluster in corpus.clusters()}
    stories = {frozenset(s) for s in corpus.stories()}
    assert stored(store) == (expected, stories)
    assert expected  # the case is not empty


def test_storing_again_gives_the_same_happenings(store) -> None:
    put(store, *ALL)
    once = store.dump()
    put(store, ESCAPED)
    put(store, *ALL)
    assert sorted(store.dump().splitlines()) == sorted(once.splitlines())


class SparqlOnly:
    """A store reached by SPARQL alone, as a remote one is: no look-ups in its indexes."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.query, self.update = store.query, store.update


def test_index_look_ups_store_what_sparql_look_ups_store(tmp_path: Path) -> None:
    dumps = []
    for name, remote in (("embedded", False), ("sparql", True)):
        store = EmbeddedStore(tmp_path / name)
        stories = StoredStories(SparqlOnly(store) if remote else store, IRIS, GENERIC)  # type: ignore[arg-type]
        for batch in ([FLED, OTHER_MAN], [ESCAPED, DENIED, YEARS_LATER], [ESCAPED]):
            stories.link(batch)
            store.replace_graphs(batch)
        dumps.append(sorted(store.dump(str(IRIS.corpus())).splitlines()))
        store.close()
    assert dumps[0] == dumps[1]
    assert any(b"member" in line for line in dumps[0])  # happenings were written


def test_deleting_an_article_takes_it_out_of_its_happening_and_story(store) -> None:
    from kg.publish import delete_article

    put(store, *ALL)
    delete_article(store, "a2", IRIS)
    happenings, stories = stored(store)
    gone = {c.event for c in cards_of(ESCAPED)}
    assert happenings and not any(gone & h for h in happenings)
    assert stories == {frozenset({IRIS.article("a1"), IRIS.article("a3")})}
    delete_article(store, "a3", IRIS)
    assert stored(store) == (set(), set())  # one article left: nothing across articles


def test_the_claim_view_queries_answer_from_the_store(store) -> None:
    put(store, *ALL)
    (happening,) = stored(store)[0]
    x = next(
        str(r["x"])
        for r in store.query(f"SELECT ?x WHERE {{ GRAPH ?g {{ ?x <{NKG.member}> ?e }} }}").rows
        if str(r["x"]).startswith(IRIS.base + "happening/")
    )
    matrix = run_query(store, "event-claims", {"event": x}).rows
    # the first article's own voice, then the embassy's "probably", then Amaq
    assert [str(r["certainty"]) for r in matrix] == ["Certain", "Probable", "Certain"]
    assert [str(r["sourceName"]) for r in matrix[1:]] == ["the embassy", "Amaq"]
    assert [str(r["mentions"]) for r in matrix] == ["fled", "escaped", "fled"]
    assert [str(r["date"]) for r in matrix] == ["2016-11-06", "2016-11-07", "2016-11-08"]
    contested = run_query(store, "contested").rows
    assert [str(r["happening"]) for r in contested] == [x]
    assert str(contested[0]["articles"]) == "3"
    (story,) = [str(r["story"]) for r in run_query(store, "stories").rows]
    timeline = run_query(store, "story-timeline", {"story": story}).rows
    assert [str(r["date"]) for r in timeline] == ["2016-11-06", "2016-11-07", "2016-11-08"]
    assert len(happening) == 3


def test_an_article_stored_anew_is_linked_by_its_new_card_not_one_read_before(
    tmp_path: Path,
) -> None:
    # the same event IRI (same trigger offsets) with another agent
    mashhadi = report(
        "a1", "2016-11-06", "Abu Bakr al-Mashhadi fled Mosul.",
        "fled", "Flee", "Abu Bakr al-Mashhadi", "Mosul",
    )  # fmt: skip
    also_mashhadi = report(
        "a6", "2016-11-07", "Abu Bakr al-Mashhadi fled Mosul.",
        "fled", "Flee", "Abu Bakr al-Mashhadi", "Mosul",
    )  # fmt: skip
    (event,) = cards_of(FLED)
    assert event.event == cards_of(mashhadi)[0].event
    results = []
    for shared in (True, False):
        store = EmbeddedStore(tmp_path / f"shared-{shared}")
        one = StoredStories(store, IRIS, GENERIC)
        for batch in ([FLED], [ESCAPED], [mashhadi], [also_mashhadi]):
            stories = one if shared else StoredStories(store, IRIS, GENERIC)
            stories.link(batch)  # ESCAPED reads the card of a1's event as a candidate
            store.replace_graphs(batch)
        results.append(stored(store)[0])
        store.close()
    assert results[0] == results[1]
    assert frozenset({event.event, cards_of(also_mashhadi)[0].event}) in results[0]


# a happening retold years later with its time, and one told on the day with that time
ON_THE_DAY = report(
    "d1", "2016-11-06", "Abu Bakr al-Baghdadi fled Mosul on Saturday.",
    "fled", "Flee", "Abu Bakr al-Baghdadi", "Mosul", time=("Saturday", "2016-11-05"),
)  # fmt: skip
RETOLD = report(
    "d2", "2020-03-01", "Abu Bakr al-Baghdadi fled Mosul in 2016.",
    "fled", "Flee", "Abu Bakr al-Baghdadi", "Mosul", time=("2016", "2016"),
)  # fmt: skip
OTHER_YEAR = report(
    "d3", "2021-06-01", "Abu Bakr al-Baghdadi fled Mosul in 2014.",
    "fled", "Flee", "Abu Bakr al-Baghdadi", "Mosul", time=("2014", "2014"),
)  # fmt: skip
DATED = (FLED, ON_THE_DAY, OTHER_MAN, RETOLD, OTHER_YEAR, YEARS_LATER)


def test_reports_far_apart_are_one_happening_only_when_they_give_it_one_time() -> None:
    a = card(
        event="x", article="A", date="2006-03-28", agents=frozenset({"apple"}),
        times=frozenset({"2003"}),
    )  # fmt: skip
    b = card(
        event="y", article="B", date="2008-01-09", agents=frozenset({"apple"}),
        times=frozenset({"2003-04-28"}),
    )  # fmt: skip
    assert same_happening(a, b, GENERIC)
    assert not same_happening(replace(a, times=frozenset({"2004"})), b, GENERIC), "other years"
    assert not same_happening(replace(a, times=frozenset({"2003-05"})), b, GENERIC), "months"
    assert not same_happening(replace(a, times=frozenset()), b, GENERIC), "no time of its own"
    assert not same_happening(replace(a, date=None), b, GENERIC), "an undated report"
    store = frozenset({"itunes"})
    assert same_happening(replace(a, patients=store), replace(b, patients=store), GENERIC)
    # told long apart, one with a patient and one without: "launched the store", "launched"
    assert not same_happening(replace(a, patients=store), b, GENERIC)


def test_nearest_offers_reports_outside_the_window_only_with_a_time_in_one_year() -> None:
    new = card(event="x", article="A", date="2008-01-09", times=frozenset({"2003"}))
    near = card(event="n", article="N", date="2008-01-20")
    same_year = card(event="s", article="S", date="2006-03-28", times=frozenset({"2003-04"}))
    other_year = card(event="o", article="O", date="2006-03-28", times=frozenset({"2004"}))
    untimed = card(event="u", article="U", date="2006-03-28")
    chosen = nearest(new, [near, same_year, other_year, untimed])
    assert [c.event for c in chosen] == ["s", "n"]  # earliest report first


def test_a_report_is_found_under_the_year_of_its_own_time() -> None:
    timed = card(event="x", article="A", agents=frozenset({"apple"}), times=frozenset({"2003"}))
    assert len(link_keys(timed, GENERIC)) == 2  # the month of its article, the year of its time
    assert set(link_keys(timed, GENERIC)) <= set(search_keys(timed, GENERIC))
    assert link_keys(replace(timed, date=None), GENERIC) == []


def test_the_corpus_joins_a_happening_retold_with_its_time() -> None:
    corpus = Corpus(GENERIC)
    for data in DATED:
        corpus.add_all(cards_of(data))
    (cluster,) = corpus.clusters()
    assert [c.article.rsplit("/", 1)[-1] for c in cluster] == ["a1", "d1", "d2"]


@pytest.mark.parametrize("batches", [[[d] for d in DATED], [list(DATED)], [list(DATED[::-1])]])
def test_the_store_holds_the_retold_happenings_a_build_finds(store, batches) -> None:
    for batch in batches:
        put(store, *batch)
    corpus = Corpus(GENERIC)
    for data in DATED:
        corpus.add_all(cards_of(data))
    expected = {frozenset(c.event for c in cluster) for cluster in corpus.clusters()}
    assert stored(store)[0] == expected


def test_a_generic_type_is_indexed_by_its_predicate_and_speech_not_at_all() -> None:
    launch = card(type="Other", stems=frozenset({"launch", "start"}))
    assert kinds(launch, GENERIC) == ["Other:launch", "Other:start"]
    assert kinds(card(), GENERIC) == ["Flee"]
    assert kinds(card(type="Statement"), GENERIC) == []


def test_reports_of_other_predicates_do_not_crowd_out_the_one_that_matches() -> None:
    apple = frozenset({"apple"})
    corpus = Corpus(GENERIC)
    for n in range(MAX_CANDIDATES + 2):  # nearer in time, of the same type and participant
        corpus.add(
            card(event=f"b{n}", article="B", type="Other", date="2006-06-19", agents=apple,
                 stems=frozenset({f"verb{n}"}))
        )  # fmt: skip
    corpus.add(
        card(event="c", article="C", type="Other", date="2006-06-01", agents=apple,
             stems=frozenset({"sell"}))
    )  # fmt: skip
    new = card(event="n", article="N", type="Other", date="2006-06-20", agents=apple,
               stems=frozenset({"sell"}))  # fmt: skip
    corpus.add(new)
    assert [[c.event for c in cluster] for cluster in corpus.clusters()] == [["c", "n"]]


def test_reports_in_other_forms_of_one_verb_share_its_lemma() -> None:
    def undergo(article: str, day: str, word: str, lemma: str | None) -> EventCard:
        sentence = f"Steve Jobs {word} a liver transplant."
        data = report(article, day, sentence, word, "Other", "Steve Jobs", lemma=lemma)
        assert (f'<{NKG.lemma}> "{lemma}"' in data.ntriples.decode()) is bool(lemma)
        (found,) = cards_of(data)
        return found

    underwent = undergo("a1", "2011-01-17", "underwent", "undergo")
    assert underwent.stems == {"underw", "undergo"}  # the word as written, and its lemma
    assert same_happening(
        underwent, undergo("a2", "2011-02-01", "has undergone", "undergo"), GENERIC
    )
    # graphs written without lemmas are read by the words of their first mention alone
    assert not same_happening(
        undergo("a3", "2011-01-17", "underwent", None),
        undergo("a4", "2011-02-01", "has undergone", None),
        GENERIC,
    )


@pytest.mark.parametrize("interval", [0.0, 60.0])  # a write each graph, or one for all
def test_a_load_reports_the_happenings_and_stories_the_store_holds(tmp_path, interval) -> None:
    from kg.publish import publish

    store = EmbeddedStore(tmp_path / "store")
    try:
        summary = publish(
            ALL, store, stories=StoredStories(store, IRIS, GENERIC), interval=interval
        )
        happenings, stories = stored(store)
    finally:
        store.close()
    assert (summary.loaded, summary.happenings, summary.stories) == (
        len(ALL),
        len(happenings),
        len(stories),
    )
    assert summary.happenings > 0
    assert f"the store holds {len(happenings)} happening(s) in {len(stories)}" in summary.describe()
