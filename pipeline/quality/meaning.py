"""What the meaning checks compare against: thresholds and word lists, as query parameters.

The checks themselves are GX expectations over columns of sql/quality/*.sql; this module only
reads the data files (pipeline/resources/quality/, the actor gazetteers, the money forms of the
commitment lexicons) and turns them into the parameters those queries take (scope.sql, `params`).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline.config import RESOURCES_DIR

if TYPE_CHECKING:
    from pathlib import Path

QUALITY_RESOURCES = RESOURCES_DIR / "quality"
"""pipeline/resources/quality: thresholds.json, pledge_verbs.txt, person_not_names.txt."""


class ThresholdError(KeyError):
    """A `$threshold` reference names no value of thresholds.json."""


def _lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a word list."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _tsv_column(path: Path, column: int) -> list[str]:
    return [parts[column].strip() for line in _lines(path) if len(parts := line.split("\t")) > column]


@cache
def thresholds(resources: Path = QUALITY_RESOURCES) -> dict[str, Any]:
    """thresholds.json as a dict."""
    data = json.loads((resources / "thresholds.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{resources / 'thresholds.json'}: expected an object")
    return data


def threshold(key: str, resources: Path = QUALITY_RESOURCES) -> Any:
    """The value at a dotted key of thresholds.json (`confidence.min`)."""
    value: Any = thresholds(resources)
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ThresholdError(f"{resources / 'thresholds.json'} has no value {key!r}")
        value = value[part]
    return value


def _alternation(forms: list[str]) -> str:
    """A regex alternation of literal forms, longest first; word boundaries around letters."""
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        text = re.escape(form).replace(r"\ ", r"\s+")
        if form[:1].isalnum():
            text = r"\b" + text
        if form[-1:].isalnum():
            text += r"\b"
        parts.append(text)
    return "(?:" + "|".join(parts) + ")"


@cache
def pledge_signal_pattern(resources: Path = QUALITY_RESOURCES) -> str:
    """RE2 pattern (case-insensitive) of a pledge verb within N characters of a sum of money."""
    commitments = resources.parent / "commitments"
    currencies = [
        line.split("\t") for line in _lines(commitments / "currencies.tsv") if len(line.split("\t")) >= 5
    ]
    pre = _alternation([c[0] for c in currencies if c[4].strip() == "pre"])
    post = _alternation([c[0] for c in currencies if c[4].strip() == "post"])
    multipliers = _alternation(_tsv_column(commitments / "multipliers.tsv", 0))
    number = r"\d[\d,.]*"
    money = rf"(?:{pre}\s?{number}|{number}(?:\s*{multipliers})?\s*{post})"
    verbs = _alternation(_lines(resources / "pledge_verbs.txt"))
    gap = int(threshold("pledge_signal.max_chars_between", resources))
    return rf"(?is)(?:{verbs}.{{0,{gap}}}{money}|{money}.{{0,{gap}}}{verbs})"


def _normal(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").lower().split())


@cache
def outlet_names(resources: Path = QUALITY_RESOURCES) -> list[str]:
    """Outlets (actors/media.tsv: surface forms and ids), normalised like a person id's name."""
    media = resources.parent / "actors" / "media.tsv"
    names = {_normal(n) for n in _tsv_column(media, 0) + _tsv_column(media, 1)}
    return sorted(n for n in names if n)


@cache
def place_names(resources: Path = QUALITY_RESOURCES) -> list[str]:
    """Countries and capitals (actors/capitals.tsv, actors/country_aliases.tsv, pycountry) and
    the extra non-names of person_not_names.txt, normalised like a person id's name."""
    import pycountry

    actors = resources.parent / "actors"
    names = set(_tsv_column(actors / "capitals.tsv", 0) + _tsv_column(actors / "country_aliases.tsv", 0))
    for country in pycountry.countries:
        names.update(
            str(getattr(country, attr))
            for attr in ("name", "common_name", "official_name")
            if hasattr(country, attr)
        )
    names.update(_lines(resources / "person_not_names.txt"))
    normal = {_normal(n) for n in names}
    return sorted(n for n in normal if n)


@cache
def each_words(resources: Path = QUALITY_RESOURCES) -> str:
    """RE2 pattern of the words giving every committer its own equal sum (money_each.txt)."""
    return "(?i)" + _alternation(_lines(resources.parent / "commitments" / "money_each.txt"))


def query_params(resources: Path = QUALITY_RESOURCES) -> dict[str, Any]:
    """The meaning checks' parameters of sql/quality/scope.sql."""
    return {
        "pledge_signal_pattern": pledge_signal_pattern(resources),
        "pledge_signal_min_sentences": int(threshold("pledge_signal.min_sentences", resources)),
        "outlet_names": outlet_names(resources),
        "place_names": place_names(resources),
        "each_pattern": each_words(resources),
        "package_tolerance": float(threshold("package.tolerance", resources)),
        "amount_limits": json.dumps(threshold("amount_usd", resources)),
        "confidence_min": float(threshold("confidence.min", resources)),
    }
