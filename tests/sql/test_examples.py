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
        "group by 1 order by count(*) desc, 1 limit 1"
    ).fetchone()
    country = con.execute(
        "select committer_actor_id from core.commitments group by 1 order by count(*) desc, 1 limit 1"
    ).fetchone()
    commitment = con.execute(
        "select commitment_id from core.commitments order by commitment_id limit 1"
    ).fetchone()
    pledge = con.execute(
        "select pledge_id from core.pledges order by source_count desc, pledge_id limit 1"
    ).fetchone()
    return {
        "person": person[0] if person else "person:nobody",
        "country": country[0] if country else "deu",
        "commitment_id": commitment[0] if commitment else "",
        "pledge_id": pledge[0] if pledge else "",
    }


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
        # one count per (pledge, committer): a pledge reported by many articles counts once
        total = con.execute("select sum(committer_count) from core.pledges").fetchone()[0]
        rows_total = con.execute("select count(*) from core.commitments").fetchone()[0]
    assert 0 < total < rows_total  # the seeds report some undertakings in several articles
    assert sum(int(r[2]) + int(r[3]) for r in rows) == total


def test_articles_behind_a_pledge_lead_to_the_sentence(seeded):
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        vars_ = variables(con)
        sources = con.execute(
            "select source_count from core.pledges where pledge_id = ?", [vars_["pledge_id"]]
        ).fetchone()[0]
    sql = (SQL_DIR / "examples" / "04_articles_behind_a_pledge.sql").read_text()
    rows = via_python(cfg.warehouse, sql, vars_)
    assert rows, "a pledge has at least its evidence row"
    assert len({r[3] for r in rows}) == sources >= 2  # every article reporting it
    for r in rows:
        assert r[-1] == r[-2]  # body slice == evidence text


def test_money_pledged_counts_each_pledge_once(seeded):
    """05 sums marts.pledges_by_committer: per committer, the USD of its own pledges equals the
    sum over core.pledges (each pledge once, parts of its own packages left out)."""
    cfg, _ = seeded
    sql = (SQL_DIR / "examples" / "05_money_pledged.sql").read_text()
    rows = via_python(cfg.warehouse, sql, {})
    assert rows
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        expected = dict(
            con.execute(
                "select c, round(sum(amount_usd)) from (select unnest(p.committers) as c, p.amount_usd"
                " from core.pledges as p left join core.pledges as k on k.pledge_id = p.part_of_pledge_id"
                " where p.polarity = 'positive' and p.committer_count = 1"
                " and coalesce(p.basis, 'own') = 'own' and p.amount_usd is not null"
                " and not coalesce(k.committers = p.committers and k.amount_value is not null, false))"
                " group by c"
            ).fetchall()
        )
    own = {r[0]: float(r[5]) for r in rows if r[2] == "own"}
    assert own == {k: float(v) for k, v in expected.items()}


def test_the_readme_questions_run_on_the_seeds(seeded):
    """The five questions in README.md's analyst section run and answer from the seeds."""
    from pipeline.config import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sql") + len("```sql")
    block = readme[start : readme.index("```", start)]
    queries = [
        "\n".join(line for line in q.splitlines() if not line.strip().startswith("--")).strip()
        for q in block.split(";")
    ]
    queries = [q for q in queries if q]
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        answers = [con.execute(q).fetchall() for q in queries]
    assert len(answers) == 5
    donors = {row[0]: row for row in answers[0]}
    assert donors["Japan"][3] == 4500.0  # its $4.5bn for Ukraine (newmail seed), once
    assert all(answers[i] for i in (0, 1, 2, 3))  # pledges, this week's, refusals, conditions
