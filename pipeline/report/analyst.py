"""The analyst's part of the run report: what the run added to the pledges, and what to doubt.

- new pledges (first reported in this run) with their figure as written, in USD and in EUR,
  joint pledges marked, parts listed under their package, every row linking to its article
  and quoting its evidence (article id + span);
- refusals and cuts, apart;
- the conditions attached to what the run reported;
- per-donor totals (marts.pledges_by_committer) and their change since the snapshot the
  previous published run's report kept (core.report_donor_totals, sql/schema/009);
- the run's warn-level quality results with their sample rows (core.quality_results).

Every value comes from the warehouse through sql/report/*.sql; this module only shapes and
formats it. Article text is never trusted: the template escapes it, and a URL is linked only
when it is http(s).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from pipeline.warehouse import read_sql

if TYPE_CHECKING:
    import duckdb

    from pipeline.quality import QualityResult

__all__ = [
    "collect_analyst_facts",
    "format_money",
    "money_change",
    "safe_href",
    "save_donor_snapshot",
]

SNAPSHOT_STATEMENTS: tuple[str, ...] = (
    "report/snapshot_forget_totals.sql",
    "report/snapshot_forget.sql",
    "report/snapshot_totals.sql",
    "report/snapshot_taken.sql",
)
"""Taking a run's snapshot, in order (replaces the run's earlier one)."""

_SYMBOLS = {"usd": "$"}
"""Currencies written with a symbol; every other one by its ISO code ("EUR 3.0bn")."""


# --- formatting -------------------------------------------------------------------------------


def _decimals(x: float) -> str:
    """Two decimals at most, one at least: 3.0, 3.24, 3.2, 1,117.2."""
    s = f"{x:,.2f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def _compact(v: float) -> str:
    if v >= 1e9:
        return f"{_decimals(v / 1e9)}bn"
    if v >= 1e6:
        return f"{_decimals(v / 1e6)}m"
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}"


def format_money(value: float | None, currency: str | None) -> str:
    """`EUR 3.0bn`, `$3.24bn`, `GBP 250,000`; a figure without a known currency as `3.0bn (?)`."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    sign = "-" if value < 0 else ""
    number = _compact(abs(float(value)))
    code = (currency or "").lower()
    if not code:
        return f"{sign}{number} (currency unknown)"
    symbol = _SYMBOLS.get(code)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{code.upper()} {number}"


def money_change(value: float | None, currency: str) -> str:
    """A signed change: `+$1.2bn`, `-EUR 50.0m`, `0`; '' when unknown."""
    if value is None:
        return ""
    if abs(value) < 0.005:
        return "0"
    return ("+" if value > 0 else "") + format_money(value, currency)


def safe_href(url: Any) -> str | None:
    """The URL when it is http(s) (the article's link), else None: a feed or page chooses the
    URL, and `javascript:` or `data:` must never become a link."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if u.lower().startswith(("https://", "http://")) and not any(ch.isspace() for ch in u):
        return u
    return None


def _amount(p: dict[str, Any]) -> dict[str, Any]:
    """A pledge's figure for display: as written, in its currency, USD, EUR and one line."""
    value, currency = p.get("amount_value"), p.get("amount_currency")
    if value is None:
        return {"line": "", "original": "", "usd": "", "eur": "", "written": p.get("amount_text")}
    original = format_money(value, currency)
    usd = format_money(p.get("amount_usd"), "usd")
    eur = format_money(p.get("amount_eur"), "eur")
    flag = p.get("conversion_flag")
    if not usd:
        line = f"{original} (not converted: {flag or 'no rate'})"
    elif (currency or "").lower() == "usd":
        line = f"{original} = {eur}"
    else:
        line = f"{original} = {usd}"
    return {
        "line": line,
        "original": original,
        "usd": usd,
        "eur": eur,
        "written": p.get("amount_text"),
        "flag": flag,
    }


# --- facts ------------------------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cur = con.execute(read_sql(name), params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _mart_exists(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(read_sql("report/mart_exists.sql")).fetchone()
    return bool(row and row[0])


def save_donor_snapshot(con: duckdb.DuckDBPyConnection, run_id: str) -> int | None:
    """Keep the per-donor totals a published run left (replacing the run's earlier snapshot);
    returns the donor lines kept, None when the run is not the newest published one (the mart
    holds a later state) or no publish made the mart yet."""
    newest = con.execute(read_sql("report/newest_published_run.sql")).fetchone()
    if newest is None or newest[0] != run_id or not _mart_exists(con):
        return None
    con.begin()
    try:
        for name in SNAPSHOT_STATEMENTS:
            con.execute(read_sql(name), {"run_id": run_id})
        row = con.execute(read_sql("report/snapshot_lines.sql"), {"run_id": run_id}).fetchone()
        con.commit()
    except Exception:
        con.rollback()
        raise
    return int(row[0]) if row else 0


def _nest(pledges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Packages first, each followed by its parts (depth 1, 2 ...), in the given order; a part
    whose package is not in the list stays at depth 0 (its `part_of` note says which)."""
    ids = {p["pledge_id"] for p in pledges}
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    top: list[dict[str, Any]] = []
    for p in pledges:
        parent = p.get("part_of_pledge_id")
        if isinstance(parent, str) and parent in ids and parent != p["pledge_id"]:
            children[parent].append(p)
        else:
            top.append(p)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()

    def walk(p: dict[str, Any], depth: int) -> None:
        if p["pledge_id"] in seen:
            return
        seen.add(p["pledge_id"])
        out.append({**p, "depth": depth})
        for child in children.get(p["pledge_id"], []):
            walk(child, depth + 1)

    for p in top:
        walk(p, 0)
    for p in pledges:  # parts of a cycle of packages (never expected): still listed
        walk(p, 0)
    return out


def _pledge_rows(
    con: duckdb.DuckDBPyConnection, run_id: str, limit: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """(new pledges, new refusals and cuts, earlier pledges reported again, counts)."""
    params = {"run_id": run_id}
    # the run's pledges as the analysts' mart has them (marts.fct_pledges, made by the first publish)
    rows = _rows(con, "report/run_pledges.sql", params) if _mart_exists(con) else []
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in _rows(con, "report/run_pledge_sources.sql", params):
        s["article_href"] = safe_href(s.get("article_url"))
        sources[s["pledge_id"]].append(s)
    for p in rows:
        p["amount"] = _amount(p)
        p["part_of_amount"] = format_money(p.get("part_of_amount_value"), p.get("part_of_amount_currency"))
        p["article_href"] = safe_href(p.get("article_url"))
        p["sources"] = sources.get(p["pledge_id"], [])
    new = [p for p in rows if p["is_new"]]
    pledges = [p for p in new if p["polarity"] != "negative"]
    refusals = [p for p in new if p["polarity"] == "negative"]
    again = [p for p in rows if not p["is_new"]]
    counts = {
        "new_pledges": len(pledges),
        "new_pledges_with_amount": sum(1 for p in pledges if p["amount_value"] is not None),
        "new_joint_pledges": sum(1 for p in pledges if p["is_joint"]),
        "new_refusals": sum(1 for p in refusals if p["pledge_kind"] == "refusal"),
        "new_cuts": sum(1 for p in refusals if p["pledge_kind"] == "cut"),
        "reported_again": len(again),
    }
    return _nest(pledges)[:limit], _nest(refusals)[:limit], again[:limit], counts


def _totals(
    con: duckdb.DuckDBPyConnection, run_id: str, run_info: dict[str, Any], limit: int
) -> dict[str, Any]:
    prev = _rows(
        con, "report/previous_snapshot.sql", {"run_id": run_id, "started_at": run_info.get("started_at")}
    )
    p = prev[0] if prev else {}
    snapshot_run = p.get("snapshot_run_id")
    out: dict[str, Any] = {
        "previous_published_run": p.get("previous_published_run_id"),
        "compared_with_run": snapshot_run,
        "compared_with_started_at": p.get("snapshot_started_at"),
        "this_run_published": run_info.get("status") == "published",
        "lines": [],
        "lines_total": 0,
        "lines_changed": 0,
        "truncated": False,
        "snapshot_error": None,
    }
    if not _mart_exists(con):
        return out
    lines = _rows(con, "report/donor_totals.sql", {"snapshot_run_id": snapshot_run})
    for line in lines:
        has_amount = bool(line["pledges_with_amount"]) or bool(line["amount_usd"])
        line["amount_usd_text"] = format_money(line["amount_usd"], "usd") if has_amount else "–"
        line["amount_eur_text"] = format_money(line["amount_eur"], "eur") if has_amount else "–"
        line["amount_usd_change_text"] = money_change(line["amount_usd_change"], "usd")
        line["amount_eur_change_text"] = money_change(line["amount_eur_change"], "eur")
        line["is_changed"] = bool(
            line["pledges_change"] or abs(line["amount_usd_change"] or 0.0) >= 0.005 or line["is_new_line"]
        )
    # what changed first (largest move in USD first), then the rest as the mart orders them
    changed = sorted((x for x in lines if x["is_changed"]), key=lambda x: -abs(x["amount_usd_change"] or 0.0))
    ordered = changed + [x for x in lines if not x["is_changed"]]
    out.update(
        lines=ordered[:limit],
        lines_total=len(lines),
        lines_changed=len(changed),
        truncated=len(lines) > limit,
    )
    return out


def _json(raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _warnings(
    con: duckdb.DuckDBPyConnection, run_id: str, quality: QualityResult | None
) -> list[dict[str, Any]]:
    notes = {o.expectation: o.notes for o in quality.outcomes} if quality is not None else {}
    out = []
    for w in _rows(con, "report/run_warnings.sql", {"run_id": run_id}):
        samples = _json(w.pop("sample_rows"))
        samples = [s for s in samples if isinstance(s, dict)] if isinstance(samples, list) else []
        keys: list[str] = []
        for s in samples:
            keys += [str(k) for k in s if str(k) not in keys]
        column = w.get("column_name")
        # the checked column first, then the text a reader recognises, then keys and flags
        keys.sort(key=lambda k: (k != column, not k.endswith("_text")))
        out.append(
            {
                **w,
                "observed_value": _json(w.get("observed_value")),
                "notes": notes.get(w["expectation"]),
                "samples": samples,
                "sample_columns": keys,
            }
        )
    return out


def collect_analyst_facts(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    run_info: dict[str, Any],
    quality: QualityResult | None,
    *,
    max_pledges: int = 200,
    max_donor_lines: int = 100,
    max_conditions: int = 200,
) -> dict[str, Any]:
    """The analyst's sections as JSON-ready data (report.json `analyst`)."""
    pledges, refusals, again, counts = _pledge_rows(con, run_id, max_pledges)
    conditions = _rows(con, "report/run_conditions.sql", {"run_id": run_id})
    for c in conditions:
        c["article_href"] = safe_href(c.get("article_url"))
        c["amount"] = format_money(c.get("amount_value"), c.get("amount_currency"))
    return {
        "counts": {**counts, "conditions": len(conditions)},
        "new_pledges": pledges,
        "refusals_and_cuts": refusals,
        "reported_again": again,
        "conditions": conditions[:max_conditions],
        "conditions_truncated": len(conditions) > max_conditions,
        "totals": _totals(con, run_id, run_info, max_donor_lines),
        "warnings": _warnings(con, run_id, quality),
    }
