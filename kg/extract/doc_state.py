"""What the extraction components write on a ``Doc``, and the collector: Doc -> Annotations.

Each component sets one or more of the ``Doc`` extensions below (declared in its ``assigns``)
and reads those of the components before it (its ``requires``), so ``nlp.analyze_pipes()``
checks their order. The values are the plain dataclasses of ``kg.model``; the collector hands
them to the mapping as one ``Annotations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.extract.lexicon import Lexicon
from kg.extract.spans import Known
from kg.model import (
    Annotations,
    Article,
    Entity,
    Event,
    Link,
    Mention,
    Quantity,
    Quote,
    TimeExpression,
)

ARTICLE = "nkg_article"  # the Article the text came from (publication date, id)
CANDIDATES = "nkg_candidates"  # name mentions before resolution (kg.extract.coref.Cand)
NAME_LINKS = "nkg_name_links"  # (name, type) -> Link, for the names of the candidates
ENTITIES = "nkg_entities"
MENTIONS = "nkg_mentions"
TIMES = "nkg_times"
QUOTES = "nkg_quotes"
EVENTS = "nkg_events"
QUANTITIES = "nkg_quantities"
EXTENSIONS: tuple[str, ...] = (ARTICLE, CANDIDATES, NAME_LINKS, ENTITIES, MENTIONS)
EXTENSIONS += (TIMES, QUOTES, EVENTS, QUANTITIES)


_FAILURE = "newskg.failure"  # doc.user_data key: why a component failed on the document


class Component:
    """Base of newskg's components: a failure on one document is recorded on that document.

    spaCy hands a document a component fails on to the component's error handler and leaves
    it out of the stream, so the other documents of a batch go on.
    """

    def get_error_handler(self) -> Callable[[str, Any, list[Doc], Exception], None]:
        return record_failure


C = TypeVar("C", bound=Component)


def lexicon_component(
    name: str, requires: list[str], assigns: list[str]
) -> Callable[[type[C]], type[C]]:
    """Register a component class, made from a lexicon, with spaCy under ``name``.

    Its config takes ``lexicon``, a folder of word lists (empty: the bundled ones).
    """

    def register(cls: type[C]) -> type[C]:
        def make(nlp: Language, name: str, lexicon: str) -> C:
            return cls(Lexicon.load(lexicon))  # type: ignore[call-arg]

        Language.factory(
            name, requires=requires, assigns=assigns, default_config={"lexicon": ""}, func=make
        )
        return cls

    return register


def record_failure(name: str, component: Any, docs: list[Doc], e: Exception) -> None:
    """Note on each document why a component failed on it."""
    for doc in docs:
        doc.user_data[_FAILURE] = f"extraction failed ({type(e).__name__}: {e})"


def failure(doc: Doc) -> str:
    """Return why extraction failed on a document (recorded by ``record_failure``)."""
    return str(doc.user_data.get(_FAILURE, "extraction failed"))


def attr(name: str) -> str:
    """Return the attribute path of an extension for ``requires``/``assigns``."""
    return f"doc._.{name}"


def register() -> None:
    """Register the extensions on ``Doc`` (once; a value is set per document, never shared)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def get(doc: Doc, name: str) -> Any:
    """Return an extension's value, or say which component should have set it."""
    value = getattr(doc._, name)
    if value is None:
        raise KgError(
            f"the document has no {name}: add the component that assigns {attr(name)} "
            "before this one (see nlp.analyze_pipes())"
        )
    return value


def article(doc: Doc) -> Article:
    """Return the article of a document, or one made of its text when none was attached."""
    found: Article | None = doc._.nkg_article
    return found if found is not None else Article(id="", text=doc.text)


def entities(doc: Doc) -> list[Entity]:
    return cast(list[Entity], get(doc, ENTITIES))


def mentions(doc: Doc) -> list[Mention]:
    return cast(list[Mention], get(doc, MENTIONS))


def times(doc: Doc) -> list[TimeExpression]:
    return cast(list[TimeExpression], get(doc, TIMES))


def quotes(doc: Doc) -> list[Quote]:
    return cast(list[Quote], get(doc, QUOTES))


def known(doc: Doc) -> Known:
    """Return the entities and mentions found so far, as the document's own lists."""
    return Known(entities(doc), mentions(doc))


def name_links(doc: Doc) -> dict[tuple[str, str], Link]:
    return cast(dict[tuple[str, str], Link], get(doc, NAME_LINKS))


def collect(doc: Doc, article_: Article | None = None) -> Annotations:
    """Gather what the components wrote on ``doc`` into the Annotations the mapping reads."""
    return Annotations(
        article_ or article(doc),
        entities=entities(doc),
        mentions=mentions(doc),
        times=times(doc),
        events=cast(list[Event], get(doc, EVENTS)),
        quotes=quotes(doc),
        quantities=cast(list[Quantity], get(doc, QUANTITIES)),
    )


register()
