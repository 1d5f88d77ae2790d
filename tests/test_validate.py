from pathlib import Path

import pytest
from pyshacl_turbo.rdf import decode
from rdflib import Graph, URIRef

from kg.errors import KgError
from kg.model import GraphData
from kg.validate import ENGINES, Validator, _run_native, _violations, _violations_of


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "line",
    [
        b"<urn:a> <urn:p> <no-scheme> .\n",  # a relative IRI
        b"<urn:a> <urn:p> <http://x/%zz> .\n",  # a broken percent-encoding
        b'<urn:a> <urn:p> "x"@1-bad .\n',  # a language tag that starts with a digit
    ],
)
def test_both_engines_refuse_ntriples_a_strict_parser_refuses(engine, line):
    with pytest.raises(KgError, match="urn:g: cannot validate"):
        Validator(engine=engine).validate_data(GraphData("urn:g", line))


CASES = Path(__file__).resolve().parent / "shapes"
INVALID = sorted(CASES.glob("*/invalid/*.ttl"))


def _case_data(path: Path) -> GraphData:
    graph = Graph(identifier=URIRef("https://example.org/case"))
    if "# standalone" not in path.read_text(encoding="utf-8").splitlines():
        graph.parse(CASES / "base.ttl")
    graph.parse(path)
    return GraphData.of(graph)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_a_report_read_from_its_ntriples_names_what_the_engine_reports(path: Path) -> None:
    # the engine's report, read by pyoxigraph, against the same report decoded into an rdflib
    # graph by pyshacl-turbo's own reader (what CompiledShapes.validate returns)
    validator = Validator(engine="turbo")
    compiled = validator._compiled
    report = _run_native(compiled, _case_data(path))
    graph = decode(
        report.decode("utf-8"), compiled._blank_nodes | {}, preserve_ids=True, report=True
    )
    found = _violations_of(report, validator.shapes)
    assert found, f"{path.name}: the case should not conform"
    assert found == _violations(graph, validator.shapes)


def test_a_report_literal_keeps_its_lexical_form_and_a_blank_node_its_label() -> None:
    shapes = Graph()
    report = (
        b"_:r <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        b" <http://www.w3.org/ns/shacl#ValidationResult> .\n"
        b"_:r <http://www.w3.org/ns/shacl#focusNode> _:n1 .\n"
        b'_:r <http://www.w3.org/ns/shacl#value> "01"'
        b"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
        b"_:r <http://www.w3.org/ns/shacl#resultSeverity> <http://www.w3.org/ns/shacl#Warning> .\n"
    )
    (found,) = _violations_of(report, shapes)
    assert (found.focus, found.value, found.severity) == ("n1", "01", "Warning")
    assert found.message == "does not conform" and found.path is None
