"""Deterministic measures of work for tests (never wall-clock time, which a busy machine skews)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from pipeline.config import PROJECT_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

_PIPELINE = str(PROJECT_ROOT / "pipeline")


def lines_executed(fn: Callable[[], Any]) -> int:
    """Lines of pipeline code run by `fn()` (a deterministic count of work)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(_PIPELINE) else None

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count
