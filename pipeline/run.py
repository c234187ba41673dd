"""The daily job composed of its stages: ingest -> parse -> extract -> load -> validate -> publish -> report.

`run_pipeline(config)` is what `pledgewatch run` calls. The DAG calls the same
stage functions (`plan_batches`, `process_batch`, `load_batches`, `validate`,
`publish`, `report`) one task each.
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
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import RunConfig
from pipeline.models import RawDocument
from pipeline.process import BatchResult, document_row, input_id_for, input_row, process_batch

if TYPE_CHECKING:
    import duckdb

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later


class RunBusy(Exception):
    """Another pledgewatch run holds the warehouse."""


@dataclass
class RunResult:
    run_id: str
    status: str  # published | failed | nothing_new | busy
    warehouse: Path
    report_path: Path | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    inputs: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    failed_expectations: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.status == "busy":
            return EXIT_BUSY
        return EXIT_OK if self.status in ("published", "nothing_new") else EXIT_FAILED

    def summary(self) -> str:
        lines = [f"run {self.run_id}: {self.status.upper()}  (warehouse {self.warehouse})"]
        if self.inputs:
            lines.append("  inputs: " + ", ".join(f"{k} {v}" for k, v in self.inputs.items()))
        if self.counts:
            lines.append("  rows added: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        if self.stage_seconds:
            lines.append("  seconds: " + ", ".join(
                f"{k} {v:.2f}" for k, v in self.stage_seconds.items()))
        for f in self.failed_expectations:
            lines.append(f"  FAILED (blocking): {f}")
        if self.error:
            lines.append(f"  error: {self.error}")
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
def warehouse_lock(warehouse: Path, timeout: float) -> Iterator[None]:
    """One run per warehouse at a time: an OS file lock beside the DuckDB file.

    The lock dies with its process (SIGKILL included), so a killed run never blocks the next.
    """
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
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


def _batches(items: Iterator[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Deduplicator:
    """Decides duplicates across batches, the run and the warehouse; keeps only keys in memory."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        from pipeline.warehouse import read_sql

        self.known_inputs = {r[0] for r in con.execute(read_sql("core/known_inputs.sql")).fetchall()}
        self.known_raw = {r[0]: r[1:] for r in con.execute(read_sql("core/known_raw.sql")).fetchall()}
        self.known_articles = dict(con.execute(read_sql("core/known_articles.sql")).fetchall())
        self.known_actors = {r[0] for r in con.execute(read_sql("core/known_actors.sql")).fetchall()}
        self.skipped_known = 0

    def screen(self, raws: list[RawDocument], run_id: str, recorded_at: str,
               staged: BatchResult) -> list[RawDocument]:
        """Drop inputs seen before (skipped by hash, before parsing); record same-bytes duplicates."""
        fresh = []
        for raw in raws:
            iid = input_id_for(raw)
            if iid in self.known_inputs:
                self.skipped_known += 1
                continue
            self.known_inputs.add(iid)
            if raw.error is None and raw.raw_id in self.known_raw:
                first_input, outcome, article_id, reason = self.known_raw[raw.raw_id]
                if outcome == "rejected":
                    row = input_row(raw, run_id, recorded_at, outcome="rejected",
                                    reason=f"{reason} (same bytes as input {first_input})")
                else:
                    row = input_row(raw, run_id, recorded_at, outcome="duplicate",
                                    article_id=article_id, duplicate_of=first_input,
                                    reason="same bytes as an earlier input")
                staged.rows["inputs"].append(row)
                staged.rows["documents"].append(document_row(raw, run_id))
                continue
            fresh.append(raw)
        return fresh

    def resolve(self, result: BatchResult) -> BatchResult:
        """Turn loaded inputs whose article is already known into duplicates, dropping their rows."""
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
                row.update(outcome="duplicate", duplicate_of=self.known_articles[aid],
                           reason="same bytes as an earlier input" if same_bytes
                           else "same article text as an earlier input")
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
                if key in seen or (r.get("article_id") in drop and r.get("article_id") not in
                                   loaded_here):
                    continue
                seen.add(key)
                kept.append(r)
            result.rows[table] = kept
        return result


def _pool_init() -> None:
    from pipeline.nlp import get_nlp

    get_nlp()


def ingest_and_stage(con: duckdb.DuckDBPyConnection, config: RunConfig, run_id: str,
                     progress: _Progress, seconds: dict[str, float]) -> Counter[str]:
    """Stream inputs in batches through parse+extract (in parallel) into staging."""
    from pipeline.ingest import discover
    from pipeline.warehouse.load import stage_rows

    recorded_at = _now()
    dedup = Deduplicator(con)
    staged_counts: Counter[str] = Counter()
    workers = max(1, config.workers)
    executor = (ProcessPoolExecutor(max_workers=workers, initializer=_pool_init)
                if workers > 1 else None)
    pending: list[Future[BatchResult]] = []
    bar = progress.bar("parse+extract")
    outcomes: Counter[str] = Counter()

    def absorb(result: BatchResult) -> None:
        result = dedup.resolve(result)
        t0 = time.perf_counter()
        staged_counts.update(stage_rows(con, result.rows))
        seconds["load"] += time.perf_counter() - t0
        for k, v in result.seconds.items():
            seconds[k] += v / workers
        outcomes.update(r["outcome"] for r in result.rows["inputs"])
        outcomes["extraction_skipped_language"] += result.skipped_language
        if bar is not None:
            bar.update(len(result.rows["inputs"]))

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
                absorb(process_batch(fresh, run_id, recorded_at))
            else:
                pending.append(executor.submit(process_batch, fresh, run_id, recorded_at))
                while len(pending) >= 2 * workers:  # bounded: the corpus is never held whole
                    absorb(pending.pop(0).result())
        for fut in pending:
            absorb(fut.result())
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    outcomes["skipped_known"] = dedup.skipped_known
    progress.line(
        "ingested: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()) if v)
    )
    return outcomes + Counter({f"staged_{k}": v for k, v in staged_counts.items()})


def _next_batch(source: Iterator[RawDocument], size: int) -> Iterator[RawDocument]:
    for _ in range(size):
        try:
            yield next(source)
        except StopIteration:
            return


def run_pipeline(config: RunConfig | None = None) -> RunResult:
    """Run the whole job once; never raises for bad input, returns the run's result."""
    config = config or RunConfig()
    run_id = new_run_id()
    progress = _Progress(config.show_progress)
    try:
        with warehouse_lock(config.warehouse, config.lock_timeout):
            return _run_locked(config, run_id, progress)
    except RunBusy as exc:
        progress.line(str(exc))
        return RunResult(run_id=run_id, status="busy", warehouse=config.warehouse, error=str(exc))


def _run_locked(config: RunConfig, run_id: str, progress: _Progress) -> RunResult:
    from pipeline.extract import RULES_VERSION
    from pipeline.warehouse import connect, init_schema, read_sql
    from pipeline.warehouse.load import clear_staging

    seconds: dict[str, float] = defaultdict(float)
    started_at = _now()
    con = connect(config.warehouse)
    try:
        init_schema(con)
        con.execute(read_sql("core/runs_mark_abandoned.sql"))
        clear_staging(con)
        con.execute(read_sql("core/run_start.sql"), {
            "run_id": run_id, "started_at": started_at, "inputs": json.dumps(config.inputs),
            "rules_version": RULES_VERSION})
        progress.line(f"run {run_id} on {len(config.inputs)} input(s) -> {config.warehouse}")
        result = RunResult(run_id=run_id, status="failed", warehouse=config.warehouse)
        try:
            outcomes = ingest_and_stage(con, config, run_id, progress, seconds)
            result.inputs = {k: outcomes.get(k, 0) for k in
                             ("loaded", "duplicate", "rejected", "skipped_known",
                              "extraction_skipped_language")}
            staged = {k.removeprefix("staged_"): v for k, v in outcomes.items()
                      if k.startswith("staged_")}
            quality = None
            if not staged.get("inputs"):
                result.status = "nothing_new"
                progress.line("nothing new: every input was seen before")
            else:
                t0 = time.perf_counter()
                quality = validate_stage(con, run_id, config)
                seconds["validate"] = time.perf_counter() - t0
                if quality is not None and not quality.success:
                    result.status = "failed"
                    result.failed_expectations = [
                        f"{o.suite}: {o.expectation}" for o in quality.failed_blocking()]
                    result.error = "blocking expectations failed; marts not published"
                    progress.line(f"validation FAILED ({len(result.failed_expectations)} "
                                  "blocking); previous marts kept")
                else:
                    progress.line("validation passed; publishing")
                    t0 = time.perf_counter()
                    result.counts = publish_stage(con, run_id)
                    seconds["publish"] = time.perf_counter() - t0
                    result.status = "published"
        except Exception as exc:
            result.status = "failed"
            result.error = f"{type(exc).__name__}: {exc}"
            quality = None
            progress.line(f"run failed: {result.error}")
        result.stage_seconds = {k: round(v, 4) for k, v in seconds.items()}
        _finish_run(con, result)
        t0 = time.perf_counter()
        result.report_path = report_stage(con, config, result, started_at, quality, progress)
        result.stage_seconds["report"] = round(time.perf_counter() - t0, 4)
        _finish_run(con, result)
        return result
    finally:
        con.close()


def validate_stage(con: duckdb.DuckDBPyConnection, run_id: str, config: RunConfig) -> Any:
    """GX suites over this run's staged rows; results stored in core.quality_results."""
    try:
        from pipeline.quality import store_results, validate_run
    except ImportError:  # quality gate not installed in this build
        return None
    quality = validate_run(con, run_id, config=config)
    store_results(con, run_id, quality)
    return quality


def publish_stage(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Merge staging into core and rebuild the marts in one transaction (all or nothing)."""
    from pipeline.warehouse.load import merge_into_core, rebuild_marts

    con.execute("begin transaction")
    try:
        added = merge_into_core(con, run_id)
        rebuild_marts(con)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return added


def _finish_run(con: duckdb.DuckDBPyConnection, result: RunResult) -> None:
    from pipeline.warehouse import read_sql

    con.execute(read_sql("core/run_finish.sql"), {
        "run_id": result.run_id, "finished_at": _now(), "status": result.status,
        "counts": json.dumps({"rows_added": result.counts, "inputs": result.inputs}),
        "stage_seconds": json.dumps(result.stage_seconds), "error": result.error})


def report_stage(con: duckdb.DuckDBPyConnection, config: RunConfig, result: RunResult,
                 started_at: str, quality: Any, progress: _Progress) -> Path | None:
    try:
        from pipeline.report import write_report
    except ImportError:
        return None
    run_info = {
        "run_id": result.run_id, "status": result.status, "started_at": started_at,
        "finished_at": _now(), "stage_seconds": result.stage_seconds, "counts": result.counts,
        "inputs": result.inputs, "error": result.error,
    }
    try:
        path: Path = write_report(con, result.run_id, config.report_dir, run_info, quality)
    except Exception as exc:  # a report bug must not undo a published run
        progress.line(f"report failed: {type(exc).__name__}: {exc}")
        return None
    progress.line(f"report: {path}")
    return path
