"""DuckDB connection and schema. Every SQL statement lives in sql/*.sql and is read from there."""

from __future__ import annotations

import errno
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import EXPECTATIONS_DIR, SQL_DIR

if TYPE_CHECKING:
    import duckdb


LAYER_SCHEMAS = frozenset({"raw", "staging", "core", "marts"})
"""The warehouse's schemas, one per layer (sql/schema/001_layers.sql)."""


class WarehouseError(Exception):
    """The warehouse cannot be opened or migrated."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse file (DuckDB allows one writer)."""


@cache
def read_sql(name: str) -> str:
    """The text of sql/<name> (e.g. `schema/001_layers.sql`)."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


_LOCK_CONFLICT = re.compile(r"\b(could not set lock|conflicting lock)\b", re.IGNORECASE)
"""DuckDB's words for a file another process has open ("Could not set lock on file ...:
Conflicting lock is held in ... (PID 123)"); whole words only, so a "block" in a checksum
error is not read as a lock."""
_PID = re.compile(r"\(PID (\d+)\)")


def describe_os_error(exc: BaseException, what: str) -> str:
    """One line for an OS-level failure: `what`, the reason in words, and what to do."""
    errno_ = getattr(exc, "errno", None)
    text = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
    if (
        errno_ in (errno.EACCES, errno.EPERM, errno.EROFS)
        or "permission denied" in str(exc).lower()
        or "read-only file system" in str(exc).lower()
    ):
        return f"{what}: permission denied ({text}); check the folder is writable by this user"
    if errno_ in (errno.ENOSPC, errno.EDQUOT) or "no space left" in str(exc).lower():
        return f"{what}: disk full ({text}); free space and run again"
    return f"{what}: {text}"


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; a lock held by another process raises WarehouseBusy.

    A `ducklake:` URL (a str) opens a DuckLake instead (pipeline.warehouse.lake)."""
    import duckdb

    if isinstance(path, str) and path.startswith("ducklake:"):
        from pipeline.warehouse.lake import connect_lake

        return connect_lake(path, read_only=read_only)
    path = Path(path)
    if path.stem.lower() in LAYER_SCHEMAS:
        # DuckDB names the catalog after the file: `core.duckdb` would make `core.x` ambiguous
        raise WarehouseError(
            f"warehouse file name {path.name!r} clashes with the schema {path.stem.lower()!r}; "
            "choose another name (e.g. pledgewatch.duckdb)"
        )
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc).splitlines()[0]
        if _LOCK_CONFLICT.search(message):
            pid = _PID.search(str(exc))
            raise WarehouseBusy(
                f"warehouse {path} is open in another process"
                + (f" (pid {pid.group(1)})" if pid else "")
                + ", e.g. an analyst's read-only connection or another run; DuckDB lets no "
                "writer in while it is open"
            ) from exc
        raise WarehouseError(describe_os_error(exc, f"cannot open warehouse {path}")) from exc
    except OSError as exc:
        raise WarehouseError(describe_os_error(exc, f"cannot open warehouse {path}")) from exc


_ALLOWED = re.compile(r"\{allowed:([a-z0-9_]+)/([a-z0-9_]+)\}")
"""`{allowed:SUITE/NAME}` in sql/schema: the value_set of expectation NAME in expectations/SUITE.json."""


@cache
def allowed_values(suite: str, name: str) -> tuple[str, ...]:
    """The values expectation `name` (its meta.name) of expectations/<suite>.json allows: the
    quality gate's list, which the CHECK constraints of sql/schema repeat by reference."""
    path = EXPECTATIONS_DIR / f"{suite}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WarehouseError(f"cannot read the allowed values in {path}: {exc}") from exc
    for exp in data.get("expectations", []):
        if (exp.get("meta") or {}).get("name") == name:
            values = (exp.get("kwargs") or {}).get("value_set")
            if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
                return tuple(values)
            raise WarehouseError(f"{path}: {name} has no list of strings as value_set")
    raise WarehouseError(f"{path}: no expectation named {name!r} (sql/schema refers to it)")


def schema_sql(path: Path) -> str:
    """A sql/schema file with its `{allowed:SUITE/NAME}` lists filled in (quoted SQL literals)."""

    def values(match: re.Match[str]) -> str:
        return ", ".join("'" + v.replace("'", "''") + "'" for v in allowed_values(match[1], match[2]))

    return _ALLOWED.sub(values, path.read_text(encoding="utf-8"))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sync_staging_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Add to every staging table the columns its core table has and it lacks (staging follows
    core by construction: a migration alters core only). Returns `table.column` of each added."""
    added = []
    template = read_sql("core/staging_add_column.sql")
    for table, column, dtype in con.execute(read_sql("core/staging_missing_columns.sql")).fetchall():
        con.execute(template.format(table=_quote(table), column=_quote(column), type=dtype))
        added.append(f"{table}.{column}")
    return added


RUN_COUNTS_JSON_DROP = "012_runs_drop_counts_json.sql"
"""The migration that drops core.runs.counts (the runs' counts as JSON): the JSON of older runs is
back-filled into core.run_counts just before it runs."""


def backfill_run_counts(con: duckdb.DuckDBPyConnection) -> bool:
    """Copy the JSON counts of runs that have no typed counts yet into core.run_counts, if
    core.runs still has the JSON column (DuckDB binds a missing column even in a dead branch, so
    the back-fill is not even parsed without it). Returns whether the column was there."""
    row = con.execute(read_sql("core/run_counts_json_exists.sql")).fetchone()
    if not (row and row[0]):
        return False
    con.execute(read_sql("core/run_counts_backfill.sql"))
    return True


def init_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet (sql/schema/*.sql, in name order),
    give staging the core columns it lacks, and back-fill core.run_counts of older runs from the
    JSON column core.runs.counts before migration RUN_COUNTS_JSON_DROP drops it (a DuckLake, which
    only adds columns, keeps it: its older runs are back-filled on every open)."""
    from pipeline.warehouse.lake import init_lake_schema, is_lake_connection

    if is_lake_connection(con):  # the same tables, made without the constraints DuckLake lacks
        init_lake_schema(con)  # (staging's columns come from the template, synced below there)
        backfill_run_counts(con)
        return
    files = sorted((SQL_DIR / "schema").glob("*.sql"))
    if RUN_COUNTS_JSON_DROP not in {f.name for f in files}:
        raise WarehouseError(
            f"sql/schema/{RUN_COUNTS_JSON_DROP} is missing (init_schema back-fills before it)"
        )
    for f in files:
        if f.name == RUN_COUNTS_JSON_DROP:
            backfill_run_counts(con)
        con.execute(schema_sql(f))
    sync_staging_columns(con)
