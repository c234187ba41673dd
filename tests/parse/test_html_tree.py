"""One lxml tree per HTML page (pipeline/parse/html.py): no second parse, and what reads it.

The page is parsed once, as trafilatura parses it; metadata, the listing check, the body
(trafilatura works on a copy) and the fallback text all come from that tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import bs4
import lxml.html
import pytest
import trafilatura
from trafilatura.settings import Document

from pipeline.models import Article, RawDocument
from pipeline.parse import parse_document
from pipeline.parse.html import MAX_ELEMENTS, MAX_NESTING_DEPTH, scan_tags

if TYPE_CHECKING:
    from collections.abc import Callable

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "inputs" / "html"
ARTICLE_BODY = (
    "<article><p>The finance minister promised on Monday to cut the deficit by half within "
    "three years, in a speech to parliament that opposition leaders called unrealistic.</p>"
    "<p>She said the plan would be published in full next week.</p></article>"
)


def _article(html: str, kind: str = "html") -> Article:
    result = parse_document(RawDocument("test", html.encode("utf-8"), kind, ""))
    assert isinstance(result, Article), result
    return result


class _Calls:
    """How often a wrapped function was called."""

    def __init__(self) -> None:
        self.n = 0


def _counting(real: Callable[..., Any]) -> tuple[Callable[..., Any], _Calls]:
    """`real` wrapped so that its calls are counted; the real function runs (a plain function,
    so it also binds as a method)."""
    calls = _Calls()

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.n += 1
        return real(*args, **kwargs)

    return wrapper, calls


@pytest.mark.parametrize("name", ["article.html", "french.html", "truncated.html"])
def test_a_page_is_parsed_once_by_us(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """parse_document builds no tree beyond those trafilatura builds on its own for the page."""
    html = (FIXTURES / name).read_text(encoding="utf-8")
    counted_parse, parses = _counting(lxml.html.document_fromstring)
    monkeypatch.setattr(lxml.html, "document_fromstring", counted_parse)
    counted_soup, soups = _counting(bs4.BeautifulSoup.__init__)
    monkeypatch.setattr(bs4.BeautifulSoup, "__init__", counted_soup)

    # trafilatura alone, from the string, with the options the parser uses
    trafilatura.bare_extraction(html, include_comments=False, include_tables=True, deduplicate=False)
    trafilatura_alone = parses.n
    assert trafilatura_alone >= 1  # it parsed the page (its readability step re-parses a copy)

    parses.n = 0
    _article(html)
    assert parses.n == trafilatura_alone
    assert soups.n == 0  # no BeautifulSoup tree any more


def test_the_tree_read_after_trafilatura_is_intact() -> None:
    """trafilatura prunes the comment block and keeps only "Home"; the fallback text, read from
    the page's tree after trafilatura ran, still has the sentence (trafilatura pruned a copy)."""
    html = (
        "<html><head><title>Deficit plan</title></head><body><nav><a href=/>Home</a></nav>"
        '<div id="comments"><p>The minister pledged two billion euros to the fund.</p></div>'
        "</body></html>"
    )
    kept = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, deduplicate=False)
    assert isinstance(kept, Document)
    assert (kept.text or "").strip() == "Home"
    article = _article(html)
    assert article.body == "The minister pledged two billion euros to the fund."
    assert article.title == "Deficit plan"


def test_trafilatura_metadata_fills_only_the_gaps() -> None:
    """No author, date or site name declared: trafilatura's author search (`id="author"`), its
    date search (htmldate, from the canonical URL) and its site name (twitter:site) fill them."""
    html = (
        "<html><head><title>Deficit plan</title>"
        '<link rel="canonical" href="https://news.example.com/politics/2024/03/05/deficit-plan">'
        '<meta name="twitter:site" content="@dailyledger"></head><body>'
        f'<div id="author">Jane Roe</div>{ARTICLE_BODY}</body></html>'
    )
    article = _article(html)
    assert (article.author, article.published_at, article.site_name) == (
        "Jane Roe",
        "2024-03-05",
        "Dailyledger",
    )
    assert article.url == "https://news.example.com/politics/2024/03/05/deficit-plan"

    declared = html.replace(
        "<title>",
        '<meta name="author" content="Ann Other"><meta property="og:site_name" content="The Ledger">'
        '<meta property="article:published_time" content="2024-03-04T08:00:00Z"><title>',
    )
    article = _article(declared)
    assert (article.author, article.published_at, article.site_name) == (
        "Ann Other",
        "2024-03-04T08:00:00+00:00",
        "The Ledger",
    )


def test_a_fragment_trafilatura_refuses_is_read_from_its_own_tree() -> None:
    """A feed entry's bare `<p>`: trafilatura does not take it as HTML; its text is the body and
    no metadata is guessed from it."""
    entry = "<p>The minister said the plan would cut emissions by 40% by 2030.</p>"
    assert trafilatura.bare_extraction(entry) is None
    article = _article(entry, kind="feed")
    assert article.body == "The minister said the plan would cut emissions by 40% by 2030."
    assert (article.author, article.published_at, article.site_name) == (None, None, None)


def test_byline_and_headline_are_read_from_the_tree() -> None:
    html = (
        "<html><body><h1>Deficit to be halved</h1>"
        '<span class="byline">Jane Roe</span>'
        f"{ARTICLE_BODY}</body></html>"
    )
    article = _article(html)
    assert article.title == "Deficit to be halved"
    assert article.author == "Jane Roe"
    assert not article.body.startswith("Deficit to be halved")


# ----------------------------------------------------------------------------- tag scan


@pytest.mark.parametrize("n", [1, 7, 40, MAX_NESTING_DEPTH - 2])
def test_scan_depth_is_the_nesting(n: int) -> None:
    html = "<html><body>" + "<div>" * n + "text" + "</div>" * n + "</body></html>"
    assert scan_tags(html) == (n + 2, n + 2)


def test_scan_skips_comments_scripts_and_styles() -> None:
    inside = "<div>" * 50  # markup inside comments and raw text does not count
    html = (
        f"<html><body><!-- {inside} --><SCRIPT type='x'>{inside}</Script ><style>{inside}</style>"
        "<div><p>one<p>two<br/><img src=x><span/></div></body></html>"
    )
    # html, body, div nest; <p> (end tag optional), void and self-closing elements do not
    assert scan_tags(html) == (3, 10)


def test_scan_stops_at_an_unclosed_comment_or_script() -> None:
    assert scan_tags("<div><div><!-- <div><div><div>") == (2, 2)
    assert scan_tags("<div><script><div><div><div>") == (1, 2)


def test_scan_stops_past_the_limits() -> None:
    depth, count = scan_tags("<div>" * 100_000)
    assert (depth, count) == (MAX_NESTING_DEPTH + 1, MAX_NESTING_DEPTH + 1)
    depth, count = scan_tags("<p>x" * 100_000)
    assert (depth, count) == (0, MAX_ELEMENTS + 1)
    depth, count = scan_tags("<script></script>" * 20_000)
    assert (depth, count) == (0, MAX_ELEMENTS + 1)
