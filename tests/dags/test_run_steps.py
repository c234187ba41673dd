"""pipeline.run: the quality gate is not optional, for the CLI's run and for the DAG's steps."""

from __future__ import annotations

import sys

import duckdb
import pytest

from pipeline.batches import extract_batch, run_config
from pipeline.run import RunError, load_batches, publish_step, run_pipeline, validate_step
from tests.conftest import SEEDS, make_config


def test_missing_quality_module_fails_the_cli_run(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pipeline.quality", None)  # import raises ImportError
    result = run_pipeline(make_config(tmp_path, inputs=[str(SEEDS / "seed.txt")]))
    assert result.status == "failed" and result.exit_code == 1
    assert "pipeline.quality" in (result.error or "")  # ModuleNotFoundError
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from core.articles").fetchone()[0] == 0


def test_missing_quality_module_fails_the_validate_step_and_blocks_publish(tmp_path, monkeypatch):
    cfg = run_config(warehouse=str(tmp_path / "w.duckdb"))
    batch = extract_batch([str(SEEDS / "seed.txt")], str(tmp_path / "b0"), "run-q")
    assert load_batches(cfg, "run-q", [batch]).status == "running"
    monkeypatch.setitem(sys.modules, "pipeline.quality", None)
    with pytest.raises(ImportError):
        validate_step(cfg, "run-q")
    with pytest.raises(RunError):  # the run is failed now: publishing it is refused
        publish_step(cfg, "run-q")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select status from core.runs").fetchall() == [("failed",)]
        assert con.execute("select count(*) from core.articles").fetchone()[0] == 0
