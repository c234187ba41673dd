"""Check a folder of hand-annotated gold files against their inputs (standard library only).

The code lives in pipeline/devtools/gold_check.py (the tests import it from there)."""

from __future__ import annotations

import sys

from pipeline.devtools.gold_check import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
