"""HTML extraction on real news pages (shared/data/html-pages): title, date, author, body F1.

The pages live outside the repository; the tests skip with a reason when
$PLEDGEWATCH_SHARED (default <project root>/../shared) does not have them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.devtools.html_pages import check_page

SHARED = Path(os.environ.get("PLEDGEWATCH_SHARED", PROJECT_ROOT.parent / "shared"))
PAGES = SHARED / "data" / "html-pages"

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason=f"no html-pages at {PAGES}")

ENGLISH = [
    "001",
    "ars-1",
    "bbc-1",
    "breitbart",
    "buzzfeed-1",
    "cnet",
    "cnn",
    "guardian-1",
    "herald-sun-1",
    "msn",
    "nytimes-1",
    "nytimes-2",
    "nytimes-3",
    "salon-1",
    "seattletimes-1",
    "telegraph",
    "theverge",
    "tmz-1",
    "wapo-1",
    "wapo-2",
]
TITLE_EQUAL = [
    "ars-1",
    "bbc-1",
    "cnet",
    "cnn",
    "guardian-1",
    "nytimes-1",
    "nytimes-2",
    "seattletimes-1",
    "telegraph",
    "wapo-1",
    "wapo-2",
]
AUTHOR_EQUAL = [
    "001",
    "ars-1",
    "cnet",
    "cnn",
    "guardian-1",
    "msn",
    "nytimes-1",
    "nytimes-2",
    "nytimes-3",
    "theverge",
]
DATED = ["bbc-1", "breitbart", "guardian-1", "seattletimes-1", "theverge"]


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, Any]]:
    return {d.name: check_page(d) for d in sorted(PAGES.iterdir()) if (d / "source.html").is_file()}


def _expected(page: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAGES / page / "expected-metadata.json").read_text())
    return data


@pytest.mark.parametrize("page", ENGLISH)
def test_english_pages_body_agrees_with_the_reader_view(rows: dict[str, dict[str, Any]], page: str) -> None:
    row = rows[page]
    assert row["outcome"] == "article", row.get("reason")
    assert row["language"] == "en"
    assert row["body_f1"] >= 0.85, row["body_f1"]


def test_mean_body_f1(rows: dict[str, dict[str, Any]]) -> None:
    f1s = [rows[p]["body_f1"] for p in ENGLISH]
    assert sum(f1s) / len(f1s) >= 0.95


@pytest.mark.parametrize("page", TITLE_EQUAL)
def test_title_equal(rows: dict[str, dict[str, Any]], page: str) -> None:
    assert rows[page]["title"] == _expected(page)["title"]


@pytest.mark.parametrize("page", AUTHOR_EQUAL)
def test_author_equal(rows: dict[str, dict[str, Any]], page: str) -> None:
    assert rows[page]["author"] == _expected(page)["byline"]


@pytest.mark.parametrize("page", DATED)
def test_publication_date(rows: dict[str, dict[str, Any]], page: str) -> None:
    assert rows[page]["date"][:10] == _expected(page)["publishedTime"][:10]


def test_bbc_date_keeps_time_and_offset(rows: dict[str, dict[str, Any]]) -> None:
    assert rows["bbc-1"]["date"] == "2015-07-24T05:36:09+01:00"


@pytest.mark.parametrize(("page", "language"), [("lemonde-1", "fr"), ("la-nacion", "es"), ("rtl-1", "la")])
def test_non_english_pages_are_articles_with_their_language(
    rows: dict[str, dict[str, Any]], page: str, language: str
) -> None:
    row = rows[page]
    assert row["outcome"] == "article"
    assert row["language"] == language  # rtl-1 is lorem ipsum under dir="rtl"
    assert row["body_f1"] >= 0.9


def test_front_page_is_rejected_as_a_listing(rows: dict[str, dict[str, Any]]) -> None:
    row = rows["yahoo-2"]
    assert row["outcome"] == "rejected"
    assert row["reason"].startswith("not an article: listing/front page (og:type=website")
