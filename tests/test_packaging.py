"""newskg installs like any package: the wheel carries shapes/, queries/ and data/.

The slow test builds the wheel, installs it (not editable) into a fresh virtual environment
that reuses this environment's dependencies, and ingests the seed article from a folder
outside the checkout. The others check that a setup error stops a command once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.reader import read_articles
from kg.validate import default_validator
from tests.conftest import ROOT, SEED

BUILD_TIMEOUT = 600  # seconds: the build backend may first be fetched from the package index


def _clean_env() -> dict[str, str]:
    """Return the environment without what would point newskg at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSKG_HOME", "NEWSKG_DATA")}
    env.pop("PYTHONPATH", None)
    return env


def _run(args: list[str | Path], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build newskg's wheel from the checkout."""
    out = tmp_path_factory.mktemp("dist")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT],
        cwd=out,
        timeout=BUILD_TIMEOUT,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (found,) = out.glob("newskg-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_carries_shapes_queries_and_data(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("shapes", "queries", "data"):
        ours = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file()}
        ours = {n for n in ours if "__pycache__" not in n}
        assert {f"kg/share/{n}" for n in ours} <= names, folder


@pytest.mark.slow
@pytest.mark.model
def test_an_installed_wheel_ingests_the_seed_outside_the_checkout(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # the dependencies come from this environment, appended after the new one's own packages
    (site,) = (venv / "lib").glob("python*/site-packages")
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = _run([python, "-m", "pip", "install", "--no-deps", "--no-index", wheel], tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]

    work = tmp_path / "work"
    work.mkdir()
    article = shutil.copy(SEED, work / SEED.name)
    where = _run([python, "-c", "import kg.resources as r; print(r.shapes_dir())"], work)
    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout + where.stderr

    kg = venv / "bin" / "kg"
    ingested = _run([kg, "ingest", article], cwd=work, timeout=600)
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    assert "loaded 1 article graph(s)" in ingested.stderr
    answer = _run([kg, "query", "articles", "--format", "json"], cwd=work)
    assert answer.returncode == 0, answer.stderr[-2000:]
    rows = json.loads(answer.stdout)["results"]["bindings"]
    assert [row["id"]["value"] for row in rows] == [read_articles([SEED])[0].id]
    assert (work / ".newskg" / "store").is_dir()


@pytest.mark.model
def test_missing_shapes_stop_the_command_once_with_exit_2(tmp_path: Path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    for folder in ("data", "queries"):
        (home / folder).symlink_to(ROOT / folder)
    monkeypatch.setenv("NEWSKG_HOME", str(home))
    default_validator.cache_clear()  # it holds the shapes it read first
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "Angela Merkel visited Paris."}\n'
        '{"id": "b", "text": "Boris Johnson spoke in London."}\n',
        encoding="utf-8",
    )
    for command in ("ingest", "build"):
        target = ["--store", str(tmp_path / "store")] if command == "ingest" else []
        out = ["--out", str(tmp_path / "out")] if command == "build" else []
        result = CliRunner().invoke(main, [command, str(corpus), *target, *out])
        assert result.exit_code == 2, (command, result.output)
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and "no SHACL shapes found" in lines[0], (command, result.output)
    default_validator.cache_clear()
