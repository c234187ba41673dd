"""The run's steps: ingest -> extract -> load -> validate -> publish -> report.

One orchestration: `pipeline.run.run_pipeline` (the CLI, one process holding the warehouse lock
throughout) and the DAG's tasks (`pipeline.run.load_batches`, `validate_step`, `publish_step`,
`report_step`: one process per step, each taking the lock) call these same functions on an open
warehouse connection. Each step reads and returns plain data (a `RunResult`) and records the
run's state in core.runs, so the next step, in this process or another, picks it up there.

Ingest + extract yield processed batches (`BatchResult`) from one of two sources: `ingest`
(the CLI: inputs streamed through a process pool, known inputs skipped before parsing) or
`extracted` (the DAG: batch folders written by its mapped tasks, `pipeline.batches`). Both go
through the same de-duplication (`pipeline.dedup`) and the same `load`.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.process import BatchResult, process_batch
from pipeline.runstate import (
    RunError,
    RunResult,
    absorb_outcomes,
    begin_run,
    finish_run,
    now_iso,
    stamp_rules_version,
)

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator
    from concurrent.futures import Future

    import duckdb

    from pipeline.config import RunConfig
    from pipeline.dedup import Deduplicator
    from pipeline.models import RawDocument
    from pipeline.workers import WorkerPool

log = logging.getLogger(__name__)

start = begin_run
"""Step 0: record the run as started (core.runs), clear stale staging; returns its start time."""


@dataclass
class InputSurvey:
    """What a run was given, counted before it reads anything (`survey_inputs`)."""

    files: int = 0
    folders: int = 0
    urls: int = 0
    sources: int = 0
    documents: int | None = 0
    """Documents the inputs hold at most, or None when that is unknown before reading them (a
    URL, a feed, a sources file, a JSON or JSON Lines file may hold many)."""

    def describe(self) -> str:
        """`15 file(s) in 1 folder, 1 URL`."""
        parts = [f"{self.files} file(s)" + (f" in {self.folders} folder(s)" if self.folders else "")]
        if self.urls:
            parts.append(f"{self.urls} URL(s)")
        if self.sources:
            parts.append(f"{self.sources} sources file(s)")
        return ", ".join(parts)


ONE_DOCUMENT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
"""Input files that hold one document each (the others: a feed, a JSON list, JSON Lines)."""


def survey_inputs(inputs: list[str]) -> InputSurvey:
    """Count a run's input files, folders, URLs and sources files (one listing of each
    folder), and the documents they hold when that is known without reading them."""
    from pipeline.batches import interval_files
    from pipeline.ingest.discover import is_sources_file

    survey = InputSurvey()
    documents: int | None = 0

    def add(paths: list[Path]) -> None:
        nonlocal documents
        survey.files += len(paths)
        if documents is not None:
            many = any(p.suffix.lower() not in ONE_DOCUMENT_SUFFIXES or is_sources_file(p) for p in paths)
            documents = None if many else documents + len(paths)

    for item in inputs:
        if "://" in item:
            survey.urls += 1
            documents = None
            continue
        path = Path(item)
        if path.is_dir():
            survey.folders += 1
            try:
                add([Path(f) for f in interval_files(path, None, None)])
            except Exception:  # unreadable: the ingest records it
                documents = None
                continue
        elif is_sources_file(path):
            survey.sources += 1
            documents = None
        else:
            add([path])
    survey.documents = documents
    return survey


def worker_processes(config: RunConfig, documents: int | None) -> int:
    """Worker processes a run extracts in: 0 (in this process) with `workers` 1; otherwise
    `workers`, but no more than the run's batches when its number of documents is known
    (a batch goes to one worker: a worker with no batch would only load the models, on cores
    the run needs for the rest; 15 articles make one batch, so one worker)."""
    workers = max(1, config.workers)
    if workers == 1:
        return 0
    if documents is None:
        return workers
    batches = -(-max(1, documents) // max(1, config.batch_size))
    return max(1, min(workers, batches))


# --- ingest + extract: two sources of processed batches -------------------------------------------


def ingest(
    config: RunConfig,
    run_id: str,
    dedup: Deduplicator,
    seconds: dict[str, float],
    pool: WorkerPool | None = None,
) -> Generator[BatchResult, None, None]:
    """The CLI's ingest + extract: stream the inputs in batches, skip known inputs before
    parsing (`dedup.screen`), parse and extract the rest in `pool`'s worker processes
    (`process_batch`, as the DAG's mapped tasks do; in this process when `pool` is None), and
    yield each processed batch; at most 2 x workers batches are in flight, so the corpus is
    never held whole. Close the generator to stop the pool (shut down here)."""
    from pipeline.budget import DocumentLimits
    from pipeline.ingest import discover

    recorded_at = now_iso()
    limits = DocumentLimits.from_config(config)
    workers = pool.processes if pool is not None else 1
    pending: list[Future[BatchResult]] = []
    bar = _bar(config, "parse+extract")

    def done(result: BatchResult) -> BatchResult:
        for k, v in result.seconds.items():
            seconds[k] += v / workers
        if bar is not None:
            bar.update(len(result.rows["inputs"]))
        return result

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
            if bar is not None:
                bar.update(len(raws) - len(fresh) - len(screened.rows["inputs"]))  # skipped
            if screened.rows["inputs"]:
                yield done(screened)
            if not fresh:
                continue
            if pool is None:
                yield done(process_batch(fresh, run_id, recorded_at, limits))
            else:
                pending.append(pool.submit(process_batch, fresh, run_id, recorded_at, limits))
                while len(pending) >= 2 * workers:  # bounded: the corpus is never held whole
                    yield done(pending.pop(0).result())
        while pending:
            yield done(pending.pop(0).result())
    finally:
        if pool is not None:
            pool.shutdown()
        if bar is not None:
            bar.close()


def extracted(
    batch_dirs: Iterable[str], dedup: Deduplicator, seconds: dict[str, float]
) -> Iterator[BatchResult]:
    """The DAG's ingest + extract: batch folders its mapped tasks wrote (`pipeline.batches`),
    screened on their rows by the same de-duplication rule."""
    from pipeline.batches import read_batch

    for batch_dir in batch_dirs:
        batch = dedup.screen_rows(read_batch(batch_dir))
        for k, v in batch.seconds.items():
            seconds[k] += v
        yield batch


def _next_batch(source: Iterator[RawDocument], size: int) -> Iterator[RawDocument]:
    for _ in range(size):
        try:
            yield next(source)
        except StopIteration:
            return


def _bar(config: RunConfig, desc: str) -> Any:
    """A progress bar on stderr when it is a terminal; shown once a run has taken 3 s."""
    if not config.show_progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(desc=desc, unit="doc", file=sys.stderr, delay=3.0, leave=False)


# --- load ----------------------------------------------------------------------------------------


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


def load(
    con: duckdb.DuckDBPyConnection,
    config: RunConfig,
    run_id: str,
    dedup: Deduplicator,
    batches: Iterable[BatchResult],
    seconds: dict[str, float] | None = None,
) -> RunResult:
    """Stage every processed batch (after `start`); the run is then `running` (rows staged, to
    validate) or `nothing_new` (every input known). Recorded in core.runs; a failure marks the
    run failed there and raises."""
    seconds = seconds if seconds is not None else defaultdict(float)
    result = RunResult(run_id=run_id, status="running", warehouse=config.warehouse)
    totals: Counter[str] = Counter()
    try:
        for batch in batches:
            totals.update(stage_batch(con, dedup, batch, seconds))
        totals["skipped_known"] = dedup.skipped_known
        totals["files"] = len(dedup.sources)
        staged = absorb_outcomes(result, totals)
        if not staged.get("inputs"):
            result.status = "nothing_new"
        else:
            stamp_rules_version(con, run_id)
    except Exception as exc:
        _failed(con, result, exc)
        raise
    finally:
        result.stage_seconds = {k: round(v, 4) for k, v in seconds.items()}
    finish_run(con, result, finished=result.status != "running")
    log.info(
        "ingested: %d file(s); %s",
        result.files,
        ", ".join(f"{k} {v}" for k, v in sorted(totals.items()) if v and k in result.inputs),
    )
    if result.status == "nothing_new":
        log.info("nothing new: every input was seen before; not validating")
    return result


# --- validate, publish, report -------------------------------------------------------------------


def validate(con: duckdb.DuckDBPyConnection, config: RunConfig, result: RunResult) -> Any:
    """GX suites over the run's staged rows (pipeline.quality); results in core.quality_results,
    the articles row-level checks set aside in staging.quarantine. Returns the QualityResult;
    a blocking failure leaves the run `failed` (recorded), nothing to publish.

    The quality gate is not optional: if `pipeline.quality` is missing or broken this raises
    (the run recorded failed) instead of publishing unchecked rows. Never called for a run with
    nothing new, so such a run never imports Great Expectations.
    """
    from pipeline.warehouse import read_sql

    run_id = result.run_id
    staged = con.execute(read_sql("core/staged_inputs.sql"), {"run_id": run_id}).fetchone()
    if not staged or not staged[0]:
        result.status, result.error = "failed", "its staged rows are gone (cleared by a CLI run?)"
        finish_run(con, result)
        raise RunError(f"run {run_id}: {result.error}")
    t0 = time.perf_counter()
    try:
        from pipeline.quality import store_results, validate_run
        from pipeline.warehouse.load import stage_quarantine

        quality = validate_run(con, run_id, config=config)
        store_results(con, run_id, quality)
        stage_quarantine(con, run_id, quality.quarantine_rows())
    except Exception as exc:
        _failed(con, result, exc)
        raise
    result.stage_seconds["validate"] = round(time.perf_counter() - t0, 4)
    if not quality.success:
        result.status = "failed"
        result.failed_expectations = [o.expectation for o in quality.failed_blocking()]
        result.error = "blocking expectations failed; marts not published"
        finish_run(con, result)
        log.error(
            "validation FAILED (%d blocking); previous marts kept: %s",
            len(result.failed_expectations),
            "; ".join(result.failed_expectations),
        )
        return quality
    quarantined = quality.quarantined_articles()
    log.info(
        "validation passed; publishing%s",
        f" ({len(quarantined)} article(s) quarantined by row-level checks)" if quarantined else "",
    )
    finish_run(con, result, finished=False)
    return quality


def publish(con: duckdb.DuckDBPyConnection, result: RunResult) -> RunResult:
    """Merge the validated run's staged rows into core and rebuild the marts, in one transaction
    (pipeline.publish); quarantined articles are set aside, superseded article versions leave
    the marts. Refuses a run that was never validated."""
    from pipeline.publish import publish as publish_run
    from pipeline.warehouse import read_sql

    run_id = result.run_id
    validated = con.execute(read_sql("core/run_validated.sql"), {"run_id": run_id}).fetchone()
    if not validated or not validated[0]:
        raise RunError(f"run {run_id} has not been validated; not publishing")
    t0 = time.perf_counter()
    try:
        result.counts = publish_run(con, run_id)
    except Exception as exc:
        _failed(con, result, exc)
        raise
    result.stage_seconds["publish"] = round(time.perf_counter() - t0, 4)
    outcomes = dict(con.execute(read_sql("core/staged_outcomes.sql"), {"run_id": run_id}).fetchall())
    result.quarantined = int(outcomes.get("quarantined", 0))
    if result.quarantined:
        result.inputs["quarantined"] = result.quarantined
        result.inputs["loaded"] = int(outcomes.get("loaded", 0))
    result.superseded = int(result.counts.get("article_versions", 0))
    result.status = "published"
    finish_run(con, result)
    log.info(
        "published: %s",
        ", ".join(f"{k} {v}" for k, v in result.counts.items() if v) or "no new rows",
    )
    return result


def report(
    con: duckdb.DuckDBPyConnection,
    config: RunConfig,
    result: RunResult,
    started_at: str,
    quality: Any = None,
) -> RunResult:
    """The run's report (pipeline.report). A report that cannot be written (a full disk, a
    broken report module) never undoes what was published, but it shows: `report_error` is set
    (the CLI exits 1, the DAG's report task fails) and logged."""
    t0 = time.perf_counter()
    run_info = {
        "run_id": result.run_id,
        "status": result.status,
        "started_at": started_at,
        "finished_at": now_iso(),
        "stage_seconds": result.stage_seconds,
        "counts": result.counts,
        "inputs": result.inputs,
        "error": result.error,
    }
    try:
        from pipeline.report import write_report

        path: Path = write_report(con, result.run_id, config.report_dir, run_info, quality)
    except Exception as exc:
        from pipeline.warehouse import describe_os_error

        os_error = exc if isinstance(exc, OSError) else exc.__cause__
        result.report_error = (
            describe_os_error(os_error, f"cannot write the report under {config.report_dir}")
            if isinstance(os_error, OSError)
            else f"{type(exc).__name__}: {exc}"
        )
        log.error("report not written: %s", result.report_error)
    else:
        result.report_path = path
        log.info("report: %s", path)
    result.stage_seconds["report"] = round(time.perf_counter() - t0, 4)
    finish_run(con, result, finished=result.status != "running")
    return result


def _failed(con: duckdb.DuckDBPyConnection, result: RunResult, exc: BaseException) -> None:
    """Record the run as failed with the exception (the caller re-raises)."""
    result.status, result.error = "failed", f"{type(exc).__name__}: {exc}"
    try:
        finish_run(con, result)
    except Exception as inner:  # e.g. a connection a failed transaction left unusable
        log.warning("could not record the failed run %s: %s", result.run_id, inner)
