"""Per-document limits: a wall-clock deadline on parsing and extraction, and a size check.

`deadline(seconds)` raises `OverBudget` inside the code it guards once the seconds are spent
(a POSIX interval timer, SIGALRM): whatever the rules do on a hostile text (a runaway scan, a
parser on a huge sentence), one document cannot hold the run, or the warehouse lock, longer
than its budget. `OverBudget` is a BaseException so that the `except Exception` guards inside
parsing and extraction do not swallow it: it reaches `process_batch`, which records the
document as rejected with the reason and goes on with the next one.

The timer needs the main thread of a process (the CLI, pool workers and Airflow task
processes run documents there); elsewhere (a thread) the deadline is not enforced.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType


class OverBudget(BaseException):  # noqa: N818 - reads as the outcome it is
    """A document used up its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the time budget: parsing and extraction took more than {seconds:g}s")
        self.seconds = seconds


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost (from RunConfig; picklable, handed to pool workers)."""

    seconds: float | None = 60.0
    """Wall-clock seconds for parsing + tokenising + extraction of one document (None: none)."""
    max_chars: int = 5 * 1024 * 1024
    """Longest body analysed, in characters; `nlp.max_length` is raised to it when lower."""

    @classmethod
    def from_config(cls, config: object) -> DocumentLimits:
        seconds = getattr(config, "doc_seconds", 60.0)
        return cls(
            seconds=seconds if seconds and seconds > 0 else None,
            max_chars=int(getattr(config, "max_bytes", cls.max_chars)),
        )


def _enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


REPEAT = 0.5
"""seconds between repeated alarms once a deadline has passed"""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in the guarded block after `seconds` of wall-clock time (None: never)."""
    if not seconds or seconds <= 0 or not _enforceable():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    # after the first alarm, again every REPEAT seconds until the block is left: an OverBudget
    # raised where Python swallows exceptions (a garbage-collector callback, a destructor) is
    # lost, and a one-shot alarm would then never stop the block
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
