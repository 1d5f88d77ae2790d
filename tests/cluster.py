"""A real Dask cluster for the cluster tests: `dask scheduler` and two `dask worker` processes.

All on 127.0.0.1, on free ports, started as subprocesses of the test session and stopped after
it. The workers run without a nanny, so a worker killed by a test stays dead (a nanny would
start it again) and the scheduler must hand its batches to the other one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import free_port, stop, unavailable

READY_TIMEOUT = 60.0  # seconds for the scheduler to listen and both workers to join


@dataclass
class DaskCluster:
    """A running scheduler's address and its worker processes, by worker name."""

    address: str
    workers: dict[str, subprocess.Popen[bytes]]
    logs: Path

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-1500:] for p in self.logs.glob("*.log"))


def _dask() -> str:
    beside = Path(sys.executable).parent / "dask"
    found = str(beside) if beside.exists() else shutil.which("dask")
    if found is None:
        unavailable('the dask command is missing: pip install -e ".[test]" installs it')
    assert found is not None
    return found


def _start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    # one BLAS thread per process, as a nanny would set: two workers share two cores
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)


def wait_for_workers(address: str, count: int, cluster: DaskCluster) -> None:
    """Wait (bounded) until ``count`` workers have joined the scheduler."""
    from distributed import Client

    with Client(address, timeout=READY_TIMEOUT, set_as_default=False) as client:
        try:
            client.wait_for_workers(count, timeout=READY_TIMEOUT)
        except TimeoutError as e:
            raise RuntimeError(f"workers did not join within {READY_TIMEOUT:.0f} s") from e


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    """Start a scheduler and two one-thread workers; yield the running cluster."""
    dask = _dask()
    logs = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        logs / "scheduler.log",
    )
    workers: dict[str, subprocess.Popen[bytes]] = {}
    cluster = DaskCluster(address, workers, logs)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        # bounded poll until the scheduler listens, not synchronisation by sleeping
        while scheduler.poll() is None and b"Scheduler at" not in _read(logs / "scheduler.log"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the scheduler did not start: {cluster.log()}")
            time.sleep(0.1)
        if scheduler.poll() is not None:
            raise RuntimeError(f"the scheduler exited: {cluster.log()}")
        for name in ("w1", "w2"):
            workers[name] = _start(
                [dask, "worker", address, "--name", name, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1"],
                logs / f"{name}.log",
            )  # fmt: skip
        wait_for_workers(address, 2, cluster)
        yield cluster
    finally:
        for process in workers.values():
            stop(process)
        stop(scheduler)


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""
