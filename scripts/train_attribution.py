"""Train the attribution tagger (pipeline/extract/attribution_model.py) on PolNeAR **train**.

The code lives in pipeline/devtools/attribution_training.py (the tests import it from there)."""

from __future__ import annotations

import sys

from pipeline.devtools.attribution_training import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
