"""sql/marts/contract.yml against a warehouse built from seeds/ (the session's `seeded` run), the
way dbt checks schema.yml: every mart's columns and types equal the contract both ways, its grain
is unique, and the column tests (not_null, unique, accepted_values) pass on the real rows."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
import pytest
import yaml

from pipeline.config import SQL_DIR
from pipeline.warehouse.db import allowed_values

CONTRACT_FILE = SQL_DIR / "marts" / "contract.yml"
KNOWN_TESTS = {"not_null", "unique", "accepted_values"}


@cache
def contract() -> dict[str, dict[str, Any]]:
    """{mart: its entry} from contract.yml."""
    data = yaml.safe_load(CONTRACT_FILE.read_text(encoding="utf-8"))
    return {m["name"]: m for m in data["marts"]}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def accepted(spec: dict[str, Any]) -> list[str]:
    """The values an `accepted_values` test allows: its list, or an expectation's value_set."""
    if "expectation" in spec:
        suite, name = spec["expectation"].split("/")
        return list(allowed_values(suite, name))
    return [str(v) for v in spec["values"]]


def actual_columns(con: duckdb.DuckDBPyConnection, mart: str) -> dict[str, str]:
    """{column: DuckDB type} of marts.<mart> in the connection's default catalog."""
    return dict(
        con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = current_database() "
            "and schema_name = 'marts' and table_name = ? order by column_index",
            [mart],
        ).fetchall()
    )


def contract_problems(con: duckdb.DuckDBPyConnection, mart: str) -> list[str]:
    """What in marts.<mart> breaks its contract (empty: none), each problem in words."""
    entry = contract()[mart]
    documented = {c["name"]: c for c in entry["columns"]}
    actual = actual_columns(con, mart)
    problems = [f"undocumented column {c} ({t})" for c, t in actual.items() if c not in documented]
    problems += [f"documented column {c} is missing" for c in documented if c not in actual]
    problems += [
        f"column {c} is {actual[c]}, the contract says {col['type']}"
        for c, col in documented.items()
        if c in actual and actual[c] != col["type"]
    ]
    if problems:
        return problems  # the tests below need the documented columns
    table = f"marts.{_ident(mart)}"
    grain = ", ".join(_ident(c) for c in entry["grain"])
    dupes = con.execute(
        f"select count(*) from (select {grain} from {table} group by all having count(*) > 1)"
    ).fetchone()[0]
    if dupes:
        problems.append(f"grain ({', '.join(entry['grain'])}) not unique: {dupes} key(s) repeat")
    for name, col in documented.items():
        column = _ident(name)
        for test in col.get("tests", []):
            kind, spec = (test, {}) if isinstance(test, str) else next(iter(test.items()))
            if kind == "not_null":
                n = con.execute(f"select count(*) from {table} where {column} is null").fetchone()[0]
                if n:
                    problems.append(f"{name}: {n} null(s)")
            elif kind == "unique":
                n = con.execute(
                    f"select count(*) - count(distinct {column}) from {table} where {column} is not null"
                ).fetchone()[0]
                if n:
                    problems.append(f"{name}: {n} repeated value(s)")
            elif kind == "accepted_values":
                values = ", ".join(_literal(v) for v in accepted(spec))
                bad = con.execute(
                    f"select distinct {column} from {table} where {column} not in ({values}) order by 1"
                ).fetchall()
                if bad:
                    problems.append(f"{name}: values not accepted: {[b[0] for b in bad]}")
    return problems


@pytest.fixture(scope="module")
def marts_con(seeded: Any) -> Any:
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        yield con


def test_contract_is_well_formed() -> None:
    marts = contract()
    assert set(marts) == {f.stem for f in (SQL_DIR / "marts").glob("*.sql")}, "one entry per mart file"
    for name, entry in marts.items():
        assert entry.get("description"), name
        names = [c["name"] for c in entry["columns"]]
        assert len(names) == len(set(names)), f"{name}: a column documented twice"
        assert entry["grain"] and set(entry["grain"]) <= set(names), f"{name}: grain columns documented"
        for col in entry["columns"]:
            assert col.get("type") and col.get("description"), f"{name}.{col['name']}"
            for test in col.get("tests", []):
                kind = test if isinstance(test, str) else next(iter(test))
                assert kind in KNOWN_TESTS, f"{name}.{col['name']}: unknown test {kind}"
                if kind == "accepted_values":
                    assert accepted(test[kind]), f"{name}.{col['name']}: no accepted values"


def test_the_warehouse_has_exactly_the_documented_marts(marts_con: duckdb.DuckDBPyConnection) -> None:
    built = {
        t
        for (t,) in marts_con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "and schema_name = 'marts'"
        ).fetchall()
    }
    assert built == set(contract())


@pytest.mark.parametrize("mart", sorted(contract()))
def test_mart_matches_its_contract(marts_con: duckdb.DuckDBPyConnection, mart: str) -> None:
    assert contract_problems(marts_con, mart) == []
    # the seeds give every analyst mart rows (an empty mart would test nothing)
    if mart != "review_queue":
        assert marts_con.execute(f"select count(*) from marts.{mart}").fetchone()[0] > 0


def test_a_mart_that_breaks_the_contract_is_caught(marts_con: duckdb.DuckDBPyConnection) -> None:
    """The check finds an undocumented column, a missing one, a changed type, a repeated grain
    and a value outside the accepted ones, on a copy of marts.fct_pledges."""
    cfg_db = marts_con.execute("select current_database()").fetchone()[0]
    with duckdb.connect() as con:
        con.execute(f"attach '{_db_path(marts_con, cfg_db)}' as seeded (read_only)")
        con.execute("create schema marts")
        con.execute("create table marts.fct_pledges as select * from seeded.marts.fct_pledges")
        assert contract_problems(con, "fct_pledges") == []
        con.execute("alter table marts.fct_pledges add column extra integer")
        con.execute("alter table marts.fct_pledges drop column amount_eur")
        con.execute("alter table marts.fct_pledges alter column source_count type bigint")
        problems = contract_problems(con, "fct_pledges")
        assert problems == [
            "undocumented column extra (INTEGER)",
            "documented column amount_eur is missing",
            "column source_count is BIGINT, the contract says INTEGER",
        ]
        con.execute("drop table marts.fct_pledges")
        con.execute("create table marts.fct_pledges as select * from seeded.marts.fct_pledges")
        con.execute(
            "insert into marts.fct_pledges select * replace ('other' as pledge_kind) "
            "from seeded.marts.fct_pledges limit 1"
        )
        problems = contract_problems(con, "fct_pledges")
        assert problems == [
            "grain (pledge_id) not unique: 1 key(s) repeat",
            "pledge_id: 1 repeated value(s)",
            "pledge_kind: values not accepted: ['other']",
        ]


def _db_path(con: duckdb.DuckDBPyConnection, catalog: str) -> str:
    row = con.execute("select path from duckdb_databases() where database_name = ?", [catalog]).fetchone()
    return str(row[0])
