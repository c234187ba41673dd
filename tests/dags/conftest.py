"""Airflow for the DAG tests: a throwaway AIRFLOW_HOME (SQLite metadata DB), never ~/airflow.

Airflow reads its configuration when it is first imported, so the environment is set here, at
collection time, before any test module imports it; the home is removed at the end.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import PROJECT_ROOT

DAGS = PROJECT_ROOT / "dags"
DAG_ID = "pledgewatch_daily"
POOL = "pledgewatch_warehouse"
AIRFLOW_BIN = Path(sys.executable).with_name("airflow")

AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="pledgewatch-airflow-"))
PRISTINE_DB = AIRFLOW_HOME / "pristine-airflow.db"
"""The metadata DB right after migration and pool setup (the end-to-end test starts from it)."""
AIRFLOW_ENV = {
    "AIRFLOW_HOME": str(AIRFLOW_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME}/airflow.db",
}
atexit.register(shutil.rmtree, AIRFLOW_HOME, True)
os.environ.update(AIRFLOW_ENV)
for key in [k for k in os.environ if k.startswith("AIRFLOW_VAR_PLEDGEWATCH_")]:
    del os.environ[key]  # Variables come from the tests, not from the caller's shell


def airflow_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run the `airflow` command of this environment; raises with its output on failure."""
    proc = subprocess.run(
        [str(AIRFLOW_BIN), *args],
        env=env or os.environ.copy(),
        text=True,
        capture_output=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise AssertionError(
            f"airflow {' '.join(args)} failed ({proc.returncode}):\n"
            f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return proc


@pytest.fixture(scope="session")
def airflow_db() -> Any:
    """A migrated metadata DB with the warehouse pool (one slot), as README.md ("Airflow") sets up."""
    airflow_cli("db", "migrate")
    airflow_cli("pools", "set", POOL, "1", "pledgewatch: the single DuckDB writer")
    shutil.copy(AIRFLOW_HOME / "airflow.db", PRISTINE_DB)
    yield AIRFLOW_HOME
    shutil.rmtree(AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def dag(airflow_db: Path) -> Any:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert not bag.import_errors, bag.import_errors
    return bag.dags[DAG_ID]


def run_day(dag: Any, day: datetime, **conf: Any) -> Any:
    """`dag.test()` the run whose data interval is [day, day + 1 day); returns the DagRun.

    A manual run of a daily interval timetable covers the last full day before its logical
    date, so the run for `day` is triggered at the end of that day.
    """
    dr = dag.test(logical_date=day + timedelta(days=1), run_conf=conf)
    assert dr.data_interval_start == day and dr.data_interval_end == day + timedelta(days=1)
    return dr


def states(dr: Any) -> dict[str, str]:
    """task_id -> state (mapped tasks: their states joined)."""
    out: dict[str, set[str]] = {}
    for ti in dr.get_task_instances():
        out.setdefault(ti.task_id, set()).add(str(ti.state))
    return {k: ",".join(sorted(v)) for k, v in out.items()}


def day(n: int) -> datetime:
    return datetime(2026, 11, n, tzinfo=UTC)


class Api:
    """A client of an API server's REST API v2 (the standalone and the Celery tests).

    On SQLite, a write that meets the scheduler's lock answers 503 ("Database is locked",
    airflow/api_fastapi/core_api/routes/public/backfills.py): that request is rolled back and
    is retried here for up to LOCKED_RETRY seconds. A read (GET) that gets no answer within
    REQUEST_TIMEOUT (a busy machine: the slow suite runs on both cores, beside the scheduler's
    writes) is asked again for up to READ_RETRY seconds; a write that timed out is not (it may
    have happened). Any other error is raised at once.
    """

    LOCKED_RETRY = 60.0
    READ_RETRY = 150.0
    REQUEST_TIMEOUT = 30.0

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        start = time.monotonic()
        while True:
            req = urllib.request.Request(
                self.base + path,
                method=method,
                headers={"Content-Type": "application/json"},
                data=None if body is None else json.dumps(body).encode(),
            )
            try:
                with urllib.request.urlopen(req, timeout=self.REQUEST_TIMEOUT) as resp:
                    return json.loads(resp.read() or b"null")
            except urllib.error.HTTPError as e:
                if e.code != 503 or time.monotonic() > start + self.LOCKED_RETRY:
                    raise
            except (TimeoutError, urllib.error.URLError) as e:
                timed_out = isinstance(e, TimeoutError) or isinstance(
                    getattr(e, "reason", None), TimeoutError
                )
                if not timed_out or method != "GET" or time.monotonic() > start + self.READ_RETRY:
                    raise
            time.sleep(1)
