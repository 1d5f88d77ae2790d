#!/usr/bin/env bash
# Install Virtuoso Open Source (Debian package virtuoso-opensource) for the store tests.
# Idempotent: does nothing when virtuoso-t is already on PATH. Exits non-zero if it cannot.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-virtuoso: apt-get not found; install virtuoso-opensource by hand" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-virtuoso: needs root (or sudo) to run apt-get" >&2
        exit 1
    fi
    SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# the package's own service is not needed: the tests start virtuoso-t with their own database
$SUDO apt-get install -y -q --no-install-recommends virtuoso-opensource
command -v virtuoso-t >/dev/null 2>&1
