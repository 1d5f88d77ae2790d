"""Who may open an embedded store: one writer, or any number of readers, never both at once.

pyoxigraph opens a store read-only only while no process writes it (otherwise "undefined
behaviour": the writer's compactions delete the files a reader has open), and RocksDB lets one
process write. So a command takes the store's lock before it opens the store: a shared hold to
read (`kg query`, `kg export`, `kg serve`), an exclusive one to write (`kg ingest`, `kg load`,
`kg delete`). A command that cannot have it stops at once and says who holds it. The lock is
filelock's SQLite reader/writer lock in a file beside the store; the system drops a process's
hold when it dies, even by kill -9.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from filelock import ReadWriteLock, Timeout

from kg.errors import StoreError


class StoreLock:
    """The lock of the embedded store in ``store`` (a file beside the folder)."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.path = store.with_name(store.name + ".lock")
        # who writes, for the message the others get
        self.owner = store.with_name(store.name + ".writer")
        self._lock: ReadWriteLock | None = None
        self._writing = False

    def for_writing(self) -> None:
        """Hold the store alone; raise StoreError if another process reads or writes it."""
        lock = self._open()
        try:
            lock.acquire_write(timeout=0, blocking=False)
        except Timeout:
            self.release()
            raise StoreError(self._busy()) from None
        self._writing = True
        self.owner.write_text(f"{_command()} (process {os.getpid()})", encoding="utf-8")

    def for_reading(self) -> None:
        """Hold the store with other readers; raise StoreError if a process writes it."""
        lock = self._open()
        try:
            lock.acquire_read(timeout=0, blocking=False)
        except Timeout:
            self.release()
            raise StoreError(
                f"{self.store} is being written by {self._writer()}: the embedded store cannot be "
                "read while it is written; run this when that is done, or load into a SPARQL "
                "server (--endpoint) to read during loads"
            ) from None

    def release(self) -> None:
        """Let the others in (also what the system does when the process dies)."""
        if self._writing:
            self.owner.unlink(missing_ok=True)
            self._writing = False
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _open(self) -> ReadWriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # one instance per hold: the same process may open two stores (or one twice, in tests)
        self._lock = ReadWriteLock(self.path, is_singleton=False)
        return self._lock

    def _busy(self) -> str:
        writer = self._writer()
        if writer == _UNKNOWN:
            return (
                f"{self.store} is open in another kg command (a query, export or kg serve "
                "reading it, or a load writing it); run this when it is done, or give another "
                "--store"
            )
        return f"{self.store} is being written by {writer}; run this when it is done"

    def _writer(self) -> str:
        try:
            noted = self.owner.read_text(encoding="utf-8").strip()
        except OSError:
            return _UNKNOWN
        pid = noted.rpartition("process ")[2].rstrip(")")
        return noted if pid.isdigit() and _alive(int(pid)) else _UNKNOWN


_UNKNOWN = "another process"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _command() -> str:
    """Name the command this process runs (`kg ingest`), for the others' messages."""
    name = Path(sys.argv[0]).name if sys.argv else ""
    # `python -m kg` runs kg/__main__.py
    if name in ("kg", "__main__.py") and len(sys.argv) > 1:
        return f"`kg {sys.argv[1]}`"
    return "a program"
