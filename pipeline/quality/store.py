"""Store a validation's outcomes in core.quality_results (one row per expectation) and the rows
its review expectations found in core.review_flags (what marts.review_queue lists)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pipeline.quality.validate import _jsonable
from pipeline.warehouse import read_sql

if TYPE_CHECKING:
    import duckdb

    from pipeline.quality.validate import QualityResult


def store_results(con: duckdb.DuckDBPyConnection, run_id: str, result: QualityResult) -> int:
    """Replace the run's rows in core.quality_results with `result`'s outcomes; returns the count.

    `expectation` holds the readable form (`suite.name: type(column, kwargs)`), `observed_value`
    and `sample_rows` JSON. Validating a run again replaces its rows (no duplicates on re-run).
    The caller owns the transaction.
    """
    rows = [
        (
            run_id,
            o.suite,
            o.expectation,
            o.column,
            o.success,
            o.is_blocking,
            None if o.observed_value is None else json.dumps(_jsonable(o.observed_value)),
            o.unexpected_count,
            json.dumps(o.sample_rows, ensure_ascii=False) if o.sample_rows else None,
            result.checked_at,
        )
        for o in result.outcomes
    ]
    con.execute(read_sql("quality/delete_results.sql"), {"run_id": run_id})
    if rows:
        con.executemany(read_sql("quality/insert_result.sql"), rows)
    store_review_flags(con, run_id, result)
    return len(rows)


def store_review_flags(con: duckdb.DuckDBPyConnection, run_id: str, result: QualityResult) -> int:
    """Replace the run's rows in core.review_flags with `result.review_rows` (one Arrow insert)."""
    import pyarrow as pa

    con.execute(read_sql("quality/delete_review_flags.sql"), {"run_id": run_id})
    if not result.review_rows:
        return 0
    table = pa.Table.from_pylist(
        [{"run_id": run_id, **r, "checked_at": result.checked_at} for r in result.review_rows],
        schema=pa.schema(
            [
                ("run_id", pa.string()),
                ("suite", pa.string()),
                ("expectation", pa.string()),
                ("reason", pa.string()),
                ("priority", pa.int32()),
                ("row_kind", pa.string()),
                ("row_key", pa.string()),
                ("article_id", pa.string()),
                ("span_start", pa.int32()),
                ("span_end", pa.int32()),
                ("checked_at", pa.timestamp("us")),
            ]
        ),
    )
    con.register("_pw_review_flags", table)
    try:
        con.execute(read_sql("quality/insert_review_flags.sql"))
    finally:
        con.unregister("_pw_review_flags")
    return len(result.review_rows)
