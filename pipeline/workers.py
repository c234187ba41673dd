"""Worker processes for parsing and extraction: started clean, warmed up, and dying with the run."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from typing import TYPE_CHECKING, Any

from pipeline.config import RESOURCES_DIR

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)


def pool_context() -> Any:
    """The context pool workers start from: a fork server (or spawn), never a fork of the run.

    A worker forked from the run would inherit the warehouse lock's open file (and its
    `flock`) and keep it past the run's death; a fork server or a spawned interpreter
    starts from a clean process that never held it.
    """
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def pool_init(parent_pid: int | None = None) -> None:
    """A worker's start: watch the run, load the NLP pipeline once, then warm up (`warm_up`)."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    from pipeline.nlp import get_nlp

    get_nlp()
    warm_up()


WARM_UP_FILE = RESOURCES_DIR / "workers" / "warm_up.txt"
"""Short made-up articles, split by a line "---", that a worker extracts, and forgets, before
its first batch (`warm_up`)."""


def warm_up() -> None:
    """Extract the articles of WARM_UP_FILE once and drop the rows: what extraction loads on first use (the
    dependency parser, the language identifier, the currency rates, the rules' lexicons and
    patterns) is then loaded while the worker waits for its first batch, e.g. while the run
    creates its warehouse, instead of on that batch's critical path. Extraction is a pure
    function of its input (`pipeline.process`), so the batches' rows are the same as without
    it. Never raises: what failed here loads, or fails, on first use as it would have."""
    from pipeline.models import RawDocument
    from pipeline.process import process_batch

    t0 = time.perf_counter()
    raws = [
        RawDocument(
            source=f"warm-up-{k}.txt",
            content=text.encode(),
            source_kind="txt",
            fetched_at="2026-01-05T00:00:00+00:00",
            doc_id=f"warm-up-{k}",
        )
        for k, text in enumerate(WARM_UP_FILE.read_text(encoding="utf-8").split("\n---\n"))
    ]
    try:
        process_batch(raws, "20260105T000000Z-warmup", "2026-01-05T00:00:00+00:00")
    except Exception as exc:  # noqa: BLE001 - only a head start; the batches meet the same error
        log.debug("worker warm-up failed: %s: %s", type(exc).__name__, exc)
        return
    log.debug("worker %d warmed up in %.2fs", os.getpid(), time.perf_counter() - t0)


class WorkerPool:
    """The run's extraction processes: `processes` workers from `pool_context`, each running
    `pool_init` (the NLP pipeline, the warm-up) before its first task.

    `start()` starts every worker at once, before any work is submitted (a run that knows it
    will extract: its workers load their models while it creates its warehouse and reads its
    inputs); otherwise they start on the first `submit`, as a ProcessPoolExecutor does.
    `shutdown()` cancels what is queued and waits for the workers; idempotent."""

    def __init__(self, processes: int, parent_pid: int | None = None) -> None:
        self.processes = max(1, processes)
        self.parent_pid = os.getpid() if parent_pid is None else parent_pid
        self._executor: ProcessPoolExecutor | None = None
        self._closed = False

    def _pool(self) -> ProcessPoolExecutor:
        if self._closed:
            raise RuntimeError("the worker pool is shut down")
        if self._executor is None:
            from concurrent.futures import ProcessPoolExecutor

            self._executor = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=pool_context(),
                initializer=pool_init,
                initargs=(self.parent_pid,),
            )
        return self._executor

    @property
    def started(self) -> bool:
        return self._executor is not None

    def start(self) -> None:
        """Start every worker now: one no-op task each (a ProcessPoolExecutor starts a process
        per task submitted while none is idle, up to its size)."""
        if self._executor is not None or self._closed:
            return
        pool = self._pool()
        for _ in range(self.processes):
            pool.submit(os.getpid)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._pool().submit(fn, *args)

    def shutdown(self) -> None:
        self._closed = True
        if self._executor is not None:
            executor, self._executor = self._executor, None
            executor.shutdown(cancel_futures=True)


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
