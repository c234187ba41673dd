"""The analyst's part of the report over real runs: the seed run (first run: no change to show,
parts under their package), then a second run of two new articles (a joint pledge, a cut, a
refusal with a condition, hostile text and a `javascript:` URL) validated with one extra
warn-level check, so the report shows new pledges, refusals and cuts, conditions, the change
of the per-donor totals since the seed run, and the warning with its sample rows."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import duckdb
import pytest
from bs4 import BeautifulSoup, Tag

from pipeline.config import EXPECTATIONS_DIR, RunConfig
from pipeline.quality import store_results, validate_run
from pipeline.report import write_report
from pipeline.report.analyst import format_money, money_change, safe_href
from pipeline.run import run_pipeline
from pipeline.warehouse import connect, init_schema
from pipeline.warehouse.load import stage_quarantine
from tests.conftest import make_config
from tests.quality.qa_rows import good_rows, insert_all
from tests.report.png_rows import png_size_and_rows

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pipeline.run import RunResult

    SecondRun = tuple[RunConfig, str, RunResult, Path]
    """(the second run's config, the seed run's id, the second run's result, the seed report)."""

JOINT_URL = "https://example.org/news/joint-fund?a=1&b=2"
ARTICLE = f"""URL: {JOINT_URL}
Published: 2026-11-30
Source: Example Wire
Donors <script>alert(1)</script> pledge billions to Ukraine
Spain, Italy and Portugal jointly pledged EUR 3 billion to Ukraine on Monday, the ministers said.
The Netherlands pledged EUR 500 million to Ukraine, including EUR 200 million for air defence.
Sweden withdrew EUR 50 million it had pledged to Ukraine, the government said on Tuesday.
Norway refused to send troops to Ukraine unless the UN approves a mandate.
Denmark will give EUR 100 million to Ukraine if parliament approves the budget <b>next week</b>.
"""
FEED = {
    "title": "Finland pledges aid",
    "body": "Finland pledged EUR 20 million to Ukraine on Friday, the ministry said.",
    "url": "javascript:alert(1)",
    "published_at": "2026-11-29",
}
WARN_CHECK = {
    "type": "expect_column_values_to_be_in_set",
    "kwargs": {"column": "polarity", "value_set": ["positive"]},
    "meta": {"name": "refusals_reviewed"},
    "notes": "Refusals and cuts are read by an analyst before they are quoted.",
}
JOINT_TAG = (255, 241, 229)  # .tag.joint background
CHANGED = (255, 248, 197)  # tr.changed (a donor line that moved)
GREEN = (26, 127, 55)  # .status-published


def test_money_is_written_as_analysts_read_it() -> None:
    assert format_money(3e9, "eur") == "EUR 3.0bn"
    assert format_money(3.24e9, "usd") == "$3.24bn"
    assert format_money(108e6, "eur") == "EUR 108.0m"
    assert format_money(1_117_200_000_000.0, "usd") == "$1,117.2bn"
    assert format_money(250_000, "gbp") == "GBP 250,000"
    assert format_money(-5e7, "eur") == "-EUR 50.0m"
    assert format_money(2e9, None) == "2.0bn (currency unknown)"
    assert format_money(None, "usd") == "" and format_money(float("nan"), "usd") == ""
    assert money_change(1.5e9, "usd") == "+$1.5bn"
    assert money_change(-2e7, "eur") == "-EUR 20.0m"
    assert money_change(0.0, "usd") == "0" and money_change(None, "usd") == ""


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("https://example.org/a b", None),
        ("//evil.example/x", None),
        (None, None),
    ],
)
def test_only_web_urls_become_links(url: Any, href: str | None) -> None:
    assert safe_href(url) == href


def _sel(node: Tag, css: str) -> Tag:
    """The first element `css` selects (it must be there)."""
    found = node.select_one(css)
    assert found is not None, css
    return found


def _id(node: Tag, element_id: str) -> Tag:
    found = node.find(id=element_id)
    assert isinstance(found, Tag), element_id
    return found


def _facts(index: Path | None) -> dict[str, Any]:
    """report.json beside `index` (index.html)."""
    assert index is not None
    facts: dict[str, Any] = json.loads((index.parent / "report.json").read_text(encoding="utf-8"))
    return facts


def _html(index: Path | None) -> str:
    assert index is not None
    return index.read_text(encoding="utf-8")


def _with_warn_check(tmp: Path) -> Path:
    """The project's expectations copied with WARN_CHECK added as a warn-level check; returns
    the copy's blocking.json."""
    expectations = tmp / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, expectations)
    suite = json.loads((expectations / "commitments.json").read_text(encoding="utf-8"))
    suite["expectations"].append(WARN_CHECK)
    (expectations / "commitments.json").write_text(json.dumps(suite), encoding="utf-8")
    blocking = json.loads((expectations / "blocking.json").read_text(encoding="utf-8"))
    blocking["warn"].append({"suite": "commitments", "name": "refusals_reviewed"})
    (expectations / "blocking.json").write_text(json.dumps(blocking), encoding="utf-8")
    return expectations / "blocking.json"


@pytest.fixture(scope="module")
def second_run(seeded: tuple[RunConfig, RunResult], tmp_path_factory: pytest.TempPathFactory) -> SecondRun:
    """The seed warehouse copied, then a run over two new articles with a warn-level check."""
    seed_cfg, seed_result = seeded
    tmp = tmp_path_factory.mktemp("analyst")
    shutil.copy(seed_cfg.warehouse, tmp / "w.duckdb")
    extra = tmp / "extra"
    extra.mkdir()
    (extra / "joint.txt").write_text(ARTICLE, encoding="utf-8")
    (extra / "feed.json").write_text(json.dumps(FEED), encoding="utf-8")
    cfg = make_config(tmp, inputs=[str(extra)], quality_config=_with_warn_check(tmp))
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    assert result.report_path is not None
    seed_index = seed_cfg.report_dir / seed_result.run_id / "index.html"
    return cfg, seed_result.run_id, result, seed_index


def _query(db: Path | str, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def test_seed_run_shows_no_change_and_parts_under_their_package(second_run: SecondRun) -> None:
    cfg, seed_run, _, seed_index = second_run
    facts = _facts(seed_index)
    an = facts["analyst"]
    assert an["totals"]["compared_with_run"] is None
    assert an["totals"]["lines"] and all(x["amount_usd_change"] is None for x in an["totals"]["lines"])
    pledges = an["new_pledges"]
    counts = an["counts"]
    assert len(pledges) == counts["new_pledges"]
    assert len(an["refusals_and_cuts"]) == counts["new_refusals"] + counts["new_cuts"]
    # every pledge the seed run founded is listed once, new pledges and refusals apart
    founded = {
        r[0]
        for r in _query(
            cfg.warehouse,
            "select pledge_id from core.pledge_commitments "
            "where linked_run_id = $r and match_rule = 'founded'",
            {"r": seed_run},
        )
    }
    listed = [p["pledge_id"] for p in pledges + an["refusals_and_cuts"]]
    assert sorted(listed) == sorted(founded)
    assert all(p["polarity"] == "positive" for p in pledges)
    assert {p["polarity"] for p in an["refusals_and_cuts"]} == {"negative"}
    # a part follows its package, one level deeper
    parts = [i for i, p in enumerate(pledges) if p["depth"] == 1]
    assert parts, "the seeds report a package with parts (donors' quake total)"
    for i in parts:
        package = next(p for p in reversed(pledges[:i]) if p["depth"] == 0)
        assert pledges[i]["part_of_pledge_id"] == package["pledge_id"]
    soup = BeautifulSoup(seed_index.read_text(encoding="utf-8"), "html.parser")
    assert _id(soup, "totals-first-run") is not None
    rows = soup.select("#new-pledges tr.pledge")
    assert [r["data-pledge-id"] for r in rows] == [p["pledge_id"] for p in pledges]
    for i in parts:
        assert "part" in rows[i]["class"]
        assert _sel(rows[i], ".part-of") is not None


def test_second_run_new_pledges_with_amounts_and_links(second_run: SecondRun) -> None:
    cfg, _, result, _ = second_run
    an = _facts(result.report_path)["analyst"]
    by_committers = {tuple(p["committers"]): p for p in an["new_pledges"]}
    assert set(by_committers) == {("esp", "ita", "prt"), ("nld",), ("dnk",), ("fin",)}
    joint = by_committers[("esp", "ita", "prt")]
    assert joint["is_joint"] and joint["committer_names"] == ["Spain", "Italy", "Portugal"]
    (usd, eur, rate) = _query(
        cfg.warehouse,
        "select p.amount_usd, p.amount_eur, c.fx_rate_usd from core.pledges p "
        "join core.commitments c on c.commitment_id = p.counted_commitment_id where p.pledge_id = $p",
        {"p": joint["pledge_id"]},
    )[0]
    assert usd == pytest.approx(3e9 * rate) and eur == pytest.approx(3e9)
    assert joint["amount"]["original"] == "EUR 3.0bn"
    assert joint["amount"]["usd"] == format_money(usd, "usd")
    assert joint["amount"]["line"] == f"EUR 3.0bn = {format_money(usd, 'usd')}"
    assert joint["amount"]["written"] == "EUR 3 billion"
    assert joint["article_href"] == JOINT_URL
    body = _query(
        cfg.warehouse, "select body from core.articles where article_id = $a", {"a": joint["article_id"]}
    )
    assert body[0][0][joint["evidence_start"] : joint["evidence_end"]] == joint["evidence_text"]
    assert "Spain, Italy and Portugal" in joint["evidence_text"]
    assert by_committers[("nld",)]["amount"]["original"] == "EUR 500.0m"
    assert by_committers[("dnk",)]["conditions"] == ["if parliament approves the budget <b>next week</b>"]
    finland = by_committers[("fin",)]
    assert finland["article_url"] == "javascript:alert(1)" and finland["article_href"] is None


def test_second_run_refusals_conditions_totals_and_warnings(second_run: SecondRun) -> None:
    cfg, seed_run, result, _ = second_run
    facts = _facts(result.report_path)
    an = facts["analyst"]
    kinds = {p["committers"][0]: p for p in an["refusals_and_cuts"]}
    assert {k: p["pledge_kind"] for k, p in kinds.items()} == {"swe": "cut", "nor": "refusal"}
    assert kinds["swe"]["amount"]["original"] == "EUR 50.0m"
    assert kinds["nor"]["conditions"] == ["unless the UN approves a mandate"]
    assert an["counts"]["new_joint_pledges"] == 1
    assert (an["counts"]["new_cuts"], an["counts"]["new_refusals"]) == (1, 1)
    assert {c["condition_text"] for c in an["conditions"]} == {
        "unless the UN approves a mandate",
        "if parliament approves the budget <b>next week</b>",
    }

    totals = an["totals"]
    assert totals["compared_with_run"] == seed_run == totals["previous_published_run"]
    lines = {(x["committer_actor_id"], x["line"]): x for x in totals["lines"]}
    for donor in ("esp", "ita", "prt"):
        x = lines[(donor, "joint")]
        assert x["is_new_line"] and x["pledges_change"] == 1
        assert x["amount_usd_change"] == pytest.approx(x["amount_usd"])
        assert x["amount_usd_change_text"] == "+" + format_money(x["amount_usd"], "usd")
    assert lines[("swe", "refused")]["amount_eur_text"] == "EUR 50.0m"
    before: dict[str, float] = dict(
        _query(
            cfg.warehouse,
            "select committer_actor_id || '/' || line, amount_usd from core.report_donor_totals "
            "where run_id = $r",
            {"r": seed_run},
        )
    )
    unchanged = [x for x in totals["lines"] if not x["is_changed"]]
    assert unchanged
    for x in unchanged:
        assert x["amount_usd"] == pytest.approx(before[f"{x['committer_actor_id']}/{x['line']}"])
        assert x["pledges_change"] == 0
    # the changed lines come first
    flags = [x["is_changed"] for x in totals["lines"]]
    assert flags == sorted(flags, reverse=True) and totals["lines_changed"] == flags.count(True)

    # every warn-level result of the run, with its samples (the banner counts the same)
    warnings = {w["name"]: w for w in an["warnings"]}
    assert len(an["warnings"]) == facts["quality"]["warnings"]
    review = warnings["refusals_reviewed"]
    assert review["suite"] == "commitments" and review["unexpected_count"] == 2
    assert review["notes"] == WARN_CHECK["notes"]
    assert review["sample_columns"][0] == "polarity"
    assert sorted(s["committer_actor_id"] for s in review["samples"]) == ["nor", "swe"]
    assert {s["polarity"] for s in review["samples"]} == {"negative"}


def test_second_run_report_escapes_and_keeps_one_snapshot_per_run(
    second_run: SecondRun, tmp_path: Path
) -> None:
    cfg, _, result, _ = second_run
    html = _html(result.report_path)
    assert "<script" not in html and "<b>next" not in html and 'href="javascript:' not in html
    assert "&lt;b&gt;next week&lt;/b&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    # the analyst's sections come before the pipeline health
    ids = [t.get("id") for t in soup.find_all(["h1", "h2"]) if t.get("id")]
    assert ids.index("new-pledges-heading") < ids.index("warnings-heading") < ids.index("pipeline-health")

    # the report written again for the run replaces its snapshot, it does not add to it
    def kept() -> list[tuple[Any, ...]]:
        return _query(
            cfg.warehouse,
            "select count(*), sum(amount_usd) from core.report_donor_totals where run_id = $r",
            {"r": result.run_id},
        )

    first = kept()
    info: dict[str, Any] = {
        "run_id": result.run_id,
        "status": "published",
        "started_at": None,
        "counts": {},
        "inputs": {},
    }
    con = connect(cfg.warehouse)
    try:
        write_report(con, result.run_id, tmp_path / "reports", info, None)
    finally:
        con.close()
    assert kept() == first and first[0][0] > 0
    snapshots = _query(
        cfg.warehouse, "select count(*) from core.report_snapshots where run_id = $r", {"r": result.run_id}
    )
    assert snapshots == [(1,)]


# Slow (~8 s: headless Chromium renders the analyst's report and takes its screenshot): the fast
# suite renders the run report in Chromium (tests/report/test_report.py's browser tests) and
# checks every analyst section's facts and HTML (the tests above); `make test` runs it.
@pytest.mark.slow
def test_browser_shows_the_analysts_sections(
    second_run: SecondRun, chromium: Callable[..., Any], tmp_path: Path
) -> None:
    cfg, seed_run, result, _ = second_run
    facts = _facts(result.report_path)
    an = facts["analyst"]
    dom = BeautifulSoup(chromium("dom", result.report_path, tmp_path), "html.parser")
    assert (
        not dom.find_all("script") and not dom.find_all("img") and not dom.find_all("b", string="next week")
    )

    rows = {r["data-pledge-id"]: r for r in dom.select("#new-pledges tr.pledge")}
    joint = next(p for p in an["new_pledges"] if p["is_joint"])
    row = rows[joint["pledge_id"]]
    assert "joint" in row["class"] and _sel(row, ".tag.joint").get_text() == "joint"
    assert _sel(row, ".money").get_text() == joint["amount"]["line"]
    assert _sel(row, "td.usd").get_text(strip=True) == joint["amount"]["usd"]
    assert _sel(row, "td.eur").get_text(strip=True) == "EUR 3.0bn"
    assert _sel(row, "a.article-link")["href"] == JOINT_URL
    assert (
        _sel(row, "a.article-link").get_text()
        == "Donors <script>alert(1)</script> pledge billions to Ukraine"
    )
    assert joint["evidence_text"] in _sel(row, "blockquote.evidence-text").get_text()
    finland = next(p for p in an["new_pledges"] if p["committers"] == ["fin"])
    assert rows[finland["pledge_id"]].select_one("a") is None  # javascript: is not a link

    refusals = {_sel(r, "td.kind").get_text(): r for r in dom.select("#refusals tr.refusal")}
    assert set(refusals) == {"cut", "refusal"}
    assert "EUR 50.0m" in _sel(refusals["cut"], ".money").get_text()
    assert _sel(refusals["refusal"], "ul.conditions li").get_text() == "unless the UN approves a mandate"
    conditions = [td.get_text() for td in dom.select("#conditions td.condition-text")]
    assert "if parliament approves the budget <b>next week</b>" in conditions

    assert _id(dom, "totals-compared-with").get_text() == seed_run
    esp = _sel(dom, '#donor-totals tr[data-committer="esp"][data-line="joint"]')
    assert "changed" in esp["class"]
    assert _sel(esp, "td.pledges-change").get_text(strip=True).startswith("+1")
    assert _sel(esp, "td.usd-change").get_text(strip=True) == "+" + joint["amount"]["usd"]

    warning = _sel(dom, '#warnings tr.warning[data-name="refusals_reviewed"]')
    assert warning is not None and warning["data-suite"] == "commitments"
    cells = dom.select('#warnings tr.warning-sample td[data-column="polarity"]')
    assert [c.get_text() for c in cells] == ["negative", "negative"]

    png = chromium("screenshot", result.report_path, tmp_path, size="1280,1800")
    width, height, pixels = png_size_and_rows(png, 1800)
    assert (width, height) == (1280, 1800)
    assert pixels[10][640] == GREEN  # published

    def first_row_with(colour: tuple[int, int, int]) -> int | None:
        return next((y for y, line in enumerate(pixels) if colour in line), None)

    joint_tag, changed = first_row_with(JOINT_TAG), first_row_with(CHANGED)
    # the joint pledge's tag is drawn in the new pledges table, the moved donor lines below it
    assert joint_tag is not None and changed is not None and joint_tag < changed
    # each changed donor line is a highlighted band across the table (about 20 px high)
    changed_rows = sum(1 for line in pixels if line.count(CHANGED) > 200)
    assert changed_rows >= 10 * an["totals"]["lines_changed"]


def test_warnings_are_the_warn_results_not_the_quarantined_rows(tmp_path: Path) -> None:
    """A run validated as the run stage does (results stored, quarantine staged): a row-level
    check that set an article aside is not a warning; the warn-level check is, with its hostile
    sample shown as text."""
    hostile = "<script>alert(7)</script>"
    con = connect(tmp_path / "w.duckdb")
    init_schema(con)
    rows = good_rows("r7")
    rows["articles"][0]["language"] = hostile  # articles.language_known: quarantine
    rows["commitments"][0]["polarity"] = "negative"  # WARN_CHECK: warn
    rows["commitments"][0]["object"] = hostile
    insert_all(con, "staging", rows)
    config = RunConfig(warehouse=tmp_path / "w.duckdb", quality_config=_with_warn_check(tmp_path))
    quality = validate_run(con, "r7", config=config)
    store_results(con, "r7", quality)
    stage_quarantine(con, "r7", quality.quarantine_rows())
    assert {o.name for o in quality.failed() if o.is_quarantine} == {"language_known"}
    info: dict[str, Any] = {
        "run_id": "r7",
        "status": "failed",
        "started_at": None,
        "counts": {},
        "inputs": {},
    }
    index = write_report(con, "r7", tmp_path / "reports", info, quality)
    con.close()
    facts = _facts(index)
    names = [w["name"] for w in facts["analyst"]["warnings"]]
    assert names == [o.name for o in quality.warnings()] and "refusals_reviewed" in names
    assert "language_known" not in names
    html = index.read_text(encoding="utf-8")
    assert "<script" not in html
    soup = BeautifulSoup(html, "html.parser")
    cells = soup.select('#warnings tr.warning-sample td[data-column="polarity"]')
    assert [c.get_text() for c in cells] == ["negative"]
    assert _id(soup, "no-new-pledges").get_text().endswith("(nothing was published).")
