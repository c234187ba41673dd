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
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.lexicon import data_rows
from pipeline.nlp import lemma_table

if TYPE_CHECKING:
    from collections.abc import Iterator

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "commitments"

__all__ = ["document_scope", "find_quantities", "parse_number"]


def _read(name: str) -> list[list[str]]:
    return data_rows(RESOURCES / name)


def _alt(words: list[str]) -> str:
    """An alternation matching the same as `w1|w2|...` over the words sorted longest first, written
    as a trie ("t(?:en|wo|hree)"): Python's regex engine tries every alternative of a flat list at
    each position, the trie only the branch of the next character.

    The same matches, groups and backtracking order: every pattern here uses the words without
    regard to case (re.I or a (?i:) group), so a trie node's edges are letters folded to lower
    case, which are distinct and match distinct characters; at a position the words that match
    are prefixes of one another (they all match the text there), and the trie tries them deepest,
    that is longest, first, as the sorted flat list does."""
    root: dict[str, Any] = {}
    for w in sorted(set(words), key=len, reverse=True):
        node = root
        for ch in w:
            low = ch.lower()
            node = node.setdefault(low if len(low) == 1 else ch, {})
        node[""] = {}
    if not _distinct_edges(root):  # two edges one character may match: the flat list, in its order
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return _trie_pattern(root)


def _distinct_edges(node: dict[str, Any]) -> bool:
    """No character matches two edges of one node without regard to case (the trie's premise)."""
    edges = [ch for ch in node if ch]
    for i, a in enumerate(edges):
        if any(re.fullmatch(re.escape(a), b, re.I) for b in edges[i + 1 :]):
            return False
    return all(_distinct_edges(sub) for sub in node.values())


def _trie_pattern(node: dict[str, Any]) -> str:
    kids = [re.escape(ch) + _trie_pattern(sub) for ch, sub in node.items() if ch]
    if not kids:
        return ""
    if len(kids) == 1 and "" not in node:
        return kids[0]
    return "(?:" + "|".join(kids) + ")" + ("?" if "" in node else "")


@dataclass(frozen=True)
class Currency:
    """What a money form stands for (resources/commitments/currencies.tsv)."""

    code: str | None  # the ISO 4217 code it means; None when it names no one currency
    alternatives: tuple[str, ...] = ()  # other codes it may stand for
    local: str | None = None  # when one of those is read: "committer" or "article"
    glued: bool = False  # a bare capital letter, its code only glued to a figure with a multiplier


@dataclass
class _Lex:
    currency: dict[str, Currency]
    post_forms: frozenset[str]
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
    iso_codes: frozenset[str]
    decimal_words: frozenset[str]
    part_of_whole: re.Pattern[str]
    number_start: re.Pattern[str]
    """where `number` and `money_post` may match: a figure or number word where theirs starts"""
    vague_words: tuple[str, ...] | None
    """what `vague` needs, in lower case: one of these words (None: no such filter)"""
    period_words: tuple[str, ...] | None
    """what `period_re` needs, in lower case"""


_DIGIT = re.compile(r"\d")
_BRACKETS = re.compile(r"\([^()]*\)")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_BETWEEN = re.compile(r"\bbetween\s+$")
_BETWEEN_I = re.compile(r"\bbetween\s+$", re.I)
_AND = re.compile(r"\s+and\s+")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_SENTENCE_FIRST_BEFORE = re.compile(r"(?:^|[.!?]\s+)[A-Z][a-z]+\s+$")
_SENTENCE_END_BEFORE = re.compile(r"[.!?\n]\s*$")
_NOT_COUNTED = re.compile(r"(?i)(?:-?magnitude|times|o'clock|am|pm|p\.m|a\.m|th|st|nd|rd)\b")
_PERCENT = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_HUNDRED_AND = re.compile(r"\bhundred\s+and\s+(?!a\s+half$)")
_AND_A_HALF = re.compile(r"(?P<n>.+?)\s+and\s+a\s+half$")
_WORD_SEP = re.compile(r"[\s-]+")
_SPACES = re.compile(r"\s+")
_UNIT_WORD = re.compile(r"[\w%’'\-]+")


def _cell(row: list[str], i: int) -> str:
    return row[i] if len(row) > i and row[i] != "-" else ""


@lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    """ISO 4217 codes (upper case) from pycountry: "NOK 1 billion", "USD1.2 billion"."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def multipliers() -> dict[str, int]:
    """Multiplier word -> factor ("million" -> 1000000; resources multipliers.tsv)."""
    return _lex().mult


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    currency: dict[str, Currency] = {}
    pre_forms: list[str] = []
    post_forms: list[str] = []
    for r in _read("currencies.tsv"):
        alts = tuple(_cell(r, 2).split())
        currency[r[0]] = Currency(_cell(r, 1) or None, alts, _cell(r, 3) or None, _cell(r, 5) == "glued")
        (pre_forms if _cell(r, 4) == "pre" else post_forms).append(r[0])
    units = {r[0]: r[1] for r in _read("units.tsv")}
    per = {r[0]: r[1] for r in _read("per.tsv")}
    numbers = {r[0]: float(r[1]) for r in _read("number_words.tsv")}
    mult = {r[0]: int(r[1]) for r in _read("multipliers.tsv")}
    decimal_words = frozenset(r[0] for r in _read("decimal_words.txt"))
    vague = [r[0] for r in _read("vague_amounts.txt")]
    # "more than", "nearly", "an additional": words that may stand before an amount
    bound = rf"(?:(?:{_alt([r[0] for r in _read('bounds.txt')])})\s+)?"
    word_num = _alt([w for w in numbers if w not in ("a", "an", "half", "quarter")])
    point = _alt(list(decimal_words))
    # "five-point-seven", "14-point-eight": a decimal point written as a word
    pointed = rf"(?:\d+|{word_num})[\s-]+(?:{point})[\s-]+(?:\d+|{word_num})(?:[\s-]+(?:{word_num}))*"
    # "three hundred and fifty": one number written the British way, before "17 and 10" (two)
    hundred_and = rf"(?:{word_num})[- ]hundred\s+and\s+(?:{word_num})(?:[- ](?:{word_num}))?"
    num = (
        rf"(?:{hundred_and}|{pointed}|\d[\d,]*(?:\.\d+)?|(?:(?:{word_num})(?:[- ](?:{word_num}))?)"
        r"(?:\s+and\s+a\s+half)?"
        r"|(?:a|one)[- ](?:quarter|half)|half\s+an?"
        r"|an?(?=[\s-]+(?:million|billion|thousand|trillion|dozen|hundred)\b))"
    )
    digits = r"(?:\d[\d,]*(?:\.\d+)?)"
    mult_alt = _alt(list(mult))
    mults = rf"(?:{mult_alt})(?:[\s-]+(?:{mult_alt}))?"
    # symbols and prefixes before the number; "X$" and "$X" forms not listed are money of a
    # currency it cannot name; upper-case three-letter codes are checked against ISO 4217
    pre = rf"(?:{_alt(pre_forms)})(?![a-z])|(?-i:[A-Z]{{1,3}}\$|\$[A-Z]{{1,3}}(?=\s?\d)|[A-Z]{{3}}(?=\s?\d))"
    money_pre = re.compile(
        rf"(?<![\w$])(?i:{bound})(?P<cur>{pre})"
        rf"\s?(?P<num>{digits})(?:[\s-]?(?P<mult>{mults})(?![\w]))?"
        # a range: "$15-$20bn", "$1-2 billion", "$80bn to $100bn" (not "$1.42bn – $60m more")
        rf"(?:(?P<rsep>-|–|\s+to\s+|\s*-\s*(?=[^\d\s]*\d[\d,.]*[\s-]?(?:{mults})))"
        rf"(?:{pre})?\s?(?P<num2>{digits})(?:[\s-]?(?P<mult2>{mults})(?![\w]))?)?"
        r"(?![\w])",
        re.I,
    )
    money_post = re.compile(
        rf"(?<![\w$€£¥.,\-])(?i:{bound})(?P<num>{num})"
        # "17 and 10 million dollars" (two amounts), "2 to 3 billion dollars" (a range)
        rf"(?:\s*(?P<rsep>-|–|\bto\b|\band\b)\s*(?P<num2>{num}))?"
        # "4mn euros": a multiplier may be glued to the figure
        rf"(?:[\s-]*(?P<mult>(?i:{mults}))(?![\w]))?"
        rf"[\s-]+(?P<cur>(?i:{_alt(post_forms)})(?![\w])|(?-i:[A-Z]{{3}})(?![\w]))",
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
    # the money after these is the whole a part is taken from ("the final instalment of the
    # promised $2 billion", "part of a global $50 billion package", "$400 million of the $1 billion")
    parts = _alt([r[0] for r in _read("money_part_nouns.txt")])
    part_of_whole = re.compile(
        rf"(?:\b(?:{parts})\s+of\s+(?:the|its|their|this|that|these|those|an?)"
        r"|\bout\s+of\s+(?:the|its|their|an?)|\bfrom\s+(?:the|its|their)\s+(?:total|overall)"
        r"|^\s*of\s+(?:the|its|their|this|that))"
        r"\s+(?:[\w’'-]+\s+){0,3}$",
        re.I,
    )
    return _Lex(
        currency,
        frozenset(post_forms),
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
        _iso_codes(),
        decimal_words,
        part_of_whole,
        # a number in `number` or `money_post` starts after such a character or after the
        # bound's spaces (no such character either), so this is true wherever they match
        re.compile(rf"(?<![\w$€£¥.,\-])(?:{num})", re.I),
        _needed_words(vague + [r[0] for r in _read("vague_counts.txt")]),
        _needed_words(list(periods)),
    )


_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
"""the characters other than A-Z that re.I matches to an ASCII letter (İ ı ſ K): a text holding one
is searched without the word filters (`_may_hold`)"""


def _needed_words(words: list[str]) -> tuple[str, ...] | None:
    """The words in lower case, for `_may_hold`; None when one is not ASCII (no filter then)."""
    if not all(w.isascii() for w in words):
        return None
    return tuple(dict.fromkeys(w.lower() for w in words))


def _may_hold(low: str, text: str, words: tuple[str, ...] | None) -> bool:
    """False only when no pattern matching one of `words` without regard to case can match in
    `text` (`low` is text.lower()): re.I matches an ASCII letter only to itself in either case
    or to a character of _FOLDS_TO_ASCII."""
    if words is None or not (text.isascii() or _FOLDS_TO_ASCII.isdisjoint(text)):
        return True
    for w in words:
        if w in low:
            return True
    return False


def parse_number(s: str) -> float | None:
    """ "1,100" -> 1100, "4.5" -> 4.5, "8,5" -> 8.5 (a decimal comma), "seven" -> 7,
    "twenty-five" -> 25, "a quarter" -> 0.25, "five-point-seven" -> 5.7, "one and a half" -> 1.5."""
    lex = _lex()
    s = s.strip().lower()
    if _DECIMAL_COMMA.fullmatch(s):
        return float(s.replace(",", "."))  # "US$8,5 billion"
    if _FIGURE.fullmatch(s):
        return float(s.replace(",", ""))
    s = _HUNDRED_AND.sub("hundred ", s)  # "three hundred and fifty"
    half = _AND_A_HALF.match(s)
    if half:
        whole = parse_number(half.group("n"))
        return None if whole is None else whole + 0.5
    parts = [p for p in _WORD_SEP.split(s) if p]
    points = [i for i, p in enumerate(parts) if p in lex.decimal_words]
    if len(points) == 1 and 0 < points[0] < len(parts) - 1:
        whole = parse_number(" ".join(parts[: points[0]]))
        digits = []
        for p in parts[points[0] + 1 :]:
            d = p if p.isdigit() else lex.numbers.get(p)
            if d is None or (not isinstance(d, str) and not (0 <= d <= 9 and float(d).is_integer())):
                return None
            digits.append(str(d if isinstance(d, str) else int(d)))
        return None if whole is None else float(f"{int(whole)}.{''.join(digits)}")
    if parts and parts[0] in ("a", "one") and len(parts) == 2 and parts[1] in ("quarter", "half"):
        return lex.numbers[parts[1]]
    if parts in (["half", "a"], ["half", "an"]):
        return 0.5
    if not parts or any(p not in lex.numbers for p in parts):
        return None
    total = 0.0
    for p in parts:
        v = lex.numbers[p]
        total = total * v if v == 100 and total else total + v
    return total


def _multiplier(words: str | None) -> int:
    """ "billion" -> 10**9, "lakh crore" -> 10**12, None -> 1."""
    lex = _lex()
    factor = 1
    for w in _WORD_SEP.split((words or "").lower()):
        if w:
            factor *= lex.mult[w]
    return factor


def money_currency(form: str) -> Currency | None:
    """What a written money form stands for ("$", "A$", "kroner", "NOK"), or None when it is no
    money form; forms "X$"/"$X" not listed stand for an unknown currency (code None)."""
    lex = _lex()
    key = _SPACES.sub(" ", form.strip()).lower()
    if key in lex.currency:
        return lex.currency[key]
    if form.strip() in lex.iso_codes:
        return Currency(form.strip().lower())
    if "$" in form:
        return Currency(None)
    return None


def _bare_letter(m: re.Match[str], cur: Currency) -> Currency | None:
    """What a bare capital letter before a figure stands for (currencies.tsv, `glued`): its
    code glued to the figure with a multiplier after it ("R50 million", "N2.5 billion"); the
    currency of the country the article reports on when written otherwise with a multiplier
    or a grouped figure ("R 50 million", "R500,000"); a name in lower case or before a small
    figure alone ("r50", "the N1 road", "R2")."""
    form = m.group("cur")
    if not form.isupper():
        return None
    mult = m.group("mult") or m.group("mult2")
    if mult and m.end("cur") == m.start("num"):
        return Currency(cur.code)
    if mult or "," in m.group("num"):
        return Currency(None, cur.alternatives, cur.local)
    return None


def _clean(v: float) -> int | float:
    """A whole number as an int, also when a product of decimals misses it by a rounding error
    (8.2 * 1e9 = 8199999999.999999 -> 8200000000); else rounded to 6 decimals."""
    whole = round(v)
    if abs(v - whole) <= 1e-9 * max(1.0, abs(v)):
        return int(whole)
    return round(v, 6)


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


@lru_cache(maxsize=1)
def _multi_word_units() -> tuple[str, ...]:
    """The units of units.tsv written in more than one word, longest first."""
    return tuple(u for u in sorted(_lex().units, key=len, reverse=True) if " " in u)


def _unit_of(rest: str) -> tuple[str | None, int]:
    """Unit noun at the start of `rest` and the length of text it covers."""
    lex = _lex()
    low = rest.lower()
    for multi in _multi_word_units():
        i = low.find(multi)
        if i != -1 and i < 40 and all(w not in _STOP_UNIT for w in low[:i].split()):
            return lex.units[multi], i + len(multi)
    words = _UNIT_WORD.finditer(rest)
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
        if wl.endswith("s") and not wl.endswith(("ss", "'s", "’s")) and wl not in _NOT_UNIT and len(wl) > 2:
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


_SCOPE: ContextVar[dict[str, list[dict[str, Any]]] | None] = ContextVar("quantities_scope", default=None)


@contextmanager
def document_scope() -> Iterator[None]:
    """Within it, `find_quantities` remembers what it found in each text and answers the same
    text again from memory: the commitment rules ask for the quantities of one sentence in
    several passes (every sentence, its object, its totals). Entered once per document
    (`pipeline.extract.extract_document`) and forgotten when it ends, so what is remembered is
    one article's texts, and a run's speed does not depend on articles repeating sentences."""
    token = _SCOPE.set({})
    try:
        yield
    finally:
        _SCOPE.reset(token)


def find_quantities(text: str, *, offset: int = 0) -> list[dict[str, Any]]:
    """Quantities stated in `text`, in order: {value, unit, per, text, span}.

    Numbers inside brackets (conversions), four-digit years, dates and numbers that
    are part of a capitalised name ("Group of Seven", "G7") are skipped. New dicts on every
    call (callers may change them), the same within a `document_scope` or outside.
    """
    seen = _SCOPE.get()
    found = seen.get(text) if seen is not None else None
    if found is None:
        found = _find_quantities(text)
        if seen is not None:
            seen[text] = found
    return [{**q, "span": [q["span"][0] + offset, q["span"][1] + offset]} for q in found]


def _find_quantities(text: str, *, filters: bool = True) -> list[dict[str, Any]]:
    """find_quantities at offset 0; what it returns is shared by the calls on the same text and
    never handed out as such. `filters=False` runs every pattern on every text (the tests
    check the filters change nothing)."""
    offset = 0
    lex = _lex()
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    brackets = [(m.start(), m.end()) for m in _BRACKETS.finditer(text)]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken) and all(not (a <= s < b) for a, b in brackets)

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

    def add_money(s: int, e: int, value: float | None, cur: Currency) -> None:
        per, e = per_after(e)
        add(s, e, value, cur.code, per)
        out[-1].update(_money=True, _currency=cur)

    # money before a figure ("$5") and percentages need a digit; the other forms may be words
    digits = not filters or _DIGIT.search(text) is not None
    # the other patterns run where their words or figures are (the same matches, less time)
    numbers = not filters or lex.number_start.search(text) is not None
    low = text.lower()
    money_rx = (lex.money_pre,) if digits else ()
    for rx in money_rx + (lex.money_post,) if numbers else money_rx:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            cur = money_currency(m.group("cur"))
            if cur is None:
                continue  # an upper-case word that is no ISO 4217 code ("UAE 5")
            v = parse_number(m.group("num"))
            if v is None or (rx is lex.money_post and _YEAR.fullmatch(m.group("num"))):
                continue
            if cur.glued:
                cur = _bare_letter(m, cur)
                if cur is None:
                    continue  # "the N1 road", "r50": a name, not the rand or the naira
            if (
                rx is lex.money_pre
                and m.group("cur").replace(".", "").isalpha()
                and not m.group("mult")
                and not m.group("mult2")
                and v < 1000
            ):
                continue  # a letter code glued to a small number is a name: "COP29", "RS 3"
            sep = (m.group("rsep") or "").strip().lower()
            v2 = parse_number(m.group("num2")) if m.group("num2") else None
            if rx is lex.money_pre:
                # "$1-2 billion": the range's multiplier serves both figures
                shared = v2 is not None and not m.group("mult")
                mult = _multiplier(m.group("mult2") if shared else m.group("mult"))
                mult2 = _multiplier(m.group("mult2") or m.group("mult"))
            else:
                mult = mult2 = _multiplier(m.group("mult"))
            if v2 is not None and sep == "and" and not _BETWEEN.search(text, 0, m.start()):
                # "17 and 10 million dollars": two amounts sharing the multiplier and currency
                add_money(m.start(), m.end(), v * mult, cur)
                add_money(m.start(), m.end(), v2 * mult2, cur)
                continue
            # a range keeps its upper figure, as "up to" does ("$15-$20bn" -> 20 billion)
            add_money(m.start(), m.end(), (v2 * mult2) if v2 is not None else v * mult, cur)
    for m in lex.vague.finditer(text) if not filters or _may_hold(low, text, lex.vague_words) else ():
        if not free(m.start(), m.end()):
            continue
        rest = m.group("rest")
        cur = None
        first = rest.split()[0].lower() if rest.split() else ""
        if first in lex.post_forms and first.isalpha():
            cur_v = lex.currency[first]
            add(m.start(), m.start("rest") + len(rest.split()[0]), None, cur_v.code, None)
            out[-1].update(_money=True, _currency=cur_v)
            continue
        unit, n = _unit_of(rest)
        if unit:
            add(m.start(), m.start("rest") + n, None, unit, cur)
    for m in lex.number.finditer(text) if numbers else ():
        s = m.start("num") if not m.group("bound") else m.start()
        num = m.group("num")
        if not free(m.start("num"), m.end("num")):
            continue
        if _YEAR.fullmatch(num):
            continue  # a year
        k = m.start("num")
        name = _NAME_BEFORE.search(text, 0, k)
        if (
            num[:1].isdigit()
            and not m.group("bound")
            and name
            and not _SENTENCE_FIRST_BEFORE.search(text, 0, k)
            and not _is_place(name.group(1))
        ):
            continue  # a model or article number: "Leopard 2 tanks", "Article 5"
        if num[:1].isupper() and k > 0 and not _SENTENCE_END_BEFORE.search(text, 0, k):
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
            if _NOT_COUNTED.match(rest):
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
    for m in lex.period_re.finditer(text) if not filters or _may_hold(low, text, lex.period_words) else ():
        if free(m.start("p"), m.end()):
            value, unit = lex.periods[m.group("p").lower()]
            add(m.start(), m.end(), value, unit, None)
    # "20%" glued to the number is matched above only with a following word; catch the rest
    for m in _PERCENT.finditer(text) if digits else ():
        if free(m.start(), m.end()):
            per, e = per_after(m.end())
            add(m.start(), e, float(m.group("num")), "percent", per)
    out.sort(key=lambda q: q["span"][0])
    for q, nxt in zip(out, out[1:], strict=False):
        # "between $1bn and $2bn": one range, its upper figure
        if (
            q.get("_money")
            and nxt.get("_money")
            and _BETWEEN_I.search(text, 0, q["span"][0] - offset)
            and _AND.fullmatch(text, q["span"][1] - offset, nxt["span"][0] - offset)
        ):
            start = q["span"][0]
            nxt.update(span=[start, nxt["span"][1]], text=text[start - offset : nxt["span"][1] - offset])
            q["_drop"] = True
    out = [q for q in out if not q.pop("_drop", False)]
    prev_end = 0
    for q in out:
        if q.get("_money"):
            s0 = q["span"][0] - offset
            window = text[max(0, s0 - 60) : s0]
            after_money = text[prev_end:s0] if prev_end and s0 - prev_end <= 40 else ""
            if lex.part_of_whole.search(window) or (after_money and lex.part_of_whole.search(after_money)):
                q["_whole"] = True
            prev_end = q["span"][1] - offset
    return out
