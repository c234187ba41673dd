"""The warehouse as a DuckLake (`--warehouse ducklake:...`): the CLI on a local catalog file gives
the same tables and marts as the DuckDB file, two processes loading one lake both land, and the
extensions come from the installed wheels. (A PostgreSQL catalog is exercised by the Celery
end-to-end test, tests/dags/test_celery_ducklake.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.config import PROJECT_ROOT, RunConfig
from pipeline.warehouse.lake import (
    LakeURL,
    connect_lake,
    extension_path,
    lake_lock,
    warehouse_location,
)
from tests.conftest import SEEDS
from tests.warehouse_compare import counts, differences

PLEDGEWATCH = Path(sys.executable).with_name("pledgewatch")
MARTS = [
    "marts.fct_commitments",
    "marts.fct_pledges",
    "marts.statement_feed",
    "marts.pledges_by_committer",
    "marts.commitment_sources",
]


def cli(*args: str, cwd: Path, timeout: float = 400) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_WAREHOUSE"}
    return subprocess.run(
        [str(PLEDGEWATCH), *args], cwd=cwd, env=env, text=True, capture_output=True, timeout=timeout
    )


def test_lake_urls_are_read_with_absolute_paths_and_a_data_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lake = LakeURL.parse("ducklake:lake/catalog.ducklake?data_path=lake/data")
    assert (lake.kind, lake.catalog) == ("duckdb", str(tmp_path / "lake" / "catalog.ducklake"))
    assert lake.data_path == f"{tmp_path}/lake/data/"
    assert LakeURL.parse(lake.url()) == lake  # normalised URLs read back the same

    pg = LakeURL.parse(
        "ducklake:postgres:dbname=pw host=db.internal user=etl password=s3cret"
        "?data_path=s3://bucket/pw/&metadata_schema=pw_prod"
    )
    assert pg.kind == "postgres" and pg.catalog_file is None
    assert pg.conninfo == "dbname=pw host=db.internal user=etl password=s3cret"
    assert (pg.data_path, pg.metadata_schema) == ("s3://bucket/pw/", "pw_prod")
    assert "s3cret" not in pg.display()

    # a `?` that is not pledgewatch's options stays in the catalog (a libpq URI's own query)
    uri = LakeURL.parse("ducklake:postgres:postgresql://db/pw?sslmode=require")
    assert uri.conninfo == "postgresql://db/pw?sslmode=require" and uri.data_path is None

    assert warehouse_location("w/pledgewatch.duckdb") == Path("w/pledgewatch.duckdb")
    assert isinstance(warehouse_location("ducklake:x.ducklake"), str)
    monkeypatch.setenv("PLEDGEWATCH_WAREHOUSE", "ducklake:postgres:dbname=pw host=127.0.0.1")
    assert RunConfig().warehouse == "ducklake:postgres:dbname=pw host=127.0.0.1"


def test_the_scheduler_config_takes_a_lake_and_puts_batches_beside_its_data(tmp_path):
    from pipeline.batches import run_config, run_root

    url = f"ducklake:postgres:dbname=pw host=127.0.0.1?data_path={tmp_path}/lake/data"
    config = run_config(warehouse=url)
    assert config.warehouse == url + "/"  # a data folder ends in / (DuckLake appends names)
    assert run_root(config, "manual__2026-11-20") == f"{tmp_path}/lake/batches/manual__2026-11-20"


def test_the_extensions_are_the_files_inside_the_installed_wheels():
    assert duckdb.__version__ == "1.5.5"  # the version the wheels are built for
    for name, package in (
        ("ducklake", "duckdb_extension_ducklake"),
        ("postgres_scanner", "duckdb_extension_postgres_scanner"),
    ):
        path = extension_path(name)
        assert path.is_file() and path.stat().st_size > 1_000_000
        assert package in path.parts and path.parent.name == "v1.5.5"
    con = duckdb.connect()
    con.execute("set autoinstall_known_extensions = false")
    con.execute(f"load '{extension_path('ducklake')}'")
    loaded = dict(
        con.execute(
            "select extension_name, install_path from duckdb_extensions() "
            "where loaded and extension_name = 'ducklake'"
        ).fetchall()
    )
    assert "ducklake" in loaded


@pytest.mark.slow
def test_cli_run_into_a_ducklake_equals_the_duckdb_file(seeded, tmp_path):
    """`pledgewatch run --warehouse ducklake:...` (relative paths, from another folder), then
    the same checks as on the file: the same rows in every table and mart, a re-run finds
    nothing new, `validate` passes."""
    url = "ducklake:lake/catalog.ducklake?data_path=lake/data/"
    run = cli("run", "--warehouse", url, "--report-dir", "reports", "--quiet", cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "PUBLISHED" in run.stderr
    lake_url = warehouse_location(url.replace("lake/", f"{tmp_path}/lake/"))

    file_cfg, _ = seeded
    assert differences(Path(file_cfg.warehouse), str(lake_url)) == {}
    con = connect_lake(str(lake_url), read_only=True)
    try:
        n = counts(con)
        assert n["core.inputs"] == len(list(SEEDS.glob("*.txt")))
        assert n["core.commitments"] > 0 and n["core.statements"] > 0
        for mart in MARTS:
            assert n[mart] > 0, mart
        # the data are Parquet files in the data folder the URL names
        files = con.execute(
            "select data_file from ducklake_list_files('pledgewatch_lake', 'articles', schema => 'core')"
        ).fetchall()
        assert files and all(
            f.startswith(f"{tmp_path}/lake/data/") and f.endswith(".parquet") for (f,) in files
        )
    finally:
        con.close()
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()

    again = cli("run", "--warehouse", url, "--report-dir", "reports", "--quiet", cwd=tmp_path)
    assert again.returncode == 0 and "NOTHING_NEW" in again.stderr, again.stderr[-2000:]
    validate = cli("validate", "--warehouse", url, cwd=tmp_path)
    assert validate.returncode == 0, validate.stdout[-3000:] + validate.stderr[-2000:]


@pytest.mark.slow
def test_two_processes_loading_one_lake_both_land_and_a_busy_lake_is_reported(tmp_path):
    """Two CLI runs started together on one lake (disjoint inputs, `--wait`): one waits for the
    other, both publish, every input once. A run without `--wait` on a held lake exits 75."""
    url = f"ducklake:{tmp_path}/lake/catalog.ducklake?data_path={tmp_path}/lake/data/"
    seeds = sorted(SEEDS.glob("*.txt"))[:4]
    halves = [seeds[:2], seeds[2:]]
    for i, half in enumerate(halves):
        (tmp_path / f"in{i}").mkdir()
        for f in half:
            (tmp_path / f"in{i}" / f.name).write_bytes(f.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_WAREHOUSE"}
    procs = [
        subprocess.Popen(
            [
                str(PLEDGEWATCH),
                "run",
                "--warehouse",
                url,
                "--input",
                str(tmp_path / f"in{i}"),
                "--report-dir",
                str(tmp_path / f"r{i}"),
                "--wait",
                "300",
                "--quiet",
                "--workers",
                "1",
            ],
            env=env,
            text=True,
            stderr=subprocess.PIPE,
            cwd=PROJECT_ROOT,
        )
        for i in range(2)
    ]
    outs = [p.communicate(timeout=400)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("PUBLISHED" in o for o in outs), outs

    con = connect_lake(url, read_only=True)
    try:
        assert con.execute("select status, count(*) from core.runs group by all").fetchall() == [
            ("published", 2)
        ]
        assert con.execute(
            "select count(*), count(distinct input_id), count(distinct run_id) "
            "from core.inputs where outcome = 'loaded'"
        ).fetchone() == (4, 4, 2)
        for table, key in (
            ("core.articles", "article_id"),
            ("core.sentences", "sentence_id"),
            ("core.statements", "statement_id"),
            ("raw.documents", "raw_id"),
        ):
            total, distinct = con.execute(f"select count(*), count(distinct {key}) from {table}").fetchone()
            assert total == distinct > 0, table
    finally:
        con.close()

    from pipeline.run import RunBusy

    with lake_lock(url, 0, RunBusy):  # as a run holding the lake would
        busy = cli(
            "run", "--warehouse", url, "--input", str(tmp_path / "in0"), "--quiet", cwd=tmp_path, timeout=120
        )
        assert busy.returncode == 75, busy.stderr[-2000:]
        assert "another pledgewatch run is using ducklake:" in busy.stderr


def test_a_lake_gets_the_schema_without_constraints_and_missing_columns_added(tmp_path):
    from pipeline.warehouse import connect, init_schema
    from pipeline.warehouse.lake import schema_primary_keys

    url = f"ducklake:{tmp_path}/catalog.ducklake"
    con = connect(url)
    try:
        init_schema(con)
        assert con.execute(
            "select count(*) from duckdb_constraints() where database_name = "
            "'pledgewatch_lake' and constraint_type = 'PRIMARY KEY'"
        ).fetchone() == (0,)
        # an older lake, before a column existed: the next run's init_schema adds it
        con.execute("alter table core.commitments drop column amount_usd")
        init_schema(con)
        cols = {
            c
            for (c,) in con.execute(
                "select column_name from duckdb_columns() where database_name = 'pledgewatch_lake' "
                "and schema_name = 'core' and table_name = 'commitments'"
            ).fetchall()
        }
        assert "amount_usd" in cols
        lake_tables = {
            t
            for (t,) in con.execute(
                "select schema_name || '.' || table_name from duckdb_tables() "
                "where database_name = 'pledgewatch_lake'"
            ).fetchall()
        }
    finally:
        con.close()
    file_con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        init_schema(file_con)
        file_tables = {
            t
            for (t,) in file_con.execute(
                "select schema_name || '.' || table_name from duckdb_tables()"
            ).fetchall()
        }
    finally:
        file_con.close()
    assert lake_tables == file_tables
    keys = schema_primary_keys()  # what publish merges on, as sql/schema declares it
    assert keys["core.articles"] == "article_id" and keys["raw.documents"] == "raw_id"
