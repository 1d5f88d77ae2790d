"""A happening across articles (nkg:EventCluster) or one article's event -> what its page
shows: the claim matrix (each source's certainty, polarity and hedges, and the sentence of each
mention the claim rests on) and the member events, article by article."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.queries import run_query
from kg.server.article import Snippet, event_href, humanize, local_name, snippet
from kg.server.settings import ServerSettings
from kg.store import Store

MEMBERS = """
PREFIX schema: <http://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nkg: <https://w3id.org/newskg/ns#>
SELECT ?member ?article ?label ?type ?date ?headline ?cluster WHERE {
  { GRAPH ?corpus { ?happening a nkg:EventCluster ; nkg:member ?member } }
  UNION
  { GRAPH ?home { ?happening a sem:Event } BIND(?happening AS ?member) }
  GRAPH ?article { ?member a sem:Event ; schema:isPartOf ?article }
  OPTIONAL { GRAPH ?article { ?member rdfs:label ?label } }
  OPTIONAL { GRAPH ?article { ?member nkg:eventType ?type } }
  OPTIONAL { GRAPH ?article { ?article schema:datePublished ?date } }
  OPTIONAL { GRAPH ?article { ?article schema:headline ?headline } }
  OPTIONAL { GRAPH ?joined { ?cluster nkg:member ?member } }
}
ORDER BY ?date ?article ?member
"""
# the text of an article and the spans of what it says: enough to show each mention in its
# sentence without reading the whole article graph
TEXT = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX nkg: <https://w3id.org/newskg/ns#>
SELECT ?text WHERE { GRAPH ?article { ?article nkg:context ?c . ?c nif:isString ?text } }
"""
SPANS = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
SELECT ?node ?begin ?end ?anchor WHERE {
  GRAPH ?article {
    ?node gaf:denotedBy ?span . ?span nif:beginIndex ?begin ; nif:endIndex ?end .
  }
  OPTIONAL { GRAPH ?article { ?span nif:anchorOf ?anchor } }
}
"""
ABOUT = """
PREFIX nkg: <https://w3id.org/newskg/ns#>
SELECT ?claim ?about WHERE { GRAPH ?article { ?claim a nkg:Claim ; nkg:about ?about } }
"""
# a happening reported by more articles than this shows the first ones only
MAX_ARTICLES = 50


@dataclass(frozen=True)
class MemberEvent:
    """One article's event: the article's report of the happening."""

    iri: str
    href: str
    what: str
    kind: str
    triggers: tuple[str, ...]
    article_href: str
    headline: str
    date: str


@dataclass(frozen=True)
class ClaimRow:
    """One row of the claim matrix: a source's claim, and where the article makes it."""

    claim_href: str
    source: str
    source_href: str
    certainty: str
    polarity: str
    hedges: tuple[str, ...]
    article_href: str
    headline: str
    date: str
    snippets: tuple[Snippet, ...]

    @property
    def negative(self) -> bool:
        return self.polarity == "Negative"


@dataclass(frozen=True)
class HappeningPage:
    """Everything the page of a happening or of an event shows."""

    iri: str
    across_articles: bool
    title: str
    kind: str
    triggers: tuple[str, ...]
    cluster_href: str  # an event's happening across articles, if it is part of one
    members: tuple[MemberEvent, ...]
    claims: tuple[ClaimRow, ...]
    truncated: bool

    @property
    def contested(self) -> bool:
        """Whether the sources differ in certainty or polarity."""
        return len({(c.certainty, c.polarity) for c in self.claims}) > 1

    @property
    def articles(self) -> int:
        return len({m.article_href for m in self.members})


def happening_page(store: Store, iri: str, settings: ServerSettings) -> HappeningPage | None:
    """Gather the page of a happening or an event from the store; None if it is neither."""
    rows = store.query(MEMBERS, {"happening": URIRef(iri)}).rows
    if not rows:
        return None
    across = str(rows[0]["member"]) != iri
    articles = list(dict.fromkeys(str(r["article"]) for r in rows))
    kept = set(articles[:MAX_ARTICLES])
    texts = {a: _article_text(store, a) for a in kept}
    members = _members([r for r in rows if str(r["article"]) in kept], texts, settings)
    headlines = {m.article_href: m.headline for m in members}
    claims = [
        _claim_row(row, texts, headlines, settings)
        for row in run_query(store, "event-claims", {"event": iri}).rows
        if str(row["article"]) in kept
    ]
    cluster = "" if across else str(rows[0]["cluster"] or "")
    kinds = [m.kind for m in members if m.kind]
    triggers = tuple(dict.fromkeys(t for m in members for t in m.triggers))
    kind = max(set(kinds), key=kinds.count) if kinds else "event"
    return HappeningPage(
        iri=iri,
        across_articles=across,
        title=f"{kind.capitalize()}: {', '.join(triggers)}" if triggers else kind.capitalize(),
        kind=kind,
        triggers=triggers,
        cluster_href=settings.href(cluster) if cluster else "",
        members=tuple(members),
        claims=tuple(claims),
        truncated=len(articles) > MAX_ARTICLES,
    )


@dataclass
class _Text:
    """An article's text and the spans of its events and claims."""

    text: str
    spans: dict[str, list[tuple[int, int, str]]]
    about: dict[str, str]

    def snippets(self, node: str) -> tuple[Snippet, ...]:
        spans = self.spans.get(node) or self.spans.get(self.about.get(node, ""), [])
        found = [snippet(self.text, b, e) for b, e, _ in sorted(spans) if e <= len(self.text)]
        return tuple(dict.fromkeys(found))

    def anchors(self, node: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for _, _, a in sorted(self.spans.get(node, [])) if a))


def _article_text(store: Store, article: str) -> _Text:
    bound = {"article": URIRef(article)}
    found = store.query(TEXT, bound).rows
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for row in store.query(SPANS, bound).rows:
        span = (int(str(row["begin"])), int(str(row["end"])), str(row["anchor"] or ""))
        spans.setdefault(str(row["node"]), []).append(span)
    about = {str(r["claim"]): str(r["about"]) for r in store.query(ABOUT, bound).rows}
    return _Text(str(found[0]["text"]) if found else "", spans, about)


def _members(rows: list, texts: dict[str, _Text], settings: ServerSettings) -> list[MemberEvent]:
    members: dict[str, MemberEvent] = {}
    for row in rows:
        iri, article = str(row["member"]), str(row["article"])
        if iri in members:
            continue
        kind = local_name(row["type"]) if row["type"] is not None else ""
        members[iri] = MemberEvent(
            iri=iri,
            href=event_href(iri),
            what=str(row["label"] or ""),
            kind=humanize(kind) if kind and kind != "Other" else "",
            triggers=texts[article].anchors(iri),
            article_href=settings.href(article),
            headline=str(row["headline"] or article),
            date=str(row["date"] or ""),
        )
    return list(members.values())


def _claim_row(
    row: dict, texts: dict[str, _Text], headlines: dict[str, str], settings: ServerSettings
) -> ClaimRow:
    article, claim, source = str(row["article"]), str(row["claim"]), str(row["source"])
    hedges = str(row["hedges"] or "")
    return ClaimRow(
        claim_href=settings.href(claim),
        source=str(row["sourceName"]),
        # article-local agents ("the regional fire service") have no page of their own
        source_href="" if "#" in source else settings.href(source),
        certainty=str(row["certainty"]),
        polarity=str(row["polarity"]),
        hedges=tuple(h for h in hedges.split(" | ") if h),
        article_href=settings.href(article),
        headline=headlines.get(settings.href(article), article),
        date=str(row["date"] or ""),
        snippets=texts[article].snippets(claim),
    )
