"""An exclusive OS file lock with a deadline, shared by the DuckDB file's run lock
(pipeline.locking) and a file-catalogued DuckLake's (pipeline.warehouse.lake).

flock dies with its process (SIGKILL included), so a killed run never blocks the next; the
file holds "pid N since T" of its holder, quoted to whoever has to wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


@contextlib.contextmanager
def file_lock(
    path: Path,
    deadline: float,
    busy: Callable[[str], Exception],
    *,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created when missing). While another process holds
    it, wait until `deadline` (time.monotonic()), calling `on_wait(holder)` once, then raise
    `busy(holder)` ("" when the holder wrote nothing)."""
    from pipeline.warehouse.db import WarehouseError, describe_os_error

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # not inherited by any process started later (PEP 446)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise WarehouseError(describe_os_error(exc, f"cannot create the lock file {path}")) from None
    waited = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = ""
                with contextlib.suppress(OSError):
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
                if time.monotonic() >= deadline:
                    raise busy(holder) from None
                if not waited and on_wait is not None:
                    on_wait(holder)
                waited = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {datetime.now(UTC).isoformat()}".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
