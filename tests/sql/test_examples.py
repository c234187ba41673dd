"""The analyst examples in sql/examples/ run the same through the duckdb CLI, Python and SQLAlchemy."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from pipeline.config import SQL_DIR

EXAMPLES = sorted((SQL_DIR / "examples").glob("*.sql"))
DUCKDB_CLI = shutil.which("duckdb") or str(Path(sys.executable).with_name("duckdb"))


def variables(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Values for the examples' variables taken from the warehouse itself."""
    person = con.execute(
        "select source_actor_id from core.statements where source_actor_id like 'person:%' "
        "group by 1 order by count(*) desc, 1 limit 1").fetchone()
    country = con.execute(
        "select committer_actor_id from core.commitments group by 1 order by count(*) desc, 1 "
        "limit 1").fetchone()
    commitment = con.execute(
        "select commitment_id from core.commitments order by commitment_id limit 1").fetchone()
    return {"person": person[0] if person else "person:nobody",
            "country": country[0] if country else "deu",
            "commitment_id": commitment[0] if commitment else ""}


def _norm(rows: list[tuple]) -> list[tuple]:
    return [tuple("" if v is None else str(v) for v in r) for r in rows]


def via_python(path: Path, sql: str, vars_: dict[str, str]) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        for k, v in vars_.items():
            con.execute(f"set variable {k} = ?", [v])
        return _norm(con.execute(sql).fetchall())


def via_sqlalchemy(path: Path, sql: str, vars_: dict[str, str]) -> list[tuple]:
    engine = sa.create_engine(f"duckdb:///{path}", connect_args={"read_only": True})
    try:
        with engine.connect() as conn:
            for k, v in vars_.items():
                conn.exec_driver_sql(f"set variable {k} = '{v}'")  # values from our own warehouse
            return _norm([tuple(r) for r in conn.execute(sa.text(sql)).fetchall()])
    finally:
        engine.dispose()


def via_cli(path: Path, example: Path, vars_: dict[str, str]) -> list[tuple]:
    args = [DUCKDB_CLI, "-readonly", "-csv", str(path)]
    for k, v in vars_.items():
        args += ["-c", f"set variable {k} = '{v}'"]
    args += ["-c", f".read {example}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return [tuple(r) for r in rows[1:]]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_example_gives_the_same_rows_three_ways(seeded, example):
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        vars_ = variables(con)
    sql = example.read_text(encoding="utf-8")
    py_rows = via_python(cfg.warehouse, sql, vars_)
    assert via_sqlalchemy(cfg.warehouse, sql, vars_) == py_rows
    cli_rows = via_cli(cfg.warehouse, example, vars_)
    assert len(cli_rows) == len(py_rows)
    # the CLI prints lists/timestamps in its own format; compare the plain text columns
    assert [r[0] for r in cli_rows] == [r[0] for r in py_rows]


def test_commitments_by_committer_matches_core(seeded):
    cfg, _ = seeded
    sql = (SQL_DIR / "examples" / "01_commitments_by_committer_and_category.sql").read_text()
    rows = via_python(cfg.warehouse, sql, {})
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        total = con.execute("select count(*) from core.commitments").fetchone()[0]
    assert total > 0
    assert sum(int(r[2]) + int(r[3]) for r in rows) == total


def test_articles_behind_a_commitment_lead_to_the_sentence(seeded):
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        vars_ = variables(con)
    sql = (SQL_DIR / "examples" / "04_articles_behind_a_commitment.sql").read_text()
    rows = via_python(cfg.warehouse, sql, vars_)
    assert rows, "a commitment has at least its evidence row"
    for r in rows:
        assert r[-1] == r[-2]  # body slice == evidence text
