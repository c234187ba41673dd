from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pipeline.config import RunConfig
from pipeline.warehouse import connect, init_schema

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def warehouse(tmp_path: Path):
    """A real, empty pledgewatch warehouse (DuckDB file) in tmp_path."""
    con = connect(tmp_path / "w.duckdb")
    init_schema(con)
    yield con
    con.close()


@pytest.fixture
def config(tmp_path: Path) -> RunConfig:
    cfg = RunConfig()
    cfg.warehouse = tmp_path / "w.duckdb"
    cfg.report_dir = tmp_path / "reports"
    return cfg
