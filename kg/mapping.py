"""Map: Annotations -> one RDF named graph per article (the output contract of docs/rdf-model.md).

The mapping runs no NLP; every IRI comes from kg.iris. It writes N-Triples text directly
(kg.ntriples): the graph is read next by the SHACL engine and the store, both of which parse
N-Triples natively, and an rdflib graph is made only where one is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph
from rdflib import namespace as ns

from kg import ntriples as nt
from kg import timex, vocab
from kg.iris import Iris, geometry, geonames, safe_iri, wikidata, wikipedia
from kg.model import (
    Annotations,
    Claim,
    Entity,
    Event,
    GraphData,
    Quantity,
    Quote,
    Span,
    TimeExpression,
)
from kg.referents import entity_nodes, resolve

# the vocabularies' terms as N-Triples (SCHEMA.name is "<http://schema.org/name>")
GAF, GEO, ITSRDF, NIF, NKG, SCHEMA, SEM = map(
    nt.Terms, (vocab.GAF, vocab.GEO, vocab.ITSRDF, vocab.NIF, vocab.NKG, vocab.SCHEMA, vocab.SEM)
)
OWL, PROV, RDF, RDFS, SKOS, TIME = map(
    nt.Terms, (ns.OWL, ns.PROV, ns.RDF, ns.RDFS, ns.SKOS, ns.TIME)
)
ENTITY_CLASS = {
    "PERSON": SCHEMA.Person,
    "ORG": SCHEMA.Organization,
    "PLACE": SCHEMA.Place,
    # an entity of unknown kind only reaches the graph as an unnamed source ("some sources")
    "OTHER": PROV.Agent,
}
MENTION_KIND = {"NAM": NKG.Name, "PRE": NKG.Modifier, "NOM": NKG.Nominal, "PRO": NKG.Pronoun}
ROLE_PROPERTY = {"agent": NKG.hasAgent, "patient": NKG.hasPatient}
TIME_PROPERTY = {
    "date": (TIME.inXSDDate, ns.XSD.date),
    "gYearMonth": (TIME.inXSDgYearMonth, ns.XSD.gYearMonth),
    "gYear": (TIME.inXSDgYear, ns.XSD.gYear),
    "dateTimeStamp": (TIME.inXSDDateTimeStamp, ns.XSD.dateTimeStamp),
    "duration": (TIME.hasXSDDuration, ns.XSD.duration),
}
A = RDF.type
LABEL = RDFS.label
NAME = SCHEMA.name
IS_PART_OF = SCHEMA.isPartOf
DENOTED_BY = GAF.denotedBy
PHRASE = NIF.Phrase
REFERENCE_CONTEXT = NIF.referenceContext
# offsets are xsd:integer, not NIF's xsd:nonNegativeInteger: stores (Oxigraph among them) keep
# derived integer types as xsd:integer, and a graph read back from the store must be the one built
BEGIN = NIF.beginIndex
END = NIF.endIndex
ANCHOR = NIF.anchorOf
IDENT_REF = ITSRDF.taIdentRef


@dataclass(frozen=True)
class Provenance:
    """What produced a graph: software version, model and settings."""

    software_version: str
    model: str
    settings: dict[str, str] = field(default_factory=dict)


def article_data(ann: Annotations, iris: Iris, provenance: Provenance) -> GraphData:
    """Build the named graph of one article as N-Triples."""
    mapper = _ArticleMapper(ann, iris, iris.article(ann.article.id))
    mapper.run(provenance)
    return GraphData(mapper.article_iri, "".join(mapper.lines).encode("utf-8"))


def article_graph(ann: Annotations, iris: Iris, provenance: Provenance) -> Graph:
    """Build the named graph of one article as an rdflib graph."""
    return article_data(ann, iris, provenance).to_graph()


class _ArticleMapper:
    """Writes one article's annotations as N-Triples lines.

    Nodes are held as N-Triples terms ("<iri>"); the ``*_iri`` names hold plain IRIs.
    """

    def __init__(self, ann: Annotations, iris: Iris, article_iri: str) -> None:
        self.ann, self.iris, self.article_iri = ann, iris, article_iri
        self.text = ann.article.text
        self.lines: list[str] = []
        self.written: set[str] = set()  # spans and times described: a graph is a set
        self.article = nt.iri(article_iri)
        self.context = nt.iri(iris.context(article_iri))
        self.entity_iris = [nt.iri(self._entity_iri(e)) for e in ann.entities]
        self.nodes = entity_nodes(ann.entities, self.entity_iris)
        self.time_iris = [nt.iri(self._time_iri(t)) for t in ann.times]
        self.voice = self._article_voice()
        # one reading per span (kg.referents): the mentions, events, quotes and quantities
        # written, and for each span the one thing it denotes
        self.resolved = resolve(ann)
        self.referent = self._referent_iris()

    def _referent_iris(self) -> dict[Span, str]:
        """Return the IRI of the one thing each span denotes."""
        chosen: dict[Span, str] = {}
        for mention in self.resolved.mentions:
            chosen[mention.span] = self.entity_iris[mention.entity]
        for span, referent in self.resolved.referents.items():
            if referent.layer == "time":
                chosen[span] = self.time_iris[referent.index]
        for event in self.resolved.events:
            e = nt.iri(self.iris.event(self.article_iri, event.trigger))
            chosen.update((span, e) for span in event.triggers)
        return chosen

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def _entity_iri(self, entity: Entity) -> str:
        # "some sources" in one article are not the same sources as in another
        if entity.type == "OTHER" and entity.link is None:
            return self.iris.local_agent(self.article_iri, entity.name)
        return self.iris.entity(entity)

    def _time_iri(self, expression: TimeExpression) -> str:
        # "the past" of one article is not the past of another
        if timex.form(expression).local:
            return self.iris.local_time(self.article_iri, expression.value)
        return self.iris.time(expression.value)

    def run(self, provenance: Provenance) -> None:
        self._article()
        self._provenance(provenance)
        self._entities()
        self._times()
        for event in self.resolved.events:
            self._event(event)
        for quote in self.resolved.quotes:
            self._quote(quote)
        for quantity in self.resolved.quantities:
            self._quantity(quantity)

    # -- article, text, provenance

    def _article_voice(self) -> str:
        publisher = self.ann.article.publisher
        if publisher:
            return nt.iri(self.iris.publisher(publisher))
        return nt.iri(self.iris.voice(self.article_iri))

    def _article(self) -> None:
        a, art, add, s = self.article, self.ann.article, self.add, nt.string
        add(a, A, SCHEMA.NewsArticle)
        add(a, SCHEMA.identifier, s(art.id))
        add(a, NKG.sourceHash, s(art.content_hash()))
        if art.headline:
            add(a, SCHEMA.headline, s(art.headline))
        if art.date_published:
            kind = ns.XSD.dateTime if "T" in art.date_published else ns.XSD.date
            add(a, SCHEMA.datePublished, nt.typed(art.date_published, kind))
        if art.url:
            add(a, SCHEMA.url, nt.iri(safe_iri(art.url)))
        if art.author:
            add(a, SCHEMA.author, s(art.author))
        if art.description:
            add(a, SCHEMA.description, s(art.description))
        if art.publisher:
            add(a, SCHEMA.publisher, self.voice)
            add(self.voice, A, SCHEMA.Organization)
            add(self.voice, NAME, s(art.publisher))
            add(self.voice, LABEL, s(art.publisher))
        else:
            # no publisher given: the article's own claims are its unnamed author's
            name = art.author or f"author of {art.id}"
            add(self.voice, A, PROV.Agent)
            add(self.voice, NAME, s(name))
            add(self.voice, LABEL, s(name))
        c = self.context
        add(a, NKG.context, c)
        add(c, A, NIF.Context)
        add(c, NIF.isString, s(art.text))
        add(c, BEGIN, nt.integer(0))
        add(c, END, nt.integer(len(art.text)))
        add(c, NIF.sourceUrl, a)

    def _provenance(self, provenance: Provenance) -> None:
        build = nt.iri(self.iris.build(self.article_iri))
        version = provenance.software_version
        software = nt.iri(self.iris.software(version))
        add, s = self.add, nt.string
        add(self.article, PROV.wasGeneratedBy, build)
        add(build, A, PROV.Activity)
        add(build, LABEL, s(f"newskg {version} build"))
        add(build, PROV.wasAssociatedWith, software)
        add(build, NKG.softwareVersion, s(version))
        add(build, NKG.modelName, s(provenance.model))
        add(build, NKG.baseIri, nt.typed(self.iris.base, ns.XSD.anyURI))
        for name, value in sorted(provenance.settings.items()):
            setting = nt.iri(self.iris.setting(self.article_iri, name))
            add(build, NKG.setting, setting)
            add(setting, A, SCHEMA.PropertyValue)
            add(setting, NAME, s(name))
            add(setting, SCHEMA.value, s(value))
        add(software, A, PROV.SoftwareAgent)
        add(software, LABEL, s("newskg"))
        add(software, NKG.softwareVersion, s(version))

    # -- spans

    def phrase(self, span: Span) -> str:
        """Describe a span of the text as a nif:Phrase and return its IRI."""
        m = nt.iri(self.iris.mention(self.article_iri, span))
        if m in self.written:
            return m
        self.written.add(m)
        add = self.add
        add(m, A, PHRASE)
        add(m, REFERENCE_CONTEXT, self.context)
        add(m, BEGIN, nt.integer(span.start))
        add(m, END, nt.integer(span.end))
        add(m, ANCHOR, nt.string(span.text(self.text)))
        return m

    def denote(self, span: Span, thing: str) -> str:
        """Link a span and the thing it denotes both ways, if it is the span's one referent.

        Another reading of the span (kg.referents) leaves the span to its referent.
        """
        m = self.phrase(span)
        if self.referent.get(span, thing) == thing:
            self.add(m, IDENT_REF, thing)
            self.add(thing, DENOTED_BY, m)
        return m

    # -- entities and times

    def _entities(self) -> None:
        for iri, entity in self.nodes.items():
            self._entity(entity, iri)
        for entity, iri in zip(self.ann.entities, self.entity_iris, strict=True):
            org = entity.affiliation
            if org is not None and self.ann.entities[org].type == "ORG":
                # an unnamed source at an organisation is its own agent, not the organisation
                self.add(iri, SCHEMA.affiliation, self.entity_iris[org])
        for mention in self.resolved.mentions:
            entity = self.ann.entities[mention.entity]
            m = self.denote(mention.span, self.entity_iris[mention.entity])
            self.add(m, NKG.mentionKind, MENTION_KIND[mention.kind])
            if entity.link is not None:
                confidence = nt.double(round(entity.link.confidence, 3))
                self.add(m, ITSRDF.taConfidence, confidence)

    def _entity(self, entity: Entity, iri: str) -> None:
        add, s = self.add, nt.string
        link = entity.link
        # a linked entity keeps the reference's name in every article: one node, one name
        name = link.name if link is not None and link.name else entity.name
        add(iri, A, ENTITY_CLASS[entity.type])
        add(iri, NAME, s(name))
        add(iri, LABEL, s(name))
        for alias in dict.fromkeys([entity.name, *entity.aliases]):
            if alias != name:
                add(iri, SKOS.altLabel, s(alias))
        if link is None:
            return
        for extra in link.types:
            add(iri, A, nt.iri(extra))
        if link.wikidata:
            add(iri, OWL.sameAs, nt.iri(wikidata(link.wikidata)))
        if link.wikipedia:
            add(iri, SCHEMA.sameAs, nt.iri(wikipedia(link.wikipedia)))
        if link.geonames is not None:
            add(iri, NKG.geonamesId, nt.integer(link.geonames))
            add(iri, SCHEMA.sameAs, nt.iri(geonames(link.geonames)))
        if link.lat is not None and link.lon is not None:
            shape = nt.iri(geometry(nt.plain(iri)))
            add(iri, GEO.hasGeometry, shape)
            add(shape, A, GEO.Geometry)
            point = f"POINT({nt.coordinate(link.lon)} {nt.coordinate(link.lat)})"
            add(shape, GEO.asWKT, nt.typed(point, vocab.GEO.wktLiteral))

    def _times(self) -> None:
        for expression, iri in zip(self.ann.times, self.time_iris, strict=True):
            self._time(expression, iri)

    def _time(self, expression: TimeExpression, iri: str) -> None:
        node = f"{iri} {expression.granularity}"  # a value read one way is one time node
        if node not in self.written:
            self.written.add(node)
            written = timex.form(expression)
            self.add(iri, A, TIME.Duration if written.duration else TIME.TemporalEntity)
            if written.xsd is not None:
                prop, datatype = TIME_PROPERTY[written.xsd[0]]
                self.add(iri, prop, nt.typed(written.xsd[1], datatype))
            if written.timex is not None:
                self.add(iri, NKG.timexValue, nt.string(written.timex))
            self.add(iri, LABEL, nt.string(expression.value))
        self.denote(expression.span, iri)

    # -- events, quotes, quantities, claims

    def _event(self, event: Event) -> None:
        e_iri = self.iris.event(self.article_iri, event.trigger)
        e = nt.iri(e_iri)
        add = self.add
        add(e, A, SEM.Event)
        add(e, NKG.eventType, NKG[event.type])
        add(e, LABEL, nt.string(event.trigger.text(self.text)))
        for lemma in dict.fromkeys(event.lemmas[t] for t in event.triggers if t in event.lemmas):
            add(e, NKG.lemma, nt.string(lemma))
        for figure in sorted(event.figures):
            add(e, NKG.figure, nt.string(figure))
        add(e, IS_PART_OF, self.article)
        for trigger in event.triggers:
            self.denote(trigger, e)
        for role in event.actors:
            add(e, SEM.hasActor, self.entity_iris[role.entity])
            # nkg:hasAgent / nkg:hasPatient are sub-properties of sem:hasActor that keep the role
            if role.role in ROLE_PROPERTY:
                add(e, ROLE_PROPERTY[role.role], self.entity_iris[role.entity])
        if event.place is not None and self._is_place(event.place):
            add(e, SEM.hasPlace, self.entity_iris[event.place])
        if event.time is not None:
            add(e, SEM.hasTime, self.time_iris[event.time])
        self._claims(e_iri, event.claims)

    def _is_place(self, entity: int) -> bool:
        # entities joined in one node have one type: a place read as another kind is not one
        return self.nodes[self.entity_iris[entity]].type == "PLACE"

    def _quote(self, quote: Quote) -> None:
        q_iri = self.iris.quote(self.article_iri, quote.content)
        q = nt.iri(q_iri)
        add = self.add
        add(q, A, NKG.Quote)
        add(q, IS_PART_OF, self.article)
        add(q, SCHEMA.text, nt.string(quote.content.text(self.text)))
        add(q, DENOTED_BY, self.phrase(quote.content))
        add(q, NKG.quoteType, NKG.Direct if quote.direct else NKG.Indirect)
        if quote.cue is not None:
            add(q, NKG.cue, self.phrase(quote.cue))
        if quote.source_mention is not None:
            add(q, NKG.sourceMention, self.phrase(quote.source_mention))
        if quote.speaker is not None:
            add(q, SCHEMA.creator, self.entity_iris[quote.speaker])
        add(q, NKG.speakerCertainty, NKG[quote.speaker_certainty.capitalize()])
        for hedge in quote.speaker_hedges:
            add(q, NKG.speakerHedge, self.phrase(hedge))
        if quote.medium:
            add(q, NKG.medium, nt.string(quote.medium))
        if quote.medium_span is not None:
            add(q, NKG.mediumMention, self.phrase(quote.medium_span))
        claims = quote.claims or [Claim(source=quote.speaker)]
        self._claims(q_iri, claims)

    def _quantity(self, quantity: Quantity) -> None:
        node_iri = self.iris.quantity(self.article_iri, quantity.span)
        node = nt.iri(node_iri)
        add = self.add
        add(node, A, SCHEMA.QuantitativeValue)
        add(node, IS_PART_OF, self.article)
        add(node, DENOTED_BY, self.phrase(quantity.span))
        add(node, SCHEMA.unitText, nt.string(quantity.unit))
        for prop, value in (
            (SCHEMA.value, quantity.value),
            (SCHEMA.minValue, quantity.min_value),
            (SCHEMA.maxValue, quantity.max_value),
        ):
            if value is not None:
                add(node, prop, nt.number(value))
        if quantity.approximate:
            add(node, NKG.approximate, nt.boolean(True))
        if quantity.about is not None:
            add(node, NKG.about, self.entity_iris[quantity.about])
        self._claims(node_iri, quantity.claims or [Claim(source=None)])

    def _claims(self, about: str, claims: list[Claim]) -> None:
        for number, claim in enumerate(claims or [Claim(source=None)]):
            self._claim(nt.iri(self.iris.claim(about, number)), nt.iri(about), claim)

    def _claim(self, c: str, about: str, claim: Claim) -> None:
        add = self.add
        source = self.voice if claim.source is None else self.entity_iris[claim.source]
        add(c, A, NKG.Claim)
        add(c, SCHEMA.appearance, self.article)
        add(c, NKG.about, about)
        add(c, PROV.wasAttributedTo, source)
        add(c, NKG.certainty, NKG[claim.certainty.capitalize()])
        add(c, NKG.polarity, NKG[claim.polarity.capitalize()])
        for hedge in claim.hedges:
            add(c, NKG.hedge, self.phrase(hedge))
        for span in claim.evidence:
            # the mentions the claim rests on, as GRaSP grounds an attribution in its mentions
            add(c, DENOTED_BY, self.phrase(span))
