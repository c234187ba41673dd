"""Quantities in commitment text: counts, money, percentages, durations, vague amounts.

Rules follow ../shared/spec/extraction.md ("Money quantities", `quantities` field):
money is a full number with a lower-case ISO 4217 unit (`$250m` -> 250000000 usd,
"seven billion euros" -> 7000000000 eur); conversions in brackets are not recorded;
bounds keep their number ("more than 1,100" -> 1100, the text keeps the words);
vague amounts ("hundreds of infantry fighting vehicles") keep `value` null and the
counted noun as unit; rates ("20% annually") fill `per`. Counts take the first plural
noun after the number as unit ("four mechanized Ukrainian infantry brigades" ->
brigade), unless a multi-word unit of `units.tsv` matches.

All word lists are files under `pipeline/resources/commitments/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.lexicon import data_rows
from pipeline.nlp import lemma_table

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "commitments"

__all__ = ["find_quantities", "parse_number"]


def _read(name: str) -> list[list[str]]:
    return data_rows(RESOURCES / name)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class _Lex:
    currency: dict[str, str]
    units: dict[str, str]
    per: dict[str, str]
    numbers: dict[str, float]
    mult: dict[str, int]
    money_pre: re.Pattern[str]
    money_post: re.Pattern[str]
    number: re.Pattern[str]
    vague: re.Pattern[str]
    per_re: re.Pattern[str]
    periods: dict[str, tuple[float, str]]
    period_re: re.Pattern[str]




@lru_cache(maxsize=1)
def _lex() -> _Lex:
    currency = {r[0]: r[1] for r in _read("currencies.tsv")}
    units = {r[0]: r[1] for r in _read("units.tsv")}
    per = {r[0]: r[1] for r in _read("per.tsv")}
    numbers = {r[0]: float(r[1]) for r in _read("number_words.tsv")}
    mult = {r[0]: int(r[1]) for r in _read("multipliers.tsv")}
    vague = [r[0] for r in _read("vague_amounts.txt")]
    # "more than", "nearly", "an additional": words that may stand before an amount
    bound = rf"(?:(?:{_alt([r[0] for r in _read('bounds.txt')])})\s+)?"
    word_num = _alt([w for w in numbers if w not in ("a", "an", "half", "quarter")])
    num = (
        rf"(?:\d[\d,]*(?:\.\d+)?|(?:(?:{word_num})(?:[- ](?:{word_num}))?)"
        r"|(?:a|one)[- ](?:quarter|half)|half a"
        r"|an?(?=[\s-]+(?:million|billion|thousand|trillion|dozen|hundred)\b))"
    )
    mult_alt = _alt(list(mult))
    codes = ["usd", "eur", "gbp", "aud", "cad", "chf", "jpy"]  # written before the amount
    symbols = _alt([s for s in currency if not s.isalpha()] + codes)
    names = _alt([w for w in currency if w.replace(" ", "").replace(".", "").isalpha()])
    money_pre = re.compile(
        rf"(?i:{bound})(?P<cur>{symbols})"
        rf"\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:[\s-]?(?P<mult>(?i:{mult_alt}))(?![\w]))?",
        re.I,
    )
    money_post = re.compile(
        rf"(?i:{bound})(?P<num>{num})(?:[\s-]+(?P<mult>(?i:{mult_alt}))(?![\w]))?"
        rf"\s+(?P<cur>(?i:{names}))(?![\w])",
        re.I,
    )
    number = re.compile(
        rf"(?<![\w$€£¥.,\-])(?P<bound>(?i:{bound}))(?P<num>{num})"
        r"(?:[\s-]+(?P<mult>(?i:million|billion|thousand|trillion))(?![\w]))?"
        rf"(?P<sep>-|\s+)(?=(?P<rest>[^\s,.;:()]+(?:\s+[^\s,.;:()]+){{0,5}}))",
        re.I,
    )
    vague_bare = _alt([r[0] for r in _read("vague_counts.txt")])
    vague_re = re.compile(
        rf"(?<![\w])(?:(?P<v>(?i:{_alt(vague)}))\s+of|(?P<vb>(?i:{vague_bare})))"
        rf"\s+(?P<rest>[^,.;:()]+)"
    )
    per_re = re.compile(rf"^\s*(?P<per>(?i:{_alt(list(per))}))(?![\w])")
    periods = {r[0]: (float(r[1]), r[2]) for r in _read("periods.tsv")}
    # "over the next decade", "within a decade" (not "two decades", which the number rule
    # reads, nor "a decade ago", "the first in a decade")
    period_re = re.compile(
        r"(?<![\w])(?:(?:over|within|for|during|in)\s+)?(?:the\s+(?:next|coming)"
        r"|(?<=over\s)a|(?<=within\s)a|(?<=for\s)a|(?<=over\s)one|(?<=within\s)one)"
        rf"\s+(?P<p>(?i:{_alt(list(periods))}))(?![\w\-])",
        re.I,
    )
    return _Lex(
        currency,
        units,
        per,
        numbers,
        mult,
        money_pre,
        money_post,
        number,
        vague_re,
        per_re,
        periods,
        period_re,
    )


def parse_number(s: str) -> float | None:
    """ "1,100" -> 1100, "4.5" -> 4.5, "seven" -> 7, "twenty-five" -> 25, "a quarter" -> 0.25."""
    lex = _lex()
    s = s.strip().lower()
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    parts = [p for p in re.split(r"[\s-]+", s) if p]
    if parts and parts[0] in ("a", "one") and len(parts) == 2 and parts[1] in ("quarter", "half"):
        return lex.numbers[parts[1]]
    if parts == ["half", "a"]:
        return 0.5
    if not parts or any(p not in lex.numbers for p in parts):
        return None
    total = 0.0
    for p in parts:
        v = lex.numbers[p]
        total = total * v if v == 100 and total else total + v
    return total


def _clean(v: float) -> int | float:
    return int(v) if float(v).is_integer() else round(v, 6)


_STOP_UNIT = {
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "and",
    "or",
    "from",
    "that",
    "which",
    "who",
    "including",
    "as",
    "the",
    "a",
    "an",
    "this",
    "next",
    "be",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "have",
    "has",
    "each",
    "per",
    "than",
    "into",
    "over",
    "since",
}
_NOT_UNIT = {"its", "his", "her", "their", "was", "has", "is", "as", "this", "us", "news"}


def _singular(word: str) -> str:
    lex = _lex()
    w = word.lower()
    if w in lex.units:
        return lex.units[w]
    lemma = lemma_table().get(w)
    if isinstance(lemma, str) and w.endswith("s") and lemma != w and w.startswith(lemma[:3]):
        return lemma  # "tranches" -> "tranche", "batches" -> "batch"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _unit_of(rest: str) -> tuple[str | None, int]:
    """Unit noun at the start of `rest` and the length of text it covers."""
    lex = _lex()
    low = rest.lower()
    for multi in sorted(lex.units, key=len, reverse=True):
        if " " in multi:
            i = low.find(multi)
            if i != -1 and i < 40 and all(w not in _STOP_UNIT for w in low[:i].split()):
                return lex.units[multi], i + len(multi)
    words = re.finditer(r"[\w%’'\-]+", rest)
    pos = 0
    acronym: tuple[str, int] | None = None
    for n, m in enumerate(words):
        w = m.group(0)
        wl = w.lower()
        if wl in ("and", "or") and 0 < n < 3 and not acronym:
            continue  # "500 reconnaissance and strike drones": coordinated modifiers
        if wl in _STOP_UNIT or n > 4:
            break
        pos = m.end()
        if wl in lex.units:
            return lex.units[wl], pos
        if len(w) > 1 and any(c.isupper() for c in w[1:]):
            # a system name modifies the head noun: "two NASAMS air defence batteries"
            acronym = acronym or (_singular(wl), pos)
            continue
        if n == 0 and wl in (
            "year",
            "month",
            "week",
            "day",
            "hour",
            "kilometre",
            "kilometer",
            "mile",
        ):
            return wl, pos
        if (
            wl.endswith("s")
            and not wl.endswith(("ss", "'s", "’s"))
            and wl not in _NOT_UNIT
            and len(wl) > 2
        ):
            return _singular(wl), pos
    return acronym or (None, 0)


def _gazetteer_kind(word: str) -> str | None:
    """The actor gazetteer's kind of a capitalised word ("country", "demonym", ...), or None."""
    from pipeline.extract.actors import gazetteer  # actors does not import this module

    hit = gazetteer().proper.get(word)
    return hit[1] if hit else None


def _people_of(unit: str | None) -> str | None:
    """ "4 million Kenyans": a demonym counts people."""
    if not unit:
        return unit
    return "person" if _gazetteer_kind(unit[:1].upper() + unit[1:]) == "demonym" else unit


def _is_place(word: str) -> bool:
    """A country or capital name: "sell Taiwan 60 missiles" is a recipient, not a model."""
    return _gazetteer_kind(word) == "country"


def find_quantities(text: str, *, offset: int = 0) -> list[dict[str, Any]]:
    """Quantities stated in `text`, in order: {value, unit, per, text, span}.

    Numbers inside brackets (conversions), four-digit years, dates and numbers that
    are part of a capitalised name ("Group of Seven", "G7") are skipped.
    """
    lex = _lex()
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    brackets = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken) and all(
            not (a <= s < b) for a, b in brackets
        )

    def per_after(e: int) -> tuple[str | None, int]:
        m = lex.per_re.match(text[e:])
        return (lex.per[m.group("per").lower()], e + m.end()) if m else (None, e)

    def add(s: int, e: int, value: float | None, unit: str | None, per: str | None) -> None:
        taken.append((s, e))
        out.append(
            {
                "value": None if value is None else _clean(value),
                "unit": unit,
                "per": per,
                "text": text[s:e],
                "span": [offset + s, offset + e],
            }
        )

    for rx in (lex.money_pre, lex.money_post):
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            v = parse_number(m.group("num"))
            if v is None:
                continue
            mult = (m.group("mult") or "").lower()
            if mult:
                v *= lex.mult[mult]
            cur = lex.currency.get(
                m.group("cur").lower().replace("  ", " "), m.group("cur").lower()
            )
            per, e = per_after(m.end())
            add(m.start(), e, v, cur, per)
    for m in lex.vague.finditer(text):
        if not free(m.start(), m.end()):
            continue
        rest = m.group("rest")
        cur = None
        first = rest.split()[0].lower() if rest.split() else ""
        if first in lex.currency:
            add(m.start(), m.start("rest") + len(rest.split()[0]), None, lex.currency[first], None)
            continue
        unit, n = _unit_of(rest)
        if unit:
            add(m.start(), m.start("rest") + n, None, unit, cur)
    for m in lex.number.finditer(text):
        s = m.start("num") if not m.group("bound") else m.start()
        num = m.group("num")
        if not free(m.start("num"), m.end("num")):
            continue
        if re.fullmatch(r"(1[89]|20)\d\d", num):
            continue  # a year
        before = text[: m.start("num")]
        name = re.search(r"\b([A-Z][a-z]+)\s+$", before)
        if (
            num[:1].isdigit()
            and not m.group("bound")
            and name
            and not re.search(r"(?:^|[.!?]\s+)[A-Z][a-z]+\s+$", before)
            and not _is_place(name.group(1))
        ):
            continue  # a model or article number: "Leopard 2 tanks", "Article 5"
        if (
            num[:1].isupper()
            and m.start("num") > 0
            and not re.search(r"[.!?\n]\s*$", text[: m.start("num")])
        ):
            continue  # part of a name: "Group of Seven"
        if num.lower() in ("a", "an") and not m.group("mult"):
            continue
        v = parse_number(num)
        if v is None:
            continue
        if m.group("mult"):
            v *= lex.mult[m.group("mult").lower()]
        rest = m.group("rest")
        if rest.startswith(("%",)) or rest.lower().startswith(("percent", "per cent")):
            unit, n = (
                "percent",
                (
                    1
                    if rest.startswith("%")
                    else len(rest.split()[0]) + (4 if rest.lower().startswith("per cent") else 0)
                ),
            )
        else:
            if re.match(r"(?i)(?:-?magnitude|times|o'clock|am|pm|p\.m|a\.m|th|st|nd|rd)\b", rest):
                continue
            unit, n = _unit_of(rest)
            if unit is None:
                continue
            unit = _people_of(unit)
        if unit in lex.periods:  # "two decades" -> 20 years
            v, unit = v * lex.periods[unit][0], lex.periods[unit][1]
        e = m.start("rest") + n
        per, e = per_after(e)
        add(s, e, v, unit, per)
    for m in lex.period_re.finditer(text):
        if free(m.start("p"), m.end()):
            value, unit = lex.periods[m.group("p").lower()]
            add(m.start(), m.end(), value, unit, None)
    # "20%" glued to the number is matched above only with a following word; catch the rest
    for m in re.finditer(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", text):
        if free(m.start(), m.end()):
            per, e = per_after(m.end())
            add(m.start(), e, float(m.group("num")), "percent", per)
    out.sort(key=lambda q: q["span"][0])
    return out
