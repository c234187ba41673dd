"""Check HTML extraction on the reference pages of shared/data/html-pages (title, date, author,
body token F1, and the speed in pages per CPU second against trafilatura alone).

    uv run python scripts/check_html_pages.py [PAGES_DIR] [--json OUT] [--repeat N]

The code lives in pipeline/devtools/html_pages.py (the tests import it from there)."""

from __future__ import annotations

import sys

from pipeline.devtools.html_pages import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
