"""The GX session prepared ahead (`prepare_session`, the CLI run's warm-up thread): the same
suites, the same verdicts, and the gate still blocks."""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import threading
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from pipeline.config import EXPECTATIONS_DIR, RunConfig
from pipeline.quality import SUITE_NAMES, QualityError, validate_run
from pipeline.quality import validate as quality_validate
from pipeline.quality.validate import prepare_session
from pipeline.run import run_pipeline
from tests.conftest import SEEDS, make_config
from tests.quality.qa_rows import good_rows, insert_all

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def _session_context() -> Any:
    with quality_validate._SESSION_LOCK:
        return quality_validate._SESSION[0].context if quality_validate._SESSION else None


def _blocking_suites(tmp_path: Path) -> Path:
    """A copy of expectations/ whose articles suite also expects no article at all (blocking)."""
    suites = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    articles = json.loads((suites / "articles.json").read_text(encoding="utf-8"))
    articles["expectations"].append(
        {
            "type": "expect_table_row_count_to_be_between",
            "kwargs": {"min_value": 0, "max_value": 0},
            "meta": {"name": "no_article_at_all"},
        }
    )
    (suites / "articles.json").write_text(json.dumps(articles), encoding="utf-8")
    return suites / "blocking.json"


def test_a_prepared_session_is_the_one_the_validation_uses(
    warehouse: duckdb.DuckDBPyConnection, config: RunConfig
) -> None:
    assert prepare_session(config) is True
    context = _session_context()
    assert {s.name for s in context.suites.all()} == set(SUITE_NAMES)

    insert_all(warehouse, "staging", good_rows("r1"))
    result = validate_run(warehouse, "r1", config=config)
    assert result.gx_context is context
    assert result.success, result.summary()
    assert result.rows_checked["articles"] == 1

    rows = good_rows("r2")
    rows["commitments"][0]["category"] = "weapons"
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r2", config=config)
    assert result.gx_context is context
    assert [o.name for o in result.failed_blocking()] == ["category_in_contract"]


def test_a_validation_waits_for_a_preparation_in_another_thread(
    warehouse: duckdb.DuckDBPyConnection, config: RunConfig, tmp_path: Path
) -> None:
    config.quality_config = _blocking_suites(tmp_path)  # new suites: the thread adds them
    insert_all(warehouse, "staging", good_rows("r1"))
    prepared: list[bool] = []
    thread = threading.Thread(target=lambda: prepared.append(prepare_session(config)))
    thread.start()
    result = validate_run(warehouse, "r1", config=config)
    thread.join()
    assert prepared == [True]
    assert result.gx_context is _session_context()
    assert [o.name for o in result.failed_blocking()] == ["no_article_at_all"]
    (outcome,) = result.failed_blocking()
    assert outcome.observed_value == 1


def test_a_failed_preparation_leaves_it_to_the_validation(
    warehouse: duckdb.DuckDBPyConnection, config: RunConfig, tmp_path: Path
) -> None:
    suites = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    (suites / "statements.json").write_text("{ not json", encoding="utf-8")
    config.quality_config = suites / "blocking.json"
    assert prepare_session(config) is False
    assert _session_context() is None  # dropped, not half-prepared
    insert_all(warehouse, "staging", good_rows("r1"))
    with pytest.raises(QualityError, match="cannot read suite"):  # the validation meets it
        validate_run(warehouse, "r1", config=config)
    # with the shipped suites again, a validation builds a new session and passes
    result = validate_run(warehouse, "r1", config=RunConfig(warehouse=config.warehouse))
    assert result.success and result.gx_context is _session_context()


@contextlib.contextmanager
def _run_log() -> Iterator[list[str]]:
    """The messages `pipeline.run` logs meanwhile, debug included."""
    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("pipeline.run")
    handler, level = Keep(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _articles(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("select count(*) from core.articles").fetchone()
        return int(row[0]) if row else -1


def test_a_run_blocks_on_a_failed_expectation_and_publishes_nothing(tmp_path: Path) -> None:
    """A run in one process (no warm-up thread): a blocking failure fails the run, names the
    expectation and publishes nothing; with the shipped suites the same input publishes."""
    cfg = make_config(tmp_path, inputs=[str(SEEDS / "seed.txt")], quality_config=_blocking_suites(tmp_path))
    result = run_pipeline(cfg)
    assert result.status == "failed" and result.exit_code == 1
    assert [e.split(":")[0] for e in result.failed_expectations] == ["articles.no_article_at_all"]
    assert _articles(tmp_path / "w.duckdb") == 0
    cfg.quality_config = EXPECTATIONS_DIR / "blocking.json"
    assert run_pipeline(cfg).status == "published"
    assert _articles(tmp_path / "w.duckdb") == 1


# Slow (three runs with worker processes, ~15 s): the fast suite proves its parts more cheaply:
# a blocking failure fails a run and publishes nothing (the test above), a validation waits for
# a preparation in another thread and uses its suites (test_a_validation_waits_for_a_preparation_
# in_another_thread), a run with nothing new loads no GX (test_orchestration.py's
# test_a_run_with_nothing_new_loads_neither_gx_nor_the_nlp_pipeline). `make test` still runs it.
@pytest.mark.slow
def test_the_warm_run_still_blocks_on_a_failed_expectation(tmp_path: Path) -> None:
    """With worker processes the run prepares GX while they extract; a blocking failure still
    fails the run and publishes nothing."""
    inputs = [str(SEEDS / "seed.txt"), str(SEEDS / "kiji-scholz-taurus-veto.txt")]
    cfg = make_config(tmp_path, inputs=inputs, workers=2, quality_config=_blocking_suites(tmp_path))
    with _run_log() as messages:
        result = run_pipeline(cfg)
    (warm,) = [m for m in messages if m.startswith("warm-up: staging")]
    assert warm.endswith("(ready)")  # the thread prepared the session before the validation
    assert result.status == "failed" and result.exit_code == 1
    assert [e.split(":")[0] for e in result.failed_expectations] == ["articles.no_article_at_all"]
    assert _articles(tmp_path / "w.duckdb") == 0
    # the suites the thread prepared are this run's (the extra expectation is in them)
    assert "no_article_at_all" in quality_validate._SESSION[0]._definitions["articles"][0]

    # the same inputs with the shipped suites publish, stamped with the workers' rules version
    from pipeline.extract.version import rules_version

    cfg.quality_config = EXPECTATIONS_DIR / "blocking.json"
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    with _run_log() as messages:  # nothing new: nothing warmed up, nothing validated
        assert run_pipeline(cfg).status == "nothing_new"
    assert not [m for m in messages if m.startswith("warm-up")]
    assert _articles(tmp_path / "w.duckdb") == 2
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        stamped = con.execute("select rules_version from core.runs where run_id = ?", [result.run_id])
        assert stamped.fetchone() == (rules_version(),)
        versions = con.execute("select list(distinct rules_version) from core.statements").fetchone()
        assert versions == ([rules_version()],)
