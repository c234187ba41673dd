"""Beyond one machine, for real: the unchanged DAG under Airflow's CeleryExecutor, writing a
DuckLake whose catalog is in PostgreSQL.

PostgreSQL (Airflow's metadata DB, Celery's result backend and the DuckLake catalog) and Redis
(the broker) are Debian's packages (scripts/ensure_services.sh installs them; the test skips
only where apt cannot), started here on loopback ports and stopped afterwards. Airflow runs as
on a cluster: api-server, scheduler, dag-processor and two Celery workers, each its own process
with the configuration of README "Scaling out" (`celery_env`). The workers tag their task
instances with their own names (`[core] hostname_callable`), as two machines would with their
host names, so the test can see the mapped extract tasks spread over both.

The warehouse afterwards holds the same rows and marts as the embedded CLI run into a DuckDB
file over the same inputs."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.config import PROJECT_ROOT
from tests.conftest import SEEDS
from tests.dags.conftest import AIRFLOW_BIN, DAG_ID, DAGS, POOL, Api
from tests.services import ensure_installed, free_port, postgres_server, redis_server
from tests.warehouse_compare import counts, differences

if TYPE_CHECKING:
    from collections.abc import Iterator

# xdist_group: both tests on one worker of the slow suite (--dist loadgroup), which starts one
# PostgreSQL and one Redis for them (`services`)
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900), pytest.mark.xdist_group("celery")]

DAY = "2026-11-20"  # the seeds arrive on this day: the run for its interval takes them
WORKERS = ("worker-a", "worker-b")
BATCH_SIZE = 3  # 12 seeds: four mapped extract tasks
STARTUP_TIMEOUT = 240
RUN_TIMEOUT = 420
PLEDGEWATCH = Path(sys.executable).with_name("pledgewatch")

HOSTNAME_MODULE = '''"""Each Celery worker's name as its task instances' hostname (test only: on a cluster the
workers are on different hosts and Airflow's default, the host's FQDN, tells them apart)."""
import os
import socket


def worker_name() -> str:
    return os.environ.get("PLEDGEWATCH_WORKER_NAME") or socket.getfqdn()
'''


def celery_env(home: Path, pg_url: str, broker: str, api_port: int, extra_path: Path) -> dict[str, str]:
    """The environment of every Airflow process: README "Scaling out" shows the same."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "PLEDGEWATCH_WAREHOUSE"))}
    env.update(
        {
            "PATH": f"{AIRFLOW_BIN.parent}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONPATH": str(extra_path),
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": pg_url,
            "AIRFLOW__CELERY__BROKER_URL": broker,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + pg_url,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "pwtest_hostname.worker_name",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(api_port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
        }
    )
    return env


class Processes:
    """Long-running processes, each in its own session, stopped (then killed) at the end."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
        with (self.logs / f"{name}.log").open("wb") as log:
            proc = subprocess.Popen(
                args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=cwd
            )
        self.procs.append((name, proc))
        return proc

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def check_alive(self) -> None:
        for name, proc in self.procs:
            assert proc.poll() is None, f"{name} exited ({proc.returncode}):\n{self.log(name)[-4000:]}"

    def stop(self) -> None:
        for _, proc in reversed(self.procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 40
        for _, proc in reversed(self.procs):
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError):  # whatever is left in its session
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)


def airflow(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    proc = subprocess.run([str(AIRFLOW_BIN), *args], env=env, text=True, capture_output=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"airflow {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc.stdout


def wait_for(what: str, check: Any, procs: Processes, timeout: float, every: float = 2) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        procs.check_alive()
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {timeout:.0f}s"
        time.sleep(every)


@pytest.fixture(scope="module")
def services() -> Iterator[dict[str, Any]]:
    ensure_installed()
    with postgres_server() as pg, redis_server() as redis:
        pg.create_database("airflow")
        pg.create_database("pledgewatch_lake")
        yield {"pg": pg, "redis": redis}


def test_the_dag_runs_on_two_celery_workers_into_a_ducklake(services, tmp_path):
    timings: dict[str, float] = {}
    t_start = time.monotonic()
    pg, redis = services["pg"], services["redis"]
    work, home, logs = tmp_path / "work", tmp_path / "airflow_home", tmp_path / "logs"
    for d in (work, home, logs):
        d.mkdir()
    drop = work / "drop"
    (drop / DAY).mkdir(parents=True)
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, drop / DAY / f.name)
    (tmp_path / "pwtest_hostname.py").write_text(HOSTNAME_MODULE)

    lake_url = f"ducklake:postgres:{pg.conninfo('pledgewatch_lake')}?data_path={work}/lake/data/"
    api_port = free_port()
    env = celery_env(home, pg.sqlalchemy_url("airflow"), redis.url(0), api_port, tmp_path)
    env.update(
        {  # configuration through Variables, read by the tasks on the workers
            "AIRFLOW_VAR_PLEDGEWATCH_DROP_FOLDER": str(drop),
            "AIRFLOW_VAR_PLEDGEWATCH_WAREHOUSE": lake_url,
            "AIRFLOW_VAR_PLEDGEWATCH_BATCH_ROOT": str(work / "batches"),
            "AIRFLOW_VAR_PLEDGEWATCH_REPORT_DIR": str(work / "reports"),
        }
    )

    procs = Processes(logs)
    # the embedded run on the same inputs, for comparison, while Airflow starts
    embedded_db = work / "embedded" / "pledgewatch.duckdb"
    embedded = procs.start(
        "embedded",
        [
            str(PLEDGEWATCH),
            "run",
            "--input",
            str(drop),
            "--warehouse",
            str(embedded_db),
            "--report-dir",
            str(work / "embedded" / "reports"),
            "--quiet",
            "--workers",
            "1",
        ],
        {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_WAREHOUSE"},
        PROJECT_ROOT,
    )
    procs.procs.pop()  # not a server: waited for below, not checked for being alive
    try:
        airflow(env, "db", "migrate")
        airflow(env, "pools", "set", POOL, "1", "pledgewatch: one warehouse writer")
        timings["services and metadata DB"] = time.monotonic() - t_start

        procs.start("api-server", [str(AIRFLOW_BIN), "api-server"], env, tmp_path)
        procs.start("scheduler", [str(AIRFLOW_BIN), "scheduler"], env, tmp_path)
        procs.start("dag-processor", [str(AIRFLOW_BIN), "dag-processor"], env, tmp_path)
        for name in WORKERS:
            procs.start(
                name,
                [
                    str(AIRFLOW_BIN),
                    "celery",
                    "worker",
                    "--celery-hostname",
                    f"{name}@%h",
                    "--concurrency",
                    "1",
                    "--skip-serve-logs",
                ],
                env | {"PLEDGEWATCH_WORKER_NAME": name},
                tmp_path,
            )
        api = Api(f"http://127.0.0.1:{api_port}/api/v2")

        def dag_stored() -> bool:
            try:
                return bool(api("GET", f"/dags/{DAG_ID}"))
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False

        wait_for("the API serving the parsed DAG", dag_stored, procs, STARTUP_TIMEOUT)
        for name in WORKERS:
            wait_for(
                f"celery {name} ready",
                lambda n=name: " ready." in procs.log(n),
                procs,
                STARTUP_TIMEOUT,
                every=1,
            )
        timings["airflow up"] = time.monotonic() - t_start

        assert api("GET", f"/pools/{POOL}")["slots"] == 1
        run = api(
            "POST",
            f"/dags/{DAG_ID}/dagRuns",
            {
                "dag_run_id": "celery_ducklake",
                "logical_date": "2026-11-21T00:00:00Z",
                "conf": {"batch_size": BATCH_SIZE},
            },
        )
        assert run["data_interval_start"].startswith(DAY), run
        # unpausing also schedules the latest interval (no files in it: nothing new)
        api("PATCH", f"/dags/{DAG_ID}", {"is_paused": False})

        def runs_done() -> list[dict[str, Any]] | None:
            runs = api("GET", f"/dags/{DAG_ID}/dagRuns")["dag_runs"]
            done = len(runs) >= 2 and all(r["state"] in ("success", "failed") for r in runs)
            return runs if done else None

        runs = wait_for("both DAG runs finished", runs_done, procs, RUN_TIMEOUT, every=3)
        timings["dag runs done"] = time.monotonic() - t_start
        tis: dict[str, list[dict[str, Any]]] = {}
        for r in runs:
            rid = urllib.parse.quote(r["dag_run_id"], safe="")
            tis[r["dag_run_id"]] = api("GET", f"/dags/{DAG_ID}/dagRuns/{rid}/taskInstances?limit=100")[
                "task_instances"
            ]
        assert all(r["state"] == "success" for r in runs), {
            r["dag_run_id"]: [(t["task_id"], t["map_index"], t["state"]) for t in tis[r["dag_run_id"]]]
            for r in runs
        }

        # the mapped extract tasks ran on both workers; load, validate, publish once each
        ours = tis["celery_ducklake"]
        extract = [t for t in ours if t["task_id"] == "extract"]
        assert len(extract) == 4 and {t["map_index"] for t in extract} == {0, 1, 2, 3}
        split = {name: sorted(t["map_index"] for t in extract if t["hostname"] == name) for name in WORKERS}
        assert all(split.values()), split
        assert {t["hostname"] for t in ours} <= set(WORKERS)
        for task in ("discover", "load", "validate", "publish", "report"):
            mine = [t for t in ours if t["task_id"] == task]
            assert len(mine) == 1 and mine[0]["state"] == "success", (task, mine)
            assert mine[0]["try_number"] == 1, (task, mine)
        timings["split"] = split  # type: ignore[assignment]
    finally:
        procs.stop()
        with contextlib.suppress(subprocess.TimeoutExpired):
            embedded.wait(timeout=300)
        if embedded.poll() is None:
            embedded.kill()

    assert embedded.returncode == 0, procs.log("embedded")[-3000:]

    # the lake equals the embedded DuckDB file: every table's rows, every mart's contents
    assert differences(embedded_db, lake_url) == {}
    from pipeline.warehouse.lake import connect_lake

    con = connect_lake(lake_url, read_only=True)
    try:
        n = counts(con)
        runs_in_lake = sorted(con.execute("select runner, status from core.runs").fetchall())
        files = con.execute(
            "select count(*) from ducklake_list_files('pledgewatch_lake', 'articles', schema => 'core')"
        ).fetchone()[0]
    finally:
        con.close()
    assert runs_in_lake == [("scheduler", "nothing_new"), ("scheduler", "published")]
    assert n["core.inputs"] == n["core.articles"] == len(list(SEEDS.glob("*.txt")))
    for mart in ("marts.fct_commitments", "marts.fct_pledges", "marts.statement_feed"):
        assert n[mart] > 0, (mart, n)
    assert files > 0 and any((work / "lake" / "data").rglob("*.parquet"))
    assert not (work / "batches" / "celery_ducklake").exists()  # report removed the batches
    assert (work / "reports" / "latest" / "index.html").is_file()
    timings["total"] = time.monotonic() - t_start
    print("celery/ducklake timings:", json.dumps(timings, default=str))


def test_the_lake_writer_lock_is_a_postgres_advisory_lock_that_dies_with_its_holder(services, tmp_path):
    """Two holders of one PostgreSQL-catalogued lake's writer lock: the second waits, and gives
    up with RunBusy when the first keeps it, or takes it when the first lets go while it waits;
    a holder killed with SIGKILL frees it at once."""
    from pipeline.run import RunBusy
    from pipeline.warehouse.lake import lake_lock

    pg = services["pg"]
    pg.create_database("lock_lake")
    url = f"ducklake:postgres:{pg.conninfo('lock_lake')}?data_path={tmp_path}/data/"
    with lake_lock(url, 0, RunBusy):
        with pytest.raises(RunBusy, match="advisory lock"), lake_lock(url, 1.5, RunBusy):
            pass
    with lake_lock(url, 0, RunBusy):  # released when its holder left
        pass

    held, let_go = threading.Event(), threading.Event()

    def hold() -> None:
        with lake_lock(url, 0, RunBusy):
            held.set()
            let_go.wait(60)

    first = threading.Thread(target=hold)
    first.start()
    try:
        assert held.wait(60)
        with pytest.raises(RunBusy):  # held: no waiting, no lock
            with lake_lock(url, 0, RunBusy):
                pass
        threading.Timer(1.0, let_go.set).start()  # let go while the second one waits
        with lake_lock(url, 120, RunBusy):
            assert let_go.is_set()
    finally:
        let_go.set()
        first.join(60)

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pipeline.run import RunBusy\nfrom pipeline.warehouse.lake import lake_lock\n"
            "with lake_lock(sys.argv[1], 0, RunBusy):\n    print('held', flush=True)\n"
            "    time.sleep(300)\n",
            url,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(RunBusy):
            with lake_lock(url, 0, RunBusy):
                pass
        holder.kill()
        holder.wait(timeout=10)
        with lake_lock(url, 20, RunBusy):  # the session died with the process
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=10)
