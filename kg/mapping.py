"""Map: Annotations -> one RDF named graph per article (the output contract of docs/rdf-model.md).

The mapping runs no NLP; every IRI comes from kg.iris.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote as percent_encode

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.iris import Iris
from kg.model import Annotations, Claim, Entity, Event, Quantity, Quote, Span, TimeExpression
from kg.vocab import GAF, GEO, ITSRDF, NIF, NKG, SCHEMA, SEM

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
    "date": (TIME.inXSDDate, XSD.date),
    "gYearMonth": (TIME.inXSDgYearMonth, XSD.gYearMonth),
    "gYear": (TIME.inXSDgYear, XSD.gYear),
    "dateTimeStamp": (TIME.inXSDDateTimeStamp, XSD.dateTimeStamp),
}


@dataclass(frozen=True)
class Provenance:
    """What produced a graph: software version, model and settings."""

    software_version: str
    model: str
    settings: dict[str, str] = field(default_factory=dict)


def article_graph(ann: Annotations, iris: Iris, provenance: Provenance) -> Graph:
    """Build the named graph of one article."""
    article = iris.article(ann.article.id)
    # SimpleMemory: a plain triple set, about twice as fast to fill as the default store
    graph = Graph(store="SimpleMemory", identifier=URIRef(article), bind_namespaces="none")
    _ArticleMapper(ann, iris, graph, URIRef(article)).run(provenance)
    return graph


class _ArticleMapper:
    """Writes one article's annotations into its graph."""

    def __init__(self, ann: Annotations, iris: Iris, graph: Graph, article: URIRef) -> None:
        self.ann, self.iris, self.graph, self.article = ann, iris, graph, article
        self.add = graph.add
        self.context = URIRef(iris.context(article))
        self.entity_iris = [URIRef(self._entity_iri(e)) for e in ann.entities]
        self.time_iris = [URIRef(iris.time(t.value)) for t in ann.times]
        self.voice = self._article_voice()

    def _entity_iri(self, entity: Entity) -> str:
        # "some sources" in one article are not the same sources as in another
        if entity.type == "OTHER" and entity.link is None:
            return self.iris.local_agent(self.article, entity.name)
        return self.iris.entity(entity)

    def run(self, provenance: Provenance) -> None:
        self._article()
        self._provenance(provenance)
        self._entities()
        self._times()
        for event in self.ann.events:
            self._event(event)
        for quote in self.ann.quotes:
            self._quote(quote)
        for quantity in self.ann.quantities:
            self._quantity(quantity)

    # -- article, text, provenance

    def _article_voice(self) -> URIRef:
        publisher = self.ann.article.publisher
        if publisher:
            return URIRef(self.iris.publisher(publisher))
        return URIRef(self.iris.voice(self.article))

    def _article(self) -> None:
        a, art, add = self.article, self.ann.article, self.add
        add((a, RDF.type, SCHEMA.NewsArticle))
        add((a, SCHEMA.identifier, Literal(art.id)))
        add((a, NKG.sourceHash, Literal(art.content_hash())))
        if art.headline:
            add((a, SCHEMA.headline, Literal(art.headline)))
        if art.date_published:
            kind = XSD.dateTime if "T" in art.date_published else XSD.date
            add((a, SCHEMA.datePublished, Literal(art.date_published, datatype=kind)))
        if art.url:
            add((a, SCHEMA.url, URIRef(safe_iri(art.url))))
        if art.author:
            add((a, SCHEMA.author, Literal(art.author)))
        if art.description:
            add((a, SCHEMA.description, Literal(art.description)))
        if art.publisher:
            add((a, SCHEMA.publisher, self.voice))
            add((self.voice, RDF.type, SCHEMA.Organization))
            add((self.voice, SCHEMA.name, Literal(art.publisher)))
            add((self.voice, RDFS.label, Literal(art.publisher)))
        else:
            # no publisher given: the article's own claims are its unnamed author's
            name = art.author or f"author of {art.id}"
            add((self.voice, RDF.type, PROV.Agent))
            add((self.voice, SCHEMA.name, Literal(name)))
            add((self.voice, RDFS.label, Literal(name)))
        c = self.context
        add((a, NKG.context, c))
        add((c, RDF.type, NIF.Context))
        add((c, NIF.isString, Literal(art.text)))
        add((c, NIF.beginIndex, _index(0)))
        add((c, NIF.endIndex, _index(len(art.text))))
        add((c, NIF.sourceUrl, a))

    def _provenance(self, provenance: Provenance) -> None:
        build = URIRef(self.iris.build(self.article))
        software = URIRef(f"{self.iris.base}software/newskg/{provenance.software_version}")
        add = self.add
        add((self.article, PROV.wasGeneratedBy, build))
        add((build, RDF.type, PROV.Activity))
        add((build, RDFS.label, Literal(f"newskg {provenance.software_version} build")))
        add((build, PROV.wasAssociatedWith, software))
        add((build, NKG.softwareVersion, Literal(provenance.software_version)))
        add((build, NKG.modelName, Literal(provenance.model)))
        add((build, NKG.baseIri, Literal(self.iris.base, datatype=XSD.anyURI)))
        for name, value in sorted(provenance.settings.items()):
            setting = URIRef(self.iris.setting(self.article, name))
            add((build, NKG.setting, setting))
            add((setting, RDF.type, SCHEMA.PropertyValue))
            add((setting, SCHEMA.name, Literal(name)))
            add((setting, SCHEMA.value, Literal(value)))
        add((software, RDF.type, PROV.SoftwareAgent))
        add((software, RDFS.label, Literal("newskg")))
        add((software, NKG.softwareVersion, Literal(provenance.software_version)))

    # -- spans

    def phrase(self, span: Span) -> URIRef:
        """Describe a span of the text as a nif:Phrase and return its IRI."""
        m = URIRef(self.iris.mention(self.article, span))
        add = self.add
        add((m, RDF.type, NIF.Phrase))
        add((m, NIF.referenceContext, self.context))
        add((m, NIF.beginIndex, _index(span.start)))
        add((m, NIF.endIndex, _index(span.end)))
        add((m, NIF.anchorOf, Literal(span.text(self.ann.article.text))))
        return m

    def denote(self, span: Span, thing: URIRef) -> URIRef:
        """Link a span and the thing it denotes both ways."""
        m = self.phrase(span)
        self.add((m, ITSRDF.taIdentRef, thing))
        self.add((thing, GAF.denotedBy, m))
        return m

    # -- entities and times

    def _entities(self) -> None:
        merged: dict[URIRef, Entity] = {}
        for entity, iri in zip(self.ann.entities, self.entity_iris, strict=True):
            merged[iri] = _merge(merged[iri], entity) if iri in merged else entity
        for iri, entity in merged.items():
            self._entity(entity, iri)
        for mention in self.ann.mentions:
            entity = self.ann.entities[mention.entity]
            m = self.denote(mention.span, self.entity_iris[mention.entity])
            self.add((m, NKG.mentionKind, MENTION_KIND[mention.kind]))
            if entity.link is not None:
                confidence = Literal(round(entity.link.confidence, 3), datatype=XSD.double)
                self.add((m, ITSRDF.taConfidence, confidence))

    def _entity(self, entity: Entity, iri: URIRef) -> None:
        add = self.add
        link = entity.link
        # a linked entity keeps the reference's name in every article: one node, one name
        name = link.name if link is not None and link.name else entity.name
        add((iri, RDF.type, ENTITY_CLASS[entity.type]))
        add((iri, SCHEMA.name, Literal(name)))
        add((iri, RDFS.label, Literal(name)))
        for alias in dict.fromkeys([entity.name, *entity.aliases]):
            if alias != name:
                add((iri, SKOS.altLabel, Literal(alias)))
        if link is None:
            return
        for extra in link.types:
            add((iri, RDF.type, URIRef(extra)))
        if link.wikidata:
            add((iri, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{link.wikidata}")))
        if link.wikipedia:
            title = link.wikipedia.replace(" ", "_")
            add((iri, SCHEMA.sameAs, URIRef(f"https://en.wikipedia.org/wiki/{_iri_path(title)}")))
        if link.geonames is not None:
            add((iri, NKG.geonamesId, Literal(link.geonames)))
            add((iri, SCHEMA.sameAs, URIRef(f"https://sws.geonames.org/{link.geonames}/")))
        if link.lat is not None and link.lon is not None:
            geometry = URIRef(f"{iri}#geometry")
            add((iri, GEO.hasGeometry, geometry))
            add((geometry, RDF.type, GEO.Geometry))
            wkt = Literal(
                f"POINT({_coordinate(link.lon)} {_coordinate(link.lat)})", datatype=GEO.wktLiteral
            )
            add((geometry, GEO.asWKT, wkt))

    def _times(self) -> None:
        for expression, iri in zip(self.ann.times, self.time_iris, strict=True):
            self._time(expression, iri)

    def _time(self, expression: TimeExpression, iri: URIRef) -> None:
        prop, datatype = TIME_PROPERTY[expression.granularity]
        self.add((iri, RDF.type, TIME.TemporalEntity))
        self.add((iri, prop, Literal(expression.value, datatype=datatype)))
        self.add((iri, RDFS.label, Literal(expression.value)))
        self.denote(expression.span, iri)

    # -- events, quotes, quantities, claims

    def _event(self, event: Event) -> None:
        e = URIRef(self.iris.event(self.article, event.trigger))
        add = self.add
        add((e, RDF.type, SEM.Event))
        add((e, NKG.eventType, NKG[event.type]))
        add((e, RDFS.label, Literal(event.trigger.text(self.ann.article.text))))
        add((e, SCHEMA.isPartOf, self.article))
        self.denote(event.trigger, e)
        for role in event.actors:
            add((e, SEM.hasActor, self.entity_iris[role.entity]))
            if role.role:
                self._role(e, role.entity, role.role)
        if event.place is not None:
            add((e, SEM.hasPlace, self.entity_iris[event.place]))
        if event.time is not None:
            add((e, SEM.hasTime, self.time_iris[event.time]))
        self._claims(e, event.claims)

    def _role(self, event: URIRef, entity: int, role: str) -> None:
        # nkg:hasAgent / nkg:hasPatient are sub-properties of sem:hasActor that keep the role
        prop = ROLE_PROPERTY.get(role)
        if prop is not None:
            self.add((event, prop, self.entity_iris[entity]))

    def _quote(self, quote: Quote) -> None:
        q = URIRef(self.iris.quote(self.article, quote.content))
        add = self.add
        add((q, RDF.type, NKG.Quote))
        add((q, SCHEMA.isPartOf, self.article))
        add((q, SCHEMA.text, Literal(quote.content.text(self.ann.article.text))))
        add((q, GAF.denotedBy, self.phrase(quote.content)))
        add((q, NKG.quoteType, NKG.Direct if quote.direct else NKG.Indirect))
        if quote.cue is not None:
            add((q, NKG.cue, self.phrase(quote.cue)))
        if quote.source_mention is not None:
            add((q, NKG.sourceMention, self.phrase(quote.source_mention)))
        if quote.speaker is not None:
            add((q, SCHEMA.creator, self.entity_iris[quote.speaker]))
        add((q, NKG.speakerCertainty, NKG[quote.speaker_certainty.capitalize()]))
        for hedge in quote.speaker_hedges:
            add((q, NKG.speakerHedge, self.phrase(hedge)))
        if quote.medium:
            add((q, NKG.medium, Literal(quote.medium)))
        if quote.medium_span is not None:
            add((q, NKG.mediumMention, self.phrase(quote.medium_span)))
        claims = quote.claims or [Claim(source=quote.speaker)]
        self._claims(q, claims)

    def _quantity(self, quantity: Quantity) -> None:
        node = URIRef(self.iris.quantity(self.article, quantity.span))
        add = self.add
        add((node, RDF.type, SCHEMA.QuantitativeValue))
        add((node, SCHEMA.isPartOf, self.article))
        add((node, GAF.denotedBy, self.phrase(quantity.span)))
        add((node, SCHEMA.unitText, Literal(quantity.unit)))
        for prop, value in (
            (SCHEMA.value, quantity.value),
            (SCHEMA.minValue, quantity.min_value),
            (SCHEMA.maxValue, quantity.max_value),
        ):
            if value is not None:
                add((node, prop, _number(value)))
        if quantity.approximate:
            add((node, NKG.approximate, Literal(True)))
        if quantity.about is not None:
            add((node, NKG.about, self.entity_iris[quantity.about]))
        self._claims(node, quantity.claims or [Claim(source=None)])

    def _claims(self, about: URIRef, claims: list[Claim]) -> None:
        for number, claim in enumerate(claims or [Claim(source=None)]):
            self._claim(URIRef(self.iris.claim(about, number)), about, claim)

    def _claim(self, c: URIRef, about: URIRef, claim: Claim) -> None:
        add = self.add
        source = self.voice if claim.source is None else self.entity_iris[claim.source]
        add((c, RDF.type, NKG.Claim))
        add((c, SCHEMA.appearance, self.article))
        add((c, NKG.about, about))
        add((c, PROV.wasAttributedTo, source))
        add((c, NKG.certainty, NKG[claim.certainty.capitalize()]))
        add((c, NKG.polarity, NKG[claim.polarity.capitalize()]))
        for hedge in claim.hedges:
            add((c, NKG.hedge, self.phrase(hedge)))


def _merge(first: Entity, other: Entity) -> Entity:
    """Join two entities linked to one node ("U.S.", "United States"): one name, more aliases."""
    names = [first.name, *first.aliases, other.name, *other.aliases]
    name = max(names, key=len)
    aliases = [n for n in dict.fromkeys(names) if n != name]
    return Entity(first.type, name, aliases, first.link or other.link)


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# printable ASCII but the characters RFC 3987 forbids in an IRI
_IRI_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in '<>"{}|\\^`')


def safe_iri(url: str) -> str:
    """Make a URL from the input a valid IRI: escape stray "%" and characters IRIs forbid."""
    return percent_encode(_BAD_PERCENT.sub("%25", url.strip()), safe=_IRI_SAFE)


def _coordinate(value: float) -> str:
    # plain decimal notation: WKT has no exponents (1e-05)
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


def _index(value: int) -> Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: stores (Oxigraph among them) keep derived
    # integer types as xsd:integer, and a graph read back from the store must be the one built
    return Literal(value)


def _number(value: float) -> Literal:
    if float(value).is_integer():
        return Literal(int(value))
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


def _iri_path(title: str) -> str:
    return percent_encode(title, safe="()_,-.'!*:")
