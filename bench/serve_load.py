"""Load test of `kg serve`: requests/s and p50/p99 latency for an article page, an entity page
and a stored query, against a server it starts on 127.0.0.1 over an existing store.

    python bench/serve_load.py --store /tmp/seedstore [--requests 300] [--concurrency 8]

Bounded: each target gets at most --requests requests and --seconds seconds; the server is a
subprocess on a free loopback port and is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

HOST = "127.0.0.1"
TARGETS = {
    "article page": "/article/newarab-2016-11-06-wheres-baghdadi",
    "entity page": "/entity/abu-bakr-al-baghdadi",
    "stored query": "/queries/who-said-what.json",
}


@dataclass
class Outcome:
    """Latencies (seconds) of the successful requests, errors, and the wall time."""

    latencies: list[float]
    errors: int
    wall: float


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "serve",
        "--store",
        str(store),
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server at {url} did not answer within {timeout:g} s")


async def hammer(url: str, requests: int, concurrency: int, seconds: float) -> Outcome:
    latencies: list[float] = []
    errors = 0
    sent = 0
    started = time.monotonic()

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        while sent < requests and time.monotonic() - started < seconds:
            sent += 1
            t0 = time.perf_counter()
            try:
                response = await client.get(url)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append(time.perf_counter() - t0)
            else:
                errors += 1

    async with httpx.AsyncClient(timeout=30.0) as client:
        await client.get(url)  # warm up caches and the first connection
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return Outcome(latencies, errors, time.monotonic() - started)


def report(name: str, outcome: Outcome) -> str:
    done = len(outcome.latencies)
    if not done:
        return f"{name:14} no successful requests ({outcome.errors} errors)"
    ordered = sorted(outcome.latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(done - 1, int(done * 0.99))] * 1000
    return (
        f"{name:14} {done:5d} requests  {done / outcome.wall:7.1f} req/s  "
        f"p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  errors {outcome.errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="embedded store holding the seed")
    parser.add_argument("--requests", type=int, default=300, help="requests per target (max)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="time per target (max)")
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.store, port)
    base = f"http://{HOST}:{port}"
    try:
        wait_ready(base + "/")
        print(
            f"kg serve on {base}, {args.concurrency} concurrent clients, "
            f"at most {args.requests} requests or {args.seconds:g} s per target"
        )
        for name, path in TARGETS.items():
            outcome = asyncio.run(
                hammer(base + path, args.requests, args.concurrency, args.seconds)
            )
            print(report(name, outcome))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
