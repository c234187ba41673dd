"""One writer per warehouse: the run's OS lock, and opening the warehouse when it is free.

The CLI's run holds the lock for its whole life; a scheduler's steps (the DAG) take it once
per step (`open_warehouse`). A DuckLake (`ducklake:` URL) has its own lock
(pipeline.warehouse.lake.lake_lock).
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    import duckdb

log = logging.getLogger(__name__)


class RunBusy(Exception):
    """Another pledgewatch run holds the warehouse."""


@contextlib.contextmanager
def warehouse_lock(warehouse: Path | str, timeout: float) -> Iterator[None]:
    """One run per warehouse at a time: an OS file lock beside the DuckDB file.

    The lock dies with its process (SIGKILL included), so a killed run never blocks the next.
    Waits up to `timeout` seconds, then raises RunBusy.
    """
    from pipeline.warehouse.filelock import file_lock
    from pipeline.warehouse.lake import is_lake, lake_lock

    if is_lake(warehouse):
        with lake_lock(str(warehouse), timeout, RunBusy):
            yield
        return
    warehouse = Path(warehouse)

    def busy(holder: str) -> RunBusy:
        return RunBusy(
            f"another pledgewatch run is using {warehouse}"
            + (f" ({holder})" if holder else "")
            + "; try again when it has finished, or pass --wait SECONDS"
        )

    def waiting(holder: str) -> None:
        log.info("waiting for another run on %s%s", warehouse, f" ({holder})" if holder else "")

    # pool workers are started without the lock's descriptor (pipeline.workers)
    with file_lock(
        warehouse.with_name(warehouse.name + ".lock"), time.monotonic() + timeout, busy, on_wait=waiting
    ):
        yield


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


@contextlib.contextmanager
def open_warehouse(warehouse: Path | str, timeout: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, locked and opened for writing; waits up to `timeout` seconds in all for
    the lock and for other processes to close the file, then RunBusy."""
    deadline = time.monotonic() + timeout
    with warehouse_lock(warehouse, timeout):
        con = connect_when_free(warehouse, deadline)
        try:
            yield con
        finally:
            con.close()
