"""Server settings: the store, the IRI base it serves and the bounds on queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kg.iris import DEFAULT_BASE
from kg.store import Store

LINKABLE_SCHEMES = ("http", "https")


def linkable(url: str) -> str:
    """Return a URL a page may link to (http or https), or "" for anything else."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return ""
    return url if scheme.lower() in LINKABLE_SCHEMES else ""


@dataclass(frozen=True)
class ServerSettings:
    """What one server instance serves and how much a query may cost."""

    store: Store
    base: str = DEFAULT_BASE
    allow_updates: bool = False
    # the bearer token updates must carry; None: updates need none (loopback only)
    update_token: str | None = field(default=None, repr=False)
    query_timeout: float = 10.0
    # requests answered at once; the next get 503 with Retry-After
    max_requests: int = 64
    # SPARQL queries one client may have running at once; the next get 429 with Retry-After
    client_queries: int = 2
    # peers whose X-Forwarded-For names the client (reverse proxies); no other peer's is read
    trusted_proxies: tuple[str, ...] = ()
    # bytes of a request body (a query or update sent by POST)
    max_body: int = 1_048_576
    max_rows: int = 10_000
    # worker processes for the pages' store calls and for the SPARQL endpoint's queries
    page_workers: int = 2
    query_workers: int = 2
    # heap bytes of each worker, and bytes of one answer
    worker_memory: int = 512 * 1024 * 1024
    max_result: int = 16 * 1024 * 1024
    # how long cached store summaries (search names, VoID counts) are reused
    cache_seconds: float = 30.0
    # IRI prefixes of the endpoints SERVICE and LOAD may reach; none by default
    service_allow: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def __getstate__(self) -> dict[str, object]:
        # worker processes open the store themselves: the settings travel without it
        return {k: v for k, v in self.__dict__.items() if k not in ("store", "update_token")}

    def local_path(self, iri: str) -> str | None:
        """Return the server path of an IRI minted under the base, or None for outside IRIs."""
        if not iri.startswith(self.base):
            return None
        return "/" + iri[len(self.base) :]

    def href(self, iri: str) -> str:
        """Return where a page should link to for an IRI: here when it is ours, else itself
        if it is an http(s) URL, else "" (shown as text: no javascript: or data: links)."""
        return self.local_path(iri) or linkable(iri)

    def iri(self, path: str) -> str:
        """Return the IRI a server path stands for."""
        return self.base + path.lstrip("/")
