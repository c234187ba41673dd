"""URL ingestion against a real HTTP server on loopback: fetch, feeds, every way a fetch fails.

The server is on 127.0.0.1, an internal address the SSRF guard refuses by default: these tests
turn the guard off (`allow_private_hosts=True`), as an operator with an intranet source would.
The guard itself is tested in test_internal_addresses.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.config import RunConfig
from pipeline.ingest import discover
from pipeline.models import Article, RawDocument
from pipeline.parse import parse_document
from tests.ingest.conftest import ARTICLE_HTML, HUGE_DECLARED

if TYPE_CHECKING:
    from pathlib import Path


def _config(**kw: object) -> RunConfig:
    cfg = RunConfig(http_timeout=1.0, max_redirects=5, allow_private_hosts=True)
    for k, v in kw.items():
        setattr(cfg, k, v)
    return cfg


def _one(url: str, **kw: object) -> RawDocument:
    docs = list(discover([url], _config(**kw)))
    assert len(docs) == 1, docs
    return docs[0]


def test_url_given_directly_is_fetched_and_parsed(http_base: str) -> None:
    doc = _one(f"{http_base}/article.html")
    assert doc.error is None
    assert doc.source == f"{http_base}/article.html"
    assert doc.source_kind == "html" and doc.doc_id == "article"
    assert doc.content == ARTICLE_HTML
    assert doc.metadata["status"] == 200
    article = parse_document(doc)
    assert isinstance(article, Article)
    assert article.title == "Minister pledges £2bn for flood defences"


def test_plain_text_url(http_base: str) -> None:
    doc = _one(f"{http_base}/plain.txt")
    assert doc.source_kind == "txt"
    article = parse_document(doc)
    assert isinstance(article, Article) and article.title == "Plain title"


def test_charset_from_the_content_type_header(http_base: str) -> None:
    article = parse_document(_one(f"{http_base}/latin1.html"))
    assert isinstance(article, Article)
    assert "Le café de la gare rouvrira en juin" in article.body
    assert article.language == "fr"


def test_redirects_are_followed_within_the_limit(http_base: str) -> None:
    doc = _one(f"{http_base}/chain/3")
    assert doc.error is None
    assert doc.metadata["final_url"] == f"{http_base}/chain/0"
    assert doc.content == ARTICLE_HTML


def test_too_many_redirects(http_base: str) -> None:
    doc = _one(f"{http_base}/chain/9")
    assert doc.error == "fetch failed: too many redirects (more than 5)"


def test_redirect_loop(http_base: str) -> None:
    doc = _one(f"{http_base}/loop-a")
    assert doc.error == (
        f"fetch failed: redirect loop ({http_base}/loop-a -> {http_base}/loop-b -> {http_base}/loop-a)"
    )
    assert doc.content == b""


def test_redirect_to_another_scheme_is_refused(http_base: str) -> None:
    doc = _one(f"{http_base}/to-ftp")
    assert doc.error == (
        "refused: only http(s) URLs are fetched (ftp:) (redirect target ftp://127.0.0.1/secret.txt)"
    )


def test_404_and_500(http_base: str) -> None:
    missing = _one(f"{http_base}/missing")
    assert missing.error == "fetch failed: HTTP 404 Not Found"
    assert missing.content == b"<html><body>Not here</body></html>"  # what was received
    broken = _one(f"{http_base}/error")
    assert broken.error == "fetch failed: HTTP 500 Internal Server Error"
    rejection = parse_document(broken)
    assert not isinstance(rejection, Article)
    assert rejection.reason == "fetch failed: HTTP 500 Internal Server Error"


def test_timeout(http_base: str) -> None:
    doc = _one(f"{http_base}/slow", http_timeout=0.5)
    assert doc.error == "fetch failed: timeout after 0.5s"
    assert doc.content == b""


def test_huge_body_with_declared_length_is_not_read(http_base: str) -> None:
    doc = _one(f"{http_base}/huge", max_bytes=5 * 1024 * 1024)
    assert doc.error == f"over the size limit ({HUGE_DECLARED} > 5242880 bytes)"
    assert doc.content == b""


def test_huge_body_without_length_is_cut_off(http_base: str) -> None:
    doc = _one(f"{http_base}/huge-undeclared", max_bytes=1_000_000)
    assert doc.error == "over the size limit (more than 1000000 bytes)"
    assert 0 < len(doc.content) <= 1_000_000  # whatever was received, never past the limit


def test_connection_refused_is_an_error_not_an_exception() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    doc = _one(f"http://127.0.0.1:{port}/x")
    assert doc.error is not None
    assert doc.error.startswith("fetch failed: cannot connect (")
    assert "Connection refused" in doc.error


def test_feed_url_yields_entries_and_fetches_links_without_body(http_base: str) -> None:
    docs = list(discover([f"{http_base}/feed.rss"], _config()))
    assert [d.doc_id for d in docs] == ["feed-1", "feed-2", "feed-3"]
    inline, fetched, gone = docs
    assert inline.source_kind == "feed" and inline.error is None
    assert inline.metadata["link"] == f"{http_base}/inline"
    assert b"repair every bridge" in inline.content
    assert fetched.error is None and fetched.source == f"{http_base}/article.html"
    assert fetched.content == ARTICLE_HTML
    assert fetched.metadata["title"] == "Entry without body, page fetched"
    assert gone.error == "fetch failed: HTTP 404 Not Found"
    parsed = [parse_document(d) for d in docs]
    assert isinstance(parsed[0], Article) and parsed[0].title == "Inline entry"
    assert parsed[0].published_at == "2024-03-05T09:30:00+00:00"
    assert isinstance(parsed[1], Article)
    assert parsed[1].title == "Minister pledges £2bn for flood defences"


def test_sources_file_mixes_good_and_bad_urls_in_order(tmp_path: Path, http_base: str) -> None:
    path = tmp_path / "today.sources"
    path.write_text(
        "# one URL per line\n"
        f"{http_base}/article.html\n"
        f"{http_base}/missing   \n"
        "javascript:alert(1)\n"
        f"{http_base}/loop-a\n"
        f"{http_base}/plain.txt\n"
    )
    docs = list(discover([str(path)], _config()))
    assert [d.error is None for d in docs] == [True, False, False, False, True]
    assert docs[1].error == "fetch failed: HTTP 404 Not Found"
    assert docs[2].error == "refused: only http(s) URLs are fetched (javascript:)"
    assert docs[3].error is not None and docs[3].error.startswith("fetch failed: redirect loop")
