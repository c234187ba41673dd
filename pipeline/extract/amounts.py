"""Money an analyst can add up: each commitment's `amount` and `part_of`.

Rules follow ../shared/spec/extraction.md (`amount`, `part_of`, "Money quantities",
"Totals and their parts", "Cuts and withdrawals"):

* `amount` is one figure as written, taken from the row's money quantities (its evidence
  first, then its mentions), never a sum of several: the first one that is the
  undertaking's own. Money that is the whole a part is taken from ("$400 million of the
  $1 billion pledged", "part of a global $50 billion package"), a target or a need ("hopes
  to raise $6bn", "appealed for $2bn") and debt rescheduled are not. Refusals and cuts keep
  their money (polarity negative).
* the currency of a form that stands for several ("$", "dollars", "Rs", "crowns") is the
  committer's own when the data file says so (`currencies.tsv`); a currency that cannot be
  named keeps the amount with a null currency and `flag: currency_unknown`.
* `basis` is `joint` when several committers named together share one sum ("Spain, Italy and
  the EU pledged €3bn"), `own` otherwise ("$150 million each", "... respectively").
* `part_of` points at the total a row's money is counted in: a conference total by `donors`
  and the pledges that follow it, or one committer's package and the items that add up to
  it (or that say so: "$2bn of its pledge").

Word lists are data files under `pipeline/resources/commitments/`; this module holds logic.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.lexicon import data_lines

if TYPE_CHECKING:
    from pipeline.extract.quantities import Currency

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "commitments"

__all__ = ["amount_of", "currency_named", "is_money", "link_parts", "local_currency", "main_country"]

FLAG_UNKNOWN = "currency_unknown"
_TOLERANCE = 0.01  # score.py compares money within 1%


def _lines(name: str) -> list[str]:
    return data_lines(RESOURCES / name)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _targets() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{x})" for x in _lines("money_not_committed.txt")), re.I)


@lru_cache(maxsize=1)
def _each() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alt(_lines('money_each.txt'))})\b", re.I)


@lru_cache(maxsize=1)
def _no_amount_actions() -> frozenset[str]:
    return frozenset(_lines("no_amount_actions.txt"))


@lru_cache(maxsize=1)
def _earlier() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alt(_lines('earlier_pledge_cues.txt'))})\b", re.I)


@lru_cache(maxsize=1)
def _part_cues() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{x})" for x in _lines("part_cues.txt")), re.I)


@lru_cache(maxsize=1)
def _new_money() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alt(_lines('new_money_cues.txt'))})\b", re.I)


@lru_cache(maxsize=1)
def _min_value() -> float:
    data = json.loads((RESOURCES / "amount_limits.json").read_text(encoding="utf-8"))
    return float(data["min_value"])


def is_money(q: dict[str, Any]) -> bool:
    """A money quantity (find_quantities marks them; the currency may be unknown)."""
    return bool(q.get("_money"))


@lru_cache(maxsize=64)
def _own_currency(country: str) -> str | None:
    """The first currency countryinfo gives a country (lower case), or None."""
    if len(country) != 3 or not country.isalpha():
        return None  # an organisation, a group, `donors`
    import countryinfo

    try:
        codes = countryinfo.CountryInfo(country).currencies()
    except Exception:  # not a country countryinfo knows
        return None
    return codes[0].lower() if codes else None


def local_currency(
    q: dict[str, Any], committer: str | None, *, main: str | None, writes_usd: bool
) -> str | None:
    """The ISO 4217 code of a money quantity for this committer: the form's own code, or one
    of the codes it may also stand for when that is the committer's own currency (for
    `article` forms such as "$", only when the committer is the country the article reports
    on or the article writes US dollars as such)."""
    cur: Currency | None = q.get("_currency")
    if cur is None:
        return q.get("unit")
    if cur.alternatives and committer:
        own = _own_currency(committer)
        if own in cur.alternatives and (cur.local != "article" or committer == main or writes_usd):
            return own
    return cur.code


def currency_named(q: dict[str, Any], committer: str | None) -> bool:
    """Does the money's form name its currency for this committer (not "250 million
    shillings" from a state that does not pay in shillings)?"""
    cur: Currency | None = q.get("_currency")
    if cur is None or cur.code:
        return True
    return bool(committer) and _own_currency(committer or "") in cur.alternatives


def main_country(actors: list[str]) -> str | None:
    """The country an article reports on: the one its mentions name most, when one does."""
    counts = Counter(a for a in actors if a and len(a) == 3 and a.isalpha())
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def writes_usd(quantities: list[dict[str, Any]]) -> bool:
    """Does the article write US dollars as such ("US$", "USD", "U.S. dollars")?"""
    for q in quantities:
        cur = q.get("_currency")
        if cur is not None and cur.code == "usd" and not cur.alternatives:
            return True
    return False


def _is_target(text: str, q: dict[str, Any]) -> bool:
    span = q.get("_span")
    if not span:
        return False
    start = span[0]
    return not_committed(text[max(0, start - 80) : start])


def not_committed(before: str) -> bool:
    """True when the words just before an amount make it money nobody has committed (a target,
    a need, debt rescheduled: "hopes to raise", "an appeal for")."""
    before = re.split(r"[.;:!?]\s", before)[-1]
    return bool(_targets().search(before))


def amount_of(
    quantities: list[dict[str, Any]], text: str, action: str, *, joint: bool
) -> dict[str, Any] | None:
    """The money one undertaking is worth, from its quantities (resolved currencies in
    `unit`), or None."""
    if action in _no_amount_actions():
        return None  # debt rescheduled has the quantity but no amount
    for q in quantities:
        if not is_money(q) or q.get("value") is None or q.get("_whole"):
            continue
        if float(q["value"]) < _min_value():
            continue  # a price or a rate ("a cap of $44 a barrel"), not what is pledged
        if _is_target(text, q):
            continue
        out: dict[str, Any] = {
            "value": q["value"],
            "currency": q.get("unit"),
            "basis": "joint" if joint else "own",
            "text": q.get("text"),
        }
        if not q.get("unit"):
            out["flag"] = FLAG_UNKNOWN
        return out
    return None


def shares_one_sum(sentence: str) -> bool:
    """Committers named together share the sum unless it is theirs each ("$100m each")."""
    return not _each().search(sentence)


# ---------------------------------------------------------------- totals and parts


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * abs(b)


def link_parts(rows: list[dict[str, Any]], text: str, sentences: list[tuple[int, int]]) -> None:
    """Set `part_of` on rows (in document order) whose money is counted in another row's."""

    def sent_no(pos: int) -> int:
        for k, (s, e) in enumerate(sentences):
            if s <= pos < e:
                return k
        return len(sentences)

    def amount(r: dict[str, Any]) -> dict[str, Any] | None:
        a = r.get("amount")
        return a if a and a.get("value") is not None else None

    for r in rows:
        r.setdefault("part_of", None)
    # a conference or group total by `donors` and the pledges that follow it
    for ti, t in enumerate(rows):
        ta = amount(t)
        if t["committer"] != "donors" or ta is None or t.get("part_of") is not None:
            continue
        counted = 0.0  # the members' pledges in the total's currency add up to it at most
        for ri in range(ti + 1, len(rows)):
            r, ra = rows[ri], amount(rows[ri])
            if r.get("part_of") is not None or ra is None or r["polarity"] != t["polarity"]:
                continue
            same = ra.get("currency") == ta.get("currency")
            if same and counted + ra["value"] > ta["value"] * (1 + _TOLERANCE):
                continue  # more than the total leaves: money of its own ("Oman will give ...")
            if r["committer"] == "donors" and _close(ra["value"], ta["value"]):
                continue  # the same total restated
            if _earlier().search(r["evidence"]["text"]):
                continue  # "the UAE previously pledged $930 million": not counted in it
            r["part_of"] = ti
            counted += ra["value"] if same else 0.0
    # one committer's package and its items: items that add up to it, or that say so
    for ti, t in enumerate(rows):
        ta = amount(t)
        if ta is None:
            continue
        items = []
        for ri, r in enumerate(rows):
            ra = amount(r)
            if (
                ri == ti
                or ra is None
                or r.get("part_of") is not None
                or r["committer"] != t["committer"]
                or r["polarity"] != t["polarity"]
                or ra.get("currency") != ta.get("currency")
                or ra["value"] >= ta["value"] * (1 - _TOLERANCE)
                or abs(sent_no(r["evidence"]["span"][0]) - sent_no(t["evidence"]["span"][0])) > 3
                or _new_money().search(r["evidence"]["text"])
            ):
                continue
            items.append(ri)
        if not items:
            continue
        said = [ri for ri in items if _part_cues().search(rows[ri]["evidence"]["text"])]
        total = sum(amount(rows[ri])["value"] for ri in items)  # type: ignore[index]
        chosen = items if len(items) >= 2 and total <= ta["value"] * (1 + _TOLERANCE) else said
        for ri in chosen:
            rows[ri]["part_of"] = ti
