"""Pledge totals told through the pledges, with no giver as subject.

"The conference ended with pledges of €7.5 billion", "Gavi secured more than $9 billion in
pledges", "with $5.5 billion in pledges from a handful of governments": the money is a total of
many givers' pledges (extraction.md, "Totals and their parts": a conference total is its own
row, committer `donors`). This module only finds where such a total is written; the
extractor decides whether a row already states it and builds the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.config import RESOURCES_DIR
from pipeline.extract.amounts import is_money, not_committed
from pipeline.lexicon import alternation, data_lines

RESOURCES = RESOURCES_DIR / "commitments"


@lru_cache(maxsize=1)
def _pooled() -> re.Pattern[str]:
    """Right after the money, a noun for many donors' pooled pledges: "$5bn (fourteenth) replenishment"."""
    nouns = alternation(data_lines(RESOURCES / "total_pooled_nouns.txt"))
    return re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b", re.I)


_HEDGE = r"(?:(?:about|around|roughly|some|nearly|almost|close\s+to|more\s+than|over|at\s+least|up\s+to)\s+)?"


@lru_cache(maxsize=1)
def _told() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A total told by what happened to the money, with no giver: "Almost $14bn has been
    raised", "with more than $1.1 billion pledged" (right after the money), "pledges ... have
    reached $2.6 billion" (before it); pledging_participles.txt, total_reaching_verbs.txt."""
    parts = alternation(data_lines(RESOURCES / "pledging_participles.txt"))
    reach = alternation(data_lines(RESOURCES / "total_reaching_verbs.txt"))
    nouns = alternation(data_lines(RESOURCES / "total_nouns.txt"))
    passive = re.compile(
        rf"\s+(?:(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?been|was|were)\s+(?:{parts})\b"
        r"(?!\s+(?:by|from)\b)",
        re.I,
    )
    with_part = re.compile(rf"\s+(?:in\s+[a-z]+\s+)?(?:{parts})\b(?!\s+(?:by|from)\b)", re.I)
    reached = re.compile(
        rf"\b(?:{nouns})\b[^,;.]{{0,60}}?\b(?:(?:have|has|had)\s+)?(?:{reach})\s+{_HEDGE}$", re.I
    )
    return passive, with_part, reached


@lru_cache(maxsize=1)
def _collective() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A sum of many givers: the word anywhere, and the phrase right before the money ("a
    collective $1.9 billion", "a combined $2bn"); collective_sum_words.txt."""
    words = alternation(data_lines(RESOURCES / "collective_sum_words.txt"))
    return re.compile(rf"\b(?:{words})\b", re.I), re.compile(rf"\b(?:a|an)\s+(?:{words})\s+{_HEDGE}$", re.I)


def told_cue(sentence: str) -> bool:
    """Could the sentence tell a total by what happened to the money (`_told`), or as the sum
    of many givers ("a collective $1.9 billion")?"""
    passive, with_part, reached = _told()
    return bool(
        passive.search(sentence)
        or reached.search(sentence)
        or (" with " in sentence and with_part.search(sentence))
        or _collective()[0].search(sentence)
    )


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = alternation(data_lines(RESOURCES / "total_nouns.txt"))
    mods = alternation(data_lines(RESOURCES / "total_modifiers.txt"))
    # right after the money: "$9bn in (new) pledges", "$2.4 billion worth of pledges"
    after = re.compile(rf"\s+(?:in|of|worth\s+of)\s+(?:(?:{mods})\s+)?(?:{nouns})\b", re.I)
    # right before the money: "(new) pledges of (more than) $9bn", "pledges totalling $9bn"
    before = re.compile(
        rf"\b(?:(?:{mods})\s+)?(?:{nouns})\s+(?:of|totall?ing|worth|amounting\s+to|reaching)\s+"
        rf"{_HEDGE}$",
        re.I,
    )
    return after, before


@dataclass(frozen=True)
class Total:
    money: dict[str, Any]  # the money quantity (find_quantities shape, span in the body)
    start: int  # the clause that states it: from the noun or the money ...
    end: int  # ... to the end of the noun phrase
    collective: bool = False  # "a collective $1.9 billion": needs a pledging cue before it


def find_totals(text: str, sent: tuple[int, int], quantities: list[dict[str, Any]]) -> list[Total]:
    """Money in the sentence `sent` written as pledges without a giver ("$9bn in pledges",
    "pledges of $9bn", "the $5bn replenishment of the fund"), unless written as a target or a
    need ("hopes to raise $9bn in pledges")."""
    after, before = _patterns()
    out: list[Total] = []
    s0, _e0 = sent
    for q in quantities:
        if not is_money(q) or q.get("value") is None:
            continue
        qs, qe = q["span"]
        if not_committed(text[max(s0, qs - 80) : qs]):
            continue
        # the total is the money pledged, even when the pledges around it are its parts ("forms
        # part of the $5bn replenishment"): not a whole to pass over (amounts.amount_of)
        money = {k: v for k, v in q.items() if k != "_whole"}
        m = after.match(text, qe) or _pooled().match(text, qe)
        if m:
            out.append(Total(money, qs, m.end()))
            continue
        b = before.search(text[max(s0, qs - 80) : qs])
        if b:
            out.append(Total(money, max(s0, qs - 80) + b.start(), qe))
            continue
        passive, with_part, reached = _told()
        m = passive.match(text, qe)
        if (
            m is None
            and re.search(rf"\bwith\s+{_HEDGE}$", text[max(s0, qs - 30) : qs], re.I)
            # not a figure compared with ("compares with ... and with $15bn raised last time")
            and not re.search(r"\bcompar(?:e|es|ed|ing)\b", text[s0:qs], re.I)
        ):
            m = with_part.match(text, qe)
        if m:
            out.append(Total(money, qs, m.end()))
            continue
        r = reached.search(text[max(s0, qs - 120) : qs])
        if r:
            out.append(Total(money, max(s0, qs - 120) + r.start(), qe))
            continue
        # (the money's own text may start with the words: "a collective $1.9 billion")
        figure = re.search(r"[$€£¥\d]|\b[A-Z]{2,3}\b", text[qs:qe])
        at = qs + (figure.start() if figure else 0)
        c = _collective()[1].search(text[max(s0, qs - 40) : at])
        if c:
            out.append(Total(money, max(s0, qs - 40) + c.start(), qe, collective=True))
    return out


@lru_cache(maxsize=1)
def _receivers() -> re.Pattern[str]:
    words = alternation(data_lines(RESOURCES / "total_receivers.txt"))
    return re.compile(rf"\b(?:{words})\b", re.I)


def receiver_before(between: str) -> bool:
    """True when the words between a name and a pledged total make the name its recipient
    ("Pakistan secured more than $8bn in pledges")."""
    return bool(_receivers().search(between))
