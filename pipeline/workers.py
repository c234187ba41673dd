"""Worker processes for parsing and extraction: started clean, and dying with the run."""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any


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
    """A worker's start: watch the run, load the NLP pipeline once."""
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
