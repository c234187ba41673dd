"""End to end over seeds/: the real pipeline into a real DuckDB file."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import duckdb
import pytest

from pipeline.extract.version import RULES_VERSION, rules_version
from pipeline.run import run_pipeline
from tests.conftest import SEEDS, make_config

if TYPE_CHECKING:
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
    "marts.fct_commitments",
    "marts.commitments_by_actor",
    "marts.statement_feed",
    "marts.commitment_sources",
]

SPANS = {
    "core.sentences": ["sentence"],
    "core.statements": ["source", "cue", "content", "evidence"],
    "core.commitments": ["evidence"],
    "core.commitment_conditions": ["condition"],
    "core.commitment_quantities": ["quantity"],
    "core.commitment_mentions": ["mention"],
    "core.actor_mentions": ["mention"],
}


def counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def test_seed_article_is_loaded_with_sentences_statements_commitments(seeded):
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        seed = con.execute(
            "select article_id, title, body, language from core.articles where doc_id = 'seed'"
        ).fetchall()
        assert len(seed) == 1
        aid, title, body, language = seed[0]
        assert title.startswith("Berlin plans to strengthen Kyiv's air defenses")
        assert body.startswith("Germany will propose assistance")
        assert language == "en"
        n_sent = con.execute("select count(*) from core.sentences where article_id = ?", [aid]).fetchone()[0]
        assert n_sent >= 10
        n_st = con.execute("select count(*) from core.statements where article_id = ?", [aid]).fetchone()[0]
        n_cm = con.execute("select count(*) from core.commitments where article_id = ?", [aid]).fetchone()[0]
        assert n_st >= 1 and n_cm >= 1
        versions = con.execute(
            "select distinct rules_version from core.statements union "
            "select distinct rules_version from core.commitments union "
            "select rules_version from core.runs"
        ).fetchall()
        assert versions == [(rules_version(),)] and rules_version() == RULES_VERSION


@pytest.mark.parametrize("table", sorted(SPANS))
def test_every_span_text_equals_the_body_slice(seeded, table):
    cfg, _ = seeded
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        for name in SPANS[table]:
            rows = con.execute(
                f"select t.{name}_start, t.{name}_end, t.{name}_text, a.body "
                f"from {table} t join core.articles a using (article_id) "
                f"where t.{name}_start is not null"
            ).fetchall()
            for start, end, text, body in rows:
                assert 0 <= start <= end <= len(body)
                assert body[start:end] == text, (table, name, start, end)


def test_second_run_changes_no_data_table(seeded, tmp_path):
    cfg, _ = seeded
    warehouse = tmp_path / "copy.duckdb"
    shutil.copy(cfg.warehouse, warehouse)
    before = counts(warehouse)
    again = run_pipeline(make_config(tmp_path, warehouse=warehouse))
    assert again.status == "nothing_new"
    assert again.inputs["skipped_known"] == len(list(SEEDS.glob("*.txt")))
    assert counts(warehouse) == before


def test_same_text_in_another_file_is_one_article_and_a_recorded_duplicate(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    seed = (SEEDS / "seed.txt").read_text(encoding="utf-8")
    (src / "a.txt").write_text(seed, encoding="utf-8")
    (src / "b.txt").write_text(seed, encoding="utf-8")  # same bytes
    title, _, body = seed.partition("\n")
    (src / "c.txt").write_text("Another headline\n\n" + body + "\n", encoding="utf-8")  # same text
    result = run_pipeline(make_config(tmp_path, [str(src)]))
    assert result.status == "published"
    assert result.inputs["loaded"] == 1 and result.inputs["duplicate"] == 2
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from core.articles").fetchone()[0] == 1
        rows = con.execute(
            "select source, outcome, duplicate_of is not null, reason from core.inputs order by source"
        ).fetchall()
    assert [r[1] for r in rows] == ["loaded", "duplicate", "duplicate"]
    assert rows[1][2] and rows[2][2]
    assert "same bytes" in rows[1][3] and "same article text" in rows[2][3]


# Slow (~15 s: a pool of two worker processes, each loading the models): the fast suite proves
# that a run in worker processes loads every article (test_bench.py's `bench_run` tests); the
# slow suite also compares a run whose worker started ahead with `seeded` (test_fixed_cost.py).
# This one adds batches split across the two workers; `make test` runs it.
@pytest.mark.slow
def test_parallel_workers_give_the_same_rows_as_one(seeded, tmp_path):
    cfg, _ = seeded
    result = run_pipeline(make_config(tmp_path, workers=2, batch_size=3))
    assert result.status == "published"
    assert counts(tmp_path / "w.duckdb") == counts(cfg.warehouse)


@pytest.mark.parametrize("name", ["core.duckdb", "marts.duckdb"])
def test_a_warehouse_named_like_a_layer_is_refused_with_a_reason(tmp_path, name):
    from pipeline.warehouse import WarehouseError, connect

    with pytest.raises(WarehouseError, match="clashes with the schema"):
        connect(tmp_path / name)


def test_a_cli_run_keeps_a_scheduler_runs_staged_rows(tmp_path):
    """A DAG run sits between its load and validate tasks; a CLI run on the same warehouse
    must neither abandon it nor clear its staging."""
    from pipeline.process import process_batch
    from pipeline.run import Deduplicator, begin_run, stage_batch
    from pipeline.warehouse import connect
    from tests.test_robustness import make_corpus

    corpus = make_corpus(tmp_path / "dag", 3, seed=5)
    cfg = make_config(tmp_path, [str(corpus)])
    con = connect(cfg.warehouse)
    try:
        begin_run(con, cfg, "dag-run-1", exclusive=False)
        from pipeline.ingest import discover

        raws = list(discover([str(corpus)], cfg))
        stage_batch(con, Deduplicator(con), process_batch(raws, "dag-run-1", "2026-01-01T00:00:00"))
    finally:
        con.close()
    assert run_pipeline(make_config(tmp_path, [str(SEEDS / "seed.txt")])).status == "published"  # the CLI
    with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
        status = con.execute("select status from core.runs where run_id = 'dag-run-1'").fetchone()
        staged = con.execute("select count(*) from staging.inputs where run_id = 'dag-run-1'").fetchone()
    assert status == ("running",)
    assert staged == (3,)
