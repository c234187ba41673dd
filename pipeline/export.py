"""`pledgewatch export TABLE`: a core or mart table to CSV or Parquet, with DuckDB's COPY.

TABLE is looked up in the warehouse's catalogue (sql/core/catalogue_tables.sql) and only the
catalogue's own name is put into the statement, quoted: nothing typed on the command line is
pasted into SQL.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

FORMATS = {"csv": "format csv, header true", "parquet": "format parquet"}
"""Output formats and their COPY options (fixed text, chosen by name)."""


class ExportError(Exception):
    """The table is not in the catalogue, or the format is unknown."""


def catalogue(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every core and mart table."""
    from pipeline.warehouse import read_sql

    return [(str(s), str(t)) for s, t in con.execute(read_sql("core/catalogue_tables.sql")).fetchall()]


def resolve_table(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str]:
    """`marts.fct_commitments`, or `fct_commitments` when only one schema has it."""
    tables = catalogue(con)
    wanted = name.strip().lower()
    matches = [(s, t) for s, t in tables if wanted in (f"{s}.{t}".lower(), t.lower())]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(f"{s}.{t}" for s, t in tables) or "none (the warehouse has no tables yet)"
    if matches:
        raise ExportError(
            f"table {name!r} is ambiguous: name one of {', '.join(f'{s}.{t}' for s, t in matches)}"
        )
    raise ExportError(f"no core or mart table {name!r}; tables: {listed}")


def _quote_ident(part: str) -> str:
    return '"' + part.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_table(con: duckdb.DuckDBPyConnection, name: str, fmt: str, out: Path | None) -> tuple[str, int]:
    """Write table `name` as `fmt` to `out` (None: standard output); returns (table, rows)."""
    from pipeline.warehouse import read_sql

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    schema, table = resolve_table(con, name)
    ident = f"{_quote_ident(schema)}.{_quote_ident(table)}"
    row = con.execute(read_sql("core/table_rows.sql").format(table=ident)).fetchone()
    rows = int(row[0]) if row else 0
    if out is None:
        with tempfile.TemporaryDirectory(prefix="pledgewatch-export-") as tmp:
            target = Path(tmp) / f"{table}.{fmt}"
            _copy(con, ident, target, fmt)
            with target.open("rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        _copy(con, ident, out, fmt)
    return f"{schema}.{table}", rows


def _copy(con: duckdb.DuckDBPyConnection, ident: str, path: Path, fmt: str) -> None:
    from pipeline.warehouse import read_sql

    sql = read_sql("core/export_copy.sql").format(
        table=ident, path=_quote_literal(str(path)), options=FORMATS[fmt]
    )
    con.execute(sql)
