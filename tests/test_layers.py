"""The package's layering: each stage imports only the stages below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"


def kg_imports(path: Path) -> set[str]:
    """Return the kg modules a file imports (at any depth, lazily or not)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kg"))
    return found


def modules(*names: str) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        target = KG / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
    return paths


def reaches(imported: set[str], banned: tuple[str, ...]) -> set[str]:
    return {m for m in imported if any(m == b or m.startswith(b + ".") for b in banned)}


STORES = ("kg.store", "kg.remote", "kg.connect", "kg.publish", "kg.ingest")
FRONTS = ("kg.cli", "kg.server")


def name(path: Path) -> str:
    return str(path.relative_to(KG))


@pytest.mark.parametrize("path", modules("model", "mapping", "validate", "extract"), ids=name)
def test_building_a_graph_needs_no_store_and_no_front_end(path: Path):
    assert reaches(kg_imports(path), STORES + FRONTS) == set()


@pytest.mark.parametrize(
    "path",
    sorted(p for p in KG.rglob("*.py") if "cli" not in p.parts and p.stem != "__main__"),
    ids=name,
)
def test_only_the_command_line_imports_the_command_line(path: Path):
    assert reaches(kg_imports(path), ("kg.cli",)) == set()
