"""End to end under a real scheduler: `airflow standalone` (LocalExecutor, SQLite metadata DB)
on loopback ports; a backfill over three days of dated inputs, whose runs overlap with each
other and with the scheduled run on one warehouse; the published marts and their asset events
checked; every process shut down afterwards."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

import duckdb
import pytest

from tests.conftest import SEEDS
from tests.dags.conftest import (
    AIRFLOW_BIN,
    DAG_ID,
    DAGS,
    POOL,
    PRISTINE_DB,
    Api,
    airflow_cli,
)

if TYPE_CHECKING:
    from pathlib import Path

# xdist_group: `make test` runs the slow tests on two workers (--dist loadgroup); this one and
# test_dag_runs.py share one worker, so the session's Airflow metadata DB (`airflow_db`,
# tests/dags/conftest.py) is migrated once.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900), pytest.mark.xdist_group("airflow")]

STARTUP_TIMEOUT = 180
RUN_TIMEOUT = 360  # all runs done within 6 minutes
DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"]
MARTS = [
    "marts.fct_commitments",
    "marts.commitments_by_actor",
    "marts.statement_feed",
    "marts.commitment_sources",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def standalone(tmp_path: Path, airflow_db: Path):
    """`airflow standalone` in its own session (process group); killed whatever happens.

    Its metadata DB starts as a copy of the session's freshly migrated one (with the pool), which
    saves the minute `standalone` would spend migrating.
    """
    home, work = tmp_path / "airflow_home", tmp_path / "work"
    home.mkdir()
    shutil.copy(PRISTINE_DB, home / "airflow.db")
    for i, f in enumerate(sorted(SEEDS.glob("*.txt"))):  # the seeds arrive over three days
        (work / "drop" / DAYS[i % 3]).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, work / "drop" / DAYS[i % 3] / f.name)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(
        {
            "PATH": f"{AIRFLOW_BIN.parent}{os.pathsep}{env.get('PATH', '')}",
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            # configuration through Variables (the DAG's params stay at their defaults)
            "AIRFLOW_VAR_PLEDGEWATCH_DROP_FOLDER": str(work / "drop"),
            "AIRFLOW_VAR_PLEDGEWATCH_WAREHOUSE": str(work / "warehouse" / "w.duckdb"),
            "AIRFLOW_VAR_PLEDGEWATCH_REPORT_DIR": str(work / "reports"),
        }
    )
    log = (tmp_path / "standalone.log").open("w")
    proc = subprocess.Popen(
        [str(AIRFLOW_BIN), "standalone"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=tmp_path,
    )
    api = Api(f"http://127.0.0.1:{port}/api/v2")
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:  # up once the API answers and the DAG processor has stored the DAG
            assert proc.poll() is None, (tmp_path / "standalone.log").read_text()[-5000:]
            try:
                api("GET", f"/dags/{DAG_ID}")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "airflow standalone did not come up"
                time.sleep(2)
        yield {"api": api, "env": env, "work": work, "log": tmp_path / "standalone.log"}
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=45)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            pass
        try:  # whatever is left in the session (workers, api server)
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
        log.close()


def test_standalone_scheduler_runs_the_dag_and_publishes_the_marts(standalone):
    api, work = standalone["api"], standalone["work"]
    assert api("GET", f"/pools/{POOL}")["slots"] == 1  # set up as README.md ("Airflow") says
    # `airflow backfill create` through the API server (the CLI would write the SQLite DB
    # beside the scheduler): one run per day, all three at once. Created while the DAG is still
    # paused, so that the API server's writes to dag_run are done before the scheduler starts
    # updating runs (on SQLite the two raced: the scheduler died of a StaleDataError on dag_run)
    api(
        "POST",
        "/backfills",
        {
            "dag_id": DAG_ID,
            "from_date": f"{DAYS[0]}T00:00:00Z",
            "to_date": f"{DAYS[-1]}T00:00:00Z",
            "max_active_runs": 3,
            "reprocess_behavior": "none",
            "run_backwards": False,
            "dag_run_conf": {},
        },
    )
    api("PATCH", f"/dags/{DAG_ID}", {"is_paused": False})  # also schedules the latest interval

    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        runs = api("GET", f"/dags/{DAG_ID}/dagRuns")["dag_runs"]
        if len(runs) >= 4 and all(r["state"] in ("success", "failed") for r in runs):
            break
        assert time.monotonic() < deadline, f"runs not done in time: {runs}"
        time.sleep(2)
    failed = {}
    for r in runs:
        if r["state"] != "success":
            tis = api(
                "GET", f"/dags/{DAG_ID}/dagRuns/{urllib.parse.quote(r['dag_run_id'], safe='')}/taskInstances"
            )
            failed[r["dag_run_id"]] = [(t["task_id"], t["state"]) for t in tis["task_instances"]]
    assert not failed, failed

    intervals = sorted((r["run_type"], (r["data_interval_start"] or "")[:10]) for r in runs)
    assert intervals[:3] == [("backfill", d) for d in DAYS]
    assert intervals[3][0] == "scheduled"  # the latest interval, when the DAG was unpaused

    # the same warehouse took every run: each day published its own files once, the scheduled
    # run (yesterday: no files) found nothing new, the marts are there
    with duckdb.connect(str(work / "warehouse" / "w.duckdb"), read_only=True) as con:
        statuses = sorted(s for (s,) in con.execute("select status from core.runs").fetchall())
        assert statuses == ["nothing_new"] + ["published"] * 3, statuses
        assert (
            con.execute("select count(distinct run_id) from core.inputs where outcome = 'loaded'").fetchone()[
                0
            ]
            == 3
        )
        assert con.execute("select count(*) from core.inputs where outcome = 'loaded'").fetchone()[0] == len(
            list(SEEDS.glob("*.txt"))
        )
        for mart in MARTS:
            assert con.execute(f"select count(*) from {mart}").fetchone()[0] > 0, mart

    # publish emitted the marts' asset events (downstream DAGs can schedule on them)
    events = api("GET", "/assets/events")["asset_events"]
    names = {api("GET", f"/assets/{e['asset_id']}")["name"] for e in events}
    assert "pledgewatch.marts.statement_feed" in names

    # and the DAG processor saw no import errors in dags/
    out = airflow_cli("dags", "list-import-errors", "-o", "json", env=standalone["env"])
    assert out.stdout.strip().splitlines()[-1] in ("[]", "No data found"), out.stdout
