"""Run a `kg` command and write its peak memory (MiB) as JSON.

python bench/peak.py OUT.json ingest corpus.jsonl --store DIR --jobs 2

Two figures (Linux, from /proc): ``main_mib``, the high-water mark of this process's own
memory (VmHWM), and ``tree_mib``, the largest sum of resident memory of this process and all
its descendants (the build workers), sampled every 50 ms. ``ru_maxrss`` is not used: a process
started by fork and exec inherits its parent's high-water mark, so it would report the memory
of whatever started the command.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from kg.cli import main

PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20


def own_peak_mib() -> float:
    """Return this process's resident high-water mark (VmHWM) in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def tree_mib(root: int) -> float:
    """Return the resident memory of ``root`` and all its descendants, in MiB."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            statm = Path(entry.path, "statm").read_text()
        except OSError:  # the process ended while we looked
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        resident[pid] = int(statm.split()[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += resident.get(pid, 0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total * PAGE_MIB


class TreeSampler(threading.Thread):
    """Sample the memory of this process tree until stopped; keep the largest sum."""

    def __init__(self, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.every, self.peak = every, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_mib(os.getpid()))
            self.done.wait(self.every)


def run() -> None:
    """Run the command given after OUT.json, then record the peaks even if it exits non-zero."""
    out = Path(sys.argv[1])
    sampler = TreeSampler()
    sampler.start()
    try:
        main(sys.argv[2:], standalone_mode=True)
    except SystemExit as e:
        code = e.code
    else:
        code = 0
    sampler.done.set()
    sampler.join()
    peaks = {"main_mib": own_peak_mib(), "tree_mib": sampler.peak, "exit": code}
    out.write_text(json.dumps(peaks), encoding="utf-8")


if __name__ == "__main__":
    run()
