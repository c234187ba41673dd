"""One orchestration (issue 19) and the CLI's habits (17.4): the DAG's steps and the CLI's run
call the same step functions and build the same warehouse; results on stdout, logs on stderr;
`export`; a report that cannot be written fails the step; a run with nothing new never loads
Great Expectations or the NLP pipeline."""

from __future__ import annotations

import csv
import io
import json
import logging
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from pipeline.batches import extract_batch, plan_batches, run_config
from pipeline.cli import main
from pipeline.config import PROJECT_ROOT
from pipeline.run import ReportFailed, load_batches, publish_step, report_step, run_pipeline, validate_step
from tests.conftest import SEEDS, make_config

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TABLES = [
    "raw.documents",
    "core.inputs",
    "core.articles",
    "core.sentences",
    "core.actors",
    "core.actor_mentions",
    "core.statements",
    "core.commitments",
    "core.commitment_conditions",
    "core.commitment_quantities",
    "core.commitment_mentions",
    "core.pledges",
    "marts.fct_commitments",
    "marts.statement_feed",
    "marts.commitment_sources",
    "marts.commitments_by_actor",
    "marts.fct_pledges",
]
FILES = [
    str(SEEDS / "seed.txt"),
    str(SEEDS / "unn-scholz-no-taurus.txt"),
    str(SEEDS / "newmail-g7-50bn-loan.txt"),
]


def fingerprint(path: Path) -> dict[str, list[Any]]:
    """Every table's rows without the run ids and times that differ between two runs."""
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for t in TABLES:
            cols = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema || '.' || table_name = ? order by ordinal_position",
                    [t],
                ).fetchall()
                if c not in ("run_id", "recorded_at", "fetched_at", "linked_run_id", "reported_on", "content")
                and not c.endswith("_at")
            ]
            rows = con.execute(f"select {', '.join(cols)} from {t}").fetchall()
            out[t] = sorted(map(repr, rows))
    return out


@pytest.fixture
def cli_logging() -> Iterator[None]:
    """`main()` installs the CLI's handler on the `pipeline` logger; put the logger back after."""
    logger = logging.getLogger("pipeline")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]


def test_the_dag_steps_and_the_cli_run_build_the_same_warehouse(tmp_path: Path) -> None:
    cli = run_pipeline(make_config(tmp_path / "cli", FILES))
    assert cli.status == "published"
    cfg = run_config(warehouse=str(tmp_path / "dag" / "w.duckdb"), report_dir=str(tmp_path / "dag" / "r"))
    dirs = [extract_batch(p["files"], p["dir"], "dag-1") for p in plan_batches(FILES, 2, str(tmp_path / "b"))]
    loaded = load_batches(cfg, "dag-1", dirs)
    assert loaded.status == "running" and loaded.files == 3
    assert validate_step(cfg, "dag-1").status == "running"
    published = publish_step(cfg, "dag-1")
    assert published.status == "published" and published.counts == cli.counts
    assert report_step(cfg, "dag-1").report_path is not None
    assert fingerprint(tmp_path / "dag" / "w.duckdb") == fingerprint(tmp_path / "cli" / "w.duckdb")
    assert loaded.inputs == cli.inputs


def test_a_report_that_cannot_be_written_fails_the_report_step(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the report folder should be")
    cfg = run_config(warehouse=str(tmp_path / "w.duckdb"), report_dir=str(blocker))
    batch = extract_batch([str(SEEDS / "seed.txt")], str(tmp_path / "b0"), "run-r")
    load_batches(cfg, "run-r", [batch])
    validate_step(cfg, "run-r")
    assert publish_step(cfg, "run-r").status == "published"
    with pytest.raises(ReportFailed, match="report not written"):
        report_step(cfg, "run-r")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        status, error = con.execute("select status, error from core.runs").fetchone()  # type: ignore[misc]
        assert con.execute("select count(*) from marts.fct_commitments").fetchone()[0] > 0  # type: ignore[index]
    assert status == "published" and "report not written" in error


def test_run_summary_on_stdout_as_json_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_logging: None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed.txt", "unn-scholz-no-taurus.txt"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "empty.txt").write_text("")
    args = ["run", "--input", str(folder), "--warehouse", str(tmp_path / "w.duckdb")]
    code = main([*args, "--report-dir", str(tmp_path / "r"), "--workers", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    summary = json.loads(out)  # stdout is the summary alone
    assert summary["status"] == "published" and summary["exit_code"] == 0
    assert summary["files"] == 3
    assert summary["inputs"]["loaded"] == 2 and summary["inputs"]["rejected"] == 1
    assert summary["counts"]["articles"] == 2
    lines = err.strip().splitlines()
    assert all(line.startswith("[pledgewatch] ") for line in lines), err
    assert "3 file(s) in 1 folder(s)" in lines[0]  # files, not "1 input(s)" alone
    assert any("ingested: 3 file(s)" in line for line in lines)
    assert "PUBLISHED (exit 0)" in lines[-1]

    # a re-run: nothing new, a human summary on stdout; --quiet keeps only the closing line
    code = main([*args, "--report-dir", str(tmp_path / "r"), "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith("run ") and "NOTHING_NEW" in out.splitlines()[0]
    assert "read: 3 file(s), 3 document(s)" in out
    assert err.strip().splitlines() == [err.strip()] and "NOTHING_NEW (exit 0)" in err


@pytest.fixture(scope="module")
def exported(seeded: tuple[Any, Any]) -> Path:
    cfg, _ = seeded
    return cfg.warehouse  # type: ignore[no-any-return]


def test_export_csv_and_parquet_equal_the_table(
    exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_logging: None
) -> None:
    with duckdb.connect(str(exported), read_only=True) as con:
        n = con.execute("select count(*) from marts.fct_commitments").fetchone()[0]  # type: ignore[index]
        ids = sorted(r[0] for r in con.execute("select commitment_id from marts.fct_commitments").fetchall())
    assert n > 0
    out = tmp_path / "x" / "fct.csv"
    wh = ["--warehouse", str(exported)]
    assert main(["export", "marts.fct_commitments", "--format", "csv", "--out", str(out), *wh]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == n and sorted(r["commitment_id"] for r in rows) == ids
    pq = tmp_path / "fct.parquet"
    assert main(["export", "fct_commitments", "--format", "parquet", "--out", str(pq), *wh]) == 0
    with duckdb.connect() as con:
        got = sorted(
            r[0] for r in con.execute("select commitment_id from read_parquet(?)", [str(pq)]).fetchall()
        )
    assert got == ids
    capsys.readouterr()
    # no --out: CSV on stdout, the log line on stderr
    assert main(["export", "core.articles", *wh]) == 0
    out_text, err = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(out_text)))) == len(list(SEEDS.glob("*.txt")))
    assert "exported core.articles" in err


@pytest.mark.parametrize(
    "table",
    ["marts.nope", "raw.documents", "marts.fct_commitments; drop table core.articles", 'core"."articles'],
)
def test_export_refuses_a_table_not_in_the_catalogue(
    exported: Path, table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_logging: None
) -> None:
    code = main(["export", table, "--out", str(tmp_path / "x.csv"), "--warehouse", str(exported)])
    _, err = capsys.readouterr()
    assert code == 2 and "no core or mart table" in err and "marts.fct_commitments" in err
    assert not (tmp_path / "x.csv").exists()
    with duckdb.connect(str(exported), read_only=True) as con:
        assert con.execute("select count(*) from core.articles").fetchone()[0] > 0  # type: ignore[index]


_NOTHING_NEW = """
import sys
from pathlib import Path
from pipeline.config import RunConfig
from pipeline.run import run_pipeline
cfg = RunConfig(inputs=[sys.argv[2]], warehouse=Path(sys.argv[1]), report_dir=Path(sys.argv[3]), workers=1)
result = run_pipeline(cfg)
print(result.status, "great_expectations" in sys.modules, "spacy" in sys.modules)
"""


def test_a_run_with_nothing_new_loads_neither_gx_nor_the_nlp_pipeline(
    seeded: tuple[Any, Any], tmp_path: Path
) -> None:
    cfg, _ = seeded
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(cfg.warehouse, warehouse)
    done = subprocess.run(
        [sys.executable, "-c", _NOTHING_NEW, str(warehouse), str(SEEDS), str(tmp_path / "r")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["nothing_new", "False", "False"], done.stdout + done.stderr
    assert (tmp_path / "r" / "latest" / "index.html").is_file()  # the report is still written
