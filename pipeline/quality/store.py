"""Store a validation's outcomes in core.quality_results (one row per expectation)."""

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
    return len(rows)
