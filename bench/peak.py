"""Run a `kg` command and write the peak memory (MiB) of its main process as JSON.

python bench/peak.py OUT.json ingest corpus.jsonl --store DIR --jobs 2
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from kg.cli import main


def run() -> None:
    """Run the command given after OUT.json, then record the peaks even if it exits non-zero."""
    out = Path(sys.argv[1])
    try:
        main(sys.argv[2:], standalone_mode=True)
    except SystemExit as e:
        code = e.code
    else:
        code = 0
    # ru_maxrss is in KiB on Linux; the build workers are the forkserver's children, not ours
    peaks = {"main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "exit": code}
    out.write_text(json.dumps(peaks), encoding="utf-8")


if __name__ == "__main__":
    run()
