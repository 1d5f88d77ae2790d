"""`kg ingest` killed with SIGKILL: the checks of bench/crash.py, for a few kills.

bench/crash.py runs twenty or more, at random moments, and prints the figures; here three
kills at fixed fractions of a clean ingest's time keep the suite's cost bounded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.crash import ROOT, clean_build, kill_once

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_kill_9_during_kg_ingest_leaves_whole_graphs_and_a_rerun_completes(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--count",
            "24",
            "--out",
            str(corpus),
        ],
        check=True,
    )
    clean, seconds = clean_build(corpus, tmp_path)
    assert len(clean) == 24
    for fraction in (0.5, 0.75, 0.95):
        run = kill_once(corpus, tmp_path / "run" / "store", fraction * seconds, clean)
        assert run.ok, (fraction, run.problems)
