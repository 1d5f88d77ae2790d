"""Extraction quality: run a gold-data scorer over newskg's output and print its tables.

    python bench/quality.py --scorer EVAL/score.py EVAL/seed EVAL/meantime-dev

The scorer (a script that runs `kg build` on the gold articles and compares the RDF with the
gold annotations) is an independent measuring instrument, so it is not part of newskg; this
runs it once per gold set with this interpreter's newskg and prints each table under the name
of its set. The exit code is the first non-zero one of the scorer, if any.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", type=Path, required=True, help="the scorer script")
    parser.add_argument("gold", nargs="+", type=Path, help="gold sets (folders or files)")
    args = parser.parse_args()
    if not args.scorer.is_file():
        parser.error(f"no scorer at {args.scorer}")
    kg = f"{shlex.quote(sys.executable)} -m kg"
    status = 0
    for gold in args.gold:
        print(f"== {gold}", flush=True)
        done = subprocess.run([sys.executable, str(args.scorer), str(gold), "--kg", kg])
        status = status or done.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
