"""The per-run report: reports/<run_id>/index.html (+ report.json, GX Data Docs), reports/latest.

`collect_facts` reads what the run stage does not hand over (row totals, the previous run,
the run's articles, committers, categories, inputs with reasons, the last runs, and the
analyst's part: new pledges, refusals and cuts, conditions, per-donor totals and their change,
warnings with samples, see `pipeline.report.analyst`) from the warehouse; `write_report`
renders them with Jinja2 (autoescape on: every article-derived string is escaped) into a page
with no external resources (the chart is inline SVG).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.report.analyst import collect_analyst_facts, save_donor_snapshot
from pipeline.warehouse import read_sql

if TYPE_CHECKING:
    import duckdb
    from jinja2 import Environment

    from pipeline.quality import QualityResult

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

TABLES: tuple[str, ...] = (
    "inputs",
    "documents",
    "articles",
    "sentences",
    "actors",
    "actor_mentions",
    "statements",
    "commitments",
    "commitment_conditions",
    "commitment_quantities",
    "commitment_mentions",
)
"""Tables in the counts section, named as the run stage reports its counts (staging names)."""


class ReportError(Exception):
    """The report could not be written."""


@dataclass
class ReportConfig:
    """How much the report lists."""

    history_runs: int = 20
    """Runs in the history chart (from core.runs)."""
    top_committers: int = 10
    """Committers listed."""
    max_articles: int = 200
    """Articles listed with their statement and commitment counts."""
    max_inputs: int = 200
    """Duplicate and rejected inputs listed with their reasons."""
    max_pledges: int = 200
    """New pledges, new refusals and cuts, and pledges reported again: listed each."""
    max_donor_lines: int = 100
    """Per-donor total lines listed (the changed ones first)."""
    max_conditions: int = 200
    """Conditions listed."""


def write_report(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    report_dir: Path,
    run_info: dict[str, Any],
    quality: QualityResult | None,
    *,
    config: ReportConfig | None = None,
) -> Path:
    """Write reports/<run_id>/{index.html, report.json, data_docs/}; point reports/latest at it.

    `run_info` is what the run stage knows: run_id, status, started_at, finished_at,
    stage_seconds, counts (rows added per table), inputs (by outcome), error. Returns the path of
    index.html. Reads the warehouse, except for one write: a published run's per-donor totals
    are kept in core.report_donor_totals (the next report shows the change since them).
    """
    config = config or ReportConfig()
    out_dir = Path(report_dir) / run_id
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create report folder {out_dir}: {exc}") from exc

    snapshot_error = None
    if run_info.get("status") == "published":
        try:
            save_donor_snapshot(con, run_id)
        except Exception as exc:  # the report still shows the totals, without keeping them
            snapshot_error = f"{type(exc).__name__}: {exc}"
    facts = collect_facts(con, run_id, run_info, quality, config=config)
    facts["analyst"]["totals"]["snapshot_error"] = snapshot_error
    facts["data_docs"] = None
    docs_dir = out_dir / "data_docs"
    if quality is not None and quality.gx_context is not None:
        from pipeline.quality import build_data_docs

        if docs_dir.is_dir() and not docs_dir.is_symlink():
            shutil.rmtree(docs_dir)  # a report written again for the run: no stale pages
        try:
            build_data_docs(quality, docs_dir)
        except Exception as exc:  # Data Docs are a bonus: the report stands without them
            facts["data_docs_error"] = f"{type(exc).__name__}: {exc}"
    # built now, or earlier by the validate step of a scheduler (the GX objects stay there)
    if (docs_dir / "index.html").is_file():
        facts["data_docs"] = "data_docs/index.html"

    html = render_html(facts)
    index = out_dir / "index.html"
    try:
        (out_dir / "report.json").write_text(
            json.dumps(facts, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        index.write_text(html, encoding="utf-8")
        point_latest(Path(report_dir), run_id)
    except OSError as exc:
        raise ReportError(f"cannot write the report into {out_dir}: {exc}") from exc
    return index


REPORT_TEMPLATE = "index.html.j2"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The report's Jinja environment, one per process: its template is compiled once
    (`precompile_template`: ahead, in the CLI run's warm-up thread) and reused by every report."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tojson_compact"] = lambda v: json.dumps(v, ensure_ascii=False, default=str)
    env.filters["seconds"] = _fmt_seconds
    env.filters["signed"] = lambda v: "" if v is None else (f"+{v}" if v > 0 else str(v))
    return env


def precompile_template() -> None:
    """Compile the report's template now rather than when the first report is written."""
    _environment().get_template(REPORT_TEMPLATE)


def render_html(facts: dict[str, Any]) -> str:
    """index.html from the facts (templates/index.html.j2, autoescaped)."""
    template = _environment().get_template(REPORT_TEMPLATE)
    return template.render(facts=facts, chart=history_chart(facts["history"]))


def point_latest(report_dir: Path, run_id: str) -> Path:
    """reports/latest -> <run_id> (a relative symlink, or a small text file naming the run)."""
    latest = report_dir / "latest"
    tmp = report_dir / f".latest.{os.getpid()}"
    try:
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        tmp.symlink_to(run_id, target_is_directory=True)
        if latest.is_dir() and not latest.is_symlink():
            raise OSError("reports/latest is a real directory")
        os.replace(tmp, latest)
    except OSError:
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        if latest.is_symlink():
            latest.unlink()
        if not latest.is_dir():
            latest.write_text(f"{run_id}\n{run_id}/index.html\n", encoding="utf-8")
    return latest


# --- facts ------------------------------------------------------------------------------------


def collect_facts(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    run_info: dict[str, Any],
    quality: QualityResult | None,
    *,
    config: ReportConfig,
) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data (this is report.json)."""
    started_at = run_info.get("started_at")
    counts: dict[str, Any] = dict(run_info.get("counts") or {})
    prev = _one(con, "report/previous_run.sql", {"run_id": run_id, "started_at": started_at})
    recent = _rows(con, "report/recent_runs.sql", {"limit": config.history_runs})
    added_by_run = _rows_added(con, [r["run_id"] for r in recent] + ([prev["run_id"]] if prev else []))
    prev_counts = added_by_run.get(prev["run_id"], {}) if prev else {}
    totals = {r["table_name"]: r["total_rows"] for r in _rows(con, "report/table_totals.sql", {})}
    staged = {
        r["table_name"]: r["staged_rows"] for r in _rows(con, "report/staged_counts.sql", {"run_id": run_id})
    }
    tables = []
    for table in TABLES:
        added = counts.get(table)
        before = prev_counts.get(table) if prev else None
        tables.append(
            {
                "table": table,
                "staged_this_run": staged.get(table),
                "added_this_run": added,
                "added_previous_run": before,
                "change": None if added is None or before is None else added - before,
                "total_rows": totals.get(table),
            }
        )

    run_params = {"run_id": run_id}
    articles = _rows(con, "report/articles.sql", run_params, prelude=True)
    n_articles = len(articles)
    n_statements = sum(a["statements"] for a in articles)
    n_commitments = sum(a["commitments"] for a in articles)
    extraction = {
        "articles": n_articles,
        "statements": n_statements,
        "commitments": n_commitments,
        "statements_per_article": round(n_statements / n_articles, 2) if n_articles else None,
        "commitments_per_article": round(n_commitments / n_articles, 2) if n_articles else None,
        "articles_without_commitments": sum(1 for a in articles if not a["commitments"]),
        "max_commitments_in_an_article": max((a["commitments"] for a in articles), default=0),
        "per_article": articles[: config.max_articles],
        "per_article_truncated": n_articles > config.max_articles,
        "top_committers": _rows(
            con,
            "report/top_committers.sql",
            {**run_params, "limit": config.top_committers},
            prelude=True,
        ),
        "categories": _rows(con, "report/categories.sql", run_params, prelude=True),
    }

    inputs_by_outcome = {
        r["outcome"]: r["inputs"] for r in _rows(con, "report/input_outcomes.sql", run_params, prelude=True)
    }
    given_inputs = dict(run_info.get("inputs") or {})
    inputs = {
        "by_outcome": {
            k: given_inputs.get(k, inputs_by_outcome.get(k, 0)) for k in ("loaded", "duplicate", "rejected")
        },
        "other": {k: v for k, v in given_inputs.items() if k not in ("loaded", "duplicate", "rejected")},
        "not_loaded": _rows(
            con,
            "report/inputs.sql",
            {**run_params, "include_loaded": False, "limit": config.max_inputs},
            prelude=True,
        ),
    }
    inputs["rejection_reasons"] = _reason_counts(
        [i for i in inputs["not_loaded"] if i["outcome"] == "rejected"]
    )

    history = []
    seen_current = False
    for r in recent:
        c = added_by_run.get(r["run_id"], {})
        if r["run_id"] == run_id:
            seen_current = True
            c = counts or c
        history.append(
            {
                "run_id": r["run_id"],
                "started_at": r["started_at"],
                "status": run_info.get("status") if r["run_id"] == run_id else r["status"],
                "articles": c.get("articles"),
                "statements": c.get("statements"),
                "commitments": c.get("commitments"),
                "is_this_run": r["run_id"] == run_id,
            }
        )
    if not seen_current:
        history.append(
            {
                "run_id": run_id,
                "started_at": started_at,
                "status": run_info.get("status"),
                "articles": counts.get("articles"),
                "statements": counts.get("statements"),
                "commitments": counts.get("commitments"),
                "is_this_run": True,
            }
        )
        history = history[-config.history_runs :]

    facts: dict[str, Any] = _plain(
        {
            "run": {
                "run_id": run_id,
                "status": run_info.get("status"),
                "started_at": started_at,
                "finished_at": run_info.get("finished_at"),
                "duration_seconds": _duration(started_at, run_info.get("finished_at")),
                "error": run_info.get("error"),
            },
            "stage_seconds": dict(run_info.get("stage_seconds") or {}),
            "previous_run": ({k: prev[k] for k in ("run_id", "started_at", "status")} if prev else None),
            "tables": tables,
            "inputs": inputs,
            "extraction": extraction,
            "quality": quality.to_dict() if quality is not None else None,
            "analyst": collect_analyst_facts(
                con,
                run_id,
                run_info,
                quality,
                max_pledges=config.max_pledges,
                max_donor_lines=config.max_donor_lines,
                max_conditions=config.max_conditions,
            ),
            "history": history,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    return facts


def _sql(name: str, prelude: bool) -> str:
    return (read_sql("report/run_rows.sql") + "\n" if prelude else "") + read_sql(name)


def _rows(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any], *, prelude: bool = False
) -> list[dict[str, Any]]:
    cur = con.execute(_sql(name, prelude), params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> dict[str, Any] | None:
    rows = _rows(con, name, params)
    return rows[0] if rows else None


def _rows_added(con: duckdb.DuckDBPyConnection, run_ids: list[str]) -> dict[str, dict[str, int]]:
    """{run_id: {table: rows its publish added}} from core.run_counts (a run that did not
    publish: no entry)."""
    out: dict[str, dict[str, int]] = {}
    for r in _rows(con, "report/run_rows_added.sql", {"run_ids": run_ids}):
        out.setdefault(r["run_id"], {})[r["table_name"]] = int(r["rows_added"])
    return out


def _reason_counts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: dict[str, int] = {}
    for r in rows:
        out[r.get("reason") or "(no reason recorded)"] = (
            out.get(r.get("reason") or "(no reason recorded)", 0) + 1
        )
    return [{"reason": k, "inputs": v} for k, v in sorted(out.items(), key=lambda kv: -kv[1])]


def _duration(started: Any, finished: Any) -> float | None:
    try:
        a = datetime.fromisoformat(str(started))
        b = datetime.fromisoformat(str(finished))
    except (TypeError, ValueError):
        return None
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return round((b - a).total_seconds(), 2)


def _short_time(value: Any) -> str | None:
    """`MM-DD HH:MM` of an ISO time (chart labels), None when unparseable."""
    try:
        return datetime.fromisoformat(str(value)).strftime("%m-%d %H:%M")
    except (TypeError, ValueError):
        return None


def _fmt_seconds(value: Any) -> str:
    if value is None:
        return ""
    v = float(value)
    return f"{v:.2f} s" if v < 120 else f"{v / 60:.1f} min"


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO strings, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


# --- chart ------------------------------------------------------------------------------------


def history_chart(history: list[dict[str, Any]]) -> dict[str, Any]:
    """Geometry of the inline SVG bar chart: articles and commitments added per run."""
    width, height, left, bottom, top = 900, 220, 50, 40, 20
    series = (("articles", "#3b6ea8"), ("commitments", "#d9822b"))
    peak = max([int(h.get(s) or 0) for h in history for s, _ in series] + [1])
    n = max(len(history), 1)
    slot = (width - left - 10) / n
    bar = max(min(slot / 3, 28), 2)
    plot_h = height - bottom - top
    bars, labels = [], []
    for i, h in enumerate(history):
        x0 = left + i * slot + (slot - 2 * bar) / 2
        for j, (name, color) in enumerate(series):
            value = h.get(name)
            v = int(value or 0)
            bh = plot_h * v / peak
            bars.append(
                {
                    "x": round(x0 + j * bar, 1),
                    "y": round(top + plot_h - bh, 1),
                    "w": round(bar - 1, 1),
                    "h": round(bh, 1),
                    "color": color,
                    "title": f"{h['run_id']}: {name} {'n/a' if value is None else v}",
                }
            )
        labels.append(
            {
                "x": round(left + i * slot + slot / 2, 1),
                "y": height - bottom + 14,
                "text": _short_time(h.get("started_at")) or str(h["run_id"])[:12],
                "run_id": h["run_id"],
                "status": h.get("status"),
                "is_this_run": h.get("is_this_run", False),
            }
        )
    ticks = [{"y": round(top + plot_h - plot_h * f, 1), "value": round(peak * f)} for f in (0, 0.5, 1)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "plot_h": plot_h,
        "bars": bars,
        "labels": labels,
        "ticks": ticks,
        "legend": [{"name": s, "color": c} for s, c in series],
        "peak": peak,
    }
