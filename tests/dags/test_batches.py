"""pipeline.batches: the drop-folder interval rule and batches as Parquet (no Airflow)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from pipeline.batches import interval_files, plan_batches, read_batch, run_root, write_batch
from pipeline.process import BatchResult

D20, D21, D22 = (datetime(2026, 11, d, tzinfo=UTC) for d in (20, 21, 22))


def test_dated_folders_and_modification_times_decide_the_interval(tmp_path):
    (tmp_path / "2026-11-20").mkdir()
    (tmp_path / "2026-11-21" / "feed").mkdir(parents=True)
    dated_20 = tmp_path / "2026-11-20" / "a.txt"
    dated_21 = tmp_path / "2026-11-21" / "feed" / "b.html"
    loose = tmp_path / "c.txt"
    for f in (dated_20, dated_21, loose):
        f.write_text("Text.")
    os.utime(loose, (D21.timestamp() + 3600, D21.timestamp() + 3600))  # arrived 21st, 01:00
    (tmp_path / "2026-11-20" / "notes.docx").write_text("not an input")
    (tmp_path / ".hidden.txt").write_text("hidden")

    assert interval_files(tmp_path, D20, D21) == [str(dated_20)]
    assert interval_files(tmp_path, D21, D22) == sorted([str(dated_21), str(loose)])
    assert interval_files(tmp_path, datetime(2026, 11, 19, tzinfo=UTC), D20) == []
    # no interval (a manual run without a logical date): every input file
    assert interval_files(tmp_path, None, None) == sorted(map(str, (dated_20, dated_21, loose)))


def test_plan_batches_never_empty_and_named_by_run(tmp_path):
    from pipeline.batches import run_config

    root = run_root(run_config(warehouse=str(tmp_path / "w.duckdb")), "scheduled__2026-11-20T00:00:00+00:00")
    assert root == str(tmp_path / "batches" / "scheduled__2026-11-20T00_00_00_00_00")
    plans = plan_batches([f"f{i}" for i in range(5)], 2, root)
    assert [len(p["files"]) for p in plans] == [2, 2, 1]
    assert len({p["dir"] for p in plans}) == 3
    assert plan_batches([], 2, root) == [{"files": [], "dir": f"{root}/batch-00000"}]


def test_batch_round_trip_keeps_rows_and_types(tmp_path):
    result = BatchResult()
    result.rows["inputs"].append(
        {
            "input_id": "i1",
            "raw_id": "r1",
            "source": "s",
            "source_kind": "txt",
            "doc_id": "d",
            "outcome": "rejected",
            "article_id": None,
            "duplicate_of": None,
            "reason": "empty",
            "run_id": "run",
            "recorded_at": "2026-11-20T10:00:00+00:00",
        }
    )
    result.skipped_language = 2
    write_batch(result, str(tmp_path / "b"))
    back = read_batch(str(tmp_path / "b"))
    row = back.rows["inputs"][0]
    assert row["input_id"] == "i1" and row["reason"] == "empty"
    assert row["recorded_at"] == datetime(2026, 11, 20, 10, 0)  # typed as staging (UTC)
    assert back.skipped_language == 2
    assert set(back.rows) == {"inputs"}
