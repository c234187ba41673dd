"""How far to trust each extracted row: a calibrated `confidence` in [0, 1].

The confidence of a row is the precision that rows like it had on the annotated training
corpus: the share of them that matched a gold row under the scorer's rules (statements:
overlapping cue and content; commitments: same committer, category and evidence). "Like it"
is a bucket of a few properties every row has (which layer found it, the kind of committer
or source, whether it carries money, its modality or kind), backed off to coarser buckets
when a bucket is small: estimate = (hits + M * parent) / (rows + M).

The counts live in `resources/confidence.json`, written by `scripts/calibrate_confidence.py`
(`make train-extract` runs it after the decision layer); this module only reads them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from pipeline.config import RESOURCES_DIR

TABLE_PATH = RESOURCES_DIR / "confidence.json"
PRIOR_WEIGHT = 5.0
"""M: how many rows of the parent bucket a bucket's own rows are weighed against"""


def _actor_kind(actor: str | None) -> str:
    from pipeline.extract.rows import row_actor_kind

    return row_actor_kind(actor, donors="group")


def commitment_keys(row: dict[str, Any]) -> list[str]:
    """The row's buckets, coarsest first: layer, + committer kind, + money, + modality/polarity."""
    origin = str(row.get("origin") or "rules")
    kind = _actor_kind(row.get("committer"))
    money = "money" if (row.get("amount") or {}).get("value") is not None else "no-money"
    mode = f"{row.get('modality') or '-'}/{row.get('polarity') or 'positive'}"
    return [
        f"commitment|{origin}",
        f"commitment|{origin}|{kind}",
        f"commitment|{origin}|{kind}|{money}",
        f"commitment|{origin}|{kind}|{money}|{mode}",
    ]


def statement_keys(row: dict[str, Any]) -> list[str]:
    """The row's buckets, coarsest first: kind (direct, mixed, indirect), + source kind, + relay."""
    kind = str(row.get("kind") or "-")
    src = _actor_kind((row.get("source") or {}).get("actor"))
    via = "via" if row.get("via") else "no-via"
    return [
        f"statement|{kind}",
        f"statement|{kind}|{src}",
        f"statement|{kind}|{src}|{via}",
    ]


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[float, float]]:
    """bucket -> (hits, rows) from the calibration file; empty when it is missing."""
    if not TABLE_PATH.exists():
        return {}
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return {k: (float(v[0]), float(v[1])) for k, v in data.get("counts", {}).items()}


def estimate(keys: list[str], table: dict[str, tuple[float, float]] | None = None) -> float | None:
    """Smoothed precision of the finest bucket, each level shrunk towards its parent;
    None when not even the coarsest bucket was seen in calibration."""
    counts = _table() if table is None else table
    value: float | None = None
    for key in keys:
        hits, rows = counts.get(key, (0.0, 0.0))
        if value is None:
            if not rows:
                return None
            value = hits / rows
            continue
        value = (hits + PRIOR_WEIGHT * value) / (rows + PRIOR_WEIGHT)
    return None if value is None else round(value, 3)


def annotate(statements: list[dict[str, Any]], commitments: list[dict[str, Any]]) -> None:
    """Set `confidence` on every row (in place). A learned row that carries the decision
    layer's own probability gets the lower of it and its bucket's precision."""
    for st in statements:
        st["confidence"] = estimate(statement_keys(st))
    for cm in commitments:
        value = estimate(commitment_keys(cm))
        p = cm.pop("_probability", None)
        if p is not None:
            value = round(min(float(p), value if value is not None else 1.0), 3)
        cm["confidence"] = value
