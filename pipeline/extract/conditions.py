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

Besides these, "only after/when/once", "except under/with/if ...", "the moment ...",
"while" + a clause (no comma before it: "hold off on sanctions while talks continue"),
money "tied to" / "linked to" a requirement, "depends on", "in the event of"; need and
request ("if needed", "if necessary", "upon request of", "based on ... needs", "as needs
arise"); an approval still required ("must be approved by", "will need to be adopted by ...");
terms named as a phrase ("on a case-by-case basis", "on the same conditions"); after a
refusal only (`refusal=True`), "before" + a clause, "without", "except for" and "where" + a
clause ("will not grant licences where there is a clear risk ..."). "provided" is a cue only
as a conjunction ("provided Kyiv reforms"), not as the verb ("and provided $70 million").

A condition clause ends at a sentence stop, a comma (unless a list goes on: "until the
mandate, the funding and the rules ... are clear"), a closing quotation mark (a quotation
opened inside it is kept), a dash, or "and" opening a report of its own. It is split in
two where its second half is a coordinated verb phrase ("stops the funding ... and commits
to never having nuclear weapons"), a second cue ("as long as A and as long as B"), or a
second clause ("if A and the rules were finalised"), as the gold annotates one condition
per requirement; an enumerated list inside it ("takes two steps: first, that A, and second,
that B") gives one condition per item. A cue in a later clause (after "; ", ", but",
", while", ", and Peru ...", "and said it would ...") belongs to that clause, unless the
clause refers back to the undertaking ("..., but most of it will be paid only if ...").

`condition_start` tells where the first condition begins, so that the object of an
undertaking ends before it ('send rescuers "the minute Morocco asks"').

Cue lists are `pipeline/resources/commitments/condition_cues.tsv` (with optional
context columns), `condition_exclusions.txt` and `condition_scope_refs.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "commitments"

__all__ = ["EnumeratedConditions", "condition_start", "find_conditions", "find_enumerated_conditions"]


@dataclass
class EnumeratedConditions:
    start: int
    """offset of the sentence announcing the list"""
    head_start: int
    head_end: int
    """the text before "conditions" ("The German proposal comes with three major")"""
    conditions: list[dict[str, Any]]


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    negative: bool
    before: re.Pattern[str] | None
    """the text before the cue must end with this ("each tied to")"""
    not_before: re.Pattern[str] | None
    """the text before the cue must not end with this ("..., while")"""
    refusal_only: bool
    """a condition only after a refusal: "will not send jets before it joins NATO" """


@dataclass(frozen=True)
class _Patterns:
    cue_re: re.Pattern[str]
    cues: tuple[_Cue, ...]
    excl_re: re.Pattern[str]
    end_re: re.Pattern[str]
    scope_re: re.Pattern[str]
    refs_re: re.Pattern[str]


def _optional(column: str) -> re.Pattern[str] | None:
    column = column.strip()
    return re.compile(column, re.I) if column and column != "-" else None


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    rows: list[tuple[str, str, list[str]]] = []
    for line in (RESOURCES / "condition_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            rows.append((cols[0].strip(), (cols[1:2] or ["positive"])[0].strip(), cols[2:]))
    rows.sort(key=lambda r: len(r[0]), reverse=True)
    cues = tuple(
        _Cue(
            re.compile(_case(cue)),
            polarity == "negative",
            _optional((extra[0:1] or [""])[0]),
            _optional((extra[1:2] or [""])[0]),
            (extra[2:3] or [""])[0].strip() == "refusal",
        )
        for cue, polarity, extra in rows
    )
    literal: list[str] = []
    regexes: list[str] = []
    for ln in (RESOURCES / "condition_exclusions.txt").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            if ln.startswith("re:"):
                regexes.append(ln[3:].strip())
            else:
                literal.append(ln.strip())
    # "should (?=[A-Z]...)" needs case: the lookahead written in the file keeps its case
    cue_re = re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{c.pattern.pattern})" for c in cues) + r")")
    excl_re = re.compile(
        r"(?:(?:"
        + "|".join(re.escape(e) for e in sorted(literal, key=len, reverse=True))
        + r")(?![\w])"
        + "".join(f"|(?:{r})" for r in regexes)
        + ")",
        re.I,
    )
    # a condition clause ends at a sentence or clause stop, a closing quote (an opening one
    # in the clause, '"re-earns the trust"', does not end it), a dash, a comma (unless a list
    # goes on: "until the mandate, the funding and the rules ... are clear"), or "and" opening
    # a clause of its own ("and the new government has not said ...")
    end_re = re.compile(
        r"\.(?!\d)|[;!?”]|(?<=\S)\"|\s[–—-]\s"
        r"|,(?!\s+(?!and\b|or\b)(?:[\w'’-]+\s+){1,4}?(?:and|or)\s)"
        r"|\s+and\s+(?:the|a|an|its|their|his|her|this|that|these|those)\s+(?:[\w'’-]+\s+){0,5}?"
        r"(?:(?:has|have|had|is|are|was|were|will|would|did|does)\s+(?:not\s+|also\s+|yet\s+)?)?"
        r"(?:said|says|told|announced|added|declined)\b"
    )
    # a cue after these belongs to another clause ("..., but ministers will not attend
    # events until ..."), unless it opens right after them ("..., but only if ...")
    # ... also ", and Peru said ...", and a second predicate: "pledged A and said it would do B
    # if ...", "will donate A and is ready to send B if ..." (the condition is B's)
    scope_re = re.compile(
        r";|\s[–—-]\s|,?\s+but\s+|,\s+(?:while|whereas)\s+|,\s+and\s+(?=[A-Z])"
        r"|\s+and\s+(?:has\s+|have\s+)?(?:said|says|announced|added|is|are|was|were|will|would|also)\b"
    )
    refs = [
        ln.strip()
        for ln in (RESOURCES / "condition_scope_refs.txt").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    refs_re = re.compile(r"\b(?:" + "|".join(_case(r) for r in refs) + ")", re.I)
    return _Patterns(cue_re, cues, excl_re, end_re, scope_re, refs_re)


def _case(cue: str) -> str:
    """Cue words match in any case; a lookahead written in the file keeps its case."""
    at = min((i for i in (cue.find("(?="), cue.find("(?!")) if i >= 0), default=-1)
    head, look = (cue[:at], cue[at:]) if at >= 0 else (cue, "")
    body = "".join(
        f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else (r"\s+" if ch == " " else re.escape(ch))
        for ch in head.rstrip()
    )
    if look:
        return body + r"\s+" + look
    return body + r"(?![\w])"


def _cue_of(pats: _Patterns, text: str, m: re.Match[str], refusal: bool) -> _Cue | None:
    """The cue (longest first) matching at `m`, if its context before allows it."""
    before = text[max(0, m.start() - 40) : m.start()]
    for cue in pats.cues:
        if cue.pattern.match(text, m.start()) is None:
            continue
        if cue.refusal_only and not refusal:
            return None
        if cue.before is not None and cue.before.search(before) is None:
            return None
        if cue.not_before is not None and cue.not_before.search(before) is not None:
            return None
        return cue
    return None


_AND_VERB = re.compile(r"\s+and\s+(?=(?P<w>[a-z]+s)\b)")
_AND_CUE = re.compile(r"\s+(?:and|or)\s+")
_AND_CLAUSE = re.compile(
    r"\s+and\s+(?=(?:the|a|an|its|their|his|her|this|that|these|those)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?:has|have|had|is|are|was|were|will|would|did|does)\b)"
)
"""a second requirement with its own subject: "if A put in twice as much and the fund's rules
were finalised" """
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en)|necessary|appropriate|warranted")
"""the one word of a short condition: "if asked", "once approved", "unless renewed", "if necessary" """
_CONCESSIVE_BEFORE = re.compile(r"(?<![\w])(?:even|as)\s+$", re.I)
_LIST_START = re.compile(r":\s*(?=(?:first(?:ly)?|\(a\)|\(i\)|1\))\b)", re.I)


def _split(text: str, start: int, cue_re: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split "A stops X and commits to Y" at "and" + a third-person verb, "as long as A and as
    long as B" at "and"/"or" + a cue, and "if A happens and the B is done" at "and" + a clause
    (not after a list, "until X, Y and the Z are ...", nor a short subject, "until the
    salaries and the vehicles that were promised are in place")."""
    parts = []
    cur = 0
    cuts = [(m, 3) for m in _AND_VERB.finditer(text) if not m.group("w").endswith(("ss", "us", "ics"))]
    cuts += [(m, 3) for m in _AND_CUE.finditer(text) if cue_re.match(text, m.end())]
    if "," not in text:
        cuts += [(m, 5) for m in _AND_CLAUSE.finditer(text)]
    for m, least in sorted(cuts, key=lambda c: c[0].start()):
        if m.start() < cur or len(text[cur : m.start()].split()) < least:
            continue
        parts.append((start + cur, start + m.start()))
        cur = m.end()
    parts.append((start + cur, start + len(text)))
    return parts


def _listed(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """ "on condition that it takes two steps: first, that A, and second, that B": A and B."""
    lm = _LIST_START.search(text, start, end)
    if lm is None:
        return None
    stop = re.compile(r"\.(?:\s|$)|\n").search(text, lm.end())
    body_end = stop.start() if stop else len(text)
    out = []
    cursor = lm.end()
    for piece in _ORDINAL.split(text[lm.end() : body_end]):
        t = piece.strip(" ;,.")
        if not t:
            continue
        s = text.find(t, cursor)
        cursor = s + len(t)
        out.append((s, s + len(t)))
    return out if len(out) >= 2 else None


def _open_quotes(text: str) -> bool:
    """A quotation opens in `text` and does not close in it."""
    opens = text.count("“") + len(re.findall(r'(?:^|(?<=\s))"', text))
    closes = text.count("”") + len(re.findall(r'(?<=\S)"', text))
    return opens > closes


def _trim(text: str) -> str:
    """Strip spaces, commas and the quotation marks that do not pair inside the condition
    ('“until Gavi "re-earns the trust"”' gives 'until Gavi "re-earns the trust"')."""
    while True:
        t = text.strip(" ,")
        if t[:1] in ("“", '"') and not _open_quotes(t):
            t = t[1:]
        elif t[-1:] in ("”", '"') and not _open_quotes(t[:-1]):
            t = t[:-1]
        if t == text:
            return t
        text = t


def _clause_end(pats: _Patterns, text: str, start: int) -> re.Match[str] | None:
    """Where the clause from `start` ends; "and" + a clause goes on after a list the clause
    opened ("until the mandate, the funding and the rules of engagement are clear")."""
    for end_m in pats.end_re.finditer(text, start):
        if end_m.group(0).lstrip().startswith("and") and "," in text[start : end_m.start()]:
            continue
        if end_m.group(0) in ('"', "”") and _open_quotes(text[start : end_m.start()]):
            continue  # 'pending a review of whether they are "aligned" with ...': it closes a quotation
        return end_m
    return None


def _clauses(text: str, refusal: bool) -> Iterator[tuple[int, _Cue, list[tuple[int, int]]]]:
    """The condition clauses in `text`: where each cue starts, the cue, and the spans of the
    conditions it introduces (one, or several for "A and B" / an enumerated list)."""
    pats = _patterns()
    pos = 0
    scope = pats.scope_re.search(text)
    while True:
        m = pats.cue_re.search(text, pos)
        if not m:
            break
        pos = m.end()
        if (
            scope is not None
            and len(text[scope.end() : m.start()].split()) > 2
            and not pats.refs_re.search(text, scope.end(), m.start())
        ):
            break  # another clause: its conditions are its own
        if pats.excl_re.match(text, m.start()) or _CONCESSIVE_BEFORE.search(
            text, max(0, m.start() - 6), m.start()
        ):
            continue  # "even if", "as if" (whole words: not "in areas where ...")
        cue = _cue_of(pats, text, m, refusal)
        if cue is None:
            continue
        end_m = _clause_end(pats, text, m.end())
        end = end_m.start() if end_m else len(text)
        if end_m is not None and end_m.group(0) == "?":
            continue  # a question ("Should they go?"), not a condition
        listed = _listed(text, m.end(), end)
        clause = text[m.start() : end].rstrip(" ,")
        words = clause.split()
        if listed is None and (
            len(words) < 2 or (len(words) == 2 and not _PARTICIPLE.fullmatch(words[1].strip('.,"”')))
        ):
            continue
        yield m.start(), cue, listed or _split(clause, m.start(), pats.cue_re)
        pos = max(end, listed[-1][1]) if listed else end


def find_conditions(text: str, *, offset: int = 0, refusal: bool = False) -> list[dict[str, Any]]:
    """Conditional clauses in `text` (a clause region after a commitment), as {span, text, polarity}.
    After a refusal (`refusal`) "before" and "without" state conditions too: "will not send
    jets before it has joined NATO", "will not deploy without a UN mandate"."""
    out: list[dict[str, Any]] = []
    for _start, cue, parts in _clauses(text, refusal):
        for s, e in parts:
            t = _trim(text[s:e])
            if not t:
                continue
            s2 = text.find(t, s)
            out.append(
                {
                    "span": [offset + s2, offset + s2 + len(t)],
                    "text": t,
                    "polarity": "negative" if cue.negative else "positive",
                }
            )
    return out


def condition_start(text: str, start: int, end: int, *, refusal: bool = False) -> int | None:
    """Where the first condition clause in text[start:end] begins (before its cue and an
    opening quote: 'send rescuers "the minute Morocco asks"' gives the offset after
    "rescuers"), or None: the object of an undertaking ends there."""
    for cue_start, _cue, _parts in _clauses(text[start:end], refusal):
        cut = start + cue_start
        while cut > start and text[cut - 1] in ' \t,“"':
            cut -= 1
        return cut
    return None


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
