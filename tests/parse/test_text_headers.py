"""A .txt may start with URL:/Published:/Source: lines; the seed format stays valid."""

from __future__ import annotations

from pipeline.models import RawDocument
from pipeline.parse.document import parse_document, text_headers


def _parse(text: str):
    return parse_document(
        RawDocument(
            source="a.txt", content=text.encode(), source_kind="txt", fetched_at="2026-01-01T00:00:00"
        )
    )


def test_headers_fill_url_date_and_source():
    a = _parse(
        "URL: https://example.org/a\nPublished: 14 March 2025\nSource: Example News\n\n"
        "Norway pledges aid\nNorway pledged $50 million in humanitarian aid for Sudan.\n"
    )
    assert (a.url, a.published_at, a.site_name, a.title) == (
        "https://example.org/a",
        "2025-03-14",
        "Example News",
        "Norway pledges aid",
    )
    assert a.body == "Norway pledged $50 million in humanitarian aid for Sudan."
    assert a.source == "a.txt"  # the input's location stays the source


def test_the_seed_format_is_unchanged():
    a = _parse("Norway pledges aid\nNorway pledged $50 million.\n")
    assert (a.title, a.url, a.published_at, a.site_name) == ("Norway pledges aid", None, None, None)


def test_a_title_that_looks_like_a_header_stays_the_title():
    a = _parse("Source: Ukraine to get jets\nThe body of the article.\n")
    assert a.title == "Source: Ukraine to get jets"
    assert text_headers("URL: not a url\nTitle\nBody\n") == ({}, "URL: not a url\nTitle\nBody\n")
    assert text_headers("Published: someday\nTitle\nBody\n")[0] == {}


def test_any_order_case_and_windows_line_ends():
    a = _parse("source: AFP\r\npublished: 2025-02-01T10:00:00Z\r\nTitle\r\nBody line.\r\n")
    assert (a.site_name, a.published_at, a.title, a.body) == (
        "AFP",
        "2025-02-01T10:00:00+00:00",
        "Title",
        "Body line.",
    )
