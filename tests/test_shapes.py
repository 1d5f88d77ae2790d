"""SHACL shapes against hand-written cases: tests/shapes/<concern>/{valid,invalid}/*.ttl.

Each case is merged into tests/shapes/base.ttl (one valid article) unless it has a
``# standalone`` line, and validated with every file of shapes/ as one shapes graph, the way
a build validates an article graph. An invalid case names what the report must contain in
``# expect: …`` lines, each a message fragment or a shape (``nkgsh:LocalName``); every
expectation must match a result of the report and every result an expectation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SH

from kg.validate import load_shapes

ROOT = Path(__file__).resolve().parent.parent
SHAPES_DIR = ROOT / "shapes"
CASES_DIR = Path(__file__).resolve().parent / "shapes"
BASE = CASES_DIR / "base.ttl"
NKGSH = Namespace("https://w3id.org/newskg/shapes#")

# The options kg/validate.py uses; the shapes need nothing more.
VALIDATE_OPTIONS = {"inference": "none", "advanced": True}

VALID = sorted(CASES_DIR.glob("*/valid/*.ttl"))
INVALID = sorted(CASES_DIR.glob("*/invalid/*.ttl"))
CONCERNS = sorted(p.stem for p in SHAPES_DIR.glob("*.ttl"))


def _case_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}/{path.stem}"


def _header(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def _expectations(path: Path) -> list[str]:
    found = (re.match(r"#\s*expect:\s*(.+?)\s*$", line) for line in _header(path))
    return [m.group(1) for m in found if m]


def _case_graph(path: Path) -> Graph:
    graph = Graph()
    if not any(line.strip() == "# standalone" for line in _header(path)):
        graph.parse(BASE)
    graph.parse(path)
    return graph


def _result_texts(report: Graph) -> list[str]:
    """Return each result's messages and source shape, in the words an expectation uses."""
    texts = []
    # Top-level results only: the sh:detail results under them repeat the same problem.
    for result in report.objects(None, SH.result):
        shape = report.value(result, SH.sourceShape)
        parts = [str(m) for m in report.objects(result, SH.resultMessage)]
        if isinstance(shape, URIRef):
            parts.append(str(shape))
            if shape.startswith(str(NKGSH)):
                parts.append("nkgsh:" + shape[len(str(NKGSH)) :])
        texts.append(" | ".join(parts))
    return texts


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR)


def test_cases_cover_every_concern() -> None:
    for concern in CONCERNS:
        valid = list((CASES_DIR / concern / "valid").glob("*.ttl"))
        invalid = list((CASES_DIR / concern / "invalid").glob("*.ttl"))
        assert len(valid) >= 1, f"{concern}: needs a valid case"
        assert len(invalid) >= 2, f"{concern}: needs two invalid cases"


def test_shapes_graph_is_valid_shacl(shapes: Graph) -> None:
    # meta_shacl validates the shapes graph against SHACL's own shapes first and raises
    # if it is not well-formed.
    conforms, _, text = validate(
        _case_graph(BASE), shacl_graph=shapes, meta_shacl=True, **VALIDATE_OPTIONS
    )
    assert conforms, text


@pytest.mark.parametrize("path", VALID, ids=_case_id)
def test_valid_case_conforms(path: Path, shapes: Graph) -> None:
    conforms, _, text = validate(_case_graph(path), shacl_graph=shapes, **VALIDATE_OPTIONS)
    assert conforms, text


@pytest.mark.parametrize("path", INVALID, ids=_case_id)
def test_invalid_case_is_reported(path: Path, shapes: Graph) -> None:
    expected = _expectations(path)
    assert expected, f"{path.name}: add an '# expect: …' line naming the shape or message"
    conforms, report, text = validate(_case_graph(path), shacl_graph=shapes, **VALIDATE_OPTIONS)
    assert not conforms, f"{path.name} conforms but should not"
    texts = _result_texts(report)
    for fragment in expected:
        assert any(fragment in t for t in texts), f"no result matches {fragment!r}:\n{text}"
    # Every result must be expected too, so a case cannot pass by breaking something else.
    for t in texts:
        assert any(fragment in t for fragment in expected), f"unexpected result {t!r}:\n{text}"
