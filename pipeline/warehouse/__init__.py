"""Warehouse stage: the DuckDB file, its schema (sql/schema), loading staging, merging to core."""

from __future__ import annotations

from pipeline.warehouse.db import (
    WarehouseBusy,
    WarehouseError,
    connect,
    describe_os_error,
    init_schema,
    read_sql,
)

__all__ = ["WarehouseBusy", "WarehouseError", "connect", "describe_os_error", "init_schema", "read_sql"]
