"""Publish stage: this run's checked rows into core, and the marts rebuilt, in one transaction.

Called only after the quality gate passed. All or nothing: a failure (or a kill) inside
leaves core and the marts exactly as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.warehouse.load import merge_into_core, rebuild_marts

if TYPE_CHECKING:
    import duckdb

__all__ = ["PublishError", "publish"]


class PublishError(Exception):
    """The publish transaction failed and was rolled back."""


def publish(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Merge staging rows of `run_id` into raw/core and rebuild every mart; rows added per table."""
    con.execute("begin transaction")
    try:
        added = merge_into_core(con, run_id)
        rebuild_marts(con)
        con.execute("commit")
    except Exception as exc:
        con.execute("rollback")
        raise PublishError(f"publish of run {run_id} rolled back: {exc}") from exc
    return added
