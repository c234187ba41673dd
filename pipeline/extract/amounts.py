"""Money an analyst can add up: each commitment's `amount` and `part_of`.

Rules follow ../shared/spec/extraction.md (`amount`, `part_of`, "Money quantities",
"Totals and their parts", "Cuts and withdrawals"):

* `amount` is one figure as written, taken from the row's money quantities (its evidence
  first, then its mentions), never a sum of several: the first one that is the
  undertaking's own. Money that is the whole a part is taken from ("$400 million of the
  $1 billion pledged", "part of a global $50 billion package"), a target or a need ("hopes
  to raise $6bn", "appealed for $2bn"), debt rescheduled or rolled over, money a pledge is
  measured against ("down from", "well short of") and running totals to date ("has now
  committed $1.4bn", "... since 2022") are not. A tranche of a loan has the loan's money ("a
  $188m tranche of its $1.3bn programme"). Refusals and cuts keep their money (polarity
  negative).
* the currency of a form that stands for several ("$", "dollars", "Rs", "crowns") is the
  committer's own when the data file says so (`currencies.tsv`); a currency that cannot be
  named keeps the amount with a null currency and `flag: currency_unknown`.
* `basis` is `joint` when several committers named together share one sum ("Spain, Italy and
  the EU pledged €3bn"), `own` otherwise ("$150 million each", "... respectively").
* `part_of` points at the total a row's money is counted in: a conference total by `donors`
  and the pledges that follow it or lead up to it (up to two sentences before), unless dated
  before it or set beside it ("of its own", "its existing programme"); one committer's package
  and the items that add up to it (or that say so: "$2bn of its pledge"), not those "also" or
  "further" given; a package several committers share and each one's share of it; the same
  money of the same committer told again in a later sentence, its first telling.

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
    words = _lines("new_money_cues.txt") + _lines("money_new_cues.txt")
    return re.compile(rf"\b(?:{_alt(words)})\b", re.I)


def _package_items(text: str) -> bool:
    """Does the row tell what its package holds ("The package also includes $50 million of
    drones"; package_item_nouns.txt)?"""
    return _package_includes().search(text) is not None


@lru_cache(maxsize=1)
def _package_includes() -> re.Pattern[str]:
    nouns = _alt(_lines("package_item_nouns.txt"))
    return re.compile(
        rf"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\s+(?:also\s+)?"
        r"(?:includes|included|will\s+include|would\s+include|comprises|contains)\b",
        re.I,
    )


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
    """The country an article reports on: the one its mentions (in order) name most; of two
    named as often, the one named first (a lead names the country it reports on)."""
    counts = Counter(a for a in actors if a and len(a) == 3 and a.isalpha())
    if not counts:
        return None
    # Counter keeps first-seen order, and most_common is stable: ties go to the first named
    return counts.most_common(1)[0][0]


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


@lru_cache(maxsize=1)
def _running() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{x})" for x in _lines("money_running_totals.txt")), re.I)


@lru_cache(maxsize=1)
def _to_date() -> re.Pattern[str]:
    words = _alt(_lines("to_date_words.txt")).replace(r"\ ", r"\s+")
    return re.compile(rf"\b(?:{words})\b", re.I)


def running_total(text: str, span: tuple[int, int] | list[int], *, collective: bool = False) -> bool:
    """True when the money at `span` of `text` is a running total to date ("has now committed
    more than $1.4 billion", "pledged 100 billion euros since 2022"): background, no amount.
    A collective of givers ("Participating countries have pledged a total of $1bn") is a
    conference's new total unless the words date it ("so far", "since 2022")."""
    start, end = span[0], span[1]
    before = re.split(r"[.;:!?]\s", text[max(0, start - 80) : start])[-1]
    after = re.split(r"[.;:!?,(]\s|[.;:!?]$|\s[-–—]\s", text[end : end + 80], maxsplit=1)[0]
    window = f"{before}@@{after}"
    return bool(_running().search(window)) and (not collective or _to_date().search(window) is not None)


def not_committed(before: str) -> bool:
    """True when the words just before an amount make it money nobody has committed (a target,
    a need, debt rescheduled: "hopes to raise", "an appeal for")."""
    before = re.split(r"[.;:!?]\s", before)[-1]
    return bool(_targets().search(before))


def amount_of(
    quantities: list[dict[str, Any]], text: str, action: str, *, joint: bool, collective: bool = False
) -> dict[str, Any] | None:
    """The money one undertaking is worth, from its quantities (resolved currencies in
    `unit`), or None; `collective`: the givers are many (`donors`, see `running_total`)."""
    if action in _no_amount_actions():
        return None  # debt rescheduled has the quantity but no amount
    for q in quantities:
        if not is_money(q) or q.get("value") is None or q.get("_whole"):
            continue
        if float(q["value"]) < _min_value():
            continue  # a price or a rate ("a cap of $44 a barrel"), not what is pledged
        if _is_target(text, q) or (q.get("_span") and running_total(text, q["_span"], collective=collective)):
            continue
        q = _loan_of_tranche(quantities, q, text)
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


@lru_cache(maxsize=1)
def _tranche() -> re.Pattern[str]:
    nouns = _alt(_lines("money_tranche_nouns.txt"))
    return re.compile(rf"\s*(?:{nouns})\s+of\b", re.I)


def _loan_of_tranche(quantities: list[dict[str, Any]], q: dict[str, Any], text: str) -> dict[str, Any]:
    """The loan's money for a tranche of it ("release a $188 million tranche of its $1.3 billion
    programme": the row's amount is the programme's, extraction.md "Tranches of one loan"), else q."""
    span = q.get("_span")
    if not span or not _tranche().match(text, span[1]):
        return q
    for w in quantities:
        ws = w.get("_span")
        if is_money(w) and w.get("_whole") and w.get("value") is not None and ws and ws[0] > span[1]:
            if ws[0] - span[1] <= 60:
                return w
            break
    return q


def shares_one_sum(sentence: str) -> bool:
    """Committers named together share the sum unless it is theirs each ("$100m each")."""
    return not _each().search(sentence)


# ---------------------------------------------------------------- totals and parts


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * abs(b)


_LEAD_SENTENCES = 2
"""a pledge this many sentences before a donors total (or fewer) may be counted in it"""


def _money_at(r: dict[str, Any], a: dict[str, Any]) -> tuple[int, int] | None:
    """Where a row's amount is written in its evidence text (offsets into that text)."""
    ev = r["evidence"]["text"]
    at = ev.find(a["text"]) if a.get("text") else -1
    return (at, at + len(a["text"])) if at >= 0 else None


def _around_money(r: dict[str, Any], a: dict[str, Any]) -> str:
    """A row's clause up to its money and on to the next comma: the words that date that
    money ("previously pledged $930 million", "$500m pledged last year"), not other money's
    ("120 million pounds, down from 160 million pounds last year") nor help already sent
    ("on top of rescue teams already in Mandalay")."""
    ev = r["evidence"]["text"]
    at = _money_at(r, a)
    if at is None:
        return str(ev)
    rest = re.split(r"[,;(]|\s[-–—]\s", ev[at[1] :], maxsplit=1)[0]
    return str(ev[: at[1]] + rest)


def _money_window(r: dict[str, Any], a: dict[str, Any]) -> str:
    """ "<evidence words before the money>@@<words after it>", or "" when it is not found."""
    at = _money_at(r, a)
    ev = r["evidence"]["text"]
    return "" if at is None else f"{ev[max(0, at[0] - 60) : at[0]]}@@{ev[at[1] : at[1] + 60]}"


@lru_cache(maxsize=1)
def _own_money() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{x})" for x in _lines("money_own_cues.txt")), re.I)


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
    # the same money of the same committer told again in a later sentence ("Donors pledged
    # $1.2bn ... Donors promised $1.2bn"): counted once, in the first telling, unless it says
    # it is more ("also", "a further")
    for ri, r in enumerate(rows):
        ra = amount(r)
        if ra is None or ra.get("basis") == "joint" or r["polarity"] != "positive":
            continue
        if _new_money().search(r["evidence"]["text"]):
            continue
        for ei in range(ri):
            e, ea = rows[ei], amount(rows[ei])
            if (
                ea is not None
                and e["committer"] == r["committer"]
                and e["polarity"] == "positive"
                and e.get("part_of") is None
                and ea.get("basis") != "joint"
                and ea.get("currency") == ra.get("currency")
                and _close(ra["value"], ea["value"])
                and sent_no(e["evidence"]["span"][0]) != sent_no(r["evidence"]["span"][0])
            ):
                r["part_of"] = ei
                break
    # a conference or group total by `donors` and the pledges that follow it, or that lead
    # the article just before it ("Norway pledged $150m at the conference. ... donors had
    # pledged more than 2 billion euros in all")
    for ti, t in enumerate(rows):
        ta = amount(t)
        if t["committer"] != "donors" or ta is None or t.get("part_of") is not None:
            continue
        t_sent = sent_no(t["evidence"]["span"][0])
        before = [
            ri
            for ri in range(ti)
            if rows[ri]["committer"] != "donors"
            and 0 <= t_sent - sent_no(rows[ri]["evidence"]["span"][0]) <= _LEAD_SENTENCES
        ]
        counted = 0.0  # the members' pledges in the total's currency add up to it at most
        for ri in before + list(range(ti + 1, len(rows))):
            r, ra = rows[ri], amount(rows[ri])
            if r.get("part_of") is not None or ra is None or r["polarity"] != t["polarity"]:
                continue
            same = ra.get("currency") == ta.get("currency")
            if same and counted + ra["value"] > ta["value"] * (1 + _TOLERANCE):
                continue  # more than the total leaves: money of its own ("Oman will give ...")
            if r["committer"] == "donors" and _close(ra["value"], ta["value"]):
                continue  # the same total restated
            if _earlier().search(_around_money(r, ra)):
                continue  # "the UAE previously pledged $930 million": not counted in it
            if _own_money().search(_money_window(r, ra)):
                continue  # "will put in $250 million of its own": beside the donors' money
            r["part_of"] = ti
            counted += ra["value"] if same else 0.0
    # one committer's package and its items: items that add up to it, or that say so; a
    # package several committers share ("Denmark, Norway and Sweden will jointly finance a $500m
    # package") and its members' shares ("Norway pledged $200m of the sum, Sweden $180m"), each
    # share a part of its own committer's row of the package
    for ti, t in enumerate(rows):
        ta = amount(t)
        if ta is None:
            continue
        owner = {t["committer"]: ti}
        if ta.get("basis") == "joint":
            for k, g in enumerate(rows):
                ga = amount(g)
                if (
                    ga is not None
                    and ga.get("basis") == "joint"
                    and g["evidence"]["span"] == t["evidence"]["span"]
                    and ga.get("currency") == ta.get("currency")
                    and _close(ga["value"], ta["value"])
                ):
                    owner.setdefault(g["committer"], k)
        items = []
        for ri, r in enumerate(rows):
            ra = amount(r)
            if (
                ri in owner.values()
                or ra is None
                or r.get("part_of") is not None
                or r["committer"] not in owner
                or r["polarity"] != t["polarity"]
                or ra.get("currency") != ta.get("currency")
                or ra["value"] >= ta["value"] * (1 - _TOLERANCE)
                or abs(sent_no(r["evidence"]["span"][0]) - sent_no(t["evidence"]["span"][0])) > 3
                # ("The package also includes $50 million of drones": more of it, not new money)
                or (_new_money().search(r["evidence"]["text"]) and not _package_items(r["evidence"]["text"]))
            ):
                continue
            items.append(ri)
        if not items:
            continue
        said = [
            ri
            for ri in items
            if _part_cues().search(told := rows[ri]["evidence"]["text"]) or _package_items(told)
        ]
        total = sum(amount(rows[ri])["value"] for ri in items)  # type: ignore[index]
        chosen = items if len(items) >= 2 and total <= ta["value"] * (1 + _TOLERANCE) else said
        for ri in chosen:
            rows[ri]["part_of"] = owner[rows[ri]["committer"]]
