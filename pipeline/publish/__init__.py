"""Publish stage: this run's checked rows into core, and the marts rebuilt, in one transaction.

Called only after the quality gate passed. All or nothing: a failure (or a kill) inside
leaves core and the marts exactly as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.money.pledges import link_pledges
from pipeline.warehouse.load import merge_into_core, rebuild_marts

if TYPE_CHECKING:
    import duckdb

__all__ = ["PublishError", "publish", "set_aside"]


class PublishError(Exception):
    """The publish transaction failed and was rolled back."""


def publish(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Merge staging rows of `run_id` into raw/core and rebuild every mart; rows added per table.

    Articles the run's validation set aside (staging.quarantine: rows that failed row-level
    checks) go to core.quarantine in the same transaction, their staged rows are dropped and
    their inputs' outcome becomes `quarantined`, so the rest of the run publishes without them.
    """
    con.begin()
    try:
        set_aside(con, run_id)
        added = merge_into_core(con, run_id)
        added.update(link_pledges(con, run_id))  # core.pledges from every run's commitments
        rebuild_marts(con)
        con.commit()
    except Exception as exc:
        con.rollback()
        raise PublishError(f"publish of run {run_id} rolled back: {exc}") from exc
    return added


def set_aside(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Move the run's quarantined articles out of staging (inside the publish transaction)."""
    from pipeline.warehouse import read_sql

    params = {"run_id": run_id}
    con.execute(read_sql("core/quarantine_insert.sql"), params)
    template = read_sql("core/quarantine_staging.sql")
    for (name,) in con.execute(read_sql("core/staging_article_tables.sql")).fetchall():
        con.execute(template.format(staging=f"staging.{name}"), params)
    con.execute(read_sql("core/quarantine_inputs.sql"), params)
