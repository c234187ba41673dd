"""Compare two pledgewatch warehouses (a DuckDB file and a DuckLake, say) made from the same
inputs: every table's row count and every mart's rows, leaving out what differs by run (run ids,
timestamps, the run log)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.warehouse.lake import LakeURL, connect_lake

if TYPE_CHECKING:
    from pathlib import Path

    import duckdb

RUN_LOG = {"core.runs", "core.run_counts", "core.quality_results", "marts.quality_by_run"}
"""Tables that log runs (one row per run, per check): their contents differ by run by design."""


def open_both(file: Path, lake_url: str) -> duckdb.DuckDBPyConnection:
    """One connection with the lake (read-only, as `lake`) and the file (read-only, as `file`)."""
    con = connect_lake(lake_url, read_only=True)
    con.execute(f"attach '{file}' as file (read_only)")
    return con


def tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    return [
        f"{s}.{t}"
        for s, t in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = ? "
            "and schema_name in ('raw', 'core', 'marts') order by all",
            [catalog],
        ).fetchall()
    ]


def stable_columns(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[str]:
    """Columns that do not change from one run to the next on the same inputs."""
    schema, name = table.split(".")
    cols = con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = ? and "
        "schema_name = ? and table_name = ? order by column_index",
        [catalog, schema, name],
    ).fetchall()
    return [c for c, t in cols if "run" not in c and not t.startswith("TIMESTAMP")]


def differences(file: Path, lake_url: str) -> dict[str, Any]:
    """{table: what differs}; empty when the two warehouses hold the same data."""
    lake_catalog = "pledgewatch_lake"
    out: dict[str, Any] = {}
    con = open_both(file, lake_url)
    try:
        in_file, in_lake = tables(con, "file"), tables(con, lake_catalog)
        if set(in_file) != set(in_lake):
            out["tables"] = {
                "file only": sorted(set(in_file) - set(in_lake)),
                "lake only": sorted(set(in_lake) - set(in_file)),
            }
        for table in sorted(set(in_file) & set(in_lake)):
            n_file = con.execute(f"select count(*) from file.{table}").fetchone()[0]
            n_lake = con.execute(f"select count(*) from {lake_catalog}.{table}").fetchone()[0]
            if table in RUN_LOG:
                continue
            if n_file != n_lake:
                out[table] = {"rows": (n_file, n_lake)}
                continue
            cols = ", ".join(f'"{c}"' for c in stable_columns(con, "file", table))
            extra = con.execute(
                f"select count(*) from (select {cols} from file.{table} except all "
                f"select {cols} from {lake_catalog}.{table})"
            ).fetchone()[0]
            missing = con.execute(
                f"select count(*) from (select {cols} from {lake_catalog}.{table} except all "
                f"select {cols} from file.{table})"
            ).fetchone()[0]
            if extra or missing:
                out[table] = {"only in file": extra, "only in lake": missing}
    finally:
        con.close()
    return out


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per raw/core/marts table of the connection's default catalog."""
    catalog = con.execute("select current_database()").fetchone()[0]
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables(con, catalog)}


__all__ = ["LakeURL", "counts", "differences"]
