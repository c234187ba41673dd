"""The per-run report over a real warehouse and a real GX validation: the facts it shows, the
files it writes, escaping of article text, and what a browser renders."""

from __future__ import annotations

import json
import shutil

import pytest
from bs4 import BeautifulSoup

from pipeline.config import RunConfig
from pipeline.quality import validate_run
from pipeline.report import point_latest, write_report
from pipeline.runstate import RunResult, write_counts
from pipeline.warehouse import connect, init_schema
from tests.quality.qa_rows import BODY, add_run, good_rows, insert, insert_all
from tests.report.png_rows import png_size_and_rows

HOSTILE = "<script>alert(1)</script>"
RED = (207, 34, 46)  # .status-failed
GREEN = (26, 127, 55)  # .status-published


def _input(run_id: str, n: int, outcome: str, **kw):
    row = dict(
        input_id=f"{run_id}-i{n}",
        raw_id=f"raw{n}",
        source=f"seeds/doc{n}.txt",
        source_kind="txt",
        doc_id=f"doc{n}",
        outcome=outcome,
        article_id=None,
        duplicate_of=None,
        reason=None,
        run_id=run_id,
        recorded_at="2025-05-12 06:00:00",
    )
    row.update(kw)
    return row


def _history(con):
    for i, (a, c) in enumerate([(3, 5), (4, 7), (2, 3)]):
        rows_added, inputs = {"articles": a, "commitments": c, "statements": c + 1}, {"loaded": a}
        add_run(
            con,
            f"h{i}",
            f"2025-05-0{i + 1} 06:00:00",
            {"rows_added": rows_added, "inputs": inputs},
            stage_seconds={"extract": 1.0},
        )
        # the typed counts (core.run_counts) finish_run writes beside the JSON
        write_counts(con, RunResult(f"h{i}", "published", "w.duckdb", counts=rows_added, inputs=inputs))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Run r2 published two articles (rows in core and still in staging, as after publish)."""
    tmp = tmp_path_factory.mktemp("published")
    con = connect(tmp / "w.duckdb")
    init_schema(con)
    _history(con)
    add_run(con, "r2", "2025-05-12 06:00:00", {})
    a = good_rows("r2")
    b = good_rows("r2", article_id="art2", suffix="b", title="Berlin again")
    b["commitments"][1]["category"] = "humanitarian"
    b["commitments"][0]["polarity"] = "negative"
    b["commitments"][0]["modality"] = "refusal"
    for rows in (a, b):
        insert_all(con, "staging", rows)
        insert_all(con, "core", rows)
    insert(
        con,
        "core",
        "inputs",
        [
            _input("r2", 1, "loaded", article_id="art1"),
            _input("r2", 2, "loaded", article_id="art2"),
            _input(
                "r2",
                3,
                "duplicate",
                article_id="art1",
                duplicate_of="r2-i1",
                reason="same article text as an earlier input",
            ),
            _input("r2", 4, "rejected", reason="empty body"),
            _input("r2", 5, "rejected", reason="empty body"),
            _input("r2", 6, "rejected", reason="not text: binary content"),
        ],
    )
    quality = validate_run(con, "r2", config=RunConfig(warehouse=tmp / "w.duckdb"))
    info = {
        "run_id": "r2",
        "status": "published",
        "started_at": "2025-05-12T06:00:00",
        "finished_at": "2025-05-12T06:00:12.5",
        "stage_seconds": {"ingest": 0.4, "extract": 8.0, "load": 0.6, "validate": 2.0, "publish": 1.5},
        "counts": {"articles": 2, "statements": 2, "commitments": 4, "actors": 3},
        "inputs": {"loaded": 2, "duplicate": 1, "rejected": 3, "skipped_known": 0},
        "error": None,
    }
    index = write_report(con, "r2", tmp / "reports", info, quality)
    con.close()
    return tmp, index, quality


def test_report_files_and_latest(published):
    tmp, index, _ = published
    assert index == tmp / "reports" / "r2" / "index.html"
    assert (tmp / "reports" / "r2" / "report.json").is_file()
    assert (tmp / "reports" / "r2" / "data_docs" / "index.html").is_file()
    latest = tmp / "reports" / "latest"
    assert latest.resolve() == (tmp / "reports" / "r2").resolve()
    assert (latest / "index.html").read_text(encoding="utf-8") == index.read_text(encoding="utf-8")


def test_report_json_facts(published):
    tmp, _, quality = published
    facts = json.loads((tmp / "reports" / "r2" / "report.json").read_text(encoding="utf-8"))
    assert facts["run"]["status"] == "published"
    assert facts["run"]["duration_seconds"] == 12.5
    assert facts["previous_run"]["run_id"] == "h2"
    tables = {t["table"]: t for t in facts["tables"]}
    assert tables["commitments"]["added_this_run"] == 4
    assert tables["commitments"]["added_previous_run"] == 3
    assert tables["commitments"]["change"] == 1
    assert tables["commitments"]["total_rows"] == 4
    assert tables["articles"]["change"] == 0
    assert tables["statements"]["staged_this_run"] == 2
    ex = facts["extraction"]
    assert (ex["articles"], ex["statements"], ex["commitments"]) == (2, 2, 4)
    assert ex["commitments_per_article"] == 2.0
    assert ex["top_committers"][0] == {
        "actor_id": "deu",
        "name": "Germany",
        "actor_kind": "country",
        "commitments": 4,
        "articles": 2,
    }
    cats = {c["category"]: (c["commitments"], c["negative"]) for c in ex["categories"]}
    assert cats == {"military_equipment": (2, 1), "financial": (1, 0), "humanitarian": (1, 0)}
    assert facts["inputs"]["by_outcome"] == {"loaded": 2, "duplicate": 1, "rejected": 3}
    assert facts["inputs"]["rejection_reasons"] == [
        {"reason": "empty body", "inputs": 2},
        {"reason": "not text: binary content", "inputs": 1},
    ]
    assert [i["outcome"] for i in facts["inputs"]["not_loaded"]] == ["rejected"] * 3 + ["duplicate"]
    assert [h["run_id"] for h in facts["history"]] == ["h0", "h1", "h2", "r2"]
    assert facts["history"][-1]["commitments"] == 4 and facts["history"][0]["articles"] == 3
    assert facts["quality"]["success"] is True
    assert len(facts["quality"]["outcomes"]) == len(quality.outcomes)
    assert facts["data_docs"] == "data_docs/index.html"


def test_report_html_shows_the_run(published):
    tmp, index, quality = published
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string == "pledgewatch run r2: published"
    assert soup.find(id="run-status").get_text() == "PUBLISHED"
    row = soup.select_one('#table-counts tr[data-table="commitments"]')
    assert row.select_one("td.added").get_text(strip=True) == "4"
    assert row.select_one("td.total").get_text(strip=True) == "4"
    assert soup.find(id="all-passed") is not None
    assert len(soup.select("#expectations-passed tr.outcome-pass")) == len(quality.outcomes)
    assert soup.find(id="data-docs-link")["href"] == "data_docs/index.html"
    svg = soup.find("svg", id="history-chart")
    assert len(svg.find_all("rect")) == 4 * 2 + 2  # two bars per run + legend
    assert not soup.find_all("script")  # the report runs no script, loads nothing external
    assert not [t for t in soup.find_all(src=True) if "://" in t["src"]]
    assert not [t for t in soup.find_all("link", href=True)]
    # rows in core but no pledge linked (the publish was not run): empty analyst sections
    assert soup.find(id="no-new-pledges") is not None and soup.find(id="no-totals") is not None
    assert soup.find(id="no-warnings")["class"] == ["pass"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Run r3 failed: article text and an unknown language carry a script tag."""
    tmp = tmp_path_factory.mktemp("hostile")
    con = connect(tmp / "w.duckdb")
    init_schema(con)
    _history(con)
    body = HOSTILE + " " + BODY
    rows = good_rows("r3", title=f"Breaking {HOSTILE} news", body=body)
    rows["articles"][0]["language"] = HOSTILE
    rows["articles"][0]["source"] = "feeds/<img src=x onerror=alert(2)>.xml"
    insert_all(con, "staging", rows)
    insert(
        con,
        "staging",
        "inputs",
        [_input("r3", 1, "rejected", source=f"bad/{HOSTILE}.txt", reason=f"cannot parse {HOSTILE}")],
    )
    quality = validate_run(con, "r3", config=RunConfig(warehouse=tmp / "w.duckdb"))
    info = {
        "run_id": "r3",
        "status": "failed",
        "started_at": "2025-05-13T06:00:00",
        "finished_at": "2025-05-13T06:00:03",
        "stage_seconds": {"extract": 1.0},
        "counts": {},
        "inputs": {"loaded": 1, "duplicate": 0, "rejected": 1},
        "error": f"blocking expectations failed: {HOSTILE}",
    }
    index = write_report(con, "r3", tmp / "reports", info, quality)
    con.close()
    return tmp, index, quality


def test_hostile_text_is_escaped(hostile):
    tmp, index, quality = hostile
    # an unknown language is a row-level failure: the article is quarantined (issue 20)
    assert [o.name for o in quality.failed() if o.is_quarantine] == ["language_known"]
    html = index.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("td.article-title").get_text() == f"Breaking {HOSTILE} news"
    assert HOSTILE in soup.find(id="run-error").get_text()
    (failed,) = soup.select("#expectations-failed tr.outcome-quarantine")
    assert failed["data-name"] == "language_known"
    sample = soup.select_one("tr.sample-row td.fail").get_text()
    assert sample == HOSTILE  # the failing value, shown as text
    # GX Data Docs (its own pages) do not carry the raw tag either
    docs = "".join(
        p.read_text(encoding="utf-8") for p in (tmp / "reports" / "r3" / "data_docs").rglob("*.html")
    )
    assert HOSTILE not in docs


def test_browser_renders_the_report(hostile, chromium, tmp_path):
    _, index, _ = hostile
    dom = BeautifulSoup(chromium("dom", index, tmp_path), "html.parser")
    assert dom.title.get_text() == "pledgewatch run r3: failed"
    assert dom.find(id="run-status").get_text() == "FAILED"
    assert dom.select_one("td.article-title").get_text() == f"Breaking {HOSTILE} news"
    assert not dom.find_all("script") and not dom.find_all("img")  # nothing injected ran
    row = dom.select_one('#table-counts tr[data-table="articles"]')
    assert row.select_one("td.staged").get_text(strip=True) == "1"
    assert dom.find("svg", id="history-chart").find_all("rect")

    png = chromium("screenshot", index, tmp_path)
    width, height, rows = png_size_and_rows(png, 40)
    assert (width, height) == (1280, 2000)
    # the status banner across the top is the failed colour
    for y in (5, 30):
        for x in (5, 640, 1200):
            assert rows[y][x] == RED, (x, y, rows[y][x])


def test_browser_shows_published_green(published, chromium, tmp_path):
    _, index, _ = published
    png = chromium("screenshot", index, tmp_path, size="1280,600")
    _, height, rows = png_size_and_rows(png, 20)
    assert height == 600 and rows[10][640] == GREEN


def test_report_without_quality_and_latest_fallback(tmp_path, monkeypatch):
    con = connect(tmp_path / "w.duckdb")
    init_schema(con)
    _history(con)
    info = {
        "run_id": "r4",
        "status": "nothing_new",
        "started_at": "2025-05-14T06:00:00",
        "finished_at": "2025-05-14T06:00:01",
        "stage_seconds": {"ingest": 0.1},
        "counts": {},
        "inputs": {"loaded": 0, "duplicate": 0, "rejected": 0},
        "error": None,
    }
    index = write_report(con, "r4", tmp_path / "reports", info, None)
    facts = json.loads((index.parent / "report.json").read_text(encoding="utf-8"))
    assert facts["quality"] is None and facts["data_docs"] is None
    assert facts["extraction"]["articles"] == 0
    html = index.read_text(encoding="utf-8")
    assert "This run was not validated" in html and "NOTHING_NEW" in html
    # the analyst's sections render empty: no pledges, no published mart, no quality results
    an = facts["analyst"]
    assert an["new_pledges"] == an["refusals_and_cuts"] == an["conditions"] == an["warnings"] == []
    assert an["totals"]["lines"] == [] and an["totals"]["compared_with_run"] is None
    soup = BeautifulSoup(html, "html.parser")
    for empty in ("no-new-pledges", "no-refusals", "no-conditions", "no-totals", "no-warnings"):
        assert soup.find(id=empty) is not None, empty
    assert (tmp_path / "reports" / "latest").resolve().name == "r4"

    # a second report moves latest; where symlinks fail, latest is a small file naming the run
    shutil.copytree(index.parent, tmp_path / "reports" / "r5")
    monkeypatch.setattr("pathlib.Path.symlink_to", _no_symlinks)
    latest = point_latest(tmp_path / "reports", "r5")
    assert not latest.is_symlink()
    assert latest.read_text(encoding="utf-8").splitlines() == ["r5", "r5/index.html"]
    con.close()


def _no_symlinks(*args, **kwargs):
    raise OSError("symlinks not supported here")


def test_report_from_a_pickled_result_links_docs_built_at_validation(tmp_path):
    """The scheduler path: validate in one task (Data Docs built there, result pickled without
    the GX objects), report in another process from the pickle."""
    import dataclasses
    import pickle

    from pipeline.quality import build_data_docs

    con = connect(tmp_path / "w.duckdb")
    init_schema(con)
    rows = good_rows("r6")
    rows["commitment_quantities"][0]["value"] = -1.0
    insert_all(con, "staging", rows)
    quality = validate_run(con, "r6", config=RunConfig(warehouse=tmp_path / "w.duckdb"))
    build_data_docs(quality, tmp_path / "reports" / "r6" / "data_docs")
    kept = pickle.loads(pickle.dumps(dataclasses.replace(quality, gx_results={}, gx_context=None)))
    assert [o.name for o in kept.failed_blocking()] == ["value_non_negative"]
    assert kept.failed_blocking()[0].sample_rows[0]["value"] == -1.0
    info = {
        "run_id": "r6",
        "status": "failed",
        "started_at": "2025-05-15T06:00:00",
        "finished_at": None,
        "stage_seconds": {},
        "counts": {},
        "inputs": {"loaded": 1, "duplicate": 0, "rejected": 0},
        "error": "gate",
    }
    index = write_report(con, "r6", tmp_path / "reports", info, kept)
    con.close()
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id="data-docs-link")["href"] == "data_docs/index.html"
    (row,) = soup.select("#expectations-failed tr.outcome-fail")
    assert row["data-name"] == "value_non_negative"
    assert soup.select_one("tr.sample-row td.fail").get_text() == "-1.0"
