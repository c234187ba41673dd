"""`pledgewatch bench` at a small N: the figures are there and real; no timing thresholds.

Speed is measured by the benchmark itself (docs/benchmark.md), never asserted here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.bench import STAGES, build_corpus, corpus_files, generate_articles, source_pool
from pipeline.cli import main as cli_main
from pipeline.models import article_id_for

if TYPE_CHECKING:
    from pathlib import Path

N = 6


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n", 1)[1]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    root = tmp_path_factory.mktemp("bench")
    out = root / "bench.json"
    code = cli_main(
        ["bench", "--articles", str(N), "--workers", "2", "--json", str(out), "--keep", str(root / "keep")]
    )
    assert code == 0, out.read_text() if out.exists() else "no JSON written"
    return json.loads(out.read_text(encoding="utf-8")), root / "keep"


def test_json_has_the_figures(bench_run: tuple[dict[str, Any], Path]) -> None:
    result, _ = bench_run
    for key in (
        "articles_per_second",
        "ratio_to_reference",
        "peak_rss_bytes",
        "stages",
        "articles",
        "workers",
        "reference_seconds",
        "total_seconds",
        "rerun",
    ):
        assert key in result, key
    assert result["articles"] == N
    assert result["workers"] == 2
    assert result["status"] == "published"
    assert set(STAGES) <= set(result["stages"])
    assert all(isinstance(v, float) and v >= 0 for v in result["stages"].values())
    assert result["articles_per_second"] > 0
    assert result["total_seconds"] > 0
    assert result["reference_seconds"] > 0
    assert result["ratio_to_reference"] == pytest.approx(
        result["total_seconds"] / result["reference_seconds"], rel=1e-3
    )
    assert result["cpu_seconds"] > 0
    assert result["cpu_ms_per_article"] == pytest.approx(1000 * result["cpu_seconds"] / N, rel=1e-3)
    assert result["reference"]["cpu_seconds"] > 0
    assert result["reference"]["documents"] == N
    assert result["reference"]["sentences"] > N  # every article has several sentences
    # the process tree was sampled: at least the interpreter itself plus the workers
    assert result["peak_rss_bytes"] > 50 * 2**20
    assert result["peak_rss_samples"] >= 1


def test_tree_cpu_counts_a_grandchild() -> None:
    """The workers are a fork server's children, not the benchmark's: the CPU a process two
    levels down used is in `TreeRss.descendants_cpu` (as it reports it itself)."""
    import subprocess
    import sys

    from pipeline.bench import TreeRss

    # the grandchild burns a fixed amount of work, reports its own CPU, then idles long enough
    # for the sampler to see its final figure before it exits
    burn = (
        "import time; sum(i * i for i in range(3_000_000)); "
        "print(time.process_time(), flush=True); time.sleep(0.6)"
    )
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}], check=True)"
    with TreeRss(interval=0.05) as rss:
        out = subprocess.run([sys.executable, "-c", child], check=True, capture_output=True, text=True)
    reported = float(out.stdout.strip().splitlines()[-1])
    assert reported > 0
    # the interpreters' own start-up is in the sampled figure too, never less than the work
    assert rss.descendants_cpu >= 0.9 * reported


def test_corpus_is_n_distinct_real_articles(bench_run: tuple[dict[str, Any], Path]) -> None:
    result, keep = bench_run
    files = list(corpus_files(keep / "corpus"))
    assert len(files) == N
    bodies = [_body(f) for f in files]
    assert len({article_id_for(b) for b in bodies}) == N  # no two alike, as the pipeline keys them
    pool = set(source_pool().sentences)
    for body in bodies:
        # every paragraph is made of whole sentences of the shipped articles
        for para in body.strip().split("\n"):
            assert any(para.startswith(s) for s in pool), para[:80]


def test_warehouse_holds_every_article(bench_run: tuple[dict[str, Any], Path]) -> None:
    result, _ = bench_run
    counts = result["warehouse"]["counts"]
    assert counts["core.articles"] == N
    assert counts["raw.documents"] == N
    assert counts["core.sentences"] > N
    assert result["inputs"]["loaded"] == N
    assert result["inputs"]["rejected"] == 0
    assert result["inputs"]["duplicate"] == 0


def test_rerun_skips_everything_by_hash(bench_run: tuple[dict[str, Any], Path]) -> None:
    result, _ = bench_run
    rerun = result["rerun"]
    assert rerun["status"] == "nothing_new"
    assert rerun["skipped_known"] == N
    assert rerun["inputs"]["loaded"] == 0
    assert rerun["seconds"] > 0
    assert rerun["fraction_of_first"] == pytest.approx(rerun["seconds"] / result["total_seconds"], rel=1e-3)
    # nothing was parsed: the re-run recorded no parse or extract time
    assert rerun["stages"].get("parse", 0.0) == 0.0
    assert rerun["stages"].get("extract", 0.0) == 0.0


def test_corpus_is_deterministic_and_streamed(tmp_path: Path) -> None:
    first = [b for _, b in generate_articles(30, seed=7)]
    again = [b for _, b in generate_articles(30, seed=7)]
    other = [b for _, b in generate_articles(30, seed=8)]
    assert first == again
    assert first != other
    gen = generate_articles(10**9, seed=7)  # a generator: nothing is built up front
    assert next(gen)[1] == first[0]
    corpus = build_corpus(tmp_path / "c", 25, html=True, seed=3)
    pages = list(corpus_files(tmp_path / "c"))
    assert corpus.articles == len(pages) == 25
    assert all(p.suffix == ".html" and "<article>" in p.read_text(encoding="utf-8") for p in pages)


def test_the_corpus_is_the_declared_list() -> None:
    """The benchmark draws from the files listed in resources/bench/sources.txt only, so a new
    annotated set under tests/fixtures does not change what is measured."""
    from pipeline.bench import bench_sources
    from pipeline.config import PROJECT_ROOT

    listed = bench_sources()
    assert listed and all((PROJECT_ROOT / rel).is_file() for rel in listed)
    pool = source_pool()
    assert pool.files and set(pool.files) <= set(listed)
    assert not any("/devset" in f or "/heldout2/" in f or "/heldout3/" in f for f in pool.files)


def test_small_run_articles_are_fixed_and_from_every_training_set() -> None:
    from pipeline.bench import SMALL_ARTICLES, shared_dir, small_inputs

    sets = sorted(p.name for p in shared_dir().glob("gold/train-*") if (p / "input").is_dir())
    if not sets:
        pytest.skip(f"no training sets under {shared_dir()}/gold")
    files = small_inputs()
    assert len(files) == SMALL_ARTICLES == len(set(files))
    assert files == small_inputs()  # the same articles every time
    assert all(f.is_file() and f.suffix == ".txt" for f in files)
    drawn = {f.parent.parent.name for f in files}
    assert drawn <= set(sets) and len(drawn) >= min(len(sets), 5)


# Slow (~16 s): it starts `pledgewatch run` twice in fresh interpreters, which is what it measures.
# The fast suite checks the articles it draws (test_small_run_articles_are_fixed_and_from_every_
# training_set) and the bench's figures on a real run (the `bench_run` tests); `make test` runs it.
@pytest.mark.slow
def test_small_bench_times_the_cli_run_then_the_run_with_nothing_new(tmp_path: Path) -> None:
    from pipeline.bench import shared_dir

    if not any(shared_dir().glob("gold/train-*/input/*.txt")):
        pytest.skip(f"no training articles under {shared_dir()}/gold")
    out = tmp_path / "small.json"
    code = cli_main(["bench", "--small", "--articles", "2", "--repeat", "1", "--json", str(out)])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0, result["rounds"]
    assert result["articles"] == 2 and result["repeat"] == 1 and len(result["files"]) == 2
    (round_,) = result["rounds"]
    new, again = round_["new"], round_["nothing_new"]
    assert (new["status"], new["exit_code"]) == ("published", 0)
    assert new["inputs"]["loaded"] + new["inputs"].get("duplicate", 0) == 2
    assert {"parse", "extract", "load", "validate", "publish", "report"} <= set(new["stages"])
    assert again["status"] == "nothing_new" and again["inputs"]["skipped_known"] == 2
    assert "validate" not in again["stages"] and "parse" not in again["stages"]
    for run in (new, again):
        assert run["wall_seconds"] > 0 and run["cpu_seconds"] > 0
        assert run["outside_stages_seconds"] == pytest.approx(
            run["wall_seconds"] - sum(run["stages"].values()), abs=0.01
        )
    assert result["new"]["wall_seconds_min"] == new["wall_seconds"]
    assert result["nothing_new"]["cpu_seconds_min"] == again["cpu_seconds"]
