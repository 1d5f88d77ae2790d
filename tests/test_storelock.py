"""One writer or many readers on an embedded store, between real `kg` processes.

A process that cannot have the store stops at once with one line (exit 2) saying who holds
it; a holder killed with -9 lets the others in.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.servers import free_port, stop, wait_until_ready

DEMO = ROOT / "data" / "articles" / "demo.jsonl"
KG = [sys.executable, "-m", "kg"]
HOLD = """
import sys
from pathlib import Path
from kg.connect import open_store
store = open_store(Path(sys.argv[1]), read_only=sys.argv[2] == "read")
print("holding", flush=True)
sys.stdin.readline()
store.close()
"""


def kg(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KG, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def holder(store: Path, mode: str) -> subprocess.Popen[str]:
    """Start a process that opens the store (to read or write) and holds it until told."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(store), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line == "holding\n", process.stderr.read() if process.stderr else line
    return process


def release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.flush()
    assert process.wait(timeout=60) == 0


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    made = holder(tmp_path / "store", "write")  # an empty store, as ingest leaves one
    release(made)
    return tmp_path / "store"


def test_a_second_writer_is_refused_and_named_the_first(store: Path, tmp_path: Path):
    first = holder(store, "write")
    try:
        line = one_line_error(kg("delete", "x", "--store", store, cwd=tmp_path))
        assert f"is being written by a program (process {first.pid})" in line
    finally:
        release(first)
    after = kg("delete", "x", "--store", store, cwd=tmp_path)
    assert "no article 'x' in the store" in one_line_error(after)


def test_a_reader_is_refused_while_a_writer_writes_and_told_why(store: Path, tmp_path: Path):
    writer = holder(store, "write")
    try:
        for command in (["query", "articles"], ["export", "--format", "nquads"]):
            line = one_line_error(kg(*command, "--store", store, cwd=tmp_path))
            assert "cannot be read while it is written" in line and "--endpoint" in line
    finally:
        release(writer)
    assert kg("query", "articles", "--store", store, cwd=tmp_path).returncode == 0


def test_readers_share_the_store_and_keep_writers_out(store: Path, tmp_path: Path):
    first = holder(store, "read")
    try:
        assert kg("query", "articles", "--store", store, cwd=tmp_path).returncode == 0
        line = one_line_error(kg("delete", "x", "--store", store, cwd=tmp_path))
        assert "is open in another kg command" in line
    finally:
        release(first)


def test_a_writer_killed_with_9_lets_the_others_in(store: Path, tmp_path: Path):
    writer = holder(store, "write")
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert kg("query", "articles", "--store", store, cwd=tmp_path).returncode == 0
    assert "no article 'x'" in one_line_error(kg("delete", "x", "--store", store, cwd=tmp_path))


@pytest.mark.model
def test_kg_ingest_is_refused_while_kg_serve_reads_and_serve_keeps_answering(tmp_path: Path):
    store = tmp_path / "store"
    assert kg("ingest", DEMO, "--store", store, cwd=tmp_path).returncode == 0
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*KG, "serve", "--store", str(store), "--port", str(port)],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(f"{base}/sparql", server, log)
        again = tmp_path / "again.jsonl"
        again.write_text('{"id": "new-1", "text": "Boris Johnson spoke."}\n', encoding="utf-8")
        line = one_line_error(kg("ingest", again, "--store", store, cwd=tmp_path))
        assert "is open in another kg command" in line and "kg serve" in line
        answer = httpx.get(f"{base}/queries/articles.json", timeout=30)
        assert answer.status_code == 200 and "harrowmere-flood-evacuation" in answer.text, (
            answer.text[:500]
        )
    finally:
        stop(server)
    assert kg("ingest", again, "--store", store, cwd=tmp_path).returncode == 0


@pytest.mark.model
def test_two_kg_ingest_at_once_the_second_is_refused_while_the_first_completes(tmp_path: Path):
    store = tmp_path / "store"
    first = subprocess.Popen(
        [*KG, "ingest", str(DEMO), "--store", str(store)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    note = store.with_name("store.writer")
    deadline = time.monotonic() + 120
    while not note.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # bounded poll until the first holds the store
    assert note.exists(), "the first ingest never took the store"
    second = kg("ingest", DEMO, "--store", store, cwd=tmp_path)
    line = one_line_error(second)
    assert f"is being written by `kg ingest` (process {first.pid})" in line
    _, err = first.communicate(timeout=300)
    count = len(Path(DEMO).read_text(encoding="utf-8").splitlines())
    assert first.returncode == 0 and f"loaded {count} article graph(s)" in err
    rerun = kg("ingest", DEMO, "--store", store, cwd=tmp_path)
    assert rerun.returncode == 0 and f"skipped {count} unchanged" in rerun.stderr
