"""Random articles made of real sentences, for the fuzz tests of the mapping and the pipeline.

The sentences come from the bundled articles (data/articles) and from any files named in
NEWSKG_FUZZ_TEXTS (paths separated by the system's path separator, read as ``kg build`` reads
them), so a longer run can draw on a larger corpus than the one shipped.
"""

from __future__ import annotations

import os
import random
import re
import string
from functools import lru_cache
from pathlib import Path

from kg.model import Article
from kg.reader import iter_records

ROOT = Path(__file__).resolve().parent.parent
# a sentence ends at ". ", "? " or "! " (after any closing quote mark) before a capital, a digit
# or an opening quote mark, and at every line break
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“A-Z0-9])|\n+")
SEPARATORS = ("\n", "\n\n", " ", "  ")
DATES = (None, "2016-11-06", "2004-11-24", "2024-02-29", "2016-11-06T09:30:00Z")
PUBLISHERS = (None, "Example News", "The New Arab")


def corpus_paths() -> list[Path]:
    """Return the bundled articles and the extra files of NEWSKG_FUZZ_TEXTS."""
    extra = os.environ.get("NEWSKG_FUZZ_TEXTS", "")
    return [ROOT / "data" / "articles", *(Path(p) for p in extra.split(os.pathsep) if p)]


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Return the distinct sentences of the corpus, sorted (the same list on every run)."""
    found: set[str] = set()
    for record in iter_records(corpus_paths()):
        if isinstance(record, Article):
            found.update(s.strip() for s in _BOUNDARY.split(record.text) if s.strip())
    return tuple(sorted(found))


def join(parts: list[str], rng: random.Random) -> str:
    """Join sentences with line breaks or spaces chosen by ``rng``."""
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice(SEPARATORS) + part
    return text


def headline_case(sentence: str, rng: random.Random) -> str:
    """Return the sentence as written, in Title Case or shouted, as headlines are set."""
    return rng.choice([sentence, string.capwords(sentence), sentence.upper()])


def random_article(rng: random.Random, number: int, most: int = 12) -> Article:
    """Return an article of 1 to ``most`` shuffled sentences, with random metadata.

    The first sentence may stand as a headline set in Title Case or capitals, which the model
    tags far less surely than running text.
    """
    pool = sentences()
    picked = rng.sample(pool, rng.randint(1, min(most, len(pool))))
    picked[0] = headline_case(picked[0], rng)
    return Article(
        id=f"fuzz-{number}",
        text=join(picked, rng),
        headline=rng.choice([None, picked[0]]),
        date_published=rng.choice(DATES),
        publisher=rng.choice(PUBLISHERS),
        url=rng.choice([None, f"https://example.org/news/{number}"]),
    )
