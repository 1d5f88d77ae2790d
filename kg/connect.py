"""Open a store: the embedded one in a folder (the default), or a remote SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError

if TYPE_CHECKING:
    from kg.remote import Endpoint
    from kg.store import Store


def open_store(
    path: Path | None = None, read_only: bool = False, endpoint: Endpoint | None = None
) -> Store:
    """Open the embedded store at ``path`` (default .newskg/store), or the remote ``endpoint``."""
    # imported here: each backend pulls in its own client libraries, and a command uses one
    if endpoint is not None:
        from kg.remote import RemoteStore

        if not read_only and not endpoint.writable:
            raise StoreError(
                f"{endpoint.query} takes queries only: "
                "give --graph-store URL or --update-endpoint URL to write"
            )
        return RemoteStore(endpoint)
    from kg.store import DEFAULT_STORE, EmbeddedStore
    from kg.storelock import StoreLock

    path = path or DEFAULT_STORE
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}; load articles first (`kg ingest data/articles`)")
    # one writer or many readers (see kg.storelock); the store releases the lock on close
    lock = StoreLock(path)
    if read_only:
        lock.for_reading()
    else:
        lock.for_writing()
    return EmbeddedStore(path, read_only=read_only, lock=lock)
