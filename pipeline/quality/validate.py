"""Validate a run's staging rows (or the core tables) with the GX suites in expectations/.

How: each suite has a query (sql/quality/<suite>.sql, after the shared prelude
sql/quality/scope.sql) that DuckDB runs into one DataFrame per suite, one row per tested row.
Cross-table facts (a foreign key resolves, a span's text equals the body slice) are computed there
as boolean columns; GX then checks every column of the frame (DuckDB -> Arrow -> pandas -> GX's
pandas datasource; GX's SQL datasource over duckdb-engine returns no metric rows, see
architecture.md "Known ground"). The pass/fail of every expectation comes from GX.

GX's Data Docs put unexpected values into HTML unescaped, so the frame handed to GX holds only
the columns the suite checks, with text HTML-escaped; failing rows for the report and the CLI
are taken from the unescaped frame, by the row positions GX reports.
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pipeline.quality.config import SUITE_NAMES, BlockingConfig, QualityError, load_suite_dict
from pipeline.quality.meaning import query_params
from pipeline.warehouse import read_sql

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from pipeline.config import RunConfig

log = logging.getLogger(__name__)

RESULT_FORMAT_MAX_SAMPLES = 20
"""Row positions GX reports per failing expectation (samples are cut to the config's count)."""


@dataclass
class Outcome:
    """One expectation's verdict: what was checked, whether it held, and rows that broke it."""

    suite: str
    """Suite (= core table, or `volume`)."""
    name: str
    """The expectation's `meta.name` within the suite (stable, used by blocking.json)."""
    expectation_type: str
    """GX expectation type, e.g. `expect_column_values_to_be_in_set`."""
    column: str | None
    """The column checked (a column of the suite's frame)."""
    kwargs: dict[str, Any]
    """The expectation's arguments (column, value_set, min_value ...)."""
    success: bool
    """GX's verdict."""
    is_blocking: bool
    """Whether a failure of this expectation blocks publishing (blocking.json)."""
    observed_value: Any = None
    """GX's observed value, or a summary of unexpected values for column-map expectations."""
    unexpected_count: int | None = None
    """Rows that broke the expectation (None for aggregate expectations)."""
    element_count: int | None = None
    """Rows checked."""
    sample_rows: list[dict[str, Any]] = field(default_factory=list)
    """A few failing rows of the suite's frame, unescaped, as JSON-ready dicts."""
    notes: str | None = None
    """What the expectation means, from the suite file."""
    error: str | None = None
    """The exception GX raised while computing it (counts as a failure)."""
    is_quarantine: bool = False
    """Failing rows are set aside by article (core.quarantine) instead of blocking."""
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    """Every failing row's `article_id` and checked `value` (quarantine expectations only)."""

    @property
    def expectation(self) -> str:
        """Readable form: `suite.name: type(column, key=value, ...)`."""
        args = [str(self.column)] if self.column else []
        for key, value in self.kwargs.items():
            if key in ("column", "batch_id"):
                continue
            args.append(f"{key}={_short(value)}")
        return f"{self.suite}.{self.name}: {self.expectation_type}({', '.join(args)})"

    @property
    def level(self) -> str:
        """`pass`, `fail` (blocking), `quarantine` (failing rows set aside) or `warn`."""
        if self.success:
            return "pass"
        if self.is_quarantine:
            return "quarantine"
        return "fail" if self.is_blocking else "warn"

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "name": self.name,
            "expectation": self.expectation,
            "expectation_type": self.expectation_type,
            "column": self.column,
            "kwargs": _jsonable({k: v for k, v in self.kwargs.items() if k != "batch_id"}),
            "success": self.success,
            "is_blocking": self.is_blocking,
            "is_quarantine": self.is_quarantine,
            "quarantined_rows": len(self.quarantined),
            "level": self.level,
            "observed_value": _jsonable(self.observed_value),
            "unexpected_count": self.unexpected_count,
            "element_count": self.element_count,
            "sample_rows": _jsonable(self.sample_rows),
            "notes": self.notes,
            "error": self.error,
        }


@dataclass
class QualityResult:
    """All suites' outcomes for one validation; `.success` is False on any blocking failure."""

    scope: str
    """`run` (this run's staging rows) or `core` (the core tables)."""
    run_id: str | None
    """The run validated (run scope), else None."""
    checked_at: datetime
    """When the check ran (UTC)."""
    outcomes: list[Outcome] = field(default_factory=list)
    """One per expectation, suites in SUITE_NAMES order."""
    rows_checked: dict[str, int] = field(default_factory=dict)
    """Rows in each suite's frame."""
    gx_results: dict[str, Any] = field(default_factory=dict)
    """suite -> GX ExpectationSuiteValidationResult (kept for Data Docs)."""
    gx_context: Any = None
    """The ephemeral GX context holding the suites and results (builds Data Docs)."""
    review_rows: list[dict[str, Any]] = field(default_factory=list)
    """Every row a review expectation (suite file `meta.review`) found unexpected, passing or
    not (a `mostly` check passes with some low rows): what core.review_flags and
    marts.review_queue get. Keys: suite, expectation, reason, priority, row_kind, row_key,
    article_id, span_start, span_end."""

    @property
    def success(self) -> bool:
        return not self.failed_blocking()

    def failed_blocking(self) -> list[Outcome]:
        """Failed expectations that block publishing."""
        return [o for o in self.outcomes if not o.success and o.is_blocking]

    def warnings(self) -> list[Outcome]:
        """Failed warn-only expectations."""
        return [o for o in self.outcomes if not o.success and not o.is_blocking and not o.is_quarantine]

    def quarantine_rows(self) -> list[dict[str, Any]]:
        """One row per (article, failed row-level expectation): what core.quarantine gets."""
        rows = []
        for o in self.outcomes:
            if o.success or not o.is_quarantine:
                continue
            seen: set[tuple[str, str]] = set()
            for r in o.quarantined:
                value = r.get("value")
                key = (r["article_id"], str(value))
                if key in seen:
                    continue
                seen.add(key)
                rows.append(
                    {
                        "article_id": r["article_id"],
                        "suite": o.suite,
                        "expectation": o.name,
                        "value": None if value is None else str(value)[:500],
                        "reason": f"{o.suite}.{o.name}: {o.column} = {_short(value)!s:.200}"
                        + (f" ({o.notes})" if o.notes else ""),
                    }
                )
        return rows

    def quarantined_articles(self) -> set[str]:
        return {r["article_id"] for r in self.quarantine_rows()}

    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    def summary(self) -> str:
        n = len(self.outcomes)
        blocking = self.failed_blocking()
        text = (
            f"quality ({self.scope}): {n - len(self.failed())}/{n} expectations passed, "
            f"{len(blocking)} blocking failure(s), {len(self.warnings())} warning(s)"
        )
        if self.quarantine_rows():
            text += f", {len(self.quarantined_articles())} article(s) quarantined"
        if blocking:
            text += ": " + "; ".join(o.expectation for o in blocking)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "run_id": self.run_id,
            "checked_at": self.checked_at.isoformat(),
            "success": self.success,
            "rows_checked": dict(self.rows_checked),
            "expectations": len(self.outcomes),
            "failed_blocking": len(self.failed_blocking()),
            "warnings": len(self.warnings()),
            "quarantine_failures": len([o for o in self.failed() if o.is_quarantine]),
            "quarantined_articles": len(self.quarantined_articles()),
            "quarantine": self.quarantine_rows(),
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


def validate_run(con: duckdb.DuckDBPyConnection, run_id: str, *, config: RunConfig) -> QualityResult:
    """Validate this run's rows in staging.* (run_id = ?); keys and spans may resolve in core.

    Reads only; the caller stores the result (store_results) and decides to publish.
    """
    return _validate(con, scope="run", run_id=run_id, config=config)


def validate_core(con: duckdb.DuckDBPyConnection, *, config: RunConfig) -> QualityResult:
    """The same suites over the current core.* tables; volume compares the newest published run."""
    return _validate(con, scope="core", run_id=None, config=config)


def _validate(
    con: duckdb.DuckDBPyConnection, *, scope: str, run_id: str | None, config: RunConfig
) -> QualityResult:
    # first: a session prepared in another thread (`prepare_session`) is waited for before
    # this thread imports anything
    gx = _gx_session()
    blocking = BlockingConfig.load(config.quality_config)
    suites = {name: load_suite_dict(blocking.suites_dir, name) for name in SUITE_NAMES}
    _check_rules(blocking, suites)
    checked_at = datetime.now(UTC).replace(tzinfo=None)
    result = QualityResult(scope=scope, run_id=run_id, checked_at=checked_at)

    # one suite at a time: fetch its rows, validate, keep the outcomes, drop the frame, so the
    # peak is the largest suite's frame, not all of them at once
    params = {"scope": scope, "run_id": run_id or "", "checked_at": checked_at, **query_params()}
    prelude = read_sql("quality/scope.sql")
    row_counts: dict[str, int] = {}

    def check(name: str, frame: pd.DataFrame) -> None:
        suite_dict = suites[name]
        result.rows_checked[name] = len(frame)
        # every failing row is needed, not a sample: quarantine (by article) and review rows
        complete = any(
            (
                scope == "run"
                and blocking.is_quarantine(
                    name, e["meta"]["name"], e["type"], e.get("kwargs", {}).get("column")
                )
            )
            or e["meta"].get("review")
            for e in suite_dict.get("expectations", [])
        )
        gx_result = gx.run_suite(
            name,
            suite_dict,
            frame,
            # not the bare run id: GX's Data Docs read a run name as a date if they can, and
            # "20261207T111107Z-3529ad" reads as one with a 35-hour offset, which breaks them
            run_name=f"run-{run_id}" if scope == "run" and run_id else "core",
            run_time=checked_at.replace(tzinfo=UTC),
            complete=complete,
        )
        result.gx_results[name] = gx_result
        result.outcomes.extend(_outcomes(name, gx_result, frame, blocking))
        result.review_rows.extend(_review_rows(name, suite_dict, gx_result, frame))

    for name, suite in suites.items():
        if name == "volume":
            continue
        query = suite.get("meta", {}).get("query")
        if not query:
            raise QualityError(f"suite {name} has no meta.query")
        sql = prelude + "\n" + read_sql(query)
        frame = con.execute(sql, params).to_arrow_table().to_pandas()
        row_counts[name] = len(frame)
        check(name, frame)
        del frame
    check("volume", _volume_frame(con, suites["volume"], scope=scope, run_id=run_id, row_counts=row_counts))
    result.gx_context = gx.context
    return result


def _check_rules(blocking: BlockingConfig, suites: dict[str, dict[str, Any]]) -> None:
    """A blocking.json rule that matches no expectation is a typo: refuse it rather than ignore."""
    expectations = [
        (suite, e["meta"]["name"], e["type"], e.get("kwargs", {}).get("column"))
        for suite, d in suites.items()
        for e in d.get("expectations", [])
    ]
    for rule in [*blocking.warn, *blocking.block, *blocking.quarantine]:
        if not any(rule.matches(*e) for e in expectations):
            raise QualityError(f"{blocking.suites_dir / 'blocking.json'}: rule {rule} matches no expectation")


class _GxSession:
    """One ephemeral GX context per process, reused by every validation in it.

    GX is imported on first use only (a run with nothing to validate never pays for it). Suites,
    dataframe assets and validation definitions are added once per suite and reused while the
    suite file is unchanged (adding them saves the context's config each time); each
    validation starts by dropping the previous validations' results, so the Data Docs built
    from `context` show this validation only.
    """

    def __init__(self) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
        from pipeline.quality.gx_import import import_gx

        gx = import_gx()  # without what our suites never run (scipy.stats, altair, sqlalchemy)
        from great_expectations.data_context.types.base import ProgressBarsConfig
        from great_expectations.render.renderer import site_builder  # noqa: F401  # Data Docs, later

        self.context: Any = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.datasource: Any = self.context.data_sources.add_pandas("pledgewatch")
        self._definitions: dict[str, tuple[str, Any]] = {}
        """suite name -> (the suite file's JSON, its validation definition)."""

    def reset_results(self) -> None:
        """Forget the validation results of earlier validations in this process."""
        store = self.context.validation_results_store
        for key in list(store.list_keys()):
            store.remove_key(key)

    def definition(self, name: str, suite_dict: dict[str, Any]) -> Any:
        import great_expectations as gx

        fingerprint = json.dumps(suite_dict, sort_keys=True, default=str)
        known = self._definitions.get(name)
        if known is not None and known[0] == fingerprint:
            return known[1]
        if known is not None:  # the suite changed (another config): replace it
            self.context.validation_definitions.delete(f"{name}_validation")
            self.context.suites.delete(name)
        suite = self.context.suites.add(
            gx.ExpectationSuite(
                name=name,
                expectations=suite_dict.get("expectations", []),
                meta=suite_dict.get("meta"),
                notes=suite_dict.get("notes"),
            )
        )
        try:
            asset = self.datasource.get_asset(name)
            batch = asset.get_batch_definition(f"{name}_rows")
        except LookupError:
            asset = self.datasource.add_dataframe_asset(name)
            batch = asset.add_batch_definition_whole_dataframe(f"{name}_rows")
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{name}_validation", data=batch, suite=suite)
        )
        self._definitions[name] = (fingerprint, definition)
        return definition

    def run_suite(
        self,
        name: str,
        suite_dict: dict[str, Any],
        frame: pd.DataFrame,
        *,
        run_name: str,
        run_time: datetime,
        complete: bool = False,
    ) -> Any:
        from great_expectations.core.run_identifier import RunIdentifier

        return self.definition(name, suite_dict).run(
            batch_parameters={"dataframe": _gx_frame(frame, suite_dict)},
            result_format={
                # every failing row of a quarantine or review expectation is needed, not a sample
                "result_format": "COMPLETE" if complete else "SUMMARY",
                "partial_unexpected_count": RESULT_FORMAT_MAX_SAMPLES,
            },
            run_id=RunIdentifier(run_name=run_name, run_time=run_time),
        )


_SESSION: list[_GxSession] = []
"""The process's GX session (created on the first validation, or by `prepare_session`)."""
_SESSION_LOCK = threading.Lock()
"""Held while the session is built or prepared: a validation waits for a preparation running
in another thread (`prepare_session`) instead of building a second session."""


def _gx_session() -> _GxSession:
    with _SESSION_LOCK:
        if not _SESSION:
            _SESSION.append(_GxSession())
        session = _SESSION[0]
    session.reset_results()
    return session


def prepare_session(config: RunConfig) -> bool:
    """Build this process's GX session and add the suites of `config` to it, ahead of the
    validation that will use them: import Great Expectations (seconds), create the context,
    the datasource, the suites and their validation definitions.

    Meant for a background thread while a run's documents are extracted elsewhere (worker
    processes): a validation starting meanwhile waits for it. Never raises: on any failure
    the session is dropped and the validation builds it again, raising there. Returns
    whether the session is ready.
    """
    try:
        with _SESSION_LOCK:
            if not _SESSION:
                _SESSION.append(_GxSession())
            session = _SESSION[0]
            try:
                blocking = BlockingConfig.load(config.quality_config)
                for name in SUITE_NAMES:
                    session.definition(name, load_suite_dict(blocking.suites_dir, name))
            except BaseException:
                _SESSION.clear()  # half-prepared: the validation starts afresh
                raise
    except Exception as exc:  # the validation meets it again, and fails the run there
        log.debug("GX session not prepared ahead: %s: %s", type(exc).__name__, exc)
        return False
    return True


def precompile_data_docs() -> bool:
    """Compile the templates of GX's Data Docs pages ahead (`pipeline.quality.gx_views`), after
    `prepare_session`, in the same thread: under the session's lock, so a validation starting
    meanwhile waits for it rather than importing alongside it. Never raises (the Data Docs
    build compiles what is missing); returns whether it compiled them."""
    try:
        with _SESSION_LOCK:
            from pipeline.quality.gx_views import precompile

            precompile()
    except Exception as exc:
        log.debug("Data Docs templates not compiled ahead: %s: %s", type(exc).__name__, exc)
        return False
    return True


def _review_rows(
    suite: str, suite_dict: dict[str, Any], gx_result: Any, frame: pd.DataFrame
) -> list[dict[str, Any]]:
    """The rows each review expectation (meta.review) found unexpected, for core.review_flags."""
    meta = suite_dict.get("meta", {})
    kind, key = meta.get("review_kind"), meta.get("key")
    span = list(meta.get("review_span") or [])
    if not kind or not key or key not in frame.columns:
        return []
    rows: list[dict[str, Any]] = []
    for er in gx_result.results:
        cfg = er.expectation_config
        reason = (cfg.meta or {}).get("review")
        indices = (er.result or {}).get("unexpected_index_list") or []
        if not reason or _exception_message(er.exception_info):
            continue
        for i in indices:
            if not isinstance(i, int) or not 0 <= i < len(frame):
                continue
            row_key = frame[key].iloc[i]
            if not isinstance(row_key, str) or not row_key:
                continue
            start, end = (
                (_int_or_none(frame[span[0]].iloc[i]), _int_or_none(frame[span[1]].iloc[i]))
                if len(span) == 2 and all(c in frame.columns for c in span)
                else (None, None)
            )
            article_id = frame["article_id"].iloc[i] if "article_id" in frame.columns else None
            rows.append(
                {
                    "suite": suite,
                    "expectation": (cfg.meta or {}).get("name") or cfg.type,
                    "reason": str(reason),
                    "priority": int((cfg.meta or {}).get("review_priority", 1)),
                    "row_kind": str(kind),
                    "row_key": row_key,
                    "article_id": article_id if isinstance(article_id, str) else None,
                    "span_start": start,
                    "span_end": end,
                }
            )
    return rows


def _int_or_none(value: Any) -> int | None:
    value = _jsonable(value)
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _gx_frame(frame: pd.DataFrame, suite_dict: dict[str, Any]) -> pd.DataFrame:
    """The checked columns only, text HTML-escaped (GX's Data Docs do not escape values)."""
    columns: list[str] = []
    for exp in suite_dict.get("expectations", []):
        kwargs = exp.get("kwargs", {})
        for key in ("column", "column_A", "column_B"):
            if isinstance(kwargs.get(key), str) and kwargs[key] not in columns:
                columns.append(kwargs[key])
        for col in kwargs.get("column_list", []) or []:
            if col not in columns:
                columns.append(col)
    present = [c for c in columns if c in frame.columns]  # a missing column: GX reports it
    out = frame[present].copy()
    for col in present:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = out[col].map(lambda v: html.escape(v) if isinstance(v, str) else v)
    return out


def _outcomes(suite: str, gx_result: Any, frame: pd.DataFrame, blocking: BlockingConfig) -> list[Outcome]:
    outcomes = []
    for er in gx_result.results:
        cfg = er.expectation_config
        kwargs = dict(cfg.kwargs)
        column = kwargs.get("column")
        name = (cfg.meta or {}).get("name") or cfg.type
        res = er.result or {}
        error = _exception_message(er.exception_info)
        indices = res.get("partial_unexpected_index_list") or []
        samples = [] if er.success else _samples(frame, indices, blocking.sample_rows)
        observed = res.get("observed_value")
        if observed is None and not er.success and not error:
            observed = {"partial_unexpected_counts": res.get("partial_unexpected_counts", [])}
            # the escaped values GX saw: report the originals instead
            if column in frame.columns and indices:
                observed = {
                    "unexpected_values": _jsonable(
                        list(dict.fromkeys(frame[column].iloc[list(indices)].tolist()))
                    )[: blocking.sample_rows]
                }
        notes = cfg.notes if isinstance(cfg.notes, str) else None
        is_quarantine = blocking.is_quarantine(suite, name, cfg.type, column)
        quarantined: list[dict[str, Any]] = []
        if is_quarantine and not er.success:
            failing = _failing_rows(frame, column, res, error)
            if failing is None:  # rows that cannot be set aside by article: block
                is_quarantine = False
            else:
                quarantined = failing
        outcomes.append(
            Outcome(
                suite=suite,
                name=name,
                expectation_type=cfg.type,
                column=column,
                kwargs=kwargs,
                success=bool(er.success),
                is_blocking=(
                    not is_quarantine
                    and (
                        blocking.is_blocking(suite, name, cfg.type, column)
                        or blocking.is_quarantine(suite, name, cfg.type, column)
                    )
                ),
                is_quarantine=is_quarantine,
                quarantined=quarantined,
                observed_value=error if error else observed,
                unexpected_count=res.get("unexpected_count"),
                element_count=res.get("element_count"),
                sample_rows=samples,
                notes=notes,
                error=error,
            )
        )
    return outcomes


def _failing_rows(
    frame: pd.DataFrame, column: str | None, res: dict[str, Any], error: str | None
) -> list[dict[str, Any]] | None:
    """(article_id, value) of every row GX found failing, from the unescaped frame; None when
    they cannot be told (GX raised, no row list, a row without an article)."""
    indices = res.get("unexpected_index_list")
    if error or not indices or "article_id" not in frame.columns:
        return None
    rows = []
    for i in indices:
        if not isinstance(i, int) or not 0 <= i < len(frame):
            return None
        article_id = frame["article_id"].iloc[i]
        if not isinstance(article_id, str) or not article_id:
            return None
        value = frame[column].iloc[i] if column in frame.columns else None
        rows.append({"article_id": article_id, "value": _jsonable(value)})
    return rows


def _exception_message(info: Any) -> str | None:
    if not info:
        return None
    if isinstance(info, dict) and info.get("raised_exception"):
        return str(info.get("exception_message"))
    if isinstance(info, dict):
        for value in info.values():
            if isinstance(value, dict) and value.get("raised_exception"):
                return str(value.get("exception_message"))
    return None


def _samples(frame: pd.DataFrame, indices: list[Any], limit: int) -> list[dict[str, Any]]:
    positions = [i for i in indices if isinstance(i, int) and 0 <= i < len(frame)][:limit]
    if not positions:
        return []
    rows = frame.iloc[positions].to_dict(orient="records")
    return [_jsonable(r) for r in rows]


# --- volume -----------------------------------------------------------------------------------


def _volume_frame(
    con: duckdb.DuckDBPyConnection,
    suite: dict[str, Any],
    *,
    scope: str,
    run_id: str | None,
    row_counts: dict[str, int],
) -> pd.DataFrame:
    """One row per watched table: rows added by the run under test vs recent published runs.

    Run scope: the run's staging rows against the published runs before it. Core scope: the
    newest published run's rows added (core.run_counts) against the runs before that one. Only
    runs with rows-added counts are compared (sql/quality/volume_history.sql).
    `ratio_to_recent_range` is 1.0 inside [min, max] of the recent counts, count/min below,
    count/max above, null with fewer than `min_history` earlier runs.
    """
    import pandas as pd

    meta = suite.get("meta", {})
    tables: list[str] = list(meta.get("tables", ["articles", "commitments"]))
    history_runs = int(meta.get("history_runs", 10))
    min_history = int(meta.get("min_history", 3))

    current: dict[str, int | None]
    before: Any = None
    tested_run: str | None = run_id
    if scope == "run":
        current = {t: row_counts.get(t) for t in tables}
        row = con.execute(read_sql("quality/run_started_at.sql"), {"run_id": run_id}).fetchone()
        before = row[0] if row else None
    else:
        latest = con.execute(read_sql("quality/latest_published_run.sql")).fetchone()
        if latest is None:
            current = {t: None for t in tables}
        else:
            tested_run, before = latest[0], latest[1]
            latest_added = rows_added(con, [tested_run], tables).get(tested_run, {})
            current = {t: latest_added.get(t) for t in tables}
    history: list[str] = [
        r[0]
        for r in con.execute(
            read_sql("quality/volume_history.sql"),
            {"run_id": tested_run, "before": before, "limit": history_runs},
        ).fetchall()
    ]
    added = rows_added(con, history, tables)

    rows = []
    for table in tables:
        past = [n for n in (added.get(h, {}).get(table) for h in history) if n is not None]
        count = current.get(table)
        lo = min(past) if past else None
        hi = max(past) if past else None
        ratio: float | None = None
        if count is not None and lo is not None and hi is not None and len(past) >= min_history:
            if lo <= count <= hi:
                ratio = 1.0
            elif count < lo:
                ratio = count / lo
            else:
                ratio = count / hi if hi > 0 else 1e9
        rows.append(
            {
                "table_name": table,
                "run_id": tested_run,
                "rows_this_run": count,
                "recent_min": lo,
                "recent_max": hi,
                "recent_runs": len(past),
                "recent_run_ids": ", ".join(h for h in history if table in added.get(h, {})),
                "ratio_to_recent_range": None if ratio is None else round(ratio, 4),
            }
        )
    frame = pd.DataFrame(rows)
    frame["ratio_to_recent_range"] = frame["ratio_to_recent_range"].astype("float64")
    return frame


def rows_added(
    con: duckdb.DuckDBPyConnection, run_ids: list[str], tables: list[str]
) -> dict[str, dict[str, int]]:
    """{run_id: {table: rows its publish added}} of the runs `run_ids` and the tables `tables`,
    from core.run_counts (sql/quality/volume_counts.sql; a table a run has no count for is absent)."""
    out: dict[str, dict[str, int]] = {}
    if not run_ids or not tables:
        return out
    params = {"run_ids": run_ids, "tables": tables}
    for run, table, n in con.execute(read_sql("quality/volume_counts.sql"), params).fetchall():
        out.setdefault(run, {})[table] = int(n)
    return out


# --- values -----------------------------------------------------------------------------------


def _short(value: Any, limit: int = 6) -> str:
    if isinstance(value, list | tuple | set):
        items = list(value)
        shown = ", ".join(str(v) for v in items[:limit])
        more = f", ... ({len(items)} values)" if len(items) > limit else ""
        return f"[{shown}{more}]"
    return str(value)


def _jsonable(value: Any) -> Any:
    """Plain JSON types: NaN/NaT -> None, timestamps -> ISO strings, numpy scalars -> Python."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else (value if math.isfinite(value) else str(value))
    if hasattr(value, "isoformat"):
        try:
            import pandas as pd

            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
        return str(value.isoformat())
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    if hasattr(value, "tolist"):  # numpy array (e.g. a varchar[] column)
        return _jsonable(value.tolist())
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)
