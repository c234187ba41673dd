"""The warehouse schema (issue 19): typed run counts with a back-fill of older runs' JSON,
staging that follows core by construction, and allowed values as CHECK constraints that take
their lists from the quality gate's expectations, while staging still takes any row."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from pipeline.config import EXPECTATIONS_DIR, RunConfig
from pipeline.runstate import RunResult, begin_run, finish_run, read_run
from pipeline.warehouse import connect, init_schema
from pipeline.warehouse.db import allowed_values
from tests.quality.qa_rows import good_rows, insert_all

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def warehouse(tmp_path: Path) -> Any:
    con = connect(tmp_path / "w.duckdb")
    init_schema(con)
    yield con
    con.close()


def columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    return dict(
        con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = current_database() "
            "and schema_name = ? and table_name = ? order by column_index",
            [schema, table],
        ).fetchall()
    )


def run_counts(con: duckdb.DuckDBPyConnection, run_id: str) -> set[tuple[str, str, int]]:
    rows = con.execute("select kind, name, n from core.run_counts where run_id = ?", [run_id]).fetchall()
    return {(k, name, n) for k, name, n in rows}


# --- typed run counts -------------------------------------------------------------------------


def test_finish_run_writes_typed_counts_and_a_step_reads_them_back(tmp_path: Path, warehouse: Any) -> None:
    cfg = RunConfig(inputs=["seeds"], warehouse=tmp_path / "w.duckdb")
    begin_run(warehouse, cfg, "r1")
    result = RunResult(
        run_id="r1",
        status="published",
        warehouse=cfg.warehouse,
        counts={"articles": 2, "statements": 5, "article_versions": 1},
        inputs={"loaded": 2, "duplicate": 1, "rejected": 0},
        files=3,
        superseded=1,
    )
    finish_run(warehouse, result)
    assert run_counts(warehouse, "r1") == {
        ("rows_added", "articles", 2),
        ("rows_added", "statements", 5),
        ("rows_added", "article_versions", 1),
        ("inputs", "loaded", 2),
        ("inputs", "duplicate", 1),
        ("inputs", "rejected", 0),
        ("run", "files", 3),
        ("run", "superseded", 1),
    }
    # a later step writes what it knows now: the run's rows are replaced, not added to
    result.counts = {"articles": 1}
    result.inputs = {"loaded": 1, "quarantined": 1}
    finish_run(warehouse, result)
    back, _ = read_run(warehouse, "r1", cfg.warehouse)
    assert (back.counts, back.inputs, back.files, back.superseded) == (
        {"articles": 1},
        {"loaded": 1, "quarantined": 1},
        3,
        1,
    )
    assert list(back.inputs) == ["loaded", "quarantined"]  # the summary's order
    n = warehouse.execute("select count(*) from core.run_counts where run_id = 'r1'").fetchone()[0]
    assert n == 5


def test_finish_run_writes_all_or_nothing(tmp_path: Path, warehouse: Any) -> None:
    """A run row the CHECK refuses (an unknown status) leaves the run and its counts as they
    were: the row and its counts are one transaction."""
    cfg = RunConfig(inputs=["seeds"], warehouse=tmp_path / "w.duckdb")
    begin_run(warehouse, cfg, "r1")
    result = RunResult("r1", "running", cfg.warehouse, inputs={"loaded": 2}, files=2)
    finish_run(warehouse, result, finished=False)
    result.status, result.counts = "exploded", {"articles": 2}
    with pytest.raises(duckdb.ConstraintException, match="CHECK"):
        finish_run(warehouse, result)
    back, _ = read_run(warehouse, "r1", cfg.warehouse)
    assert (back.status, back.counts, back.inputs, back.files) == ("running", {}, {"loaded": 2}, 2)
    result.status = "published"
    finish_run(warehouse, result)
    back, _ = read_run(warehouse, "r1", cfg.warehouse)
    assert (back.status, back.counts) == ("published", {"articles": 2})


def old_warehouse(con: duckdb.DuckDBPyConnection, runs: list[tuple[str, str, str | None]]) -> None:
    """Make an opened warehouse look like one from before core.run_counts (migration 011) and the
    drop of the JSON column (012): no typed counts, core.runs.counts holds each run's JSON.
    `runs`: (run_id, started_at, counts JSON or None), all published."""
    con.execute("drop table core.run_counts")
    con.execute("alter table core.runs add column counts varchar")
    for run_id, started_at, counts in runs:
        con.execute(
            "insert into core.runs (run_id, started_at, status, counts) values (?, ?, 'published', ?)",
            [run_id, started_at, counts],
        )


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def has_counts_json(con: duckdb.DuckDBPyConnection) -> bool:
    return "counts" in columns(con, "core", "runs")


def test_a_new_warehouse_has_no_json_counts(tmp_path: Path, warehouse: Any) -> None:
    assert not has_counts_json(warehouse)
    assert {"run_id", "status", "stage_seconds", "error"} <= set(columns(warehouse, "core", "runs"))
    cfg = RunConfig(inputs=["seeds"], warehouse=tmp_path / "w.duckdb")
    begin_run(warehouse, cfg, "r1")
    finish_run(warehouse, RunResult("r1", "published", cfg.warehouse, counts={"articles": 1}))
    assert run_counts(warehouse, "r1") >= {("rows_added", "articles", 1)}


def test_old_runs_are_back_filled_from_their_json_when_the_warehouse_opens(tmp_path: Path) -> None:
    """A warehouse from before core.run_counts: its runs' JSON counts become typed rows the
    next time it is opened, then the JSON column is dropped; unreadable JSON is left out without
    breaking the open; opening again changes nothing."""
    path = tmp_path / "old.duckdb"
    con = connect(path)
    init_schema(con)
    old = {
        "rows_added": {"articles": 12, "commitments": 43},
        "inputs": {"loaded": 12, "rejected": 1},
        "files": 13,
        "superseded": 0,
    }
    old_warehouse(
        con,
        [
            ("old1", "2025-05-01 06:00:00", json.dumps(old)),
            ("old2", "2025-05-02 06:00:00", "{not json"),
            ("old3", "2025-05-03 06:00:00", None),
        ],
    )
    assert has_counts_json(con)
    con.close()

    con = connect(path)
    init_schema(con)
    assert not has_counts_json(con)
    assert run_counts(con, "old1") == {
        ("rows_added", "articles", 12),
        ("rows_added", "commitments", 43),
        ("inputs", "loaded", 12),
        ("inputs", "rejected", 1),
        ("run", "files", 13),
        ("run", "superseded", 0),
    }
    assert run_counts(con, "old2") == set() and run_counts(con, "old3") == set()
    result, _ = read_run(con, "old1", path)
    assert result.counts == {"articles": 12, "commitments": 43} and result.files == 13
    con.close()

    con = connect(path)
    init_schema(con)  # opening again adds nothing twice
    assert not has_counts_json(con)
    assert scalar(con, "select count(*) from core.run_counts") == 6
    assert scalar(con, "select count(*) from core.runs") == 3
    con.close()


def test_the_volume_check_sees_an_old_warehouses_runs(tmp_path: Path) -> None:
    """After the back-fill and the drop, the volume check compares a run with the old runs'
    rows added (their JSON, flat or under rows_added), as it did when it read the JSON."""
    from pipeline.quality import validate_core, validate_run

    path = tmp_path / "old.duckdb"
    con = connect(path)
    init_schema(con)
    old_warehouse(
        con,
        [
            ("old1", "2025-05-01 06:00:00", json.dumps({"rows_added": {"articles": 30, "commitments": 0}})),
            ("old2", "2025-05-02 06:00:00", json.dumps({"articles": 40, "commitments": 0})),
            ("old3", "2025-05-03 06:00:00", json.dumps({"rows_added": {"articles": 35, "commitments": 0}})),
            ("old4", "2025-05-04 06:00:00", json.dumps({"rows_added": {"articles": 32, "commitments": 0}})),
        ],
    )
    con.close()

    con = connect(path)
    try:
        config = RunConfig(inputs=["seeds"], warehouse=path)
        begin_run(con, config, "r1")  # opens the warehouse: back-fill, drop
        assert not has_counts_json(con)
        insert_all(con, "staging", good_rows("r1"))  # 1 article, 2 commitments
        result = validate_run(con, "r1", config=config)
        (vol,) = [o for o in result.outcomes if o.suite == "volume"]
        assert not vol.success and not vol.is_blocking and vol.unexpected_count == 2
        by_table = {r["table_name"]: r for r in vol.sample_rows}
        assert (by_table["articles"]["recent_min"], by_table["articles"]["recent_max"]) == (30, 40)
        assert by_table["articles"]["recent_runs"] == 4
        assert by_table["articles"]["recent_run_ids"] == "old4, old3, old2, old1"
        assert by_table["articles"]["ratio_to_recent_range"] == pytest.approx(1 / 30, abs=1e-4)
        assert by_table["commitments"]["recent_max"] == 0

        # core scope: the newest published old run against the three before it
        core = validate_core(con, config=config)
        (vol,) = [o for o in core.outcomes if o.suite == "volume"]
        assert vol.success
        assert vol.element_count == 2
    finally:
        con.close()


def test_run_counts_kind_is_checked(warehouse: Any) -> None:
    with pytest.raises(duckdb.ConstraintException):
        warehouse.execute("insert into core.run_counts values ('r1', 'rows', 'articles', 1)")


# --- staging follows core ------------------------------------------------------------------------


def test_staging_has_every_core_column(warehouse: Any) -> None:
    staged = [
        t
        for (t,) in warehouse.execute(
            "select table_name from duckdb_tables() where schema_name = 'staging' order by 1"
        ).fetchall()
    ]
    assert "commitments" in staged and "documents" in staged
    for table in staged:
        core = columns(warehouse, "raw" if table == "documents" else "core", table)
        assert columns(warehouse, "staging", table) == core, table


def test_a_column_added_to_core_reaches_staging_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = connect(path)
    init_schema(con)
    con.execute("alter table core.commitments add column pledge_note varchar")
    con.execute("alter table core.statements add column tone_scores double[]")
    con.execute("alter table raw.documents add column content_type varchar")
    con.close()
    con = connect(path)
    init_schema(con)
    assert columns(con, "staging", "commitments")["pledge_note"] == "VARCHAR"
    assert columns(con, "staging", "statements")["tone_scores"] == "DOUBLE[]"
    assert columns(con, "staging", "documents")["content_type"] == "VARCHAR"
    assert columns(con, "staging", "commitments") == columns(con, "core", "commitments")
    con.close()


# --- allowed values -----------------------------------------------------------------------------


def test_core_checks_use_the_quality_gates_lists(warehouse: Any) -> None:
    checks = {
        table: text
        for table, text in warehouse.execute(
            "select table_name, constraint_text from duckdb_constraints() "
            "where schema_name = 'core' and constraint_type = 'CHECK' and constraint_text like '%category%'"
        ).fetchall()
    }
    categories = allowed_values("commitments", "category_in_contract")
    assert "financial" in categories
    assert all(f"'{c}'" in checks["commitments"] for c in categories)
    row = good_rows("r1")["commitments"][0]
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    with pytest.raises(duckdb.ConstraintException, match="CHECK"):
        warehouse.execute(
            f"insert into core.commitments ({cols}) values ({marks})",
            list({**row, "category": "weapons"}.values()),
        )
    with pytest.raises(duckdb.ConstraintException, match="CHECK"):
        warehouse.execute(
            "insert into core.runs (run_id, started_at, status) values ('r9', now(), 'finished')"
        )


def test_staging_takes_rows_core_refuses(warehouse: Any) -> None:
    rows = good_rows("r1")
    rows["commitments"][0]["category"] = "weapons"
    rows["commitments"][1]["modality"] = "maybe"
    rows["statements"][0]["kind"] = "rumour"
    insert_all(warehouse, "staging", rows)  # no constraint in staging: the checks judge it
    got = warehouse.execute(
        "select commitment_id, category, modality from staging.commitments order by commitment_index"
    ).fetchall()
    assert got == [
        (rows["commitments"][0]["commitment_id"], "weapons", rows["commitments"][0]["modality"]),
        (rows["commitments"][1]["commitment_id"], rows["commitments"][1]["category"], "maybe"),
    ]
    assert warehouse.execute("select kind from staging.statements").fetchall() == [("rumour",)]


def test_a_row_outside_the_allowed_values_is_quarantined_and_the_rest_publishes(
    tmp_path: Path, warehouse: Any
) -> None:
    """With the category check as a row-level (quarantine) rule, a commitment whose category the
    core CHECK would refuse is set aside with its reason; the other article publishes and the
    publish transaction never meets the constraint."""
    from pipeline.publish import publish
    from pipeline.quality import store_results, validate_run
    from pipeline.warehouse.load import stage_quarantine

    suites = tmp_path / "suites"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    blocking = json.loads((suites / "blocking.json").read_text(encoding="utf-8"))
    blocking["quarantine"].append({"suite": "commitments", "name": "category_in_contract"})
    (suites / "blocking.json").write_text(json.dumps(blocking), encoding="utf-8")
    config = RunConfig(warehouse=tmp_path / "w.duckdb", quality_config=suites / "blocking.json")

    begin_run(warehouse, config, "r1")
    bad = good_rows("r1")
    bad["commitments"][0]["category"] = "weapons"
    insert_all(warehouse, "staging", bad)
    insert_all(warehouse, "staging", good_rows("r1", article_id="art2", suffix="2"))
    quality = validate_run(warehouse, "r1", config=config)
    store_results(warehouse, "r1", quality)
    stage_quarantine(warehouse, "r1", quality.quarantine_rows())
    assert quality.success and quality.quarantined_articles() == {"art1"}
    publish(warehouse, "r1")
    reasons = warehouse.execute("select article_id, reason from core.quarantine").fetchall()
    assert [a for a, _ in reasons] == ["art1"] and "category" in reasons[0][1] and "weapons" in reasons[0][1]
    published = warehouse.execute("select distinct article_id, category from core.commitments").fetchall()
    assert {a for a, _ in published} == {"art2"}
    assert all(c in allowed_values("commitments", "category_in_contract") for _, c in published)


def test_a_lakes_old_runs_are_back_filled_too(tmp_path: Path) -> None:
    """A DuckLake (DuckDB catalog file) from before core.run_counts: opening it creates the table
    from the template and back-fills its runs' JSON counts, as for a DuckDB file."""
    url = f"ducklake:{tmp_path}/catalog.ducklake"
    con = connect(url)
    try:
        init_schema(con)
        assert not has_counts_json(con)  # a new lake is made without the JSON column
        old_warehouse(
            con,
            [
                (
                    "old1",
                    "2025-05-01 06:00:00",
                    json.dumps({"rows_added": {"articles": 4}, "inputs": {"loaded": 4}, "files": 4}),
                )
            ],
        )
        init_schema(con)
        assert run_counts(con, "old1") == {
            ("rows_added", "articles", 4),
            ("inputs", "loaded", 4),
            ("run", "files", 4),
        }
        assert columns(con, "staging", "commitments") == columns(con, "core", "commitments")
        # the lake keeps the column (it only adds columns); nothing writes it, opening again
        # adds nothing twice
        assert has_counts_json(con)
        cfg = RunConfig(inputs=["seeds"], warehouse=url)
        begin_run(con, cfg, "r2")
        finish_run(con, RunResult("r2", "published", url, counts={"articles": 2}))
        init_schema(con)
        assert con.execute("select counts from core.runs where run_id = 'r2'").fetchall() == [(None,)]
        assert run_counts(con, "r2") >= {("rows_added", "articles", 2)}
        assert scalar(con, "select count(*) from core.run_counts where run_id = 'old1'") == 3
    finally:
        con.close()
