"""The fork server of `--jobs` workers: started early, preloading the build, one BLAS thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import forkserver
from kg.store import EmbeddedStore
from tests.test_ingest import corpus, nquads

# run in a fresh interpreter: the fork server is one per process, and this one's may have
# been started already, by other tests, with other modules to preload
_STARTED = r"""
import json, os, sys, time
from multiprocessing import forkserver as mp
from pathlib import Path
from kg import forkserver

forkserver.start()
pid = mp._forkserver._forkserver_pid  # the running server's, kept by the standard library
for _ in range(100):  # a process just started shows its command line a moment later
    if Path(f"/proc/{pid}/cmdline").read_bytes():
        break
    time.sleep(0.05)
raw = Path(f"/proc/{pid}/environ").read_bytes().split(bytes(1))
env = dict(item.decode().partition("=")[::2] for item in raw if item)
forkserver.start()  # a second start uses the running server
json.dump({
    "command": Path(f"/proc/{pid}/cmdline").read_bytes().decode(),
    "server_blas": env.get("OPENBLAS_NUM_THREADS"),
    "own_blas": os.environ.get("OPENBLAS_NUM_THREADS"),
    "same_server": mp._forkserver._forkserver_pid == pid,
    "heavy_imported": "spacy" in sys.modules,
}, sys.stdout)
"""


def test_blas_threads_are_one_inside_the_block_and_restored_after(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with forkserver.one_blas_thread():
        assert os.environ["OMP_NUM_THREADS"] == os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_the_started_server_preloads_the_build_with_one_blas_thread():
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", _STARTED], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert "kg.ingest" in seen["command"]  # imported once there, not in every worker
    assert seen["server_blas"] == "1"
    assert seen["own_blas"] is None  # the starting process keeps its own setting
    assert seen["same_server"]
    assert not seen["heavy_imported"]  # starting it imports no build code here


@pytest.mark.model
def test_kg_ingest_with_two_jobs_stores_what_one_job_stores(tmp_path: Path):
    path = corpus(tmp_path / "c.jsonl", 6)
    stores = {}
    for jobs in ("1", "2"):
        store = tmp_path / f"store-{jobs}"
        command = [sys.executable, "-m", "kg", "ingest", str(path), "--store", str(store)]
        done = subprocess.run(
            [*command, "--jobs", jobs], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        assert "loaded 6 article graph(s)" in done.stderr + done.stdout
        opened = EmbeddedStore(store, read_only=True)
        stores[jobs] = nquads(opened)
        opened.close()
    assert stores["1"] == stores["2"]
