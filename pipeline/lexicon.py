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
    "pledged"), a space in a word matching any run of whitespace.

    Written as a trie ("pledge(?:d(?:\\s+to)?|s)?"): Python's regex engine tries every
    alternative of a flat list at each position, the trie only the branch of the next
    character (the commitment rules' cue, verb and keyword scans: ~3 ms of CPU per article,
    docs/benchmark.md, session 13). It matches as the flat list `w1|w2|...` sorted longest
    first does, with or without re.IGNORECASE, groups and backtracking included: where the
    next character can take only one branch, the words that match at a position are prefixes
    of one another and the trie tries them longest first; the branches one character could
    take without regard to case ("P"/"p") keep their words as a flat list, longest first.
    Words are taken with their whitespace collapsed and stripped (a leading, trailing or double
    space would let the trie's optional branches match less than the flat list)."""
    root: _Trie = {}
    for w in sorted({" ".join(w.split()) for w in words} - {""}, key=len, reverse=True):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


_Trie = dict[str, "_Trie"]
"""a word trie: one key per next character, "" where a word ends"""


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _suffixes(node: _Trie, prefix: str = "") -> list[str]:
    """The words ending under a trie node (each after `prefix`), longest first."""
    out: list[str] = []
    stack = [(node, prefix)]
    while stack:
        at, pre = stack.pop()
        for ch, sub in at.items():
            if ch:
                stack.append((sub, pre + ch))
            else:
                out.append(pre)
    return sorted(out, key=len, reverse=True)


def _may_share(a: str, b: str) -> bool:
    """Whether one character could match the two trie edges `a` and `b` (a space stands for
    any run of whitespace; letters compared without regard to case)."""
    if a.isspace() or b.isspace():
        return a.isspace() and b.isspace()
    return re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None


def _trie_pattern(node: _Trie) -> str:
    # the edges by the characters they may match: one branch each, or a flat list of words
    classes: dict[str, list[str]] = {}
    for ch in node:
        if ch:
            classes.setdefault(" " if ch.isspace() else ch.lower(), []).append(ch)
    firsts = [edges[0] for edges in classes.values()]
    if any(_may_share(a, b) for i, a in enumerate(firsts) for b in firsts[i + 1 :]):
        return "(?:" + _flat(_suffixes(node)) + ")"  # an unusual character: all flat
    kids = []
    for edges in classes.values():
        if len(edges) == 1:
            ch = edges[0]
            kids.append((r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(node[ch]))
        else:
            words = sorted((w for ch in edges for w in _suffixes(node[ch], ch)), key=len, reverse=True)
            kids.append("(?:" + _flat(words) + ")")
    if not kids:
        return ""
    if len(kids) == 1 and "" not in node:
        return kids[0]
    return "(?:" + "|".join(kids) + ")" + ("?" if "" in node else "")
