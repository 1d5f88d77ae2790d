"""`kg serve` limits the queries each client has running: a real server on 127.0.0.1, reached
from distinct loopback source addresses (127.0.0.2, 127.0.0.3), which it takes for distinct
clients, as it would distinct hosts on the internet."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from kg.server.limits import ClientLimit
from tests.conftest import small_annotations
from tests.servers import KgServer, kg_serve
from tests.test_server import build_store
from tests.test_server_public import RUNAWAY

CLIENT_A = "127.0.0.2"
CLIENT_B = "127.0.0.3"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("clients") / "store", [small_annotations()])


def client_from(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


class Runaways:
    """Threads, all from one source address, each sending runaway queries until stopped."""

    def __init__(self, server: KgServer, address: str, count: int, **headers: str) -> None:
        self.stop = threading.Event()
        self.statuses: list[int] = []
        self.threads = [
            threading.Thread(target=self._run, args=(server, address, headers))
            for _ in range(count)
        ]
        for thread in self.threads:
            thread.start()

    def _run(self, server: KgServer, address: str, headers: dict[str, str]) -> None:
        with client_from(address) as client:
            while not self.stop.is_set():
                url = f"{server.url}/sparql"
                response = client.get(url, params={"query": RUNAWAY}, headers=headers)
                self.statuses.append(response.status_code)

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def first_429(address: str, server: KgServer, seconds: float, **headers: str) -> httpx.Response:
    """Send a small query from ``address`` until it gets 429 (within ``seconds``)."""
    deadline = time.monotonic() + seconds
    with client_from(address) as client:
        while time.monotonic() < deadline:
            response = client.get(
                f"{server.url}/sparql", params={"query": "ASK {}"}, headers=headers
            )
            if response.status_code == 429:
                return response
            time.sleep(0.05)
    raise AssertionError(f"{address} never got 429 while its runaway queries ran")


def ask_from(address: str, server: KgServer, **headers: str) -> httpx.Response:
    with client_from(address) as client:
        return client.get(f"{server.url}/sparql", params={"query": "ASK {}"}, headers=headers)


SERVE = ("--query-workers", "3", "--client-queries", "2", "--query-timeout", "3")


def test_a_client_past_its_share_gets_429_while_another_gets_200(store_path):
    with kg_serve(store_path, *SERVE) as running:
        runaways = Runaways(running, CLIENT_A, 2)
        try:
            refused = first_429(CLIENT_A, running, 20)
            other = ask_from(CLIENT_B, running)
            with client_from(CLIENT_B) as reader:
                page = reader.get(f"{running.url}/article/small-1")
        finally:
            runaways.close()
    assert refused.headers["retry-after"].isdigit()
    assert "2 queries" in refused.json()["error"]
    assert other.status_code == 200 and other.json()["boolean"] is True
    assert page.status_code == 200


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(store_path):
    with kg_serve(store_path, *SERVE) as running:
        runaways = Runaways(running, CLIENT_A, 2, **{"X-Forwarded-For": "198.51.100.1"})
        try:
            # another forwarded address changes nothing: the peer is still the same client
            refused = first_429(CLIENT_A, running, 20, **{"X-Forwarded-For": "198.51.100.2"})
        finally:
            runaways.close()
    assert refused.status_code == 429


def test_x_forwarded_for_names_the_client_behind_a_trusted_proxy(store_path):
    with kg_serve(store_path, *SERVE, "--trusted-proxy", CLIENT_A) as running:
        runaways = Runaways(running, CLIENT_A, 2, **{"X-Forwarded-For": "198.51.100.1"})
        try:
            first_429(CLIENT_A, running, 20, **{"X-Forwarded-For": "198.51.100.1, 10.0.0.1"})
            # through the same proxy, another client behind it goes on
            other = ask_from(CLIENT_A, running, **{"X-Forwarded-For": "198.51.100.2"})
        finally:
            runaways.close()
    assert other.status_code == 200


# --- the rule for who the client is, without a server ---------------------------------------


def scope(peer: str, forwarded: str | None = None) -> dict[str, object]:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    return {"type": "http", "path": "/sparql", "client": (peer, 50000), "headers": headers}


def test_the_client_is_the_peer_unless_the_peer_is_a_trusted_proxy():
    limit = ClientLimit(app=None, per_client=2, trusted_proxies=("10.1.1.1",))  # type: ignore[arg-type]
    assert limit.client(scope("203.0.113.5", "198.51.100.7")) == "203.0.113.5"
    assert limit.client(scope("10.1.1.1", " 198.51.100.7 , 10.0.0.2")) == "198.51.100.7"
    assert limit.client(scope("10.1.1.1")) == "10.1.1.1"
    assert limit.client(scope("10.1.1.1", "")) == "10.1.1.1"


def test_queries_are_counted_per_client_and_released_when_answered():
    import asyncio

    release = asyncio.Event()
    sent: list[int] = []

    async def slow_app(scope, receive, send):  # type: ignore[no-untyped-def]
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    limit = ClientLimit(slow_app, per_client=1)

    async def call(peer: str) -> None:
        async def receive() -> dict[str, object]:
            return {"type": "http.request", "body": b""}

        async def send(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                sent.append(int(message["status"]))  # type: ignore[call-overload]

        await limit(scope(peer), receive, send)  # type: ignore[arg-type]

    async def scenario() -> None:
        first = asyncio.create_task(call("192.0.2.1"))
        await asyncio.sleep(0)
        await call("192.0.2.1")  # past its share: answered at once
        assert sent == [429]
        other = asyncio.create_task(call("192.0.2.2"))
        await asyncio.sleep(0)
        release.set()
        await asyncio.gather(first, other)
        assert sorted(sent) == [200, 200, 429]
        assert limit.active == {}
        await call("192.0.2.1")  # released: admitted again
        assert sent[-1] == 200

    asyncio.run(scenario())
