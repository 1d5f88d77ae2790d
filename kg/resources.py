"""Locate the project's folders of shapes, stored queries and data.

They live beside the ``kg`` package (the repository's top level); NEWSKG_HOME points elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def home() -> Path:
    """Return the folder holding shapes/, queries/ and data/."""
    override = os.environ.get("NEWSKG_HOME")
    return Path(override) if override else _PACKAGE.parent


def shapes_dir() -> Path:
    return home() / "shapes"


def queries_dir() -> Path:
    return home() / "queries"


def data_dir() -> Path:
    return Path(os.environ["NEWSKG_DATA"]) if os.environ.get("NEWSKG_DATA") else home() / "data"


def ontology_file() -> Path:
    return data_dir() / "ontology" / "newskg.ttl"
