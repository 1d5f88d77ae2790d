"""The fork server of `--jobs` workers: started early, preloading the build, one BLAS thread."""

from __future__ import annotations

import os
import subprocess
import sys
from multiprocessing import forkserver as mp_forkserver
from pathlib import Path

import pytest

from kg import forkserver
from kg.store import EmbeddedStore
from tests.test_ingest import corpus, nquads


def _server_pid() -> int:
    # the standard library keeps the running server's pid on its one ForkServer object
    pid = mp_forkserver._forkserver._forkserver_pid
    assert pid is not None, "no fork server is running"
    return pid


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().partition("=")[::2] for item in raw if item)


def test_blas_threads_are_one_inside_the_block_and_restored_after(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with forkserver.one_blas_thread():
        assert os.environ["OMP_NUM_THREADS"] == os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_the_started_server_preloads_the_build_with_one_blas_thread(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    forkserver.start()
    pid = _server_pid()
    command = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    assert "kg.ingest" in command  # imported once there, not in every worker
    assert _environment(pid)["OPENBLAS_NUM_THREADS"] == "1"
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # this process keeps its own
    forkserver.start()  # a second start uses the running server
    assert _server_pid() == pid


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
