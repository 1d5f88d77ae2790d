"""Misbehaving HTTP peers on 127.0.0.1 for the remote store tests: real TCP listeners.

`ResettingProxy` resets the first connections it accepts (TCP RST, as a server restarting or
overloaded does) and relays the rest to a real SPARQL server. `Canned` answers every request
with the same bytes (an HTML page, garbage) or holds the connection without answering.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

CHUNK = 65536


def _reset(conn: socket.socket) -> None:
    """Close ``conn`` with a TCP RST instead of a FIN (the peer sees 'connection reset')."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _read_request_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(CHUNK)
        if not chunk:
            break
        data += chunk
    return data


class _Listener:
    """Accept connections on a free port of 127.0.0.1 in a thread until closed."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self.accepted = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._done.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Thread(target=self._handle, args=(conn, self.accepted), daemon=True).start()

    def _handle(self, conn: socket.socket, number: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._done.set()
        self._server.close()
        self._thread.join(timeout=5)


class ResettingProxy(_Listener):
    """Reset the first ``resets`` connections; relay the rest to ``target`` (a server's URL).

    A reset connection is cut after the request head, or, with ``cut``, after that many bytes
    of the request were relayed to the server (which then holds a request cut short).
    """

    def __init__(self, target: str, resets: int, cut: int | None = None) -> None:
        host, _, port = target.removeprefix("http://").split("/")[0].partition(":")
        self._target = (host, int(port))
        self.resets = resets
        self.cut = cut
        super().__init__()

    def _handle(self, conn: socket.socket, number: int) -> None:
        if number <= self.resets:
            with suppress(OSError):
                self._cut_short(conn)
            return
        with suppress(OSError), conn, socket.create_connection(self._target) as upstream:
            back = threading.Thread(target=_pipe, args=(upstream, conn), daemon=True)
            back.start()
            _pipe(conn, upstream)
            back.join(timeout=60)

    def _cut_short(self, conn: socket.socket) -> None:
        if self.cut is None:
            _read_request_head(conn)
            _reset(conn)
            return
        upstream = socket.create_connection(self._target)
        sent = b""
        while len(sent) < self.cut and (chunk := conn.recv(CHUNK)):
            sent += chunk
        upstream.sendall(sent[: self.cut])
        _reset(upstream)
        _reset(conn)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    with suppress(OSError):
        while chunk := source.recv(CHUNK):
            sink.sendall(chunk)
        sink.shutdown(socket.SHUT_WR)


class Canned(_Listener):
    """Answer every request with ``answer`` (raw HTTP bytes), or never answer when it is None."""

    def __init__(self, answer: bytes | None) -> None:
        self.answer = answer
        super().__init__()

    def _handle(self, conn: socket.socket, number: int) -> None:
        with suppress(OSError), conn:
            _read_request_head(conn)
            if self.answer is None:
                self._done.wait(timeout=60)
                return
            conn.sendall(self.answer)


def http_answer(status: str, content_type: str, body: bytes) -> bytes:
    """Return a whole HTTP/1.1 response that closes the connection."""
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


@contextmanager
def listening(listener: _Listener) -> Iterator[_Listener]:
    """Yield a started listener and close it afterwards."""
    try:
        yield listener
    finally:
        listener.close()
