"""Blocking is configuration; results land in core.quality_results; `pledgewatch validate`;
GX Data Docs (escaped)."""

from __future__ import annotations

import argparse
import io
import json
import shutil

import pytest

from pipeline.config import EXPECTATIONS_DIR, RunConfig
from pipeline.quality import (
    BlockingConfig,
    QualityError,
    build_data_docs,
    store_results,
    validate_command,
    validate_run,
)
from tests.quality.qa_rows import good_rows, insert_all


def _broken(con, run_id="r1", **commitment_values):
    rows = good_rows(run_id)
    rows["commitments"][0].update(commitment_values)
    insert_all(con, "staging", rows)


def test_blocking_is_configuration(warehouse, config, tmp_path):
    _broken(warehouse, category="weapons", committer_actor_id="fra")
    result = validate_run(warehouse, "r1", config=config)
    assert {o.name for o in result.failed_blocking()} == {"category_in_contract", "committer_fk"}

    # the same suites with a config that makes the category check warn-only
    suites = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    cfg = json.loads((suites / "blocking.json").read_text())
    cfg["warn"].append({"suite": "commitments", "name": "category_in_contract"})
    (suites / "blocking.json").write_text(json.dumps(cfg))
    config.quality_config = suites / "blocking.json"
    result = validate_run(warehouse, "r1", config=config)
    assert [o.name for o in result.failed_blocking()] == ["committer_fk"]
    assert [o.name for o in result.warnings()] == ["category_in_contract"]
    assert not result.success

    # default warn, only foreign keys (by name) block
    cfg.update(default="warn", warn=[], block=[{"name": "committer_fk"}])
    (suites / "blocking.json").write_text(json.dumps(cfg))
    result = validate_run(warehouse, "r1", config=config)
    assert [o.name for o in result.failed_blocking()] == ["committer_fk"]
    assert [o.name for o in result.warnings()] == ["category_in_contract"]


def test_blocking_config_rejects_nonsense(tmp_path):
    bad = tmp_path / "blocking.json"
    bad.write_text(json.dumps({"default": "maybe"}))
    with pytest.raises(QualityError, match="default"):
        BlockingConfig.load(bad)
    bad.write_text(json.dumps({"warn": [{"table": "x"}]}))
    with pytest.raises(QualityError, match="rule"):
        BlockingConfig.load(bad)
    # a rule naming no expectation (a typo) is refused, not silently ignored
    suites = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    cfg = json.loads((suites / "blocking.json").read_text())
    cfg["warn"].append({"suite": "commitments", "name": "category_in_contrakt"})
    (suites / "blocking.json").write_text(json.dumps(cfg))
    with pytest.raises(QualityError, match="category_in_contrakt.*matches no expectation"):
        validate_run(None, "r1", config=RunConfig(quality_config=suites / "blocking.json"))
    loaded = BlockingConfig.load(EXPECTATIONS_DIR / "blocking.json")
    assert loaded.is_blocking("commitments", "category_in_contract", "x", "category")
    assert not loaded.is_blocking("volume", "volume_within_recent_range", "x", "ratio")


def test_store_results_writes_one_row_per_expectation_and_replaces(warehouse, config):
    _broken(warehouse, category="weapons")
    result = validate_run(warehouse, "r1", config=config)
    assert store_results(warehouse, "r1", result) == len(result.outcomes)
    store_results(warehouse, "r1", result)  # validating again replaces, never duplicates
    rows = warehouse.execute(
        "select suite, expectation, column_name, success, is_blocking, observed_value,"
        " unexpected_count, sample_rows from core.quality_results where run_id = 'r1'"
    ).fetchall()
    assert len(rows) == len(result.outcomes)
    failed = [r for r in rows if not r[3]]
    assert len(failed) == 1
    suite, expectation, column, _, blocking, observed, count, samples = failed[0]
    assert (suite, column, blocking, count) == ("commitments", "category", True, 1)
    assert "expect_column_values_to_be_in_set" in expectation
    assert json.loads(observed) == {"unexpected_values": ["weapons"]}
    assert json.loads(samples)[0]["commitment_id"] == "c1"


def test_validate_command_exit_codes(tmp_path, config):
    from pipeline.warehouse import connect, init_schema

    path = tmp_path / "validated.duckdb"
    con = connect(path)
    init_schema(con)
    insert_all(con, "core", good_rows("r1"))
    con.close()
    out = io.StringIO()
    assert validate_command(argparse.Namespace(warehouse=str(path)), out=out) == 0
    assert "0 blocking failure(s)" in out.getvalue()

    con = connect(path)
    # a warehouse from before the CHECK constraints: the gate still catches the bad value
    con.execute("create or replace table core.statements as select * from core.statements")
    con.execute("update core.statements set kind = 'rumour'")
    con.close()
    out = io.StringIO()
    assert validate_command(argparse.Namespace(warehouse=str(path)), out=out) == 1
    text = out.getvalue()
    assert "FAIL (blocking) statements.kind_in_contract" in text
    assert '"kind": "rumour"' in text  # the failing row is printed
    assert "blocking failure(s): statements.kind_in_contract" in text.splitlines()[-1]

    out = io.StringIO()
    missing = argparse.Namespace(warehouse=str(tmp_path / "none.duckdb"))
    assert validate_command(missing, out=out) == 2


def test_data_docs_are_built_and_escape_article_values(warehouse, config, tmp_path):
    rows = good_rows("r1")
    rows["articles"][0]["language"] = "<script>alert(1)</script>"
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    assert [o.name for o in result.failed()] == ["language_known"]
    # the original value is kept for the report (which escapes it itself)
    assert result.failed()[0].sample_rows[0]["language"] == "<script>alert(1)</script>"
    index = build_data_docs(result, tmp_path / "docs")
    assert index is not None and index.name == "index.html"
    pages = list((tmp_path / "docs").rglob("*.html"))
    validation_pages = [p for p in pages if "validations" in p.parts]
    assert len(validation_pages) == 8  # one per suite
    text = "".join(p.read_text(encoding="utf-8") for p in validation_pages)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text or "&amp;lt;script" in text
