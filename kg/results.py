"""Query results as text (table, CSV, TSV, SPARQL JSON), and SPARQL JSON read back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef

from kg.store import XSD_STRING, QueryResult, Term
from kg.vocab import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a query result in one of RESULT_FORMATS."""
    if fmt == "json":
        return to_sparql_json(result)
    if fmt in ("csv", "tsv"):
        return to_delimited(result, "," if fmt == "csv" else "\t")
    return to_table(result)


def to_sparql_json(result: QueryResult) -> str:
    """Render as SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [{k: _json_term(v) for k, v in row.items() if v is not None} for row in result.rows]
    body = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out: dict[str, Any] = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_delimited(result: QueryResult, delimiter: str) -> str:
    """Render as CSV or TSV with a header row; values are plain strings (IRIs in full)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if result.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow([str(result.boolean).lower()])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if row[v] is None else str(row[v]) for v in result.variables])
    return buffer.getvalue()


def to_table(result: QueryResult, width: int = 60) -> str:
    """Render as an aligned text table with prefixed IRIs, for people."""
    if result.boolean is not None:
        return f"{str(result.boolean).lower()}\n"
    rows = [[_short(row[v], width) for v in result.variables] for row in result.rows]
    header = list(result.variables)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _short(term: Term | None, width: int) -> str:
    if term is None:
        return ""
    text = _prefixed(term) if isinstance(term, URIRef) else str(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _prefixed(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and "#" not in iri[len(namespace) :]:
            return f"{prefix}:{iri[len(namespace) :]}"
    return str(iri)


def from_sparql_json(answer: Mapping[str, Any]) -> QueryResult:
    """Read a SPARQL 1.1 JSON results document (a remote endpoint's answer)."""
    if "boolean" in answer:
        return QueryResult((), (), bool(answer["boolean"]))
    variables = tuple(answer.get("head", {}).get("vars", []))
    rows = tuple(
        {v: term_from_json(b[v]) if v in b else None for v in variables}
        for b in answer.get("results", {}).get("bindings", [])
    )
    return QueryResult(variables, rows)


def term_from_json(value: Mapping[str, str]) -> Term:
    """Convert a SPARQL JSON results term to rdflib's."""
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if value.get("xml:lang"):
        return Literal(text, lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != XSD_STRING:
        return Literal(text, datatype=URIRef(datatype))
    return Literal(text)
