"""Reading the lexicon and gazetteer data files under pipeline/resources/.

One format everywhere: UTF-8 text, one entry per line, `#` starts a comment line, blank
lines are skipped; `.tsv` entries are tab-separated columns, each stripped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


def data_lines(path: Path) -> list[str]:
    """The entries of a data file, stripped, without blank and comment lines."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def data_rows(path: Path) -> list[list[str]]:
    """The entries of a tab-separated data file, each split into stripped columns."""
    return [[cell.strip() for cell in line.split("\t")] for line in data_lines(path)]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "pledged to" wins over
    "pledged"), a space in a word matching any run of whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
