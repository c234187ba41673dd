"""Conditions attached to commitments.

Two constructions (../shared/spec/extraction.md, `conditions`):

* inline conditional clauses after the undertaking: "provided (that) ...",
  "on condition that ...", "(only) if ...", "subject to ...", "as long as ...",
  "until ...", "unless ..." (a negative condition), and the inverted conditional
  "should Russia resort to ..." (Quirk et al. 1985, 15.36 "conditional clauses");
  concessives ("even if") and durations ("as long as necessary") are not conditions;
* enumerated lists announced by a noun: "The German proposal comes with three major
  conditions: first, that ...; second, that ...; and third, that ..." - each item is
  one condition, and the list governs the commitments of the actor named before it.

A condition clause whose second half is a coordinated verb phrase ("stops the
funding ... and commits to never having nuclear weapons") is split in two, as the
gold annotates one condition per requirement.

Cue lists are `pipeline/resources/commitments/condition_cues.tsv` and
`condition_exclusions.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "commitments"

__all__ = ["EnumeratedConditions", "find_conditions", "find_enumerated_conditions"]


@dataclass
class EnumeratedConditions:
    start: int
    """offset of the sentence announcing the list"""
    head_start: int
    head_end: int
    """the text before "conditions" ("The German proposal comes with three major")"""
    conditions: list[dict[str, Any]]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = []
    for line in (RESOURCES / "condition_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cues.append(line.split("\t")[0].strip())
    excl = [
        ln.strip()
        for ln in (RESOURCES / "condition_exclusions.txt").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    cues.sort(key=len, reverse=True)
    # "should (?=[A-Z]...)" needs case: the lookahead written in the file keeps its case
    cue_re = re.compile(r"(?<![\w])(?:" + "|".join(_case(c) for c in cues) + r")")
    excl_re = re.compile(
        r"(?:" + "|".join(re.escape(e) for e in sorted(excl, key=len, reverse=True)) + r")(?![\w])",
        re.I,
    )
    end_re = re.compile(
        r"[.;!?”\"]|\s[–—-]\s|,\s+(?:but|while|whereas|although|though|according|said|he|she|they|adding|saying|and\s+(?:the|a|an|it|he|she|they))\b"
    )
    return cue_re, excl_re, end_re


def _case(cue: str) -> str:
    """Cue words match in any case; a lookahead written in the file keeps its case."""
    head, _, look = cue.partition("(?=")
    body = "".join(
        f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else (r"\s+" if ch == " " else re.escape(ch))
        for ch in head.rstrip()
    )
    if look:
        return body + r"\s+(?=" + look
    return body + r"(?![\w])"


_AND_VERB = re.compile(r"\s+and\s+(?=(?P<w>[a-z]+s)\b)")


def _split(text: str, start: int) -> list[tuple[int, int]]:
    """Split "A stops X and commits to Y" at "and" + a third-person verb."""
    parts = []
    cur = 0
    for m in _AND_VERB.finditer(text):
        w = m.group("w")
        if w.endswith(("ss", "us", "ics")) or len(text[cur : m.start()].split()) < 3:
            continue
        parts.append((start + cur, start + m.start()))
        cur = m.end()
    parts.append((start + cur, start + len(text)))
    return parts


def find_conditions(text: str, *, offset: int = 0) -> list[dict[str, Any]]:
    """Conditional clauses in `text` (a clause region after a commitment), as {span, text, polarity}."""
    cue_re, excl_re, end_re = _patterns()
    out: list[dict[str, Any]] = []
    pos = 0
    while True:
        m = cue_re.search(text, pos)
        if not m:
            break
        pos = m.end()
        before = text[max(0, m.start() - 5) : m.start()].lower()
        if excl_re.match(text, m.start()) or before.endswith(("even ", "as ")):
            continue
        end_m = end_re.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        clause = text[m.start() : end].rstrip(" ,")
        if len(clause.split()) < 3:
            continue
        neg = m.group(0).lower() == "unless"
        for s, e in _split(clause, m.start()):
            t = text[s:e].strip(' ,“”"')
            s2 = text.find(t, s)
            out.append(
                {
                    "span": [offset + s2, offset + s2 + len(t)],
                    "text": t,
                    "polarity": "negative" if neg else "positive",
                }
            )
        pos = end
    return out


_ENUM_CUE = re.compile(
    r"\b(?P<noun>conditions|preconditions|requirements|demands|things|terms|steps)\b"
    r"(?:\s+(?:were|are|is|be|being|must|should|would|will|have|has|been|to|met|set|attached))*"
    r"\s*:\s*",
    re.I,
)
_CONDITION_NOUNS = ("conditions", "preconditions", "requirements", "demands")
_ORDINAL = re.compile(
    r"(?:^|;\s*|,\s*)(?:and\s+)?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly|\(\w\)|\d\))\s*,?\s*",
    re.I,
)


@lru_cache(maxsize=8)
def find_enumerated_conditions(text: str) -> list[EnumeratedConditions]:
    """Lists of conditions announced with a colon and ordinals or semicolons."""
    out = []
    for m in _ENUM_CUE.finditer(text):
        head_start = max(text.rfind(ch, 0, m.start()) for ch in ".;:!?\n") + 1
        head_start = max(head_start, m.start() - 120)
        while head_start < m.start() and text[head_start].isspace():
            head_start += 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        dot = re.search(r"\.(?:\s|$)", text[m.end() : end])
        if dot:
            end = m.end() + dot.start()
        body = text[m.end() : end]
        pieces = [p for p in _ORDINAL.split(body) if p and p.strip(" ;,")]
        if len(pieces) < 2 and m.group("noun").lower() not in _CONDITION_NOUNS:
            continue  # "two things: first, ...; second, ...": only with ordinals
        if len(pieces) < 2:
            pieces = [p for p in re.split(r";\s*(?:and\s+)?", body) if p.strip()]
        if len(pieces) < 2:
            continue
        conds = []
        cursor = m.end()
        for p in pieces:
            t = p.strip(" ;,.")
            if not t:
                continue
            s = text.find(t, cursor)
            cursor = s + len(t)
            conds.append({"span": [s, s + len(t)], "text": t, "polarity": "positive"})
        out.append(EnumeratedConditions(head_start, head_start, m.start(), conds))
    return out
