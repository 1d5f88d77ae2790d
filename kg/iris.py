"""Mint every IRI of the graph under one base: the only module that makes IRIs.

Article-local nodes take their IRI from their span, so rebuilding an article gives the same IRIs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from kg.model import Entity, Span

DEFAULT_BASE = "https://w3id.org/newskg/"
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # an IRI's scheme: not a key
_ENTITY_PATH = {"PERSON": "person", "ORG": "organization", "PLACE": "place", "OTHER": "thing"}


def _short_hash(iri: str) -> str:
    """Return a short key that stands for an IRI in another IRI."""
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:16]


@functools.lru_cache(maxsize=16)
def _minted_prefixes(base: str) -> tuple[str, ...]:
    return tuple(f"{base}entity/{path}/" for path in _ENTITY_PATH.values())


def default_base() -> str:
    """Return the base IRI from NEWSKG_BASE, or the project default."""
    return os.environ.get("NEWSKG_BASE") or DEFAULT_BASE


def slug(name: str) -> str:
    """Turn a name into a stable path segment: "Abu Bakr al-Baghdadi" -> abu-bakr-al-baghdadi."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    if words:
        return "-".join(words)
    return quote(name.strip().lower().replace(" ", "-"), safe="")


@dataclass(frozen=True)
class Iris:
    """IRIs under ``base`` (which ends with "/" or "#")."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{quote(article_id, safe='')}"

    def context(self, article: str) -> str:
        return f"{article}#context"

    def mention(self, article: str, span: Span) -> str:
        return f"{article}#char={span.start},{span.end}"

    def entity(self, entity: Entity) -> str:
        if entity.link is not None:
            return self.entity_key(entity.link.key)
        return f"{self.base}entity/{_ENTITY_PATH[entity.type]}/{slug(entity.name)}"

    def is_minted_entity(self, iri: str) -> bool:
        """Tell whether an entity's IRI was made from its name (no reference entity named it)."""
        return iri.startswith(_minted_prefixes(self.base))

    def name_key(self, entity: str, key: str) -> str:
        """Return the IRI of an entity's entry under one name key in the corpus's index."""
        return f"{self.base}namekey/{_short_hash(entity + chr(10) + key)}"

    def entity_key(self, key: str) -> str:
        """Return the IRI of a reference entity: its key under the base, or its own IRI."""
        return key if _ABSOLUTE.match(key) else f"{self.base}entity/{key}"

    def local_agent(self, article: str, name: str) -> str:
        return f"{article}#agent={slug(name)}"

    def voice(self, article: str) -> str:
        return f"{article}#voice"

    def setting(self, article: str, name: str) -> str:
        return f"{article}#setting={quote(name, safe='')}"

    def time(self, value: str) -> str:
        return f"{self.base}time/{quote(value, safe='-:')}"

    def local_time(self, article: str, value: str) -> str:
        """Return the IRI of a time that only the article's own date places ("PAST_REF")."""
        return f"{article}#time={quote(value, safe='-:')}"

    def publisher(self, name: str) -> str:
        return f"{self.base}publisher/{slug(name)}"

    def corpus(self) -> str:
        """Return the graph of what links articles: happenings and stories."""
        return f"{self.base}graph/corpus"

    def happening(self, founding_event: str) -> str:
        """Return the IRI of a happening reported by several articles, by its earliest report."""
        return f"{self.base}happening/{_short_hash(founding_event)}"

    def story(self, founding_article: str) -> str:
        """Return the IRI of a story, by its earliest article."""
        return f"{self.base}story/{_short_hash(founding_article)}"

    def event(self, article: str, trigger: Span) -> str:
        return f"{article}#event={trigger.start},{trigger.end}"

    def quote(self, article: str, content: Span) -> str:
        return f"{article}#quote={content.start},{content.end}"

    def claim(self, about: str, number: int) -> str:
        article, _, fragment = about.partition("#")
        _, _, span = fragment.partition("=")
        kind = fragment.split("=", 1)[0]
        return f"{article}#claim={kind},{span},{number}"

    def quantity(self, article: str, span: Span) -> str:
        return f"{article}#quantity={span.start},{span.end}"

    def build(self, article: str) -> str:
        return f"{article}#build"

    def software(self, version: str) -> str:
        return f"{self.base}software/newskg/{quote(version, safe='.+-')}"

    def is_article(self, iri: str) -> bool:
        return iri.startswith(f"{self.base}article/") and "#" not in iri


# -- the IRIs of other datasets an entity is linked to


def wikidata(item: str) -> str:
    """Return the Wikidata entity IRI of an item id ("Q796")."""
    return f"http://www.wikidata.org/entity/{item}"


def wikipedia(title: str) -> str:
    """Return the English Wikipedia page IRI of a title ("Abu Bakr al-Baghdadi")."""
    path = quote(title.replace(" ", "_"), safe="()_,-.'!*:")
    return f"https://en.wikipedia.org/wiki/{path}"


def geonames(place: int) -> str:
    """Return the GeoNames feature IRI of a GeoNames id."""
    return f"https://sws.geonames.org/{place}/"


def geometry(thing: str) -> str:
    """Return the IRI of a thing's geometry (its coordinates), beside the thing's IRI."""
    return f"{thing}#geometry"


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# printable ASCII but the characters RFC 3987 forbids in an IRI
_IRI_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in '<>"{}|\\^`')


def safe_iri(url: str) -> str:
    """Make a URL from the input a valid IRI: escape stray "%" and characters IRIs forbid."""
    return quote(_BAD_PERCENT.sub("%25", url.strip()), safe=_IRI_SAFE)
