"""DuckDB connection and schema. Every SQL statement lives in sql/*.sql and is read from there."""

from __future__ import annotations

import errno
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import SQL_DIR

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


def init_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet (sql/schema/*.sql, in name order)."""
    from pipeline.warehouse.lake import init_lake_schema, is_lake_connection

    if is_lake_connection(con):  # the same tables, made without the constraints DuckLake lacks
        init_lake_schema(con)
        return
    for f in sorted((SQL_DIR / "schema").glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))
