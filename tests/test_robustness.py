"""Crashes, concurrent runs, hostile text and random documents (issue 7, run side).

Real processes, real SIGKILL, a real DuckDB file.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.models import RawDocument
from pipeline.process import process_batch
from pipeline.run import EXIT_BUSY, run_pipeline
from tests.conftest import SEEDS, make_config

if TYPE_CHECKING:
    from pipeline.config import RunConfig
    from pipeline.runstate import RunResult

# Articles in the corpus a killed or concurrent run loads. A run takes its lock before reading its
# first input and keeps it through validation and publishing (seconds of GX alone), while a second
# CLI reaches the lock in about a second, so a small corpus proves the same as a big one: the kill
# lands mid-run and every article is recorded once afterwards.
CORPUS = 24

MART_TABLES = [
    "marts.fct_commitments",
    "marts.commitments_by_actor",
    "marts.statement_feed",
    "marts.commitment_sources",
]
KEYED = {
    "core.articles": "article_id",
    "core.sentences": "sentence_id",
    "core.statements": "statement_id",
    "core.commitments": "commitment_id",
    "core.inputs": "input_id",
    "raw.documents": "raw_id",
}


def seed_sentences() -> list[str]:
    out = []
    for f in sorted(SEEDS.glob("*.txt")):
        body = f.read_text(encoding="utf-8").partition("\n")[2]
        out += [s.strip() + "." for s in body.replace("\n", " ").split(". ") if len(s) > 30]
    return out


def make_corpus(folder: Path, n: int, seed: int) -> Path:
    """n distinct articles recombined from the seeds' sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sentences = seed_sentences()
    for i in range(n):
        body = " ".join(rng.sample(sentences, 12))
        (folder / f"gen-{seed}-{i:05d}.txt").write_text(
            f"Generated article {seed}-{i}\n{body}\nReference {seed}-{i}.\n", encoding="utf-8"
        )
    return folder


def marts_fingerprint(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as con:
        out = {}
        for t in MART_TABLES:
            rows = con.execute(f"select * from {t}").fetchall()
            out[t] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
        return out


def cli(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float = 120) -> bool:
    """Read the run's progress lines until one contains needle (False if the run ended first)."""
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            return False
        if needle in line:
            return True
    raise TimeoutError(needle)


@pytest.fixture
def base(seeded: tuple[RunConfig, RunResult]) -> Path:
    """A warehouse with seeds/ published (the session's `seeds` run, tests/conftest.py), copied
    per test."""
    cfg, result = seeded
    assert result.status == "published"
    return Path(cfg.warehouse)


def copy_warehouse(base: Path, tmp: Path) -> Path:
    target = tmp / "w.duckdb"
    target.write_bytes(base.read_bytes())
    return target


@pytest.mark.parametrize(
    "stage_line",
    [
        "on 1 input(s)",  # while ingesting / parsing / extracting into staging
        "ingested:",  # while validating
        "validation passed; publishing",  # at the publish transaction
    ],
)
@pytest.mark.slow
def test_sigkill_leaves_marts_and_next_run_completes(base, tmp_path, stage_line):
    warehouse = copy_warehouse(base, tmp_path)
    before = marts_fingerprint(warehouse)
    corpus = make_corpus(tmp_path / "in", CORPUS, seed=7)
    proc = cli(
        [
            "run",
            "--input",
            str(corpus),
            "--warehouse",
            str(warehouse),
            "--report-dir",
            str(tmp_path / "r"),
            "--workers",
            "1",
        ]
    )
    reached = wait_for_line(proc, stage_line)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after_kill = marts_fingerprint(warehouse)
    if stage_line != "validation passed; publishing":
        assert reached
        assert after_kill == before, "a killed run must leave the published marts as they were"
    else:
        # killed at the publish transaction: all of it happened or none of it did
        with duckdb.connect(str(warehouse), read_only=True) as con:
            new_articles = con.execute(
                "select count(*) from core.inputs where source like ?", [f"{corpus}%"]
            ).fetchone()[0]
            core_n = con.execute("select count(*) from core.commitments").fetchone()[0]
            mart_n = con.execute("select count(*) from marts.fct_commitments").fetchone()[0]
        if after_kill == before:
            assert new_articles == 0
        else:
            assert new_articles == CORPUS and core_n == mart_n
    # the next run completes, with every input recorded exactly once and no duplicate keys
    again = run_pipeline(make_config(tmp_path, [str(corpus)], warehouse=warehouse))
    assert again.status in ("published", "nothing_new"), again.summary()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table, key in KEYED.items():
            n, distinct = con.execute(f"select count(*), count(distinct {key}) from {table}").fetchone()
            assert n == distinct, table
        recorded = con.execute(
            "select count(distinct source) from core.inputs where source like ?", [f"{corpus}%"]
        ).fetchone()[0]
        assert recorded == CORPUS
        assert con.execute("select count(*) from core.runs where status = 'running'").fetchone()[0] == 0
    assert marts_fingerprint(warehouse) != before  # the new articles are published now


@pytest.mark.slow
def test_second_run_on_same_warehouse_exits_at_once_with_a_clear_message(base, tmp_path):
    warehouse = copy_warehouse(base, tmp_path)
    corpus = make_corpus(tmp_path / "in", CORPUS, seed=11)
    first = cli(
        [
            "run",
            "--input",
            str(corpus),
            "--warehouse",
            str(warehouse),
            "--report-dir",
            str(tmp_path / "r"),
            "--workers",
            "1",
        ]
    )
    try:
        assert wait_for_line(first, "on 1 input(s)")
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline.cli",
                "run",
                "--input",
                str(SEEDS),
                "--warehouse",
                str(warehouse),
                "--report-dir",
                str(tmp_path / "r2"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == EXIT_BUSY
        assert "another pledgewatch run is using" in second.stderr
        # a third one that waits gets its turn once the first is done, and finds nothing new
        third = cli(
            [
                "run",
                "--input",
                str(corpus),
                "--warehouse",
                str(warehouse),
                "--report-dir",
                str(tmp_path / "r3"),
                "--wait",
                "300",
                "--quiet",
            ]
        )
        assert first.wait(timeout=300) == 0
        out, err = third.communicate(timeout=300)
        assert third.returncode == 0, err
        assert "NOTHING_NEW" in err
    finally:
        first.kill()


HOSTILE_TITLE = "Robert'); drop table core.articles; -- <script>alert('x')</script>"
HOSTILE_BODY = (
    "The ministry said that '; delete from core.commitments; -- would never run. "
    "Germany will provide $5 million to Ukraine, officials said on Monday. "
    "<script>document.title='pwned'</script> \"); attach 'evil.db' as e; --"
)


def test_hostile_text_is_stored_verbatim_and_never_runs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "hostile.txt").write_text(f"{HOSTILE_TITLE}\n{HOSTILE_BODY}\n", encoding="utf-8")
    result = run_pipeline(make_config(tmp_path, [str(src)]))
    assert result.status == "published", result.summary()
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        title, body = con.execute("select title, body from core.articles").fetchone()
        assert title == HOSTILE_TITLE
        assert body == HOSTILE_BODY
        assert con.execute("select count(*) from core.articles").fetchone()[0] == 1
        tables = {
            r[0]
            for r in con.execute(
                "select table_schema || '.' || table_name from information_schema.tables"
            ).fetchall()
        }
        assert {"core.articles", "core.commitments"} <= tables
        databases = {r[0] for r in con.execute("select database_name from duckdb_databases()").fetchall()}
        assert "e" not in databases


# ---- property-based: random and mutated documents through parse and extract ----

_sentences = seed_sentences()
_text = st.one_of(
    st.text(min_size=0, max_size=400),
    st.lists(st.sampled_from(_sentences), min_size=1, max_size=6).map(" ".join),
    st.tuples(
        st.lists(st.sampled_from(_sentences), min_size=1, max_size=4).map(" ".join),
        st.text(max_size=40),
        st.integers(0, 300),
    ).map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s), body=_text)
def test_random_documents_keep_the_span_invariants(title, body):
    raw = RawDocument(
        source="hypothesis.txt",
        content=f"{title}\n{body}".encode(),
        source_kind="txt",
        fetched_at="2026-01-01T00:00:00+00:00",
        doc_id="h",
    )
    result = process_batch([raw], "run-h", "2026-01-01T00:00:00+00:00")
    (outcome,) = result.rows["inputs"]
    assert outcome["outcome"] in ("loaded", "rejected")
    if outcome["outcome"] == "rejected":
        assert outcome["reason"]
        return
    (article,) = result.rows["articles"]
    text = article["body"]
    assert text.strip()
    spans = {
        "sentences": ["sentence"],
        "statements": ["source", "cue", "content", "evidence"],
        "commitments": ["evidence"],
        "commitment_conditions": ["condition"],
        "commitment_mentions": ["mention"],
        "actor_mentions": ["mention"],
        "commitment_quantities": ["quantity"],
    }
    for table, names in spans.items():
        for row in result.rows[table]:
            for name in names:
                start = row.get(f"{name}_start")
                if start is None:
                    continue
                end = row[f"{name}_end"]
                assert 0 <= start <= end <= len(text), (table, name)
                assert text[start:end] == row[f"{name}_text"], (table, name)
