"""Ingest on a real Dask cluster (tests/cluster.py): same store as one process, no article lost."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cluster
from kg.cli import main
from kg.ingest import ingest
from kg.publish import Summary
from kg.store import EmbeddedStore
from tests.cluster import DaskCluster, dask_cluster  # noqa: F401
from tests.conftest import ROOT
from tests.servers import free_port
from tests.test_ingest import nquads

ARTICLES = ROOT / "data" / "articles"
KILL_TIMEOUT = 120.0  # seconds to wait for the victim to be building a batch


def good_count() -> int:
    """The readable articles of ``corpus``: the bundled ones and two copies of the demo's."""
    demo = len((ARTICLES / "demo.jsonl").read_text().splitlines())
    return 1 + 3 * demo


def corpus(folder: Path) -> list[Path]:
    """The bundled articles, their demo texts again under new ids, and two bad records."""
    demo = [json.loads(line) for line in (ARTICLES / "demo.jsonl").read_text().splitlines()]
    copies = [{**a, "id": f"{a['id']}-{n}"} for n in (2, 3) for a in demo]
    lines = [json.dumps(a) for a in copies] + ["{broken", json.dumps({"id": "no-text"})]
    extra = folder / "more.jsonl"
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [ARTICLES, extra]


def failures(summary: Summary) -> list[tuple[str, str]]:
    return sorted((f.where, f.reason) for f in summary.failed)


# -- no cluster needed


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path):
    address = f"tcp://127.0.0.1:{free_port()}"
    args = ["ingest", str(ARTICLES), "--store", str(tmp_path / "s"), "--scheduler", address]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: no Dask scheduler answers at {address}")
    assert "Traceback" not in result.output


def test_malformed_scheduler_address_is_exit_2(tmp_path: Path):
    args = ["ingest", str(ARTICLES), "--store", str(tmp_path / "s"), "--scheduler", "nowhere"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "give tcp://HOST:PORT" in result.output


def test_scheduler_and_jobs_together_is_a_usage_error(tmp_path: Path):
    args = ["ingest", str(ARTICLES), "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "not both" in result.output


# -- on the cluster


def test_a_batch_that_kills_its_workers_comes_back_as_failures(dask_cluster: DaskCluster):  # noqa: F811
    from distributed import Client

    from kg.model import Article

    def _killed(_: int) -> None:  # defined here: the workers cannot import this test module
        from types import SimpleNamespace

        from distributed import KilledWorker

        # what the scheduler raises for a task that took down every worker it was given
        raise KilledWorker("build_batch-1", SimpleNamespace(address="tcp://127.0.0.1:1"), 3)

    batch = [Article("x1", "Text.", source="c.jsonl:1"), Article("x2", "More text.")]
    with Client(dask_cluster.address, set_as_default=False) as client:
        future = client.submit(_killed, 1, pure=False)
        outcomes = kg.cluster._outcomes(batch, future)
    assert [f.where for f in outcomes] == ["c.jsonl:1", "x2"]
    assert all(f.reason.startswith("4 workers died building its batch") for f in outcomes)


# -- on the cluster, with the trained model


def _kill_while_building(cluster: DaskCluster, name: str) -> tuple[int, int]:
    """SIGKILL worker ``name`` once it has built a batch and is building another."""
    from distributed import Client

    def state(dask_worker):  # runs on the worker
        return dask_worker.state.executed_count, len(dask_worker.state.executing)

    with Client(cluster.address, set_as_default=False) as client:
        workers = client.scheduler_info()["workers"]
        address = next(a for a, w in workers.items() if w["name"] == name)
        deadline = time.monotonic() + KILL_TIMEOUT
        while time.monotonic() < deadline:
            done, executing = client.run(state, workers=[address])[address]
            if done >= 1 and executing:
                os.kill(cluster.workers[name].pid, signal.SIGKILL)
                cluster.workers[name].wait(timeout=30)
                return done, executing
            # bounded poll of the worker's state, not synchronisation by sleeping
            time.sleep(0.02)
    raise AssertionError(f"worker {name} never built a second batch:\n{cluster.log()}")


@pytest.mark.model
def test_cluster_ingest_with_a_killed_worker_stores_what_one_job_stores(
    dask_cluster: DaskCluster,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    inputs = corpus(tmp_path)
    reference = EmbeddedStore(tmp_path / "reference")
    local = ingest(inputs, reference, jobs=1)
    assert local.loaded == good_count() and len(local.failed) == 2
    # small batches: many tasks, so the victim dies with work done and work in hand
    monkeypatch.setattr(kg.cluster, "CLUSTER_BATCH", 2)
    store = EmbeddedStore(tmp_path / "cluster")
    outcome: dict[str, Summary | BaseException] = {}

    def run() -> None:
        try:
            outcome["summary"] = ingest(inputs, store, scheduler=dask_cluster.address)
        except BaseException as e:
            outcome["error"] = e

    thread = threading.Thread(target=run)
    thread.start()
    done, executing = _kill_while_building(dask_cluster, "w1")
    thread.join(timeout=KILL_TIMEOUT)
    assert not thread.is_alive(), "the ingest did not finish after a worker died"
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert isinstance(summary, Summary)
    assert (done, executing) >= (1, 1)
    assert summary.loaded == local.loaded
    assert failures(summary) == failures(local)
    assert nquads(store) == nquads(reference)

    again = ingest(inputs, store, scheduler=dask_cluster.address)
    assert (again.loaded, again.skipped) == (0, good_count())
    assert nquads(store) == nquads(reference)
