"""Reference knowledge -> entity links: RDF files and GeoNames cities -> ``ReferenceIndex``.

``kg.reference.files`` reads the reference RDF, ``kg.reference.cities`` the GeoNames cities,
and ``kg.reference.index`` answers the questions extraction asks of them.
"""

from __future__ import annotations

from kg.reference.files import RefEntity, default_paths, parse_files, parse_point
from kg.reference.index import ReferenceIndex

__all__ = ["RefEntity", "ReferenceIndex", "default_paths", "parse_files", "parse_point"]
