"""pledgewatch_daily: the daily job under Airflow; every task wires one `pipeline` function."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from airflow.sdk import Asset, Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

from pipeline.config import SQL_DIR

if TYPE_CHECKING:
    from pipeline.config import RunConfig

WAREHOUSE_POOL = "pledgewatch_warehouse"  # one slot: the only DuckDB writer (README.md, "Airflow")
SETTINGS = ("drop_folder", "warehouse", "report_dir", "batch_size", "batch_root", "quality_config")
MARTS = sorted(p.stem for p in (SQL_DIR / "marts").glob("*.sql"))
"""Every mart the publish rebuilds (one sql/marts/*.sql file each): the publish task's assets."""
MART_ASSETS = [
    Asset(name=f"pledgewatch.marts.{m}", uri=f"pledgewatch://marts/{m}", group="pledgewatch") for m in MARTS
]
FETCHING = {
    "retries": 3,
    "retry_delay": timedelta(seconds=10),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=10),
}
WRITER = {"pool": WAREHOUSE_POOL, "retries": 1, "retry_delay": timedelta(seconds=30)}


def _config() -> RunConfig:
    """RunConfig from the run's params, else Variables `pledgewatch_<name>`, else CLI defaults."""
    from airflow.sdk import Variable, get_current_context

    from pipeline.batches import run_config

    params = get_current_context()["params"]
    return run_config(
        **{
            k: params.get(k)
            if params.get(k) not in (None, "")
            else Variable.get(f"pledgewatch_{k}", default=None)
            for k in SETTINGS
        }
    )


@dag(
    dag_id="pledgewatch_daily",
    schedule=CronDataIntervalTimetable("@daily", timezone="UTC"),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    tags=["pledgewatch", "etl", "duckdb"],
    default_args={"owner": "pledgewatch"},
    params={k: Param(None, type=["null", "integer" if k == "batch_size" else "string"]) for k in SETTINGS}
    | {"whole_folder": Param(False, type="boolean")},
)
def pledgewatch_daily() -> None:
    """
    ### pledgewatch daily
    News articles from the drop folder → statements and commitments in the DuckDB warehouse.

    `discover` → `extract` (mapped, one task per batch, Parquet out) → `load` → `validate`
    → `publish` → `report`. A run takes the drop-folder files that **arrived in its data
    interval**: files under a `YYYY-MM-DD/` folder arrive on that day, others at their
    modification time (`whole_folder: true` takes all). Inputs already loaded are skipped by
    content hash, so backfills and re-runs change nothing.

    `load`, `validate`, `publish`, `report` open the warehouse: they run in the pool
    `pledgewatch_warehouse` (one slot) under the CLI's file lock. A failed quality gate fails
    `validate` and nothing is published. `publish` updates the `pledgewatch.marts.*` assets
    (skipped with `validate` when the interval brought nothing new). A report that cannot be
    written fails `report` (what was published stays published).

    Every task calls the same step functions as `pledgewatch run` (`pipeline.steps`, through
    `pipeline.run`), and logs through `logging` into the task's log.

    Params (else Variables `pledgewatch_<name>`, else the CLI's defaults): `drop_folder`,
    `warehouse`, `report_dir`, `batch_size`, `quality_config`, `batch_root` (a path or fsspec
    URL every worker sees; default `<warehouse dir>/batches`), `whole_folder`.
    See README.md, "Airflow".
    """

    @task(**FETCHING)
    def discover(data_interval_start=None, data_interval_end=None, run_id=None, params=None):
        from pipeline.batches import interval_files, plan_batches, run_root
        from pipeline.run import new_run_id

        config, whole = _config(), bool(params and params.get("whole_folder"))
        files = interval_files(
            config.inputs[0], None if whole else data_interval_start, None if whole else data_interval_end
        )
        run = {"run_id": new_run_id(), "root": run_root(config, run_id)}
        return [b | run for b in plan_batches(files, config.batch_size, run["root"])]

    @task(**FETCHING)
    def extract(batch: dict) -> dict:
        from pipeline.batches import extract_batch

        extract_batch(batch["files"], batch["dir"], batch["run_id"], _config())
        return {k: batch[k] for k in ("dir", "run_id", "root")}

    @task(**WRITER)
    def load(batches: list[dict]) -> dict:
        from pipeline.run import load_batches

        run = {k: batches[0][k] for k in ("run_id", "root")}
        result = load_batches(_config(), run["run_id"], [b["dir"] for b in batches])
        return run | {"status": result.status, "inputs": result.inputs}

    @task(pool=WAREHOUSE_POOL, retries=0)
    def validate(run: dict) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from pipeline.run import validate_step

        if run["status"] == "nothing_new":  # skips publish too: the marts do not change
            raise AirflowSkipException("nothing new in this interval: every input is known")

        validate_step(_config(), run["run_id"], run["root"])
        return run

    @task(outlets=MART_ASSETS, **WRITER)
    def publish(run: dict) -> dict:
        from pipeline.run import publish_step

        result = publish_step(_config(), run["run_id"])
        return {**run, "status": result.status, "counts": result.counts}

    @task(trigger_rule="none_failed", **WRITER)
    def report(run: dict) -> str | None:
        from pipeline.batches import remove_batches
        from pipeline.run import report_step

        try:  # a report that cannot be written fails this task (ReportFailed), visibly
            result = report_step(_config(), run["run_id"], run["root"])
        finally:
            remove_batches(run["root"])
        return str(result.report_path) if result.report_path else None

    loaded = load(extract.expand(batch=discover()))
    publish(validate(loaded)) >> report(loaded)


pledgewatch_daily()
