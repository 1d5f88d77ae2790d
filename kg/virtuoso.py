"""Virtuoso's bulk loader: article graphs -> an N-Quads file -> ld_dir and rdf_loader_run.

Virtuoso takes one Graph Store PUT an article far slower than its bulk loader reads files
(bench/README.md): for a large ingest, `kg ingest --virtuoso-load DIR --isql HOST:PORT` writes
each batch of graphs as one N-Quads file into DIR, a folder the server reads (listed in its
DirsAllowed, on the same machine or a shared file system), drops the graphs it replaces and
has the server load the file, all through Virtuoso's isql client. Queries and everything else
go to the SPARQL endpoint as usual.

The bulk loader is neither transactional nor logged: until a checkpoint, a server crash loses
what it loaded, and one of the server's own checkpoints may fall in the middle of a file. So a
journal in DIR names every graph loaded since the last checkpoint this store asked for (every
CHECKPOINT_EVERY batches, and on close), and the next open drops them: an interrupted load
leaves no half-loaded article, which a rerun would otherwise skip as stored.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.errors import StoreError
from kg.model import GraphData
from kg.ntriples import in_graph, is_iri
from kg.remote import RemoteStore
from kg.store import QueryResult, Term

ISQL_COMMANDS = ("isql-vt", "isql")  # Debian names Virtuoso's client isql-vt
ISQL_TIMEOUT = 3600.0  # seconds for one batch's load
CHECKPOINT_EVERY = 20  # batches: what an interrupted ingest may have to build again


@dataclass(frozen=True)
class BulkLoad:
    """Where the server reads the files, and how to reach its SQL port."""

    folder: Path
    isql: str  # HOST:PORT of the server's SQL port (1111 by default)
    user: str = "dba"
    password: str = "dba"


class VirtuosoBulkStore:
    """A Virtuoso endpoint whose article writes go through its bulk loader."""

    def __init__(self, remote: RemoteStore, load: BulkLoad) -> None:
        self.remote = remote
        self.load = load
        self.journal = load.folder / "newskg-loading.txt"
        self._client = _isql_command()
        self._unsaved = 0  # batches loaded since the last checkpoint
        if not load.folder.is_dir():
            raise StoreError(f"{load.folder}: no such folder; give one the Virtuoso server reads")
        self._undo_interrupted_load()

    def replace_graphs(self, graphs: Iterable[GraphData]) -> int:
        """Store graphs, each replacing its namesake: one N-Quads file, one bulk load."""
        batch = list({g.iri: g for g in graphs}.values())  # the same article twice: the last wins
        if not batch:
            return 0
        for data in batch:
            if not is_iri(data.iri):
                raise StoreError(f"cannot store a graph named {data.iri!r}: not an IRI")
        name = f"newskg-{uuid.uuid4().hex}.nq"
        path = self.load.folder / name
        path.write_bytes(b"".join(in_graph(g.ntriples, g.iri) for g in batch))
        with self.journal.open("a", encoding="utf-8") as journal:
            journal.write("".join(f"{g.iri}\n" for g in batch))
        try:
            # only the graphs stored already are dropped: one statement each is most of a
            # batch's time when all of them are new
            stored = self._stored([g.iri for g in batch])
            self._run(_drops(stored) + _bulk_load(self.load.folder, name))
        finally:
            path.unlink(missing_ok=True)
        self._check_loaded(name)
        self._unsaved += 1
        if self._unsaved >= CHECKPOINT_EVERY:
            self._checkpoint()
        return len(batch)

    def _stored(self, iris: list[str]) -> list[str]:
        values = " ".join(f"<{iri}>" for iri in iris)
        sparql = (
            f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} "
            "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        )
        return [str(row["g"]) for row in self.remote.query(sparql).rows]

    def _checkpoint(self) -> None:
        self._run("checkpoint;\n")
        self.journal.unlink(missing_ok=True)
        self._unsaved = 0

    def replace_graph(self, graph: Graph) -> None:
        self.replace_graphs([GraphData.of(graph)])

    def delete_graph(self, iri: str) -> bool:
        return self.remote.delete_graph(iri)

    def graphs(self) -> list[str]:
        return self.remote.graphs()

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        return self.remote.query(sparql, bindings, max_rows)

    def construct(self, sparql: str) -> bytes:
        return self.remote.construct(sparql)

    def dump(self, graph: str | None = None) -> bytes:
        return self.remote.dump(graph)

    def update(self, sparql: str) -> None:
        self.remote.update(sparql)

    def close(self) -> None:
        """Make the loaded graphs durable (the bulk loader writes no log), then disconnect."""
        try:
            if self._unsaved:
                self._checkpoint()
        finally:
            self.remote.close()

    def _undo_interrupted_load(self) -> None:
        if not self.journal.exists():
            return
        iris = self.journal.read_text(encoding="utf-8").split()
        self._run(_drops(iris))
        self.journal.unlink()

    def _check_loaded(self, name: str) -> None:
        file = _sql_string(str(self.load.folder / name))
        output = self._run(
            f"SELECT 'newskg-error', ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file = {file} "
            "AND ll_error IS NOT NULL;\n"
            f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file = {file};\n"
        )
        errors = [line for line in output.splitlines() if line.startswith("newskg-error")]
        if errors:
            raise StoreError(f"Virtuoso's bulk loader refused {name}: {errors[0][12:].strip()}")

    def _run(self, script: str) -> str:
        host, _, port = self.load.isql.rpartition(":")
        command = [
            self._client,
            f"{host or '127.0.0.1'}:{port}",
            self.load.user,
            self.load.password,
        ]
        try:
            done = subprocess.run(
                command,
                input=script,
                capture_output=True,
                text=True,
                timeout=ISQL_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise StoreError(f"isql at {self.load.isql} did not finish ({e})") from e
        failed = [line for line in (done.stdout + done.stderr).splitlines() if "*** Error" in line]
        if done.returncode != 0 or failed:
            reason = failed[0] if failed else done.stderr.strip()[-300:]
            raise StoreError(
                f"isql at {self.load.isql} failed: {reason}; check --isql HOST:PORT, the dba "
                "password (NEWSKG_PASSWORD) and that the folder is in the server's DirsAllowed"
            )
        return done.stdout


def bulk_store(store: object, folder: Path, isql: str) -> VirtuosoBulkStore:
    """Wrap an open remote store so that its article writes go through the bulk loader."""
    if not isinstance(store, RemoteStore):
        raise StoreError("--virtuoso-load needs --endpoint URL (a Virtuoso server's /sparql)")
    endpoint = store.endpoint
    load = BulkLoad(folder.resolve(), isql, endpoint.user or "dba", endpoint.password or "dba")
    return VirtuosoBulkStore(store, load)


def _isql_command() -> str:
    for name in ISQL_COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    raise StoreError("Virtuoso's isql client is missing: install virtuoso-opensource (isql-vt)")


def _drops(iris: Iterable[str]) -> str:
    return "".join(f"SPARQL DROP SILENT GRAPH <{iri}>;\n" for iri in iris)


def _bulk_load(folder: Path, name: str) -> str:
    # the graph argument names the graph of triple files only: N-Quads name their own
    return (
        f"ld_dir({_sql_string(str(folder))}, {_sql_string(name)}, 'urn:newskg:unused');\n"
        "rdf_loader_run();\n"
    )


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
