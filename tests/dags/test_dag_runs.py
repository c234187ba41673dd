"""`dag.test()` runs of pledgewatch_daily into a real DuckDB file (no mocks): a three-day
backfill over dated inputs equal to the CLI's run over the same seeds, a re-run that changes
nothing, a failed quality gate that publishes nothing, and overlapping loads that wait."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import time
from typing import TYPE_CHECKING

import duckdb
import pytest

from pipeline.config import EXPECTATIONS_DIR
from tests.conftest import SEEDS
from tests.dags.conftest import day, run_day, states

if TYPE_CHECKING:
    from pathlib import Path

# the backfill fixture runs the DAG four times; xdist_group: on the worker of test_dag_e2e.py, which
# migrates the same session Airflow metadata DB (`airflow_db`)
pytestmark = [pytest.mark.timeout(600), pytest.mark.slow, pytest.mark.xdist_group("airflow")]

TABLES = [
    "core.inputs",
    "core.articles",
    "core.sentences",
    "core.actors",
    "core.statements",
    "core.commitments",
    "core.commitment_conditions",
    "core.commitment_quantities",
]
MARTS = [
    "marts.fct_commitments",
    "marts.commitments_by_actor",
    "marts.statement_feed",
    "marts.commitment_sources",
]
DAYS = [day(20), day(21), day(22)]


def counts(warehouse: Path, tables: list[str]) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def query(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def backfill(dag, tmp_path_factory):
    """The seeds dropped over three days (dated folders); one DAG run per day, then day 2 again."""
    tmp = tmp_path_factory.mktemp("backfill")
    drop = tmp / "drop"
    seeds = sorted(SEEDS.glob("*.txt"))
    per_day: dict[str, list[str]] = {}
    for i, f in enumerate(seeds):
        folder = drop / f"{DAYS[i % 3]:%Y-%m-%d}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, folder / f.name)
        per_day.setdefault(folder.name, []).append(str(folder / f.name))
    conf = {
        "drop_folder": str(drop),
        "warehouse": str(tmp / "w.duckdb"),
        "report_dir": str(tmp / "reports"),
        "batch_size": 2,
    }
    runs, after = [], []
    for d in DAYS:
        t0 = time.perf_counter()
        dr = run_day(dag, d, **conf)
        runs.append((dr, states(dr), time.perf_counter() - t0))
        after.append(counts(tmp / "w.duckdb", TABLES))
    rerun = run_day(dag, DAYS[1], **conf)
    return {
        "warehouse": tmp / "w.duckdb",
        "runs": runs,
        "after": after,
        "per_day": per_day,
        "rerun": (rerun, states(rerun)),
        "after_rerun": counts(tmp / "w.duckdb", TABLES),
    }


def test_each_day_runs_every_task(backfill):
    for dr, st, _ in backfill["runs"]:
        assert str(dr.state) == "success", st
        assert st == {k: "success" for k in ("discover", "extract", "load", "validate", "publish", "report")}


def test_each_day_loads_its_own_documents_once(backfill):
    wh = backfill["warehouse"]
    loaded = query(wh, "select source, count(*) from core.inputs where outcome = 'loaded' group by source")
    assert all(n == 1 for _, n in loaded)
    assert sorted(s for s, _ in loaded) == sorted(f for files in backfill["per_day"].values() for f in files)
    # day by day: the inputs grew by that day's files only, one published run per day
    sizes = [a["core.inputs"] for a in backfill["after"]]
    assert sizes == list(
        __import__("itertools").accumulate(len(backfill["per_day"][f"{d:%Y-%m-%d}"]) for d in DAYS)
    )
    runs = query(wh, "select status from core.runs order by started_at")
    assert [s for (s,) in runs[:3]] == ["published"] * 3


def test_backfill_equals_the_cli_run_over_the_same_seeds(backfill, seeded):
    cfg, _ = seeded  # `pledgewatch run` over seeds/ (tests/conftest.py)
    assert backfill["after"][-1]["core.articles"] > 0
    assert backfill["after"][-1]["core.statements"] > 0
    assert backfill["after"][-1]["core.commitments"] > 0
    assert backfill["after"][-1] == counts(cfg.warehouse, TABLES)
    marts = counts(backfill["warehouse"], MARTS)
    assert all(n > 0 for n in marts.values()), marts
    assert marts == counts(cfg.warehouse, MARTS)


def test_rerunning_a_day_changes_nothing(backfill):
    dr, st = backfill["rerun"]
    assert str(dr.state) == "success"
    assert st["load"] == "success" and st["report"] == "success"
    assert st["validate"] == "skipped" and st["publish"] == "skipped"  # no new asset event
    assert backfill["after_rerun"] == backfill["after"][-1]
    run_id, status = query(
        backfill["warehouse"], "select run_id, status from core.runs order by started_at desc limit 1"
    )[0]
    assert status == "nothing_new"
    day2 = len(backfill["per_day"][f"{DAYS[1]:%Y-%m-%d}"])
    skipped = query(
        backfill["warehouse"],
        "select n from core.run_counts where run_id = ? and kind = 'inputs' and name = 'skipped_known'",
        [run_id],
    )
    assert skipped == [(day2,)]


def test_failed_quality_gate_fails_the_run_and_publishes_nothing(dag, tmp_path):
    suites = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    articles = json.loads((suites / "articles.json").read_text())
    articles["expectations"].append(
        {  # an expectation no article can meet
            "type": "expect_column_value_lengths_to_equal",
            "kwargs": {"column": "article_id", "value": 1},
            "meta": {"name": "impossible"},
        }
    )
    (suites / "articles.json").write_text(json.dumps(articles))
    drop = tmp_path / "drop" / f"{DAYS[0]:%Y-%m-%d}"
    drop.mkdir(parents=True)
    shutil.copy(SEEDS / "seed.txt", drop)
    wh = tmp_path / "w.duckdb"
    dr = run_day(
        dag,
        DAYS[0],
        drop_folder=str(drop.parent),
        warehouse=str(wh),
        report_dir=str(tmp_path / "reports"),
        quality_config=str(suites / "blocking.json"),
    )
    st = states(dr)
    assert str(dr.state) == "failed"
    assert st["validate"] == "failed"
    assert st["publish"] == "upstream_failed" and st["report"] == "upstream_failed"
    assert query(wh, "select status from core.runs") == [("failed",)]
    assert counts(wh, ["core.articles", "core.statements"]) == {"core.articles": 0, "core.statements": 0}
    failed = query(wh, "select expectation from core.quality_results where not success")
    assert any("impossible" in e for (e,) in failed)


def _load(args: tuple[str, str, list[str]]) -> str:
    from pipeline.batches import run_config
    from pipeline.run import load_batches

    warehouse, run_id, dirs = args
    return load_batches(run_config(warehouse=warehouse), run_id, dirs).status


def test_overlapping_loads_wait_for_each_other(tmp_path):
    """Two load steps on one warehouse while a third process holds it: they wait, then both
    stage their rows; neither fails on DuckDB's file lock."""
    from pipeline.batches import extract_batch, plan_batches
    from pipeline.run import publish_step, validate_step, warehouse_lock
    from pipeline.warehouse import connect

    wh = tmp_path / "w.duckdb"
    files = [str(SEEDS / "seed.txt"), str(SEEDS / "unn-scholz-no-taurus.txt")]
    dirs = {}
    for run_id in ("run-a", "run-b"):
        plans = plan_batches(files, 1, str(tmp_path / run_id))
        dirs[run_id] = [extract_batch(p["files"], p["dir"], run_id) for p in plans]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        with warehouse_lock(wh, timeout=5):
            con = connect(wh)  # DuckDB's own lock held too, as a running step would
            pending = pool.map_async(_load, [(str(wh), r, d) for r, d in dirs.items()])
            time.sleep(4)
            assert not pending.ready()  # both wait for the lock instead of failing
            con.close()
        assert pending.get(timeout=120) == ["running", "running"]
    from pipeline.batches import run_config

    cfg = run_config(warehouse=str(wh))
    for run_id in dirs:
        validate_step(cfg, run_id)
        publish_step(cfg, run_id)
    assert counts(wh, ["core.articles", "core.inputs"]) == {"core.articles": 2, "core.inputs": 2}
    assert query(wh, "select status from core.runs order by run_id") == [("published",)] * 2
