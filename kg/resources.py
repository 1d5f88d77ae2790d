"""Locate the project's folders of shapes, stored queries and data.

An installed wheel carries them as package data, in ``kg/share/`` (see pyproject.toml); in a
checkout (an editable install) they are the repository's top-level folders beside ``kg``.
NEWSKG_HOME points to a folder holding all three instead, NEWSKG_DATA to another data/.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def home() -> Path:
    """Return the folder holding shapes/, queries/ and data/."""
    override = os.environ.get("NEWSKG_HOME")
    if override:
        return Path(override)
    bundled = files("kg").joinpath("share")
    # a wheel is installed as files, so the package's resources are a folder on disk
    if isinstance(bundled, Path) and bundled.is_dir():
        return bundled
    return _CHECKOUT


def shapes_dir() -> Path:
    return home() / "shapes"


def queries_dir() -> Path:
    return home() / "queries"


def data_dir() -> Path:
    return Path(os.environ["NEWSKG_DATA"]) if os.environ.get("NEWSKG_DATA") else home() / "data"


def ontology_file() -> Path:
    return data_dir() / "ontology" / "newskg.ttl"
