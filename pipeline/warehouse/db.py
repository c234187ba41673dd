"""DuckDB connection and schema. Every SQL statement lives in sql/*.sql and is read from there."""

from __future__ import annotations

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


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; a lock held by another process raises WarehouseBusy."""
    import duckdb

    path = Path(path)
    if path.stem.lower() in LAYER_SCHEMAS:
        # DuckDB names the catalog after the file: `core.duckdb` would make `core.x` ambiguous
        raise WarehouseError(
            f"warehouse file name {path.name!r} clashes with the schema {path.stem.lower()!r}; "
            "choose another name (e.g. pledgewatch.duckdb)")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(
                f"warehouse {path} is in use by another process (DuckDB allows one writer): {exc}"
            ) from exc
        raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc


def init_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet (sql/schema/*.sql, in name order)."""
    for f in sorted((SQL_DIR / "schema").glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))
