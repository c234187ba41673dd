#!/bin/sh
# Install Debian's chromium when it is missing (the report test renders the report in it).
# Usage: scripts/ensure_chromium.sh   (needs root or sudo; prints the browser's version)
set -eu

if command -v chromium >/dev/null 2>&1; then
    chromium --version 2>/dev/null || true
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "ensure_chromium: chromium is missing and this is not root (no sudo either)" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
chromium --version
