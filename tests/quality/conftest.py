from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from pipeline.config import RunConfig
from pipeline.warehouse import connect, init_schema

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import duckdb


@pytest.fixture(scope="session")
def empty_warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file made by init_schema once per process (sql/schema creates no temporary
    object, so a copy of the closed file is the same warehouse)."""
    path = tmp_path_factory.mktemp("empty") / "w.duckdb"
    con = connect(path)
    try:
        init_schema(con)
    finally:
        con.close()
    return path


@pytest.fixture
def warehouse(tmp_path: Path, empty_warehouse_file: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A real, empty pledgewatch warehouse (DuckDB file) in tmp_path: a copy of
    `empty_warehouse_file`, opened as the pipeline opens it."""
    shutil.copyfile(empty_warehouse_file, tmp_path / "w.duckdb")
    con = connect(tmp_path / "w.duckdb")
    yield con
    con.close()


@pytest.fixture
def config(tmp_path: Path) -> RunConfig:
    cfg = RunConfig()
    cfg.warehouse = tmp_path / "w.duckdb"
    cfg.report_dir = tmp_path / "reports"
    return cfg
