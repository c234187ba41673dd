"""The DAG file: imports cleanly, expected graph, retries, pools, tags, nothing heavy at parse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest

from pipeline.config import SQL_DIR
from tests.dags.conftest import DAG_ID, DAGS, POOL

EXPECTED_GRAPH = {
    "discover": {"extract"},
    "extract": {"load"},
    "load": {"validate", "report"},
    "validate": {"publish"},
    "publish": {"report"},
    "report": set(),
}
WAREHOUSE_TASKS = ("load", "validate", "publish", "report")


@pytest.fixture(scope="module")
def bag() -> Any:
    """The DAG folder parsed as the DAG processor parses it; parsing needs no metadata DB (the
    conftest's `dag` migrates one, for the tests that run the DAG)."""
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


@pytest.fixture(scope="module")
def dag(bag: Any) -> Any:
    return bag.dags[DAG_ID]


def test_dagbag_has_no_import_errors(bag: Any) -> None:
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {DAG_ID}


def test_task_graph(dag: Any) -> None:
    graph = {t.task_id: set(t.downstream_task_ids) for t in dag.tasks}
    assert graph == EXPECTED_GRAPH
    from airflow.sdk.definitions.mappedoperator import MappedOperator

    assert isinstance(dag.get_task("extract"), MappedOperator)  # .expand() over the batches


def test_schedule_tags_docs_params(dag: Any) -> None:
    from airflow.timetables.interval import CronDataIntervalTimetable

    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.summary in ("@daily", "0 0 * * *")
    assert {"pledgewatch"} <= set(dag.tags)
    assert dag.doc_md and "drop folder" in dag.doc_md and POOL in dag.doc_md
    assert not dag.catchup
    params = dag.params.dump()
    for key in ("drop_folder", "warehouse", "report_dir", "batch_size", "whole_folder"):
        assert key in params
    assert params["warehouse"] is None and params["batch_size"] is None  # -> CLI defaults


def test_retries_with_backoff_on_fetching_and_extraction(dag: Any) -> None:
    for task_id in ("discover", "extract"):
        task = dag.get_task(task_id)
        assert task.retries >= 2
        assert task.retry_exponential_backoff and task.retry_exponential_backoff > 1
        assert task.max_retry_delay is not None and task.max_retry_delay <= timedelta(hours=1)
    assert dag.get_task("validate").retries == 0  # a failed gate is final


def test_single_writer_pool_on_every_warehouse_task(dag: Any) -> None:
    for task in dag.tasks:
        if task.task_id in WAREHOUSE_TASKS:
            assert task.pool == POOL, task.task_id
        else:
            assert task.pool != POOL, task.task_id


def test_publish_declares_the_marts_as_assets(dag: Any) -> None:
    outlets = dag.get_task("publish").outlets
    names = {a.name for a in outlets}
    marts = {f"pledgewatch.marts.{p.stem}" for p in (SQL_DIR / "marts").glob("*.sql")}
    assert names == marts
    for task in dag.tasks:
        if task.task_id != "publish":
            assert not task.outlets


def test_parsing_imports_nothing_heavy() -> None:
    """Parse the DAG file in a fresh interpreter and look at what got imported."""
    code = (
        "import sys, json\n"
        "from airflow.dag_processing.dagbag import DagBag\n"
        f"bag = DagBag(dag_folder={str(DAGS)!r})\n"
        "assert not bag.import_errors, bag.import_errors\n"
        "heavy = ['spacy', 'duckdb', 'great_expectations', 'pyarrow', 'pipeline.run',\n"
        "         'pipeline.batches', 'pipeline.quality']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=True,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_pipeline_package_never_imports_airflow() -> None:
    code = (
        "import sys, pipeline.run, pipeline.batches, pipeline.process, pipeline.cli\n"
        "print(sorted(m for m in sys.modules if m == 'airflow' or m.startswith('airflow.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"
