"""The fixed cost of a run (issue 17, item 6): how many worker processes a run starts, that a
pool started ahead has warmed-up workers, and that none of it changes a single row."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.config import RunConfig
from pipeline.steps import survey_inputs, worker_processes
from tests.conftest import SEEDS, make_config


def _files(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("Ministers met on Monday.\n", encoding="utf-8")
    return folder


def test_the_survey_counts_documents_only_when_each_file_holds_one(tmp_path: Path) -> None:
    texts = _files(tmp_path / "texts", ["a.txt", "b.html", "c.htm", ".hidden.txt", "notes.md"])
    survey = survey_inputs([str(texts)])
    assert (survey.files, survey.folders, survey.documents) == (3, 1, 3)
    assert survey.describe() == "3 file(s) in 1 folder(s)"

    one = _files(tmp_path / "one", ["x.txt"]) / "x.txt"
    assert survey_inputs([str(texts), str(one)]).documents == 4

    # a JSON Lines file, a feed, a URL or a sources file may hold any number of documents
    records = _files(tmp_path / "records", ["a.txt", "b.jsonl"])
    assert survey_inputs([str(records)]).documents is None
    assert survey_inputs([str(texts), "https://example.org/a"]).documents is None
    sources = tmp_path / "list.sources"
    sources.write_text("https://example.org/a\n", encoding="utf-8")
    mixed = survey_inputs([str(texts), str(sources), "https://example.org/b"])
    assert (mixed.sources, mixed.urls, mixed.documents) == (1, 1, None)
    assert mixed.describe() == "3 file(s) in 1 folder(s), 1 URL(s), 1 sources file(s)"

    assert survey_inputs([str(_files(tmp_path / "empty", []))]).documents == 0


@pytest.mark.parametrize(
    ("workers", "batch_size", "documents", "expected"),
    [
        (1, 200, 15, 0),  # one worker: extraction in the run's own process
        (1, 200, None, 0),
        (2, 200, 15, 1),  # one batch: one worker process, not two
        (2, 200, 200, 1),
        (2, 200, 201, 2),
        (4, 200, 450, 3),
        (4, 200, None, 4),  # unknown: every worker
        (2, 200, 0, 1),
        (2, 3, 7, 2),
    ],
)
def test_a_run_starts_no_more_workers_than_it_has_batches(
    workers: int, batch_size: int, documents: int | None, expected: int
) -> None:
    config = RunConfig(inputs=[], workers=workers, batch_size=batch_size)
    assert worker_processes(config, documents) == expected


def _worker_state() -> dict[str, Any]:
    """What a worker has loaded (run in the worker)."""
    from pipeline.money.convert import _converter
    from pipeline.nlp import _load_parser

    return {
        "pid": os.getpid(),
        "parser_loaded": _load_parser.cache_info().currsize > 0,
        "rates_loaded": _converter.cache_info().currsize > 0,
    }


def test_a_started_pool_warms_its_workers_up_before_any_batch() -> None:
    from pipeline.workers import WorkerPool

    pool = WorkerPool(1)
    try:
        pool.start()
        assert pool.started
        state = pool.submit(_worker_state).result(timeout=300)
    finally:
        pool.shutdown()
    assert state["pid"] != os.getpid()
    # loaded by the warm-up (the first use of each is extraction's), before the first task
    assert state["parser_loaded"], state
    assert state["rates_loaded"], state
    with pytest.raises(RuntimeError, match="shut down"):
        pool.submit(os.getpid)


def _differences(left: Path, right: Path) -> dict[str, Any]:
    """{table: rows only in left / only in right} over every raw/core/marts table, leaving out
    run ids, timestamps and the run log (core.runs, core.run_counts, quality results)."""
    run_log = {"core.runs", "core.run_counts", "core.quality_results", "marts.quality_by_run"}
    out: dict[str, Any] = {}
    con = duckdb.connect()
    try:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        found = con.execute(
            "select database_name, schema_name || '.' || table_name from duckdb_tables() "
            "where database_name in ('l', 'r') and schema_name in ('raw', 'core', 'marts')"
        ).fetchall()
        in_left = {t for db, t in found if db == "l"}
        assert in_left == {t for db, t in found if db == "r"}
        for table in sorted(in_left - run_log):
            schema, name = table.split(".")
            cols = [
                c
                for c, t in con.execute(
                    "select column_name, data_type from duckdb_columns() where database_name = 'l' "
                    "and schema_name = ? and table_name = ? order by column_index",
                    [schema, name],
                ).fetchall()
                if "run" not in c and not t.startswith("TIMESTAMP")
            ]
            listed = ", ".join(f'"{c}"' for c in cols)
            only = [
                con.execute(
                    f"select count(*) from (select {listed} from {a}.{table} "
                    f"except all select {listed} from {b}.{table})"
                ).fetchone()
                for a, b in (("l", "r"), ("r", "l"))
            ]
            if any(o and o[0] for o in only):
                out[table] = only
    finally:
        con.close()
    return out


# Slow (~11 s: a whole run with a worker process loading the models): the fast suite runs worker
# processes end to end in test_bench.py's `bench_run` (every article loaded, the rerun skips them)
# and checks here that a started worker has its models loaded; test_run.py's parallel test (also
# slow) compares two workers' rows with one process's. `make test` runs both.
@pytest.mark.slow
def test_a_run_whose_workers_start_ahead_makes_the_same_rows_as_one_process(
    seeded: tuple[RunConfig, Any], tmp_path: Path
) -> None:
    """A fresh warehouse: the pool starts before the warehouse is created and each worker
    extracts the warm-up texts first; every row is the same as extracting in the run's own
    process (the `seeded` warehouse, `workers` 1)."""
    from pipeline.run import run_pipeline

    cfg, reference = seeded
    assert worker_processes(make_config(tmp_path, workers=2), survey_inputs([str(SEEDS)]).documents) == 1
    result = run_pipeline(make_config(tmp_path, workers=2))
    assert result.status == "published", result.summary()
    assert result.inputs == reference.inputs
    assert result.counts == reference.counts
    assert _differences(tmp_path / "w.duckdb", Path(cfg.warehouse)) == {}
