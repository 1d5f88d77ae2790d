"""The fork server that `kg ingest --jobs N` starts its worker processes from.

Workers forked from a server do not inherit the parent's threads, open store or loaded
model. The server imports the build code once (about a second), and each worker starts from
that instead of importing it again. `start` may be called before the parent imports the build
code itself, so that the two imports run side by side; it imports nothing heavy.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext

# what the server imports before it forks a worker: the command line, and the worker code
PRELOAD = ["__main__", "kg.ingest"]
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def context() -> ForkServerContext:
    """Return the multiprocessing context of the workers, its server set to preload the build."""
    chosen = multiprocessing.get_context("forkserver")
    chosen.set_forkserver_preload(PRELOAD)
    return chosen


def start() -> None:
    """Start the server now (if it is not running), with one BLAS thread for its workers."""
    context()
    with one_blas_thread():
        forkserver.ensure_running()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Set one BLAS/OpenMP thread for processes started inside the block."""
    # spaCy's matrix code would otherwise start one thread per core in every worker, and
    # N workers x N threads on N cores run slower than one process
    saved = {name: os.environ.get(name) for name in _BLAS_THREADS}
    os.environ.update(dict.fromkeys(_BLAS_THREADS, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
