"""A run's state: its result (plain data every step returns) and its row in core.runs, which
carries that state from one step to the next (one process for the CLI, one per task for the DAG).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections import Counter
    from pathlib import Path

    import duckdb

    from pipeline.config import RunConfig

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later

INPUT_OUTCOMES = (
    "loaded",
    "duplicate",
    "rejected",
    "quarantined",
    "skipped_known",
    "extraction_skipped_language",
)
"""What became of the documents a run read (one document per file, record or feed entry)."""


class RunError(Exception):
    """A step was asked to work on a run that is not in the state it needs."""


class QualityGateFailed(RunError):
    """Blocking expectations failed: the run is failed and nothing was published."""


class ReportFailed(RunError):
    """The run's report could not be written (what was published stays published)."""


@dataclass
class RunResult:
    run_id: str
    status: str  # running | published | failed | nothing_new | busy
    warehouse: Path | str
    report_path: Path | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    inputs: dict[str, int] = field(default_factory=dict)
    """Documents by outcome (INPUT_OUTCOMES)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Rows added per table by the publish."""
    files: int = 0
    """Files and URLs read (a folder counts its files; a JSON Lines file or a feed is one file
    of many documents)."""
    error: str | None = None
    failed_expectations: list[str] = field(default_factory=list)
    report_error: str | None = None
    """Why the report could not be written (the run then exits 1, whatever it published)."""
    quarantined: int = 0
    """Articles set aside by row-level checks (core.quarantine), not published."""
    superseded: int = 0
    """Articles this run replaced by a new version (same URL, or same id from the same place)."""

    @property
    def exit_code(self) -> int:
        if self.status == "busy":
            return EXIT_BUSY
        if self.report_error:
            return EXIT_FAILED
        return EXIT_OK if self.status in ("published", "nothing_new") else EXIT_FAILED

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (`pledgewatch run --json`)."""
        data = asdict(self)
        data["warehouse"] = str(self.warehouse)
        data["report_path"] = str(self.report_path) if self.report_path else None
        data["exit_code"] = self.exit_code
        return data

    def summary(self) -> str:
        lines = [f"run {self.run_id}: {self.status.upper()}  (warehouse {self.warehouse})"]
        if self.inputs:
            read = sum(self.inputs.get(k, 0) for k in INPUT_OUTCOMES[:5])
            lines.append(
                (
                    f"  read: {self.files} file(s), {read} document(s)"
                    if self.files
                    else f"  read: {read} document(s)"
                )
                + " -- "
                + ", ".join(f"{k} {v}" for k, v in self.inputs.items())
            )
        if self.counts:
            lines.append("  rows added: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        if self.superseded:
            lines.append(
                f"  superseded: {self.superseded} earlier article version(s) left the marts "
                "(history kept in core.article_versions)"
            )
        if self.stage_seconds:
            lines.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in self.stage_seconds.items()))
        for f in self.failed_expectations:
            lines.append(f"  FAILED (blocking): {f}")
        if self.quarantined:
            lines.append(
                f"  quarantined: {self.quarantined} article(s) failed row-level checks "
                "and were set aside (core.quarantine), the rest published"
            )
        if self.error:
            lines.append(f"  error: {self.error}")
        if self.report_error:
            lines.append(f"  error: report not written: {self.report_error}")
        if self.report_path:
            lines.append(f"  report: {self.report_path}")
        return "\n".join(lines)


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def absorb_outcomes(result: RunResult, outcomes: Counter[str]) -> dict[str, int]:
    """Put the documents' outcomes on the result; returns the staged rows per table."""
    result.inputs = {k: outcomes.get(k, 0) for k in INPUT_OUTCOMES}
    result.files = int(outcomes.get("files", 0))
    return {k.removeprefix("staged_"): v for k, v in outcomes.items() if k.startswith("staged_")}


def begin_run(
    con: duckdb.DuckDBPyConnection, config: RunConfig, run_id: str, *, exclusive: bool = True
) -> str:
    """Create the schema if needed and record the run as started; returns its start time.

    `exclusive` (the CLI, which holds the lock for its whole run): runs left `running` are
    marked abandoned and staging is emptied. Otherwise (a scheduler's load step, while other
    runs may sit between their load and publish steps): only this run's staged rows and those of
    runs no longer running are removed, and a retried step replaces its own run's row.
    """
    from pipeline.warehouse import init_schema, read_sql
    from pipeline.warehouse.load import clear_staging

    started_at = now_iso()
    init_schema(con)
    if exclusive:
        con.execute(read_sql("core/runs_mark_abandoned.sql"))
    else:
        con.execute(read_sql("core/run_forget.sql"), {"run_id": run_id})
        con.execute(read_sql("core/run_counts_clear.sql"), {"run_id": run_id})
    clear_staging(con, run_id)
    con.execute(
        read_sql("core/run_start.sql"),
        {
            "run_id": run_id,
            "started_at": started_at,
            "inputs": json.dumps(config.inputs),
            "rules_version": None,  # stamped once the run stages rows (stamp_rules_version)
            "runner": "cli" if exclusive else "scheduler",
        },
    )
    return started_at


def stamp_rules_version(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Record the extraction rules' version on a run that staged rows (not at its start: a run
    with nothing new never loads the NLP pipeline the version depends on)."""
    from pipeline.extract.version import rules_version
    from pipeline.warehouse import read_sql

    con.execute(read_sql("core/run_rules_version.sql"), {"run_id": run_id, "rules_version": rules_version()})


def count_rows(result: RunResult) -> list[tuple[str, str, int]]:
    """(kind, name, n) of every number the run counted: its rows in core.run_counts, whose kinds
    (sql/schema/011_run_counts.sql) are rows the publish added per table, documents per outcome,
    and the run's own numbers (files, superseded)."""
    return [
        *(("rows_added", table, int(n)) for table, n in result.counts.items()),
        *(("inputs", outcome, int(n)) for outcome, n in result.inputs.items()),
        ("run", "files", int(result.files)),
        ("run", "superseded", int(result.superseded)),
    ]


def write_counts(con: duckdb.DuckDBPyConnection, result: RunResult) -> None:
    """Replace the run's rows in core.run_counts with what `result` counted."""
    from pipeline.warehouse import read_sql

    rows = count_rows(result)
    con.execute(read_sql("core/run_counts_clear.sql"), {"run_id": result.run_id})
    con.execute(
        read_sql("core/run_counts_write.sql"),
        {
            "run_id": result.run_id,
            "kinds": [k for k, _, _ in rows],
            "names": [name for _, name, _ in rows],
            "ns": [n for _, _, n in rows],
        },
    )


def read_counts(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, dict[str, int]]:
    """The run's counts from core.run_counts: {kind: {name: n}} (kinds it has rows of)."""
    from pipeline.warehouse import read_sql

    counts: dict[str, dict[str, int]] = {}
    for kind, name, n in con.execute(read_sql("core/run_counts_read.sql"), {"run_id": run_id}).fetchall():
        counts.setdefault(kind, {})[name] = int(n)
    return counts


def finish_run(con: duckdb.DuckDBPyConnection, result: RunResult, *, finished: bool = True) -> None:
    """Write the run's status, timings and error to core.runs (finished_at when done) and its
    counts to core.run_counts, in one transaction of its own: all of it or none (and one commit,
    not three). Call it outside a transaction (every step does)."""
    con.begin()
    try:
        _write_run(con, result, finished=finished)
        write_counts(con, result)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _write_run(con: duckdb.DuckDBPyConnection, result: RunResult, *, finished: bool) -> None:
    from pipeline.warehouse import read_sql

    con.execute(
        read_sql("core/run_finish.sql"),
        {
            "run_id": result.run_id,
            "finished_at": now_iso() if finished else None,
            "status": result.status,
            "stage_seconds": json.dumps(result.stage_seconds),
            "error": "; ".join(
                filter(
                    None,
                    [
                        result.error,
                        f"report not written: {result.report_error}" if result.report_error else None,
                    ],
                )
            )
            or None,
        },
    )


def read_run(con: duckdb.DuckDBPyConnection, run_id: str, warehouse: Path | str) -> tuple[RunResult, str]:
    """(RunResult, started_at) of a run as core.runs holds it."""
    from pipeline.warehouse import read_sql

    row = con.execute(read_sql("core/run_read.sql"), {"run_id": run_id}).fetchone()
    if row is None:
        raise RunError(f"run {run_id} is not in {warehouse} (core.runs)")
    status, stage_seconds, error, started_at = row
    counts = read_counts(con, run_id)
    inputs = counts.get("inputs", {})
    result = RunResult(
        run_id=run_id,
        status=status,
        warehouse=warehouse,
        error=error,
        counts=counts.get("rows_added", {}),
        inputs={k: inputs[k] for k in _outcome_order(inputs)},
        files=counts.get("run", {}).get("files", 0),
        superseded=counts.get("run", {}).get("superseded", 0),
        stage_seconds=json.loads(stage_seconds) if stage_seconds else {},
    )
    started = started_at.replace(tzinfo=UTC).isoformat() if started_at else now_iso()
    return result, started


def _outcome_order(inputs: dict[str, int]) -> list[str]:
    """Outcomes in INPUT_OUTCOMES order (the summary's), any other after them by name."""
    return [k for k in INPUT_OUTCOMES if k in inputs] + sorted(k for k in inputs if k not in INPUT_OUTCOMES)


def running(con: duckdb.DuckDBPyConnection, run_id: str, warehouse: Path | str) -> RunResult:
    """The run `run_id`, which a step may continue: `running` or `nothing_new`, else RunError."""
    result, _ = read_run(con, run_id, warehouse)
    if result.status not in ("running", "nothing_new"):
        raise RunError(
            f"run {run_id} is {result.status}, not running: "
            f"{result.error or 'another run may have abandoned it'}"
        )
    return result
