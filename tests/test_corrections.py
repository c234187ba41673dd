"""Corrections (issue 17.5): an article that arrives again under the same URL, or with the same id
from the same place, with different text supersedes the earlier version: the earlier version's
rows leave the marts, its history stays in core with the version that replaced it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pytest

from pipeline.run import run_pipeline
from tests.conftest import SEEDS, make_config

if TYPE_CHECKING:
    from pathlib import Path

MART_ARTICLE_COLUMNS = {
    "marts.fct_commitments": "article_id",
    "marts.statement_feed": "article_id",
    "marts.commitment_sources": "article_id",
    "marts.fct_pledges": "counted_article_id",
    "marts.refusals": "article_id",
    "marts.pledge_conditions": "article_id",
}

SEED = (SEEDS / "seed.txt").read_text(encoding="utf-8")
TITLE, _, BODY = SEED.partition("\n")
CORRECTION = (
    "\nCorrection: an earlier version of this article misstated the package. "
    "France said it would send 40 howitzers to Ukraine next year, the ministry said.\n"
)


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


def article_of(con: duckdb.DuckDBPyConnection, run_id: str) -> str:
    return str(one(con, "select article_id from core.articles where run_id = ?", [run_id]))


def assert_left_the_marts(con: duckdb.DuckDBPyConnection, old: str) -> None:
    for mart, column in MART_ARTICLE_COLUMNS.items():
        assert one(con, f"select count(*) from {mart} where {column} = ?", [old]) == 0, mart


@pytest.fixture(scope="module")
def by_url(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The seed under a URL, then a corrected text under the same URL in another file, then that
    corrected text once more under the same URL in a third file."""
    tmp = tmp_path_factory.mktemp("by_url")
    header = "URL: https://news.example.org/berlin-air-defence\n"
    corrected = header + TITLE + "\n" + BODY.rstrip("\n") + CORRECTION
    for day, name, text in (
        ("day1", "berlin.txt", header + SEED),
        ("day2", "berlin-updated.txt", corrected),
        ("day3", "berlin-again.txt", corrected),
    ):
        (tmp / day).mkdir()
        (tmp / day / name).write_text(text, encoding="utf-8")
    first = run_pipeline(make_config(tmp, [str(tmp / "day1")]))
    second = run_pipeline(make_config(tmp, [str(tmp / "day2")]))
    with duckdb.connect(str(tmp / "w.duckdb"), read_only=True) as con:
        versions_after_second = one(con, "select count(*) from core.article_versions")
    third = run_pipeline(make_config(tmp, [str(tmp / "day3")]))
    return {
        "warehouse": tmp / "w.duckdb",
        "first": first,
        "second": second,
        "versions_after_second": versions_after_second,
        "third": third,
    }


def test_the_earlier_version_leaves_every_mart(by_url: dict[str, object]) -> None:
    first, second = by_url["first"], by_url["second"]
    assert first.status == "published" and second.status == "published"  # type: ignore[attr-defined]
    assert second.superseded == 1  # type: ignore[attr-defined]
    with duckdb.connect(str(by_url["warehouse"]), read_only=True) as con:
        old = article_of(con, first.run_id)  # type: ignore[attr-defined]
        new = article_of(con, second.run_id)  # type: ignore[attr-defined]
        assert old != new
        # the earlier version had rows in the marts before; none are left
        assert one(con, "select count(*) from core.commitments where article_id = ?", [old]) >= 1
        assert_left_the_marts(con, old)
        # the new version is there instead
        assert one(con, "select count(*) from marts.fct_commitments where article_id = ?", [new]) >= 1
        assert one(con, "select count(*) from marts.statement_feed where article_id = ?", [new]) >= 1


def test_history_stays_in_core_with_the_version_that_replaced_it(by_url: dict[str, object]) -> None:
    second = by_url["second"]
    with duckdb.connect(str(by_url["warehouse"]), read_only=True) as con:
        rows = con.execute(
            "select v.article_id, v.superseded_by, v.matched_on, v.run_id, a.url "
            "from core.article_versions v join core.articles a using (article_id)"
        ).fetchall()
        new = article_of(con, second.run_id)  # type: ignore[attr-defined]
        assert one(con, "select count(*) from core.articles") == 2  # both versions kept
    assert len(rows) == 1
    _, superseded_by, matched_on, run_id, url = rows[0]
    assert superseded_by == new and matched_on == "url"
    assert run_id == second.run_id  # type: ignore[attr-defined]
    assert url == "https://news.example.org/berlin-air-defence"


def test_marts_equal_a_warehouse_that_only_saw_the_new_version(
    by_url: dict[str, object], tmp_path: Path
) -> None:
    only_new = run_pipeline(make_config(tmp_path, [str(by_url["warehouse"].parent / "day2")]))  # type: ignore[attr-defined]
    assert only_new.status == "published"
    marts = ["marts.fct_commitments", "marts.statement_feed", "marts.commitment_sources"]
    for mart in marts:
        query = f"select count(*) from {mart}"
        with duckdb.connect(str(by_url["warehouse"]), read_only=True) as con:
            corrected = one(con, query)
        with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
            fresh = one(con, query)
        assert corrected == fresh, mart


def test_the_same_file_rewritten_in_place_supersedes_its_earlier_text(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    article = folder / "berlin.txt"
    article.write_text(SEED, encoding="utf-8")
    first = run_pipeline(make_config(tmp_path, [str(folder)]))
    article.write_text(TITLE + "\n" + BODY.rstrip("\n") + CORRECTION, encoding="utf-8")
    second = run_pipeline(make_config(tmp_path, [str(folder)]))
    assert first.status == second.status == "published"
    assert second.superseded == 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        old = article_of(con, first.run_id)
        assert_left_the_marts(con, old)
        assert con.execute("select matched_on from core.article_versions").fetchall() == [("source+doc_id",)]
    # and a re-run changes nothing: the superseded version is not brought back
    third = run_pipeline(make_config(tmp_path, [str(folder)]))
    assert third.status == "nothing_new" and third.superseded == 0


def test_the_same_text_again_is_a_duplicate_not_a_correction(by_url: dict[str, object]) -> None:
    """The corrected text arrives once more under its URL (by_url's third run): a duplicate of
    the version in the warehouse, which supersedes nothing."""
    again = by_url["third"]
    assert again.superseded == 0 and again.inputs["duplicate"] == 1  # type: ignore[attr-defined]
    assert again.inputs["loaded"] == 0  # type: ignore[attr-defined]
    assert by_url["versions_after_second"] == 1
    with duckdb.connect(str(by_url["warehouse"]), read_only=True) as con:
        assert one(con, "select count(*) from core.article_versions") == 1
        assert one(con, "select count(*) from core.articles") == 2


@pytest.mark.parametrize(
    ("old", "new", "superseded"),
    [
        # (source, doc_id, url) of the earlier and the later article
        (("drop/a.txt", "a", None), ("drop/a.txt", "a", None), True),  # a file rewritten in place
        (("x/a.txt", "a", None), ("y/a.txt", "a", None), False),  # same name, another place
        (("x/a.txt", "a", "https://e.org/1"), ("y/b.html", "b", "https://e.org/1"), True),  # same URL
        (("f.rss#entry-1", "f-1", None), ("f.rss#entry-1", "f-1", None), False),  # a feed's 1st entry
        (("d/r.jsonl", "r-3", None), ("d/r.jsonl", "r-3", None), False),  # a record's line number
        (("d/r.jsonl", "story-a", None), ("d/r.jsonl", "story-a", None), True),  # a record's own id
        (("d/r.jsonl", "story-a", None), ("d/r.jsonl", "story-b", None), False),
    ],
)
def test_which_articles_are_versions_of_one_another(
    old: tuple[str, str, str | None], new: tuple[str, str, str | None], superseded: bool
) -> None:
    from pipeline.warehouse import init_schema
    from pipeline.warehouse.load import supersede

    con = duckdb.connect()
    try:
        init_schema(con)
        for run_id, (source, doc_id, url) in (("r1", old), ("r2", new)):
            con.execute(
                "insert into core.articles (article_id, raw_id, doc_id, source, url, body, is_extracted, "
                "run_id) values (?, ?, ?, ?, ?, 'text', true, ?)",
                [f"art-{run_id}", f"raw-{run_id}", doc_id, source, url, run_id],
            )
        assert supersede(con, "r2") == int(superseded)
        rows = con.execute("select article_id, superseded_by from core.article_versions").fetchall()
        assert rows == ([("art-r1", "art-r2")] if superseded else [])
        assert supersede(con, "r2") == 0  # once
    finally:
        con.close()
