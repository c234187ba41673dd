"""The warehouse as a DuckLake: a `ducklake:` URL instead of a DuckDB file.

    ducklake:postgres:dbname=pledgewatch host=db.internal user=pledgewatch?data_path=/srv/lake/
    ducklake:postgres:dbname=pledgewatch host=127.0.0.1?data_path=s3://bucket/pledgewatch/
    ducklake:warehouse/catalog.ducklake                  (a DuckDB catalog file: one machine)
    ducklake:sqlite:warehouse/catalog.sqlite?data_path=warehouse/lake/

After `ducklake:` comes the catalog exactly as DuckDB's `ATTACH 'ducklake:...'` takes it (a
PostgreSQL connection string, `sqlite:FILE` or a DuckDB catalog file); an optional `?data_path=`
names the folder or object-store URL of the Parquet files (needed when the lake is created,
stored in the catalog after that; a DuckDB catalog file defaults to `<file>.files/`). Relative
file paths are made absolute when the URL is read, so every process means the same files.

The same SQL layers run on it: the lake is attached as the connection's default catalog, so
`core.articles` and `marts.fct_pledges` name its tables. DuckLake stores no primary keys, so the
tables are created from the same `sql/schema/*.sql`, run first on an in-memory DuckDB (the
template), without their constraints; the keys publish merges on come from that template
(`schema_primary_keys`). Columns the template has and the lake lacks are added (migrations).

The extensions are the PyPI wheels `duckdb-extension-ducklake` and
`duckdb-extension-postgres-scanner` (`httpfs` and `aws` for object-store data, `sqlite-scanner`
for a SQLite catalog, when installed), built for one DuckDB version: their files are LOADed
from the installed packages, and nothing is ever downloaded (autoinstall is off).

One writer at a time, as for the file (`pipeline.run.warehouse_lock`): a PostgreSQL advisory
lock in the catalog's database for a PostgreSQL catalog (it spans machines and dies with the
session of the process holding it), an OS lock beside the catalog file otherwise.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, urlencode

from pipeline.warehouse.db import WarehouseBusy, WarehouseError, read_sql
from pipeline.warehouse.filelock import file_lock

if TYPE_CHECKING:
    from collections.abc import Iterator

    import duckdb

PREFIX = "ducklake:"
ALIAS = "pledgewatch_lake"
"""The name the lake is attached under (and made the default catalog)."""
LOCK_CLASS = 0x706C6477
"""First key of the PostgreSQL advisory lock (`pg_try_advisory_lock(LOCK_CLASS, hash)`)."""
_QUERY_KEYS = {"data_path", "metadata_schema"}
_OBJECT_STORES = (
    "s3://",
    "s3a://",
    "gs://",
    "gcs://",
    "r2://",
    "az://",
    "azure://",
    "abfss://",
    "http://",
    "https://",
    "hf://",
)


def is_lake(location: object) -> bool:
    """True for a `ducklake:` URL (a str), False for a DuckDB file path."""
    return isinstance(location, str) and location.startswith(PREFIX)


def warehouse_location(value: str | Path) -> Path | str:
    """A configured warehouse: a Path for a DuckDB file, a normalised `ducklake:` URL (str)."""
    if isinstance(value, str) and value.startswith(PREFIX):
        return LakeURL.parse(value).url()
    return Path(value)


@dataclass(frozen=True)
class LakeURL:
    kind: str
    """`postgres`, `sqlite` or `duckdb` (the catalog's database)."""
    catalog: str
    """What follows `ducklake:` in DuckDB's ATTACH (`postgres:dbname=...`, a file path)."""
    data_path: str | None = None
    metadata_schema: str | None = None

    @classmethod
    def parse(cls, url: str) -> LakeURL:
        if not url.startswith(PREFIX):
            raise WarehouseError(f"not a DuckLake URL (ducklake:...): {url!r}")
        body, options = url[len(PREFIX) :], {}
        head, sep, query = body.rpartition("?")
        if sep:
            pairs = parse_qsl(query, keep_blank_values=True)
            if pairs and all(k in _QUERY_KEYS for k, _ in pairs):
                body, options = head, dict(pairs)
        if not body:
            raise WarehouseError(f"DuckLake URL without a catalog: {url!r}")
        if body.startswith("postgres:") or body.startswith("postgresql:"):
            kind, catalog = "postgres", "postgres:" + body.split(":", 1)[1]
        elif body.startswith("sqlite:"):
            kind, catalog = "sqlite", "sqlite:" + _absolute(body[len("sqlite:") :])
        else:
            kind, catalog = "duckdb", _absolute(body.removeprefix("duckdb:"))
        data_path = options.get("data_path") or None
        if data_path and not data_path.startswith(_OBJECT_STORES):
            data_path = _absolute(data_path).rstrip("/") + "/"
        return cls(kind, catalog, data_path, options.get("metadata_schema") or None)

    def url(self) -> str:
        options = {
            k: v for k, v in (("data_path", self.data_path), ("metadata_schema", self.metadata_schema)) if v
        }
        return (
            PREFIX + self.catalog + ("?" + urlencode(options, quote_via=quote, safe="/:") if options else "")
        )

    @property
    def catalog_file(self) -> Path | None:
        """The catalog's file (DuckDB or SQLite catalogs), None for PostgreSQL."""
        if self.kind == "postgres":
            return None
        return Path(self.catalog.removeprefix("sqlite:"))

    @property
    def conninfo(self) -> str:
        """The PostgreSQL connection string of a PostgreSQL catalog."""
        return self.catalog.split(":", 1)[1]

    def display(self) -> str:
        """The URL without a password, for messages."""
        return re.sub(r"(password\s*=\s*)\S+", r"\1***", self.url(), flags=re.IGNORECASE)


def _absolute(path: str) -> str:
    if not path or path == ":memory:" or path.startswith(_OBJECT_STORES):
        return path
    return str(Path(path).expanduser().absolute())


def _literal(value: str) -> str:
    """A SQL string literal (ATTACH takes no bound parameters; values come from configuration)."""
    return "'" + value.replace("'", "''") + "'"


# --- extensions from the installed wheels ----------------------------------------------------------

EXTENSION_WHEELS = {
    "ducklake": "duckdb_extension_ducklake",
    "postgres_scanner": "duckdb_extension_postgres_scanner",
    "sqlite_scanner": "duckdb_extension_sqlite_scanner",
    "httpfs": "duckdb_extension_httpfs",
    "aws": "duckdb_extension_aws",
}


def extension_path(name: str) -> Path:
    """The `.duckdb_extension` file inside the installed wheel for this DuckDB version."""
    import duckdb

    package = EXTENSION_WHEELS[name]
    spec = importlib.util.find_spec(package)
    wheel = package.replace("_", "-")
    if spec is None or not spec.submodule_search_locations:
        raise WarehouseError(
            f"the DuckDB extension {name!r} is not installed: add the PyPI package "
            f"{wheel}=={duckdb.__version__} (its file is loaded, never downloaded)"
        )
    root = Path(next(iter(spec.submodule_search_locations))) / "extensions"
    path = root / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        built = sorted(p.parent.name for p in root.glob(f"*/{name}.duckdb_extension"))
        raise WarehouseError(
            f"the installed {wheel} is built for DuckDB {', '.join(built) or '?'}, this engine is "
            f"v{duckdb.__version__}: pin duckdb and {wheel} to the same version"
        )
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(read_sql("lake/load_extension.sql").format(path=_literal(str(extension_path(name)))))


def _load_for(con: duckdb.DuckDBPyConnection, lake: LakeURL) -> None:
    con.execute(read_sql("lake/no_autoinstall.sql"))
    load_extension(con, "ducklake")
    if lake.kind == "postgres":
        load_extension(con, "postgres_scanner")
    elif lake.kind == "sqlite":
        load_extension(con, "sqlite_scanner")
    if lake.data_path and lake.data_path.startswith(_OBJECT_STORES):
        load_extension(con, "httpfs")
        if lake.data_path.startswith(("s3://", "s3a://", "r2://")):
            with contextlib.suppress(WarehouseError):  # credential chain; optional
                load_extension(con, "aws")


# --- connecting ----------------------------------------------------------------------------------

_BUSY = re.compile(r"\b(could not set lock|conflicting lock|database is locked)\b", re.IGNORECASE)


def connect_lake(url: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as its default catalog."""
    import duckdb

    lake = LakeURL.parse(url)
    options = []
    if lake.data_path:
        options.append(f"data_path {_literal(lake.data_path)}")
    if lake.metadata_schema:
        options.append(f"metadata_schema {_literal(lake.metadata_schema)}")
    if read_only:
        options.append("read_only")
    catalog_file = lake.catalog_file
    con = duckdb.connect()
    try:
        _load_for(con, lake)
        if catalog_file is not None and not read_only:
            catalog_file.parent.mkdir(parents=True, exist_ok=True)
        if lake.data_path and "://" not in lake.data_path and not read_only:
            Path(lake.data_path).mkdir(parents=True, exist_ok=True)
        con.execute(
            read_sql("lake/attach_lake.sql").format(
                catalog=_literal(PREFIX + lake.catalog),
                alias=ALIAS,
                options=f"({', '.join(options)})" if options else "",
            )
        )
        con.execute(read_sql("lake/use_lake.sql").format(alias=ALIAS))
        return con
    except (duckdb.Error, OSError) as exc:
        con.close()
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if _BUSY.search(str(exc)):
            raise WarehouseBusy(f"warehouse {lake.display()} is open in another process: {message}") from exc
        if isinstance(exc, OSError):
            from pipeline.warehouse.db import describe_os_error

            raise WarehouseError(describe_os_error(exc, f"cannot open warehouse {lake.display()}")) from exc
        raise WarehouseError(f"cannot open warehouse {lake.display()}: {message}") from exc


def is_lake_connection(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(read_sql("lake/current_catalog_type.sql")).fetchone()
    return row is not None and row[0] == "ducklake"


# --- schema: the DuckDB file's schema, without the constraints DuckLake lacks --------------------


_Columns = tuple[tuple[str, str, bool], ...]


@cache
def _template() -> tuple[tuple[str, ...], tuple[tuple[str, str, _Columns], ...]]:
    """The schemas, and (schema, table, ((column, type, not null), ...)) of every table, that
    sql/schema/*.sql makes on an in-memory DuckDB."""
    import duckdb

    from pipeline.warehouse.db import init_schema

    con = duckdb.connect()
    try:
        init_schema(con)
        schemas = tuple(
            s for (s,) in con.execute(read_sql("lake/template_schemas.sql")).fetchall() if s != "main"
        )
        tables: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}
        for schema, table, column, dtype, nullable in con.execute(
            read_sql("lake/template_columns.sql")
        ).fetchall():
            tables.setdefault((schema, table), []).append((column, dtype, not nullable))
        return schemas, tuple((s, t, tuple(cols)) for (s, t), cols in tables.items())
    finally:
        con.close()


@cache
def schema_primary_keys() -> dict[str, str]:
    """`schema.table` -> key column, as sql/schema declares them (sql/core/primary_keys.sql on
    the in-memory template: a DuckLake keeps no constraints of its own)."""
    import duckdb

    from pipeline.warehouse.db import init_schema

    con = duckdb.connect()
    try:
        init_schema(con)
        return dict(con.execute(read_sql("core/primary_keys.sql")).fetchall())
    finally:
        con.close()


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def init_lake_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schemas and tables of sql/schema/*.sql in the lake, add missing columns."""
    existing: dict[tuple[str, str], set[str]] = {}
    schemas: set[str] = set()
    for schema, table, column in con.execute(read_sql("lake/existing_columns.sql")).fetchall():
        schemas.add(schema)
        if table is not None:
            existing.setdefault((schema, table), set()).add(column)
    template_schemas, tables = _template()
    for schema in template_schemas:
        if schema not in schemas:
            con.execute(read_sql("lake/create_schema.sql").format(schema=_ident(schema)))
    for schema, table, columns in tables:
        name = f"{_ident(schema)}.{_ident(table)}"
        have = existing.get((schema, table))
        if have is None:
            con.execute(
                read_sql("lake/create_table.sql").format(
                    table=name,
                    columns=", ".join(
                        f"{_ident(c)} {t}" + (" not null" if nn else "") for c, t, nn in columns
                    ),
                )
            )
            continue
        for column, dtype, _ in columns:
            if column not in have:
                con.execute(
                    read_sql("lake/add_column.sql").format(table=name, column=_ident(column), type=dtype)
                )


# --- one writer at a time -------------------------------------------------------------------------


@contextlib.contextmanager
def lake_lock(url: str, timeout: float, busy: type[Exception]) -> Iterator[None]:
    """Hold the lake's writer lock (waiting up to `timeout` s); `busy` is raised on time-out.

    PostgreSQL catalog: a session advisory lock in the catalog's database, taken on a connection
    of its own (DuckDB's postgres extension, inside an open transaction so that the session
    stays), released when that connection closes, which a killed process's does too.
    Catalog file: an OS lock beside it, as for a DuckDB file.
    """
    lake = LakeURL.parse(url)
    deadline = time.monotonic() + timeout
    catalog_file = lake.catalog_file
    if catalog_file is not None:
        message = (
            f"another pledgewatch run is using {lake.display()}; try again when it has finished, "
            "or pass --wait SECONDS"
        )
        with file_lock(
            catalog_file.with_name(catalog_file.name + ".lock"), deadline, lambda _h: busy(message)
        ):
            yield
        return

    import duckdb

    schema = lake.metadata_schema or ""
    if not re.fullmatch(r"[A-Za-z0-9_]*", schema):
        raise WarehouseError(f"metadata_schema is not an identifier: {schema!r}")
    con = duckdb.connect()
    try:
        try:
            con.execute(read_sql("lake/no_autoinstall.sql"))
            load_extension(con, "postgres_scanner")
            con.execute(read_sql("lake/attach_lock_catalog.sql").format(conninfo=_literal(lake.conninfo)))
            con.begin()
            sql = read_sql("lake/try_advisory_lock.sql").format(lock_class=LOCK_CLASS, schema=schema)
            while True:
                row = con.execute(sql).fetchone()
                if row and row[0]:
                    break
                if time.monotonic() >= deadline:
                    raise busy(
                        f"another pledgewatch run is using {lake.display()} (it holds "
                        "the catalog's advisory lock); try again when it has finished, "
                        "or pass --wait SECONDS"
                    )
                time.sleep(0.5)
        except duckdb.Error as exc:
            raise WarehouseError(
                f"cannot take the writer lock of {lake.display()}: {str(exc).splitlines()[0]}"
            ) from exc
        yield
    finally:
        with contextlib.suppress(Exception):
            con.rollback()
        con.close()  # ends the PostgreSQL session: the advisory lock goes with it


def default_batch_root(location: Path | str) -> str:
    """Where a scheduler's batch folders go by default: beside the DuckDB file, or beside the
    lake's data folder (`<data path>/../batches`), or beside its catalog file."""
    if not is_lake(location):
        return str(Path(location).parent / "batches")
    lake = LakeURL.parse(str(location))
    if lake.data_path:
        parent = lake.data_path.rstrip("/").rsplit("/", 1)[0]
        return parent + "/batches"
    if lake.catalog_file is not None:
        return str(lake.catalog_file.parent / "batches")
    raise WarehouseError(
        f"{lake.display()} has no data_path: set batch_root to a folder or URL every worker sees"
    )
