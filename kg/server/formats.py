"""Query results -> response bodies: SPARQL JSON / XML / TSV, CSV and a plain JSON shape.

SPARQL JSON and CSV come from kg.results; XML and TSV follow the SPARQL 1.1 result format specs
(TSV writes terms in their N-Triples form, unlike kg.results' plain-text TSV).
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from rdflib import BNode, Literal, URIRef

from kg.results import to_delimited, to_sparql_json
from kg.server import conneg
from kg.store import QueryResult, Term

SPARQL_NS = "http://www.w3.org/2005/sparql-results#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def render_result(result: QueryResult, fmt: conneg.Format, extra: dict[str, Any]) -> str:
    """Render a result in a data format; ``extra`` adds keys to the plain JSON shape."""
    if fmt == conneg.SRJ:
        return to_sparql_json(result)
    if fmt == conneg.SRX:
        return to_sparql_xml(result)
    if fmt == conneg.CSV:
        return to_delimited(result, ",")
    if fmt == conneg.TSV:
        return to_sparql_tsv(result)
    return to_plain_json(result, extra)


def to_plain_json(result: QueryResult, extra: dict[str, Any]) -> str:
    """Render as {"ok": true, "columns": [...], "rows": [{column: value}]}, values as strings."""
    body: dict[str, Any] = {"ok": True, **extra}
    if result.boolean is not None:
        body["boolean"] = result.boolean
    else:
        body["columns"] = list(result.variables)
        body["rows"] = [
            {v: None if row.get(v) is None else str(row[v]) for v in result.variables}
            for row in result.rows
        ]
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def to_sparql_xml(result: QueryResult) -> str:
    """Render as SPARQL Query Results XML."""
    ET.register_namespace("", SPARQL_NS)
    root = ET.Element(f"{{{SPARQL_NS}}}sparql")
    head = ET.SubElement(root, f"{{{SPARQL_NS}}}head")
    if result.boolean is not None:
        ET.SubElement(root, f"{{{SPARQL_NS}}}boolean").text = str(result.boolean).lower()
    else:
        for name in result.variables:
            ET.SubElement(head, f"{{{SPARQL_NS}}}variable", name=name)
        results = ET.SubElement(root, f"{{{SPARQL_NS}}}results")
        for row in result.rows:
            element = ET.SubElement(results, f"{{{SPARQL_NS}}}result")
            for name in result.variables:
                if row.get(name) is not None:
                    binding = ET.SubElement(element, f"{{{SPARQL_NS}}}binding", name=name)
                    _xml_term(binding, row[name])  # type: ignore[arg-type]
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_term(parent: ET.Element, term: Term) -> None:
    if isinstance(term, URIRef):
        ET.SubElement(parent, f"{{{SPARQL_NS}}}uri").text = str(term)
    elif isinstance(term, BNode):
        ET.SubElement(parent, f"{{{SPARQL_NS}}}bnode").text = str(term)
    else:
        literal = ET.SubElement(parent, f"{{{SPARQL_NS}}}literal")
        literal.text = str(term)
        if term.language:
            literal.set(XML_LANG, term.language)
        elif term.datatype:
            literal.set("datatype", str(term.datatype))


def to_sparql_tsv(result: QueryResult) -> str:
    """Render as SPARQL Query Results TSV (terms as in N-Triples)."""
    if result.boolean is not None:
        return f"?_askResult\n{str(result.boolean).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(_tsv_term(row.get(v)) for v in result.variables))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = term.n3().replace("\t", "\\t")
        return text.replace("\n", "\\n").replace("\r", "\\r")
    return term.n3()
