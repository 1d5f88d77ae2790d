"""SPARQL servers for the store tests: Oxigraph server and Virtuoso on 127.0.0.1, per session.

Each fixture starts its server on a free port with a fresh database, waits (bounded) until it
answers, yields its kg.remote.Endpoint and stops it. A server that cannot be had is a skip with
the reason, or a failure when the CI environment variable is set.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kg.remote import Endpoint

ROOT = Path(__file__).resolve().parent.parent
INSTALL_VIRTUOSO = ROOT / "scripts" / "install-virtuoso.sh"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
READY_TIMEOUT = 90.0  # seconds; a first Virtuoso start creates its database


def unavailable(reason: str) -> None:
    """Skip the test for a missing server, or fail it under CI where every server must run."""
    if os.environ.get("CI"):
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll ``url`` until it answers, the process dies, or READY_TIMEOUT passes."""
    deadline = time.monotonic() + READY_TIMEOUT
    for _ in range(int(READY_TIMEOUT * 10)):
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            break
        # bounded poll of the server's readiness, not synchronisation by sleeping
        time.sleep(0.1)
    raise RuntimeError(f"server did not answer {url} within {READY_TIMEOUT:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started by a fixture, killing it if it does not stop in time."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """Start `oxigraph serve` on a fresh folder; yield its query, update and store URLs."""
    binary = _oxigraph_binary()
    if binary is None:
        unavailable("the oxigraph binary is missing: pip install -e '.[test]' installs it")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(f"{base}/query", process, log)
        yield Endpoint(f"{base}/query", update=f"{base}/update", graph_store=f"{base}/store")
    finally:
        stop(process)


def _install_virtuoso() -> str:
    found = shutil.which("virtuoso-t")
    if found:
        return found
    result = subprocess.run(
        ["bash", str(INSTALL_VIRTUOSO)], capture_output=True, text=True, timeout=900
    )
    found = shutil.which("virtuoso-t")
    if result.returncode != 0 or not found:
        unavailable(f"Virtuoso could not be installed: {result.stderr.strip()[-500:]}")
    assert found is not None
    return found


def virtuoso_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """Rewrite the packaged virtuoso.ini for a private database on 127.0.0.1 ports."""
    text = template.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    text = re.sub(
        r"(?m)^(\[Parameters\][^\[]*?^ServerPort\s*=).*$", rf"\g<1> 127.0.0.1:{sql_port}", text
    )
    text = re.sub(
        r"(?m)^(\[HTTPServer\][^\[]*?^ServerPort\s*=).*$", rf"\g<1> 127.0.0.1:{http_port}", text
    )
    text = re.sub(
        r"(?m)^DirsAllowed\s*=.*$",
        f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad",
        text,
    )
    # lift the 10,000-row cap so whole results come back; the store pages anyway
    text = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)
    return text


@dataclass(frozen=True)
class VirtuosoServer:
    """A running Virtuoso: its SPARQL endpoints, its SQL port (isql) and its database folder."""

    endpoint: Endpoint
    sql_port: int
    folder: Path  # in the server's DirsAllowed: the bulk loader reads files from it


@pytest.fixture(scope="session")
def virtuoso_endpoint(virtuoso_server: VirtuosoServer) -> Endpoint:
    """The endpoints of the session's Virtuoso (writes as dba, digest)."""
    return virtuoso_server.endpoint


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """Start virtuoso-t on a fresh database; yield where it answers."""
    binary = _install_virtuoso()
    if not VIRTUOSO_INI.exists():
        unavailable(f"{VIRTUOSO_INI} is missing: reinstall virtuoso-opensource")
    with start_virtuoso(tmp_path_factory.mktemp("virtuoso"), binary) as server:
        yield server


@contextmanager
def start_virtuoso(folder: Path, binary: str = "virtuoso-t") -> Iterator[VirtuosoServer]:
    """Run virtuoso-t on a fresh database in ``folder`` until the block ends."""
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    template = VIRTUOSO_INI.read_text(encoding="utf-8", errors="replace")
    ini.write_text(virtuoso_ini(template, folder, sql_port, http_port), encoding="utf-8")
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_ready(f"{base}/sparql", process, log)
        endpoint = Endpoint(
            f"{base}/sparql",
            update=f"{base}/sparql-auth",
            graph_store=f"{base}/sparql-graph-crud-auth",
            user="dba",
            password="dba",
            auth="digest",
        )
        yield VirtuosoServer(endpoint, sql_port, folder)
    finally:
        stop(process)


@dataclass
class KgServer:
    """A `kg serve` process on 127.0.0.1 and where to reach it."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def kg_serve(
    store: Path, *options: str, env: Mapping[str, str] | None = None
) -> Iterator[KgServer]:
    """Run `kg serve` over an embedded store on a free port; stop it on leaving."""
    port = free_port()
    log = store.parent / f"serve-{port}.log"
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, *options],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    server = KgServer(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_ready(f"{server.url}/sparql", process, log)
        yield server
    finally:
        stop(process)


def tree_rss(pid: int) -> int:
    """Return the resident memory of a process and all its descendants, in bytes."""
    total = 0
    for current in process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total += int(found.group(1)) * 1024 if found else 0
    return total


def tree_cpu(pid: int) -> float:
    """Return the CPU seconds used so far by a process and its live descendants."""
    ticks = 0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def process_tree(pid: int) -> list[int]:
    """Return a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found
