"""Score statements against PolNeAR re-cut to this project's contract (analysis only).

The code lives in pipeline/devtools/polnear_view.py (the tests import it from there)."""

from __future__ import annotations

import sys

from pipeline.devtools.polnear_view import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
