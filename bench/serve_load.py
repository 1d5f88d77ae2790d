"""Load test of `kg serve`, plain and under abuse: requests/s and p50/p99 latency of readers of
the index, an article page, an entity page and a stored query, first alone, then while other
clients send runaway queries without pause (each reader and abuser from its own loopback
address, so the per-client query limit applies; the abusers' 429 and 503 are counted); the
server's memory (with its workers) sampled throughout, against the ceiling `kg serve --help`
states.

    python bench/serve_load.py --store /tmp/benchstore/store [--seconds 20] [--readers 4]
        [--abusers 4] [--query-timeout 2]

Each phase lasts --seconds. The server is a subprocess on a free loopback port with its
default settings (but --query-timeout) and is stopped at the end. Exit code 1 when under abuse
a reader got an error, the readers' p99 passed 500 ms, or memory passed the ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import free_port, tree_rss

HOST = "127.0.0.1"
TARGETS = {
    "index": "/",
    "article page": "/article/newarab-2016-11-06-wheres-baghdadi",
    "entity page": "/entity/abu-bakr-al-baghdadi",
    "stored query": "/queries/who-said-what.json",
}
CROSS = "GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } GRAPH ?i { ?x ?y ?z }"
# what an abuser sends in turn: CPU without end, memory without end, triples without end
RUNAWAY = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}",
    f"SELECT * WHERE {{ {CROSS} }} ORDER BY ?c ?f ?z",
    f"CONSTRUCT {{ [] <urn:with> ?c }} WHERE {{ {CROSS} }}",
)
MiB = 1024 * 1024
# what `kg serve --help` states for the default settings
CEILING = 2355 * MiB  # 250 MiB + 4 workers x 512 MiB, i.e. 2.3 GiB
P99_TARGET = 0.5
# the loopback source addresses readers and abusers connect from (127.0.0.0/8 is all local)
READERS_FROM = 10
ABUSERS_FROM = 100


def client_at(first: int, n: int) -> httpx.AsyncClient:
    """Return a client connecting from 127.0.0.(first + n)."""
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{first + n}")
    return httpx.AsyncClient(timeout=60.0, transport=transport)


@dataclass
class Readings:
    """Latencies (seconds) of successful reads per target, and the failed ones."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    abuse: dict[int, int] = field(default_factory=dict)  # runaway answers by status


def start_server(store: Path, port: int, timeout: float) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store)]
    command += ["--host", HOST, "--port", str(port), "--query-timeout", str(timeout)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server at {url} did not answer within {timeout:g} s")


class MemoryProbe:
    """Sample a process tree's memory every 50 ms in a thread; keep the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


async def phase(base: str, readers: int, abusers: int, seconds: float) -> Readings:
    readings = Readings({name: [] for name in TARGETS}, dict.fromkeys(TARGETS, 0))
    deadline = time.monotonic() + seconds

    async def read(client: httpx.AsyncClient, offset: int) -> None:
        names = list(TARGETS)
        turn = offset
        while time.monotonic() < deadline:
            name = names[turn % len(names)]
            turn += 1
            started = time.perf_counter()
            try:
                ok = (await client.get(base + TARGETS[name])).status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                readings.latencies[name].append(time.perf_counter() - started)
            else:
                readings.errors[name] += 1

    async def abuse(client: httpx.AsyncClient, offset: int) -> None:
        turn = offset
        while time.monotonic() < deadline:
            query = RUNAWAY[turn % len(RUNAWAY)]
            turn += 1
            try:
                status = (await client.get(base + "/sparql", params={"query": query})).status_code
            except httpx.HTTPError:
                status = 0
            readings.abuse[status] = readings.abuse.get(status, 0) + 1

    # each reader and each abuser is its own client, from its own loopback address, so the
    # server's per-client query limit applies as it would to hosts on the internet
    readers_from = [client_at(READERS_FROM, n) for n in range(readers)]
    abusers_from = [client_at(ABUSERS_FROM, n) for n in range(abusers)]
    try:
        for path in TARGETS.values():
            await readers_from[0].get(base + path)  # warm up caches
        await asyncio.gather(
            *(read(client, n) for n, client in enumerate(readers_from)),
            *(abuse(client, n) for n, client in enumerate(abusers_from)),
        )
    finally:
        for client in (*readers_from, *abusers_from):
            await client.aclose()
    return readings


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


def report(title: str, readings: Readings, seconds: float, peak: int) -> list[str]:
    lines = [title]
    everything: list[float] = []
    for name in TARGETS:
        done = readings.latencies[name]
        everything += done
        lines.append(
            f"  {name:14} {len(done):6d} requests {len(done) / seconds:7.1f} req/s  "
            f"p50 {statistics.median(done) * 1000 if done else float('nan'):7.1f} ms  "
            f"p99 {p99(done) * 1000:7.1f} ms  errors {readings.errors[name]}"
        )
    errors = sum(readings.errors.values())
    lines.append(
        f"  {'all readers':14} {len(everything):6d} requests {len(everything) / seconds:7.1f} "
        f"req/s  p99 {p99(everything) * 1000:7.1f} ms  errors {errors}"
    )
    if readings.abuse:
        answers = ", ".join(f"{n} x {s}" for s, n in sorted(readings.abuse.items()))
        lines.append(
            f"  {'runaway':14} {sum(readings.abuse.values()):6d} queries answered: {answers}"
        )
    lines.append(
        f"  {'peak memory':14} {peak / MiB:6.0f} MiB (server and its workers; "
        f"ceiling {CEILING / MiB:.0f} MiB)"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="embedded store holding the seed")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--abusers", type=int, default=4)
    parser.add_argument("--query-timeout", type=float, default=2.0)
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.store, port, args.query_timeout)
    base = f"http://{HOST}:{port}"
    failed = False
    try:
        wait_ready(base + "/")
        print(
            f"kg serve on {base} (defaults, --query-timeout {args.query_timeout:g}), "
            f"{os.cpu_count()} cores, {args.seconds:g} s per phase"
        )
        print(f"  {'at rest':14} {tree_rss(server.pid) / MiB:6.0f} MiB")
        for abusers in (0, args.abusers):
            probe = MemoryProbe(server.pid)
            readings = asyncio.run(phase(base, args.readers, abusers, args.seconds))
            peak = probe.stop()
            title = f"{args.readers} readers" + (f", {abusers} abusers" if abusers else "")
            print("\n".join(report(title, readings, args.seconds, peak)))
            if abusers:
                everything = [t for done in readings.latencies.values() for t in done]
                failed = (
                    sum(readings.errors.values()) > 0
                    or p99(everything) >= P99_TARGET
                    or peak >= CEILING
                )
        verdict = "missed" if failed else "held"
        print(f"targets under abuse (0 errors, p99 < 500 ms, memory < 2.3 GiB): {verdict}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
