"""Bulk loading into staging (Arrow, never row by row) and the publish transaction's merge.

Every statement is read from sql/core/*.sql; identifiers filled into them come from the fixed
lists below or from the schema's own catalogue, values are bound parameters.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pipeline.config import SQL_DIR
from pipeline.warehouse.db import read_sql

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

STAGING_TABLES = (
    "documents",
    "inputs",
    "articles",
    "sentences",
    "actors",
    "actor_mentions",
    "statements",
    "commitments",
    "commitment_conditions",
    "commitment_quantities",
    "commitment_mentions",
)
"""Staged tables in load order; each `staging.<name>` mirrors `core.<name>` (`raw.documents`)."""


RUN_UNIQUE_KEYS = {"actors": "actor_id"}
"""Staged tables whose rows are shared by many articles: staging keeps one row per key per run."""


DEFAULT_MEMORY_LIMIT = "1GB"
"""DuckDB's buffer pool cap during a run (env PLEDGEWATCH_DUCKDB_MEMORY_LIMIT; `off` keeps
DuckDB's default of 80 % of RAM). Without it the staged rows of the whole run stay cached in
memory: the main process grew with N (1.9 GiB tree at 20,000 articles, 2.3 GiB for publish
alone at 100,000). Larger-than-cap work spills to disk (DuckDB's temp directory)."""


def bound_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Cap DuckDB's memory for this database (staging, validation queries, publish)."""
    limit = os.environ.get("PLEDGEWATCH_DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT).strip()
    if not limit or limit.lower() in ("off", "none", "0"):
        return
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", limit, re.IGNORECASE):
        raise ValueError(f"PLEDGEWATCH_DUCKDB_MEMORY_LIMIT: not a size like 1GB: {limit!r}")
    con.execute(read_sql("core/memory_limit.sql").format(limit=limit))  # validated: digits and a unit


def target_of(name: str) -> str:
    return "raw.documents" if name == "documents" else f"core.{name}"


def clear_staging(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Drop staged rows no live run needs: this run's own and those of runs no longer running
    (whatever a failed or killed run left). A scheduler run between its tasks keeps its rows."""
    template = read_sql("core/staging_clear.sql")
    for name in (*STAGING_TABLES, "quarantine"):  # identifiers from the fixed list above
        con.execute(template.format(staging=f"staging.{name}"), {"run_id": run_id})


def stage_quarantine(con: duckdb.DuckDBPyConnection, run_id: str, rows: list[dict[str, Any]]) -> int:
    """Keep a validation's decision on the run: which articles its row-level checks set aside
    (staging.quarantine, replaced on a re-validation), for publish to act on."""
    import pyarrow as pa

    now = datetime.now(UTC).replace(tzinfo=None)
    con.execute(read_sql("core/quarantine_forget.sql"), {"run_id": run_id})
    if not rows:
        return 0
    schema = _arrow_schema(con, "quarantine")
    table = pa.Table.from_pylist(
        [
            {
                "run_id": run_id,
                "article_id": r["article_id"],
                "suite": r["suite"],
                "expectation": r["expectation"],
                "value": r.get("value"),
                "reason": r["reason"],
                "quarantined_at": now,
            }
            for r in rows
        ],
        schema=schema,
    )
    con.register("_pw_quarantine", table)
    try:
        con.execute(read_sql("core/quarantine_stage.sql"))
    finally:
        con.unregister("_pw_quarantine")
    return len({r["article_id"] for r in rows})


_SCHEMAS: dict[tuple[int, str], pa.Schema] = {}


def _arrow_schema(con: duckdb.DuckDBPyConnection, name: str) -> pa.Schema:
    key = (id(con), name)
    if key not in _SCHEMAS:
        sql = read_sql("core/staging_shape.sql").format(staging=f"staging.{name}")
        _SCHEMAS[key] = con.sql(sql).to_arrow_table().schema
    return _SCHEMAS[key]


def to_timestamp(value: Any) -> datetime | None:
    """ISO-8601 text (any offset) to a naive UTC datetime; unreadable or empty values to None."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        ts = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    return ts


def _coerce(batch: list[dict[str, Any]], schema: pa.Schema) -> list[dict[str, Any]]:
    import pyarrow as pa

    ts_fields = [f.name for f in schema if pa.types.is_timestamp(f.type)]
    if ts_fields:
        for row in batch:
            for name in ts_fields:
                if name in row:
                    row[name] = to_timestamp(row[name])
    return batch


def stage_rows(con: duckdb.DuckDBPyConnection, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Append rows to staging, one Arrow table per staging table. Returns rows per table."""
    import pyarrow as pa

    bound_memory(con)
    counts: dict[str, int] = {}
    for name in STAGING_TABLES:
        batch = rows.get(name) or []
        if not batch:
            continue
        schema = _arrow_schema(con, name)
        table = pa.Table.from_pylist(_coerce(batch, schema), schema=schema)
        con.register("_pw_batch", table)
        try:
            key = RUN_UNIQUE_KEYS.get(name)
            if key is None:
                sql = read_sql("core/stage_insert.sql").format(staging=f"staging.{name}")
            else:  # rows shared by many articles (an actor): one per key per run
                sql = read_sql("core/stage_insert_once.sql").format(staging=f"staging.{name}", key=key)
            inserted = con.execute(sql).fetchone()
            counts[name] = int(inserted[0]) if inserted else len(batch)
        finally:
            con.unregister("_pw_batch")
    return counts


def primary_keys(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    keys = dict(con.execute(read_sql("core/primary_keys.sql")).fetchall())
    if not keys:  # a DuckLake keeps no constraints: the keys sql/schema declares
        from pipeline.warehouse.lake import schema_primary_keys

        keys = schema_primary_keys()
    return keys


def merge_into_core(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Insert this run's staged rows that core does not hold yet, then record the article
    versions they supersede (`supersede`). Call inside a transaction.

    Rows added per table, and `article_versions`: earlier versions superseded."""
    bound_memory(con)
    keys = primary_keys(con)
    template = read_sql("core/merge.sql")
    added: dict[str, int] = {}
    for name in STAGING_TABLES:
        target = target_of(name)
        sql = template.format(target=target, staging=f"staging.{name}", key=keys[target])
        before = _rows(con, target)
        con.execute(sql, {"run_id": run_id})
        added[name] = _rows(con, target) - before
    added["article_versions"] = supersede(con, run_id)
    return added


def supersede(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Corrections: the articles run `run_id` added supersede earlier versions with the same
    URL, or the same doc_id from the same input location (core.article_versions; both stay in
    core, the marts leave the earlier out). Returns how many versions were superseded."""
    before = _rows(con, "core.article_versions")
    now = datetime.now(UTC).replace(tzinfo=None)
    con.execute(read_sql("core/supersede.sql"), {"run_id": run_id, "superseded_at": now})
    return _rows(con, "core.article_versions") - before


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows in `table` (a name from the fixed lists here)."""
    row = con.execute(read_sql("core/table_rows.sql").format(table=table)).fetchone()
    return int(row[0]) if row else 0


def rebuild_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Rebuild every mart from core (sql/marts/*.sql). Call inside the publish transaction."""
    built = []
    for f in sorted((SQL_DIR / "marts").glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))
        built.append(f.stem)
    return built
