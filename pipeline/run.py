"""The daily job, one orchestration for the CLI and the DAG (the steps: `pipeline.steps`).

- `run_pipeline(config)` is `pledgewatch run`: one process takes the warehouse lock, opens the
  warehouse once and calls the steps in turn: start, ingest + extract (streamed through a
  process pool), load, validate, publish, report.
- The DAG (`dags/pledgewatch_daily.py`) runs one process per step and calls `load_batches`,
  `validate_step`, `publish_step` and `report_step`: each takes the same lock, opens the
  warehouse, calls the same step function on one run (by run_id) and closes it again. The run's
  state between them is its row in core.runs (`pipeline.runstate`).

Locking: `pipeline.locking`; de-duplication: `pipeline.dedup`; worker processes:
`pipeline.workers`. Nothing here prints: progress and errors go to `logging` (the CLI sets the
handlers, Airflow its own).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import steps
from pipeline.config import RunConfig
from pipeline.dedup import Deduplicator
from pipeline.locking import RunBusy, connect_when_free, open_warehouse, warehouse_lock
from pipeline.runstate import (
    EXIT_BUSY,
    EXIT_FAILED,
    EXIT_OK,
    INPUT_OUTCOMES,
    QualityGateFailed,
    ReportFailed,
    RunError,
    RunResult,
    begin_run,
    finish_run,
    new_run_id,
    read_run,
    running,
)
from pipeline.steps import stage_batch
from pipeline.workers import WorkerPool

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    import duckdb

    from pipeline.models import RawDocument
    from pipeline.process import BatchResult

__all__ = [
    "EXIT_BUSY",
    "EXIT_FAILED",
    "EXIT_OK",
    "INPUT_OUTCOMES",
    "QUALITY_FILE",
    "Deduplicator",
    "QualityGateFailed",
    "ReportFailed",
    "RunBusy",
    "RunError",
    "RunResult",
    "begin_run",
    "connect_when_free",
    "finish_run",
    "load_batches",
    "new_run_id",
    "publish_step",
    "read_run",
    "report_step",
    "run_pipeline",
    "stage_batch",
    "validate_step",
    "warehouse_lock",
]

log = logging.getLogger(__name__)


# --- the CLI's run: one process, the lock held throughout ----------------------------------------


def run_pipeline(config: RunConfig | None = None) -> RunResult:
    """Run the whole job once; never raises for bad input, returns the run's result."""
    config = config or RunConfig()
    run_id = new_run_id()
    # a warehouse that is not there yet knows no input: everything the run reads is new
    new_warehouse = isinstance(config.warehouse, Path) and not config.warehouse.exists()
    try:
        with open_warehouse(config.warehouse, config.lock_timeout) as con:
            return _run(con, config, run_id, new_warehouse=new_warehouse)
    except RunBusy as exc:
        log.warning("%s", exc)
        return RunResult(run_id=run_id, status="busy", warehouse=config.warehouse, error=str(exc))


def _run(
    con: duckdb.DuckDBPyConnection, config: RunConfig, run_id: str, *, new_warehouse: bool = False
) -> RunResult:
    survey = steps.survey_inputs(config.inputs)
    processes = steps.worker_processes(config, survey.documents)
    pool = WorkerPool(processes) if processes else None
    if pool is not None and new_warehouse and survey.documents != 0:
        # every input is new: the workers load their models while the warehouse is created
        # (`steps.start`) and the inputs are read, not after the first batch is submitted
        pool.start()
    try:
        return _steps(con, config, run_id, survey, pool)
    finally:
        if pool is not None:
            pool.shutdown()


def _steps(
    con: duckdb.DuckDBPyConnection,
    config: RunConfig,
    run_id: str,
    survey: steps.InputSurvey,
    pool: WorkerPool | None,
) -> RunResult:
    started_at = steps.start(con, config, run_id, exclusive=True)
    log.info(
        "run %s on %d input(s) given: %s -> %s",
        run_id,
        len(config.inputs),
        survey.describe(),
        config.warehouse,
    )
    seconds: dict[str, float] = defaultdict(float)
    result = RunResult(run_id=run_id, status="failed", warehouse=config.warehouse)
    quality = None
    warm = _WarmUp(config, extracting_elsewhere=pool is not None)
    try:
        dedup = _NoticingDeduplicator(con, warm.start if warm.useful else None)
        with contextlib.closing(steps.ingest(config, run_id, dedup, seconds, pool)) as batches:
            result = steps.load(con, config, run_id, dedup, warm.then_wait(batches), seconds)
        if result.status == "running":
            quality = steps.validate(con, config, result)
            if result.status == "running":
                steps.publish(con, result)
    except Exception as exc:
        result.status = "failed"
        result.error = f"{type(exc).__name__}: {exc}"
        if not result.stage_seconds:
            result.stage_seconds = {k: round(v, 4) for k, v in seconds.items()}
        log.error("run failed: %s", result.error)
        finish_run(con, result)
    warm.wait()  # a run that failed early: its report imports nothing the thread is importing
    steps.report(con, config, result, started_at, quality)
    return result


# --- the fixed cost of a run with something new, overlapped with its extraction -----------------


class _NoticingDeduplicator(Deduplicator):
    """The run's de-duplication, calling `on_new` once, as soon as screening finds an input
    the run will stage (so there will be something to validate)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, on_new: Callable[[], None] | None) -> None:
        super().__init__(con)
        self._on_new = on_new

    def screen(
        self, raws: list[RawDocument], run_id: str, recorded_at: str, staged: BatchResult
    ) -> list[RawDocument]:
        fresh = super().screen(raws, run_id, recorded_at, staged)
        if self._on_new is not None and (fresh or staged.rows["inputs"]):
            on_new, self._on_new = self._on_new, None
            on_new()
        return fresh


class _WarmUp:
    """What the CLI's run does in a background thread while worker processes extract its
    documents: the main process is idle then (it waits for the batches), and the steps after
    the extraction have a fixed cost of seconds of imports and set-up (the rules version
    stamped on the run loads the extraction's modules and models; validation imports Great
    Expectations and builds its context and suites). Done ahead, they overlap the extraction
    instead of following it.

    Only when there is something new (a run with nothing new never imports GX) and the
    extraction runs in worker processes (`extracting_elsewhere`): with extraction in this process the
    thread would compete with it for the interpreter, and import the same modules at once.

    Two threads importing modules at the same time can deadlock on the import locks (CPython
    detects it and raises in one of them), so the main thread never imports while the thread
    does: the thread imports in three parts, and the main thread waits for each part before
    the step that needs it (`then_wait`: staging a batch needs what DuckDB imports to read an
    Arrow table, stamping the rules version needs the extraction's modules; validation waits
    for the GX session's lock, `pipeline.quality.validate.prepare_session`). A failure in the
    thread is only logged: the step that needs the thing does it again and fails the run
    there as it would have.
    """

    def __init__(self, config: RunConfig, *, extracting_elsewhere: bool) -> None:
        self.config = config
        self.useful = extracting_elsewhere
        self._staging_ready = threading.Event()
        self._rules_ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        try:
            # imported before the thread starts: the worker pool's start and the session's lock
            import multiprocessing.popen_forkserver  # noqa: F401
            import multiprocessing.popen_spawn_posix  # noqa: F401

            from pipeline.quality import validate  # noqa: F401

            thread = threading.Thread(target=self._work, name="pledgewatch-warm-up", daemon=True)
            thread.start()
        except Exception as exc:  # no warm-up: each step does its own set-up, as without one
            log.debug("warm-up not started: %s: %s", type(exc).__name__, exc)
            return
        self._thread = thread

    def _work(self) -> None:
        try:
            self._warm()
        except BaseException as exc:  # noqa: BLE001 - never an error of its own; the steps meet it
            log.debug("warm-up stopped: %s: %s", type(exc).__name__, exc)
        finally:
            self._staging_ready.set()
            self._rules_ready.set()

    def _warm(self) -> None:
        t0 = time.perf_counter()
        try:
            # what staging a batch imports: DuckDB reads the Arrow table through these
            import pyarrow.dataset  # noqa: F401
            import pyarrow.pandas_compat  # noqa: F401

            from pipeline.warehouse import load  # noqa: F401
        except Exception as exc:  # staging imports them again, and fails there
            log.debug("warm-up: staging: %s: %s", type(exc).__name__, exc)
        finally:
            self._staging_ready.set()
        t1 = time.perf_counter()
        try:
            from pipeline.extract.version import rules_version

            rules_version()  # imports the extraction's modules, loads its models (once per process)
            # and what publishing and the report import
            from pipeline import publish, report  # noqa: F401
        except Exception as exc:  # stamp_rules_version meets it again
            log.debug("warm-up: rules version: %s: %s", type(exc).__name__, exc)
        finally:
            self._rules_ready.set()
        t2 = time.perf_counter()
        from pipeline.quality.validate import prepare_session

        ready = prepare_session(self.config)
        t3 = time.perf_counter()
        try:
            # the report's templates and those of GX's Data Docs pages, compiled for the
            # report step (which waits for this thread, `wait`), not in it
            from pipeline.report.report import precompile_template

            precompile_template()
            if ready:
                from pipeline.quality.validate import precompile_data_docs

                precompile_data_docs()
        except Exception as exc:  # the report compiles them itself, and fails there
            log.debug("warm-up: templates: %s: %s", type(exc).__name__, exc)
        log.debug(
            "warm-up: staging %.2fs, rules version %.2fs, templates %.2fs, GX session %.2fs (%s)",
            t1 - t0,
            t2 - t1,
            time.perf_counter() - t3,
            t3 - t2,
            "ready" if ready else "not ready",
        )

    def wait(self) -> None:
        """Until the thread is done (at once when it never started or is done)."""
        if self._thread is not None:
            self._thread.join()

    def then_wait(self, batches: Iterable[BatchResult]) -> Iterator[BatchResult]:
        """`batches`, each once the thread has imported what staging it needs; after the
        last, the load stamps the rules version: once the thread has imported for that."""
        for batch in batches:
            if self._thread is not None:
                self._staging_ready.wait()
            yield batch
        if self._thread is not None:
            self._rules_ready.wait()


# --- steps for a scheduler: one process per step, one run (by run_id) per call -------------------


@contextlib.contextmanager
def _warehouse(config: RunConfig) -> Any:
    """The warehouse, opened for writing under the same OS lock the CLI takes (waits for it)."""
    with open_warehouse(config.warehouse, config.lock_timeout) as con:
        yield con


def load_batches(config: RunConfig, run_id: str, batch_dirs: list[str]) -> RunResult:
    """Begin run `run_id` and stage the batch folders extracted for it (`pipeline.batches`).

    Status afterwards: `running` (rows staged, to validate), `nothing_new` (every input was
    known) or `failed` (raised). Calling it again for the same run replaces what it staged.
    """
    with _warehouse(config) as con:
        steps.start(con, config, run_id, exclusive=False)
        dedup = Deduplicator(con)
        seconds: dict[str, float] = defaultdict(float)
        return steps.load(con, config, run_id, dedup, steps.extracted(batch_dirs, dedup, seconds), seconds)


QUALITY_FILE = "quality.pickle"


def validate_step(config: RunConfig, run_id: str, keep_in: str | None = None) -> RunResult:
    """Validate run `run_id`'s staged rows; on a blocking failure the run is failed, its report
    written, and QualityGateFailed raised (nothing is published).

    `keep_in`: a folder (path or fsspec URL) where the result is kept for `report_step`
    (`quality.pickle`, without the GX objects).
    """
    with _warehouse(config) as con:
        result = running(con, run_id, config.warehouse)
        if result.status == "nothing_new":
            return result
        quality = steps.validate(con, config, result)
        if keep_in is not None:
            _keep_quality(config, run_id, keep_in, quality)
        if result.status == "failed":
            _, started_at = read_run(con, run_id, config.warehouse)
            steps.report(con, config, result, started_at, quality)
            raise QualityGateFailed(f"run {run_id}: {result.error}: " + "; ".join(result.failed_expectations))
        return result


def _keep_quality(config: RunConfig, run_id: str, keep_in: str, quality: Any) -> None:
    """The quality result for the report task: Data Docs built here (the GX objects stay in
    this process), the rest pickled into the run's batch folder."""
    import dataclasses
    import pickle

    from pipeline.batches import join, write_bytes
    from pipeline.quality import build_data_docs

    build_data_docs(quality, config.report_dir / run_id / "data_docs")
    write_bytes(
        join(keep_in, QUALITY_FILE),
        pickle.dumps(dataclasses.replace(quality, gx_results={}, gx_context=None)),
    )


def publish_step(config: RunConfig, run_id: str) -> RunResult:
    """Publish a validated run: core merge and marts in one transaction."""
    with _warehouse(config) as con:
        result = running(con, run_id, config.warehouse)
        if result.status == "nothing_new":
            return result
        return steps.publish(con, result)


def report_step(config: RunConfig, run_id: str, kept_in: str | None = None) -> RunResult:
    """Write run `run_id`'s report (with the quality result `validate_step` kept, if any);
    raises ReportFailed when it cannot be written (what was published stays)."""
    import pickle

    from pipeline.batches import join, read_bytes

    with _warehouse(config) as con:
        result, started_at = read_run(con, run_id, config.warehouse)
        kept = read_bytes(join(kept_in, QUALITY_FILE)) if kept_in is not None else None
        quality = pickle.loads(kept) if kept is not None else None  # written by validate_step
        steps.report(con, config, result, started_at, quality)
    if result.report_error:
        raise ReportFailed(f"run {run_id}: report not written: {result.report_error}")
    return result
