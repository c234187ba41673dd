"""One pledge, many articles: group the commitment rows that report the same undertaking.

Runs inside the publish transaction, after this run's rows are merged into core and before
the marts are rebuilt (`link_pledges`). Only the links persist (`core.pledge_commitments`,
one row per commitment); `core.pledges` is recomputed from them every time.

The matching rule (README, "One pledge, many articles"):

1. Inside one article, the rows of a **joint** amount (basis `joint`: "Spain, Italy and the EU
   pledged EUR 3bn") with the same figure, category, polarity and recipient are one undertaking
   with several committers; every other row is an undertaking of its own.
2. Undertakings not linked yet are taken oldest report first (the article's date, else the
   date of the run that loaded it). One joins an existing pledge when all of these hold:
   - the same committer(s) (the sorted set), the same recipient (null only matches null), the
     same category and the same polarity (a refusal never joins a pledge);
   - its report falls within `WINDOW_DAYS` of the pledge's first to last report;
   - no article is in a pledge twice;
   - the amounts are compatible: some figure of the pledge is within a factor `MAX_RATIO` of
     its figure (same currency: the figures as written; else in USD); or, when either side has
     no figure, the objects say the same thing: at least `MIN_OBJECT_OVERLAP` of the words of
     the shorter object (without stop words, `resources/pledges/generic_object_words.txt` and
     the recipient's name) are in the other ("Taurus cruise missiles to Ukraine" and "Ukraine
     with Taurus cruise missiles"), never on an empty word set.
   Among several such pledges it joins the one with the closest figure, then the closest date,
   then the smallest id. Otherwise it founds a new pledge.
3. A pledge's key is `stable_id('pledge', <its founding commitment ids>)`: content hashes, so a
   re-run gives the same keys, and a later article joins the pledge without changing its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pipeline.config import RESOURCES_DIR
from pipeline.lexicon import data_lines
from pipeline.models import stable_id
from pipeline.money.convert import convert
from pipeline.warehouse.db import read_sql

if TYPE_CHECKING:
    import duckdb

WINDOW_DAYS = 30
"""A report joins a pledge reported within this many days before its first or after its last
report; a pledge renewed a year later is a new pledge."""

MAX_RATIO = 1.25
"""Two figures further apart than this factor are different undertakings, not a disagreement
(50 vs 55 million: the same pledge, disputed; 50 vs 100 million: two pledges)."""

MIN_OBJECT_OVERLAP = 0.5
"""Without a figure on both sides, the share of the shorter object's words the other must have."""

GENERIC_OBJECT_WORDS = RESOURCES_DIR / "pledges" / "generic_object_words.txt"

_WORD = re.compile(r"[^\W\d_]+")

__all__ = ["MAX_RATIO", "WINDOW_DAYS", "convert_unconverted", "link_pledges"]

Figure = tuple[float, str | None, float | None]  # value, currency, usd


@dataclass
class _Pledge:
    pledge_id: str
    first: date | None
    last: date | None
    articles: set[str] = field(default_factory=set)
    figures: list[Figure] = field(default_factory=list)
    objects: list[frozenset[str]] = field(default_factory=list)


@dataclass
class _Undertaking:
    rows: list[dict[str, Any]]
    signature: tuple[Any, ...]
    reported_on: date | None
    figure: Figure | None
    words: frozenset[str]

    @property
    def article_id(self) -> str:
        return str(self.rows[0]["article_id"])


def _ratio(a: Figure, b: Figure) -> float | None:
    """How far apart two figures are (>= 1), or None when they cannot be compared."""
    if a[1] and a[1] == b[1]:
        x, y = a[0], b[0]
    elif a[2] is not None and b[2] is not None:
        x, y = a[2], b[2]
    else:
        return None
    if x <= 0 or y <= 0:
        return 1.0 if x == y else None
    return max(x, y) / min(x, y)


@cache
def _ignored_words() -> frozenset[str]:
    return _spacy_stop_words() | frozenset(w.lower() for w in data_lines(GENERIC_OBJECT_WORDS))


def _spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from their module's file: importing the module
    imports all of spaCy (seconds), in a process that publishes and never parses."""
    import importlib.util
    import sys

    loaded: Any = sys.modules.get("spacy.lang.en.stop_words")
    spec = importlib.util.find_spec("spacy") if loaded is None else None
    if spec is not None and spec.origin is not None:
        path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
        file_spec = importlib.util.spec_from_file_location("_pledgewatch_en_stop_words", path)
        if file_spec is not None and file_spec.loader is not None:
            loaded = importlib.util.module_from_spec(file_spec)
            file_spec.loader.exec_module(loaded)
    if loaded is None:
        import spacy.lang.en.stop_words as loaded
    return frozenset(loaded.STOP_WORDS)


def object_words(text: str | None, recipient: str | None) -> frozenset[str]:
    """The words that say what is committed: lower case, plural -s dropped, without stop words,
    generic words and the recipient's name."""
    from pipeline.extract.rows import actor_name

    ignored = _ignored_words()
    if recipient:
        ignored = ignored | {w.lower() for w in _WORD.findall(actor_name(recipient))}
        ignored = ignored | {w.lower() for w in _WORD.findall(recipient)}

    def norm(w: str) -> str:
        w = w.lower()
        return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w  # noqa: PLR2004

    return frozenset(
        norm(w) for w in _WORD.findall(text or "") if w.lower() not in ignored and norm(w) not in ignored
    )


def _same_object(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) >= MIN_OBJECT_OVERLAP * min(len(a), len(b))


def _amount_distance(u: _Undertaking, p: _Pledge) -> float | None:
    """Figures on both sides: the closest ratio within MAX_RATIO, else None. Otherwise 0 when the
    objects say the same thing, else None."""
    if u.figure is None or not p.figures:
        return 0.0 if any(_same_object(u.words, w) for w in p.objects) else None
    ratios = [r for f in p.figures if (r := _ratio(u.figure, f)) is not None and r <= MAX_RATIO]
    return min(ratios) - 1.0 if ratios else None


def _date_distance(u: _Undertaking, p: _Pledge) -> int | None:
    if u.reported_on is None or p.first is None or p.last is None:
        return 0
    window = timedelta(days=WINDOW_DAYS)
    if not (p.first - window <= u.reported_on <= p.last + window):
        return None
    if p.first <= u.reported_on <= p.last:
        return 0
    return min(abs((u.reported_on - p.first).days), abs((u.reported_on - p.last).days))


def _undertakings(rows: list[dict[str, Any]]) -> list[_Undertaking]:
    """The unlinked rows as undertakings: one per row, the rows of one joint sum together."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    order: list[tuple[Any, ...]] = []
    for r in rows:
        if r["amount_basis"] == "joint" and r["amount_value"] is not None:
            key: tuple[Any, ...] = (
                "joint",
                r["article_id"],
                r["amount_value"],
                r["amount_currency"],
                r["category"],
                r["polarity"],
                r["recipient_actor_id"],
            )
        else:
            key = ("row", r["commitment_id"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(r)
    out = []
    for key in order:
        members = groups[key]
        first = members[0]
        committers = tuple(sorted({m["committer_actor_id"] for m in members}))
        figure = (
            None
            if first["amount_value"] is None
            else (float(first["amount_value"]), first["amount_currency"], first["amount_usd"])
        )
        out.append(
            _Undertaking(
                rows=members,
                signature=(committers, first["recipient_actor_id"], first["category"], first["polarity"]),
                reported_on=min((m["reported_on"] for m in members if m["reported_on"]), default=None),
                figure=figure,
                words=object_words(first["object"], first["recipient_actor_id"]),
            )
        )
    return out


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


_FX_COLUMNS = (
    "commitment_id",
    "amount_usd",
    "amount_eur",
    "fx_rate_usd",
    "fx_rate_eur",
    "fx_rate_date",
    "fx_date",
    "fx_date_source",
    "fx_package",
    "conversion_flag",
)
"""The conversion columns of core.commitments that `convert_unconverted` fills."""


def convert_unconverted(con: duckdb.DuckDBPyConnection) -> int:
    """Convert core rows that have an amount but predate the conversion columns (schema 005)."""
    rows = _fetch(con, read_sql("core/pledges_unconverted.sql"))
    if not rows:
        return 0
    shape = con.sql(read_sql("core/table_shape.sql").format(table="core.commitments")).to_arrow_table().schema
    schema = pa.schema([shape.field(name) for name in _FX_COLUMNS])
    table = pa.Table.from_pylist(
        [
            {
                "commitment_id": r["commitment_id"],
                **convert(r["amount_value"], r["amount_currency"], r["published_at"], r["run_id"]).row(),
            }
            for r in rows
        ],
        schema=schema,
    )
    con.register("_pw_fx", table)
    try:
        con.execute(read_sql("core/pledges_convert_update.sql"))
    finally:
        con.unregister("_pw_fx")
    return len(rows)


def link_pledges(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Link every commitment not in a pledge yet to its pledge (an existing one when it matches,
    else a new one) and recompute core.pledges. Call inside the publish transaction."""
    convert_unconverted(con)
    con.execute(read_sql("core/pledges_prune.sql"))
    before = con.execute(read_sql("core/table_rows.sql").format(table="core.pledges")).fetchone()[0]  # type: ignore[index]
    pledges: dict[tuple[Any, ...], list[_Pledge]] = {}
    for p in _fetch(con, read_sql("core/pledges_candidates.sql")):
        signature = (tuple(p["committers"]), p["recipient_actor_id"], p["category"], p["polarity"])
        pledges.setdefault(signature, []).append(
            _Pledge(
                pledge_id=p["pledge_id"],
                first=p["first_reported"],
                last=p["last_reported"],
                articles=set(p["article_ids"] or []),
                figures=[(float(f["value"]), f["currency"], f["usd"]) for f in p["figures"] or []],
                objects=[object_words(o, p["recipient_actor_id"]) for o in p["objects"] or []],
            )
        )
    links: list[dict[str, Any]] = []
    for u in _undertakings(_fetch(con, read_sql("core/pledges_unlinked.sql"))):
        best: tuple[float, int, str] | None = None
        chosen: _Pledge | None = None
        for pledge in pledges.get(u.signature, []):
            if u.article_id in pledge.articles:
                continue
            amount, when = _amount_distance(u, pledge), _date_distance(u, pledge)
            if amount is None or when is None:
                continue
            rank = (amount, when, pledge.pledge_id)
            if best is None or rank < best:
                best, chosen = rank, pledge
        rule = "matched"
        if chosen is None:
            rule = "founded"
            chosen = _Pledge(
                pledge_id=stable_id("pledge", *sorted(r["commitment_id"] for r in u.rows)),
                first=u.reported_on,
                last=u.reported_on,
            )
            pledges.setdefault(u.signature, []).append(chosen)
        chosen.articles.add(u.article_id)
        if u.reported_on is not None:
            chosen.first = min(filter(None, (chosen.first, u.reported_on)))
            chosen.last = max(filter(None, (chosen.last, u.reported_on)))
        if u.figure is not None:
            chosen.figures.append(u.figure)
        chosen.objects.append(u.words)
        links.extend(
            {
                "commitment_id": r["commitment_id"],
                "pledge_id": chosen.pledge_id,
                "article_id": r["article_id"],
                "committer_actor_id": r["committer_actor_id"],
                "reported_on": r["reported_on"],
                "match_rule": rule,
                "linked_run_id": run_id,
            }
            for r in u.rows
        )
    if links:
        schema = (
            con.sql(read_sql("core/table_shape.sql").format(table="core.pledge_commitments"))
            .to_arrow_table()
            .schema
        )
        con.register("_pw_links", pa.Table.from_pylist(links, schema=schema))
        try:
            con.execute(read_sql("core/pledges_link_insert.sql"))
        finally:
            con.unregister("_pw_links")
    con.execute(read_sql("core/pledges_refresh.sql"))
    after = con.execute(read_sql("core/table_rows.sql").format(table="core.pledges")).fetchone()[0]  # type: ignore[index]
    return {"pledges": int(after - before), "pledge_commitments": len(links)}
