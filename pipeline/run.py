"""The daily job by stages: ingest -> parse -> extract -> load -> validate -> publish -> report.

`run_pipeline(config)` is what `pledgewatch run` calls: one process holds the warehouse lock for
the whole run. It is composed of public steps that a scheduler calls too:

- `begin_run` / `finish_run` / `read_run`: the run's row in core.runs (its state between steps);
- `stage_batch`: dedup a processed batch (`pipeline.process.process_batch`) against the run and
  the warehouse and stage its rows;
- `validate_stage` (GX, `pipeline.quality`), `publish_stage` (core merge + marts in one
  transaction), `report_stage` (`pipeline.report`).

The DAG (`dags/pledgewatch_daily.py`) runs one process per step, so it calls the `*_step`
functions at the end of this module, each of which takes the warehouse lock, opens the warehouse,
does its step on one run (by run_id) and closes it again: `load_batches` (batches extracted
elsewhere, see `pipeline.batches`), `validate_step`, `publish_step`, `report_step`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pipeline.budget import DocumentLimits
from pipeline.config import RunConfig
from pipeline.process import BatchResult, document_row, input_id_for, input_row, process_batch

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import duckdb

    from pipeline.models import RawDocument

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later


class RunBusy(Exception):
    """Another pledgewatch run holds the warehouse."""


@dataclass
class RunResult:
    run_id: str
    status: str  # published | failed | nothing_new | busy
    warehouse: Path | str
    report_path: Path | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    inputs: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    failed_expectations: list[str] = field(default_factory=list)
    report_error: str | None = None
    """Why the report could not be written (the run then exits 1, whatever it published)."""
    quarantined: int = 0
    """Articles set aside by row-level checks (core.quarantine), not published."""

    @property
    def exit_code(self) -> int:
        if self.status == "busy":
            return EXIT_BUSY
        if self.report_error:
            return EXIT_FAILED
        return EXIT_OK if self.status in ("published", "nothing_new") else EXIT_FAILED

    def summary(self) -> str:
        lines = [f"run {self.run_id}: {self.status.upper()}  (warehouse {self.warehouse})"]
        if self.inputs:
            lines.append("  inputs: " + ", ".join(f"{k} {v}" for k, v in self.inputs.items()))
        if self.counts:
            lines.append("  rows added: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
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


def _now() -> str:
    return datetime.now(UTC).isoformat()


class _Progress:
    """Per-stage progress lines (tqdm bar when stderr is a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def line(self, msg: str) -> None:
        if self.enabled:
            print(f"[pledgewatch] {msg}", file=sys.stderr, flush=True)

    def bar(self, desc: str) -> Any:
        if not self.enabled:
            return None
        from tqdm import tqdm

        return tqdm(desc=desc, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty())


@contextlib.contextmanager
def warehouse_lock(warehouse: Path | str, timeout: float) -> Iterator[None]:
    """One run per warehouse at a time: an OS file lock beside the DuckDB file.

    The lock dies with its process (SIGKILL included), so a killed run never blocks the next.
    A DuckLake (`ducklake:` URL) has its own: pipeline.warehouse.lake.lake_lock.
    """
    from pipeline.warehouse import WarehouseError, describe_os_error
    from pipeline.warehouse.lake import is_lake, lake_lock

    if is_lake(warehouse):
        with lake_lock(str(warehouse), timeout, RunBusy):
            yield
        return
    from pathlib import Path

    warehouse = Path(warehouse)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    try:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        # not inherited by any process started later (PEP 446); pool workers are started
        # without it anyway (see `_pool`)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise WarehouseError(describe_os_error(exc, f"cannot create the lock file {lock_path}")) from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = ""
                    with contextlib.suppress(OSError):
                        holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
                    raise RunBusy(
                        f"another pledgewatch run is using {warehouse}"
                        + (f" ({holder})" if holder else "")
                        + "; try again when it has finished, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {_now()}".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


class Deduplicator:
    """Decides duplicates across batches, the run and the warehouse; keeps only keys in memory."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        from pipeline.warehouse import read_sql

        def rows(name: str) -> list[Any]:
            return con.execute(read_sql(f"core/{name}.sql")).fetchall()

        self.known_inputs = {r[0] for r in rows("known_inputs")}
        self.known_raw = {r[0]: r[1:] for r in rows("known_raw")}
        self.known_articles = dict(rows("known_articles"))
        self.known_actors = {r[0] for r in rows("known_actors")}
        self.skipped_known = 0

    def screen(
        self, raws: list[RawDocument], run_id: str, recorded_at: str, staged: BatchResult
    ) -> list[RawDocument]:
        """Drop inputs seen before (skipped by hash, before parsing); record same-bytes dups."""
        fresh = []
        for raw in raws:
            iid = input_id_for(raw)
            if iid in self.known_inputs:
                self.skipped_known += 1
                continue
            self.known_inputs.add(iid)
            if raw.error is None and raw.raw_id in self.known_raw:
                first_input, outcome, article_id, reason = self.known_raw[raw.raw_id]
                if outcome in ("rejected", "quarantined"):
                    row = input_row(
                        raw,
                        run_id,
                        recorded_at,
                        outcome="rejected",
                        reason=f"{reason} (same bytes as input {first_input})",
                    )
                else:
                    row = input_row(
                        raw,
                        run_id,
                        recorded_at,
                        outcome="duplicate",
                        article_id=article_id,
                        duplicate_of=first_input,
                        reason="same bytes as an earlier input",
                    )
                staged.rows["inputs"].append(row)
                staged.rows["documents"].append(document_row(raw, run_id))
                continue
            fresh.append(raw)
        return fresh

    def screen_rows(self, result: BatchResult) -> BatchResult:
        """`screen` for a batch extracted elsewhere (a DAG's mapped tasks), on its rows.

        Inputs seen before are dropped with their rows (counted in `skipped_known`); a loaded
        input whose bytes are known becomes a duplicate of the first input with those bytes.
        Call `resolve` next, as for any processed batch.
        """
        kept_inputs: list[dict[str, Any]] = []
        kept_raw: set[str] = set()
        drop: set[str] = set()
        keep: set[str] = set()
        for row in result.rows["inputs"]:
            if row["input_id"] in self.known_inputs:
                self.skipped_known += 1
                if row.get("article_id"):
                    drop.add(row["article_id"])
                continue
            self.known_inputs.add(row["input_id"])
            if row["outcome"] == "loaded" and row["raw_id"] in self.known_raw:
                first_input, outcome, article_id, reason = self.known_raw[row["raw_id"]]
                drop.add(row["article_id"])
                if outcome in ("rejected", "quarantined"):
                    row.update(
                        outcome="rejected",
                        article_id=None,
                        reason=f"{reason} (same bytes as input {first_input})",
                    )
                else:
                    row.update(
                        outcome="duplicate",
                        article_id=article_id,
                        duplicate_of=first_input,
                        reason="same bytes as an earlier input",
                    )
            elif row["outcome"] == "loaded":
                keep.add(row["article_id"])
            kept_inputs.append(row)
            kept_raw.add(row["raw_id"])
        result.rows["inputs"] = kept_inputs
        result.rows["documents"] = [d for d in result.rows["documents"] if d["raw_id"] in kept_raw]
        drop -= keep
        if drop:
            for table, rows in result.rows.items():
                if table not in ("inputs", "documents"):
                    result.rows[table] = [r for r in rows if r.get("article_id") not in drop]
        return result

    def resolve(self, result: BatchResult) -> BatchResult:
        """Turn loaded inputs whose article is already known into duplicates, dropping rows."""
        drop: set[str] = set()
        loaded_here: set[str] = set()
        for row in result.rows["inputs"]:
            if row["outcome"] == "rejected":
                if row["raw_id"] not in self.known_raw:
                    self.known_raw[row["raw_id"]] = (row["input_id"], "rejected", None, row["reason"])
                continue
            aid = row["article_id"]
            if aid in self.known_articles:
                same_bytes = self.known_raw.get(row["raw_id"])
                row.update(
                    outcome="duplicate",
                    duplicate_of=self.known_articles[aid],
                    reason="same bytes as an earlier input"
                    if same_bytes
                    else "same article text as an earlier input",
                )
                drop.add(aid)
            else:
                self.known_articles[aid] = row["input_id"]
                loaded_here.add(aid)
            self.known_raw.setdefault(row["raw_id"], (row["input_id"], row["outcome"], aid, None))
        # an actor is staged once per run, and only when core does not know it yet
        new_actors = []
        for actor in result.rows["actors"]:
            if actor["actor_id"] not in self.known_actors:
                self.known_actors.add(actor["actor_id"])
                new_actors.append(actor)
        result.rows["actors"] = new_actors
        for table, rows in result.rows.items():
            if table in ("inputs", "documents", "actors"):
                continue
            # rows of an article known before this batch go; an article that came twice in this
            # batch keeps one copy of each row (the first field of every row is its key)
            seen: set[object] = set()
            kept = []
            for r in rows:
                key = next(iter(r.values()))
                if key in seen or (r.get("article_id") in drop and r.get("article_id") not in loaded_here):
                    continue
                seen.add(key)
                kept.append(r)
            result.rows[table] = kept
        return result


def _pool() -> Any:
    """The context pool workers start from: a fork server (or spawn), never a fork of the run.

    A worker forked from the run would inherit the warehouse lock's open file (and its
    `flock`) and keep it past the run's death; a fork server or a spawned interpreter
    starts from a clean process that never held it.
    """
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _pool_init(parent_pid: int | None = None) -> None:
    if parent_pid is not None:
        die_with_parent(parent_pid)
    from pipeline.nlp import get_nlp

    get_nlp()


def die_with_parent(parent_pid: int) -> None:
    """End this (worker) process when the run `parent_pid` ends, SIGKILL included: the
    kernel's parent-death signal where there is one (Linux, towards the process that started
    this one), and a watcher thread that checks every second that the run is still there."""
    import ctypes
    import signal
    import threading

    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)

    def alive() -> bool:
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def watch() -> None:
        while alive():
            time.sleep(1.0)
        os._exit(70)

    if not alive():
        os._exit(70)
    threading.Thread(target=watch, name="pledgewatch-parent-watch", daemon=True).start()


def stage_batch(
    con: duckdb.DuckDBPyConnection,
    dedup: Deduplicator,
    result: BatchResult,
    seconds: dict[str, float] | None = None,
) -> Counter[str]:
    """Dedup a processed batch against the run and the warehouse and stage its rows.

    Returns the inputs' outcomes plus `staged_<table>` row counts.
    """
    from pipeline.warehouse.load import stage_rows

    result = dedup.resolve(result)
    t0 = time.perf_counter()
    staged = stage_rows(con, result.rows)
    if seconds is not None:
        seconds["load"] += time.perf_counter() - t0
    outcomes: Counter[str] = Counter(r["outcome"] for r in result.rows["inputs"])
    outcomes["extraction_skipped_language"] += result.skipped_language
    outcomes.update({f"staged_{k}": v for k, v in staged.items()})
    return outcomes


def ingest_and_stage(
    con: duckdb.DuckDBPyConnection,
    config: RunConfig,
    run_id: str,
    progress: _Progress,
    seconds: dict[str, float],
) -> Counter[str]:
    """Stream inputs in batches through parse+extract (in parallel) into staging."""
    from pipeline.ingest import discover

    recorded_at = _now()
    dedup = Deduplicator(con)
    totals: Counter[str] = Counter()
    limits = DocumentLimits.from_config(config)
    workers = max(1, config.workers)
    executor = (
        ProcessPoolExecutor(
            max_workers=workers, mp_context=_pool(), initializer=_pool_init, initargs=(os.getpid(),)
        )
        if workers > 1
        else None
    )
    pending: list[Future[BatchResult]] = []
    bar = progress.bar("parse+extract")

    def absorb(result: BatchResult) -> None:
        for k, v in result.seconds.items():
            seconds[k] += v / workers
        n = len(result.rows["inputs"])
        totals.update(stage_batch(con, dedup, result, seconds))
        if bar is not None:
            bar.update(n)

    try:
        source = discover(config.inputs, config)
        while True:
            t0 = time.perf_counter()
            raws = list(_next_batch(source, config.batch_size))
            seconds["ingest"] += time.perf_counter() - t0
            if not raws:
                break
            screened = BatchResult()
            fresh = dedup.screen(raws, run_id, recorded_at, screened)
            if screened.rows["inputs"]:
                absorb(screened)
            if not fresh:
                continue
            if executor is None:
                absorb(process_batch(fresh, run_id, recorded_at, limits))
            else:
                pending.append(executor.submit(process_batch, fresh, run_id, recorded_at, limits))
                while len(pending) >= 2 * workers:  # bounded: the corpus is never held whole
                    absorb(pending.pop(0).result())
        for fut in pending:
            absorb(fut.result())
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    totals["skipped_known"] = dedup.skipped_known
    progress.line(
        "ingested: "
        + ", ".join(f"{k} {v}" for k, v in sorted(totals.items()) if v and not k.startswith("staged_"))
    )
    return totals


def _next_batch(source: Iterator[RawDocument], size: int) -> Iterator[RawDocument]:
    for _ in range(size):
        try:
            yield next(source)
        except StopIteration:
            return


INPUT_OUTCOMES = (
    "loaded",
    "duplicate",
    "rejected",
    "quarantined",
    "skipped_known",
    "extraction_skipped_language",
)


def _absorb_outcomes(result: RunResult, outcomes: Counter[str]) -> dict[str, int]:
    """Put the inputs' outcomes on the result; returns the staged rows per table."""
    result.inputs = {k: outcomes.get(k, 0) for k in INPUT_OUTCOMES}
    return {k.removeprefix("staged_"): v for k, v in outcomes.items() if k.startswith("staged_")}


# --- the run's row in core.runs: its state between steps ----------------------------------------


def begin_run(
    con: duckdb.DuckDBPyConnection, config: RunConfig, run_id: str, *, exclusive: bool = True
) -> str:
    """Create the schema if needed and record the run as started; returns its start time.

    `exclusive` (the CLI, which holds the lock for its whole run): runs left `running` are
    marked abandoned and staging is emptied. Otherwise (a scheduler's load step, while other
    runs may sit between their load and publish steps): only this run's staged rows and those of
    runs no longer running are removed, and a retried step replaces its own run's row.
    """
    from pipeline.extract.version import rules_version
    from pipeline.warehouse import init_schema, read_sql
    from pipeline.warehouse.load import clear_staging

    started_at = _now()
    init_schema(con)
    if exclusive:
        con.execute(read_sql("core/runs_mark_abandoned.sql"))
    else:
        con.execute(read_sql("core/run_forget.sql"), {"run_id": run_id})
    clear_staging(con, run_id)
    con.execute(
        read_sql("core/run_start.sql"),
        {
            "run_id": run_id,
            "started_at": started_at,
            "inputs": json.dumps(config.inputs),
            "rules_version": rules_version(),
            "runner": "cli" if exclusive else "scheduler",
        },
    )
    return started_at


def finish_run(con: duckdb.DuckDBPyConnection, result: RunResult, *, finished: bool = True) -> None:
    """Write the run's status, counts, timings and error to core.runs (finished_at when done)."""
    from pipeline.warehouse import read_sql

    con.execute(
        read_sql("core/run_finish.sql"),
        {
            "run_id": result.run_id,
            "finished_at": _now() if finished else None,
            "status": result.status,
            "counts": json.dumps({"rows_added": result.counts, "inputs": result.inputs}),
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
    row = con.execute(
        "select status, counts, stage_seconds, error, started_at from core.runs where run_id = $run_id",
        {"run_id": run_id},
    ).fetchone()
    if row is None:
        raise RunError(f"run {run_id} is not in {warehouse} (core.runs)")
    status, counts, stage_seconds, error, started_at = row
    counts = json.loads(counts) if counts else {}
    result = RunResult(
        run_id=run_id,
        status=status,
        warehouse=warehouse,
        error=error,
        counts=counts.get("rows_added") or {},
        inputs=counts.get("inputs") or {},
        stage_seconds=json.loads(stage_seconds) if stage_seconds else {},
    )
    started = started_at.replace(tzinfo=UTC).isoformat() if started_at else _now()
    return result, started


# --- the CLI's run: one process, the lock held throughout ----------------------------------------


def run_pipeline(config: RunConfig | None = None) -> RunResult:
    """Run the whole job once; never raises for bad input, returns the run's result."""
    config = config or RunConfig()
    run_id = new_run_id()
    progress = _Progress(config.show_progress)
    deadline = time.monotonic() + config.lock_timeout
    try:
        with warehouse_lock(config.warehouse, config.lock_timeout):
            return _run_locked(config, run_id, progress, deadline)
    except RunBusy as exc:
        progress.line(str(exc))
        return RunResult(run_id=run_id, status="busy", warehouse=config.warehouse, error=str(exc))


def connect_when_free(warehouse: Path | str, deadline: float) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing; while another process has it open (an analyst's
    read-only connection, a tool), wait until `deadline` (time.monotonic()), then RunBusy."""
    from pipeline.warehouse import WarehouseBusy, connect

    while True:
        try:
            return connect(warehouse)
        except WarehouseBusy as exc:
            if time.monotonic() >= deadline:
                raise RunBusy(f"{exc}; try again when it is closed, or pass --wait SECONDS") from None
            time.sleep(0.5)


def _run_locked(
    config: RunConfig, run_id: str, progress: _Progress, deadline: float | None = None
) -> RunResult:
    seconds: dict[str, float] = defaultdict(float)
    con = connect_when_free(config.warehouse, deadline if deadline is not None else 0.0)
    try:
        started_at = begin_run(con, config, run_id, exclusive=True)
        progress.line(f"run {run_id} on {len(config.inputs)} input(s) -> {config.warehouse}")
        result = RunResult(run_id=run_id, status="failed", warehouse=config.warehouse)
        quality = None
        try:
            staged = _absorb_outcomes(result, ingest_and_stage(con, config, run_id, progress, seconds))
            if not staged.get("inputs"):
                result.status = "nothing_new"
                progress.line("nothing new: every input was seen before")
            else:
                t0 = time.perf_counter()
                quality = validate_stage(con, run_id, config)
                seconds["validate"] = time.perf_counter() - t0
                if not quality.success:
                    _gate_failed(result, quality)
                    progress.line(
                        f"validation FAILED ({len(result.failed_expectations)} blocking); previous marts kept"
                    )
                else:
                    quarantined = quality.quarantined_articles()
                    progress.line(
                        "validation passed; publishing"
                        + (
                            f" ({len(quarantined)} article(s) quarantined by row-level checks)"
                            if quarantined
                            else ""
                        )
                    )
                    t0 = time.perf_counter()
                    result.counts = publish_stage(con, run_id, result)
                    seconds["publish"] = time.perf_counter() - t0
                    result.status = "published"
        except Exception as exc:
            result.status = "failed"
            result.error = f"{type(exc).__name__}: {exc}"
            progress.line(f"run failed: {result.error}")
        result.stage_seconds = {k: round(v, 4) for k, v in seconds.items()}
        finish_run(con, result)
        t0 = time.perf_counter()
        result.report_path = report_stage(con, config, result, started_at, quality, progress)
        result.stage_seconds["report"] = round(time.perf_counter() - t0, 4)
        finish_run(con, result)
        return result
    finally:
        con.close()


def _gate_failed(result: RunResult, quality: Any) -> None:
    result.status = "failed"
    result.failed_expectations = [o.expectation for o in quality.failed_blocking()]
    result.error = "blocking expectations failed; marts not published"


# --- the stages ----------------------------------------------------------------------------------


def validate_stage(con: duckdb.DuckDBPyConnection, run_id: str, config: RunConfig) -> Any:
    """GX suites over this run's staged rows; results stored in core.quality_results.

    The quality gate is not optional: if `pipeline.quality` is missing or broken this raises,
    and the run fails instead of publishing unchecked rows.
    """
    from pipeline.quality import store_results, validate_run
    from pipeline.warehouse.load import stage_quarantine

    quality = validate_run(con, run_id, config=config)
    store_results(con, run_id, quality)
    stage_quarantine(con, run_id, quality.quarantine_rows())
    return quality


def publish_stage(
    con: duckdb.DuckDBPyConnection, run_id: str, result: RunResult | None = None
) -> dict[str, int]:
    """Merge staging into core and rebuild the marts in one transaction (all or nothing);
    articles the validation quarantined (staging.quarantine) are set aside first, and
    `result` gets their count and the inputs' outcomes after it."""
    from pipeline.publish import publish
    from pipeline.warehouse import read_sql

    added = publish(con, run_id)
    if result is not None:
        outcomes = dict(con.execute(read_sql("core/staged_outcomes.sql"), {"run_id": run_id}).fetchall())
        result.quarantined = int(outcomes.get("quarantined", 0))
        if result.quarantined:
            result.inputs["quarantined"] = result.quarantined
            result.inputs["loaded"] = int(outcomes.get("loaded", 0))
    return added


def report_stage(
    con: duckdb.DuckDBPyConnection,
    config: RunConfig,
    result: RunResult,
    started_at: str,
    quality: Any,
    progress: _Progress | None = None,
) -> Path | None:
    """The run's report (pipeline.report); a report bug never undoes a published run."""
    progress = progress or _Progress(False)
    try:
        from pipeline.report import write_report
    except ImportError:
        return None
    run_info = {
        "run_id": result.run_id,
        "status": result.status,
        "started_at": started_at,
        "finished_at": _now(),
        "stage_seconds": result.stage_seconds,
        "counts": result.counts,
        "inputs": result.inputs,
        "error": result.error,
    }
    try:
        path: Path = write_report(con, result.run_id, config.report_dir, run_info, quality)
    except Exception as exc:  # a report bug must not undo a published run, but it must show
        from pipeline.warehouse import describe_os_error

        os_error = exc if isinstance(exc, OSError) else exc.__cause__
        reason = (
            describe_os_error(os_error, f"cannot write the report under {config.report_dir}")
            if isinstance(os_error, OSError)
            else f"{type(exc).__name__}: {exc}"
        )
        result.report_error = reason
        print(f"[pledgewatch] report not written: {reason}", file=sys.stderr, flush=True)
        return None
    progress.line(f"report: {path}")
    return path


# --- steps for a scheduler: one process per step, one run (by run_id) per call -------------------


class RunError(Exception):
    """A step was asked to work on a run that is not in the state it needs."""


class QualityGateFailed(RunError):
    """Blocking expectations failed: the run is failed and nothing was published."""


@contextlib.contextmanager
def _warehouse(config: RunConfig) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, opened for writing under the same OS lock the CLI takes (waits for it)."""
    from pipeline.warehouse import connect

    with warehouse_lock(config.warehouse, config.lock_timeout):
        con = connect(config.warehouse)
        try:
            yield con
        finally:
            con.close()


def load_batches(config: RunConfig, run_id: str, batch_dirs: list[str]) -> RunResult:
    """Begin run `run_id` and stage the batch folders extracted for it (`pipeline.batches`).

    Status afterwards: `running` (rows staged, to validate), `nothing_new` (every input was
    known) or `failed` (raised). Calling it again for the same run replaces what it staged.
    """
    from pipeline.batches import read_batch

    seconds: dict[str, float] = defaultdict(float)
    with _warehouse(config) as con:
        begin_run(con, config, run_id, exclusive=False)
        result = RunResult(run_id=run_id, status="running", warehouse=config.warehouse)
        try:
            dedup = Deduplicator(con)
            totals: Counter[str] = Counter()
            for batch_dir in batch_dirs:
                batch = dedup.screen_rows(read_batch(batch_dir))
                for k, v in batch.seconds.items():
                    seconds[k] += v
                totals.update(stage_batch(con, dedup, batch, seconds))
            totals["skipped_known"] = dedup.skipped_known
            staged = _absorb_outcomes(result, totals)
            if not staged.get("inputs"):
                result.status = "nothing_new"
        except Exception as exc:
            result.status = "failed"
            result.error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            result.stage_seconds = {k: round(v, 4) for k, v in seconds.items()}
            finish_run(con, result, finished=result.status != "running")
    return result


def _running(con: duckdb.DuckDBPyConnection, config: RunConfig, run_id: str) -> RunResult:
    result, _ = read_run(con, run_id, config.warehouse)
    if result.status not in ("running", "nothing_new"):
        raise RunError(
            f"run {run_id} is {result.status}, not running: "
            f"{result.error or 'another run may have abandoned it'}"
        )
    return result


QUALITY_FILE = "quality.pickle"


def validate_step(config: RunConfig, run_id: str, keep_in: str | None = None) -> RunResult:
    """Validate run `run_id`'s staged rows; on a blocking failure the run is failed, its report
    written, and QualityGateFailed raised (nothing is published).

    `keep_in`: a folder (path or fsspec URL) where the result is kept for `report_step`
    (`quality.pickle`, without the GX objects).
    """
    import dataclasses
    import pickle

    from pipeline.batches import join, write_bytes
    from pipeline.warehouse import read_sql

    with _warehouse(config) as con:
        result = _running(con, config, run_id)
        if result.status == "nothing_new":
            return result
        staged = con.execute(read_sql("core/staged_inputs.sql"), {"run_id": run_id}).fetchone()
        if not staged or not staged[0]:
            result.status = "failed"
            result.error = "its staged rows are gone (cleared by a CLI run?)"
            finish_run(con, result)
            raise RunError(f"run {run_id}: {result.error}")
        t0 = time.perf_counter()
        try:
            quality = validate_stage(con, run_id, config)
        except Exception as exc:
            result.status, result.error = "failed", f"{type(exc).__name__}: {exc}"
            finish_run(con, result)
            raise
        result.stage_seconds["validate"] = round(time.perf_counter() - t0, 4)
        if keep_in is not None:
            # GX objects stay in this process: build the Data Docs here for the report to link
            from pipeline.quality import build_data_docs

            build_data_docs(quality, config.report_dir / run_id / "data_docs")
            write_bytes(
                join(keep_in, QUALITY_FILE),
                pickle.dumps(dataclasses.replace(quality, gx_results={}, gx_context=None)),
            )
        if not quality.success:
            _gate_failed(result, quality)
            finish_run(con, result)
            _, started_at = read_run(con, run_id, config.warehouse)
            result.report_path = report_stage(con, config, result, started_at, quality)
            raise QualityGateFailed(f"run {run_id}: {result.error}: " + "; ".join(result.failed_expectations))
        finish_run(con, result, finished=False)
        return result


def publish_step(config: RunConfig, run_id: str) -> RunResult:
    """Publish a validated run: core merge and marts in one transaction."""
    with _warehouse(config) as con:
        result = _running(con, config, run_id)
        if result.status == "nothing_new":
            return result
        has_quality = con.execute(
            "select count(*) from core.quality_results where run_id = $run_id", {"run_id": run_id}
        ).fetchone()
        if not has_quality or not has_quality[0]:
            raise RunError(f"run {run_id} has not been validated; not publishing")
        t0 = time.perf_counter()
        result.counts = publish_stage(con, run_id, result)
        result.stage_seconds["publish"] = round(time.perf_counter() - t0, 4)
        result.status = "published"
        finish_run(con, result)
        return result


def report_step(config: RunConfig, run_id: str, kept_in: str | None = None) -> RunResult:
    """Write run `run_id`'s report (with the quality result `validate_step` kept, if any)."""
    import pickle

    from pipeline.batches import join, read_bytes

    with _warehouse(config) as con:
        result, started_at = read_run(con, run_id, config.warehouse)
        quality = None
        kept = read_bytes(join(kept_in, QUALITY_FILE)) if kept_in is not None else None
        if kept is not None:
            quality = pickle.loads(kept)  # written by validate_step for this run
        t0 = time.perf_counter()
        result.report_path = report_stage(con, config, result, started_at, quality)
        result.stage_seconds["report"] = round(time.perf_counter() - t0, 4)
        finish_run(con, result)
        return result
