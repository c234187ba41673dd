"""parse_document on every kind of input, good and bad: what it keeps and the reason it gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import discover
from pipeline.models import Article, RawDocument, Rejection, article_id_for
from pipeline.parse import parse_document

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def _raw(content: bytes | str, kind: str = "html", **kw: object) -> RawDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawDocument(
        source=str(kw.pop("source", "test")),
        content=data,
        source_kind=kind,
        fetched_at="2024-01-01T00:00:00+00:00",
        doc_id=str(kw.pop("doc_id", "t")),
        **kw,
    )  # type: ignore[arg-type]


def _file(rel: str) -> RawDocument:
    (doc,) = list(discover([str(INPUTS / rel)]))
    return doc


def _article(raw: RawDocument) -> Article:
    result = parse_document(raw)
    assert isinstance(result, Article), getattr(result, "reason", result)
    return result


# -- bad inputs: the reason recorded for each (issue 7) --------------------------------------


@pytest.mark.parametrize(
    ("rel", "reason"),
    [
        ("bad/empty.txt", "empty file (0 bytes)"),
        ("bad/whitespace.txt", "only whitespace (13 bytes)"),
        ("bad/title-only.txt", "no body: the text has only a title line"),
        ("bad/binary.txt", "binary data: 7 NUL bytes"),
        ("bad/binary.html", "binary data: 5 NUL bytes"),
        ("bad/control.txt", "binary data: 84% of the decoded characters are control characters"),
        ("html/no-body.html", "no article body found in the HTML (only 2 words of text)"),
        ("feeds/broken.xml", "invalid feed: <unknown>:2:0: syntax error"),
    ],
)
def test_bad_input_is_rejected_with_its_reason(rel: str, reason: str) -> None:
    raw = _file(rel)
    result = parse_document(raw)
    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.raw_id == raw.raw_id and result.source == raw.source


def test_ingest_error_becomes_the_rejection_reason() -> None:
    raw = _raw(b"", error="over the size limit (7340032 > 5242880 bytes)")
    result = parse_document(raw)
    assert isinstance(result, Rejection)
    assert result.reason == "over the size limit (7340032 > 5242880 bytes)"


def test_whitespace_under_an_html_name() -> None:
    result = parse_document(_raw(b"\n\n   \t \n", "html"))
    assert isinstance(result, Rejection) and result.reason == "only whitespace (8 bytes)"


def test_binary_without_nul_bytes_under_html_name() -> None:
    data = bytes(range(1, 9)) * 200 + b"<html>"
    result = parse_document(_raw(data, "html"))
    assert isinstance(result, Rejection) and result.reason.startswith("binary data: ")


# -- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "title", "body"),
    [
        (
            "encodings/windows-1252.txt",
            "Minister’s “green deal” costs €5 million",
            "The minister said the government would spend €5 million on the “green deal” – "
            "a plan critics called naïve.",
        ),
        (
            "encodings/latin-1.txt",
            "Café owners in Zürich protest",
            "Señor Müller said the café would stay open; the déjà vu of last year's rules was "
            "not lost on anyone.",
        ),
        (
            "encodings/utf-16-bom.txt",
            "Council approves budget",
            "The council approved a budget of 12 million euros — the mayor called it “fair”.",
        ),
        (
            "encodings/utf-8-bom.txt",
            "Council approves budget",
            "The council approved a budget of 12 million euros — the mayor called it “fair”.",
        ),
    ],
)
def test_encodings_are_decoded(rel: str, title: str, body: str) -> None:
    article = _article(_file(rel))
    assert article.title == title
    assert article.body == body
    assert article.language == "en"


def test_cyrillic_windows_1251_goes_to_the_detector() -> None:
    text = (
        "Правительство обещает новые дороги\n"
        "Министр транспорта пообещал построить новые дороги в каждом районе до конца "
        "следующего года, сообщили в министерстве.\n"
    )
    article = _article(_raw(text.encode("cp1251"), "txt"))
    assert article.title == "Правительство обещает новые дороги"
    assert article.language == "ru"


def test_html_declared_charset_is_used() -> None:
    html = (
        "<html><head><meta charset='windows-1252'><title>Café</title></head><body>"
        "<article><p>The café owner said “we will reopen” after the repairs are done "
        "next month.</p></article></body></html>"
    ).encode("cp1252")
    article = _article(_raw(html, "html"))
    assert "“we will reopen”" in article.body


# -- text -------------------------------------------------------------------------------------


def test_txt_article() -> None:
    article = _article(_file("good/article.txt"))
    assert article.title == "Germany pledges air defence systems to Ukraine"
    assert article.body.startswith("Germany will deliver three more air defence systems")
    assert article.body.endswith("Scholz told reporters in Berlin.")
    assert article.article_id == article_id_for(article.body)
    assert article.doc_id == "article" and article.language == "en"


# -- HTML -------------------------------------------------------------------------------------


def test_html_article_fields_and_boilerplate_left_behind() -> None:
    article = _article(_file("html/article.html"))
    assert article.title == "Minister pledges £2bn for flood defences"
    assert article.author == "Jane Reporter"
    assert article.published_at == "2024-03-05T09:30:00+00:00"
    assert article.url == "https://news.example.com/politics/2024/03/05/flood-defences"
    assert article.site_name == "Example Times"
    assert article.language == "en"
    paragraphs = article.body.split("\n")
    assert paragraphs[0].startswith("The environment minister pledged £2bn on Tuesday")
    assert any(p.startswith('"We will build the walls') for p in paragraphs)
    assert paragraphs[-1].startswith("Local councils will be asked")
    for junk in ("SCRIPT_TEXT", "ADVERT_TEXT", "COMMENT_TEXT", "All rights reserved", "Weather"):
        assert junk not in article.body
    assert article.article_id == article_id_for(article.body)


def test_truncated_html_keeps_what_can_be_parsed() -> None:
    article = _article(_file("html/truncated.html"))
    assert article.title == "Minister pledges £2bn for flood defences"
    assert article.body.startswith("The environment minister pledged £2bn")
    assert article.body.endswith("the minister told parliament")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>The minister said the plan would cut emissions by 40% by 2030.",
        "<p>The minister said <b>the plan <i>would cut</b> emissions</i> by 40% by 2030.</p></div>"
        "</span></html></body>",
        "<html><head><title>Unclosed title</head><body><p>The minister said the plan would "
        "cut emissions by 40% by 2030.</p>",
    ],
)
def test_malformed_html_is_parsed_not_raised(html: str) -> None:
    result = parse_document(_raw(html, "html"))
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Article):
        assert "emissions" in result.body


@pytest.mark.parametrize(
    ("open_tag", "close_tag"), [("<div>", "</div>"), ("<span>", ""), ("<p>", "</p>"), ("<li>", "")]
)
def test_100000_deep_nesting_is_rejected_fast(open_tag: str, close_tag: str) -> None:
    n = 100_000
    html = (
        "<html><body>"
        + open_tag * n
        + "The minister said the plan would be funded."
        + close_tag * n
        + "</body></html>"
    )
    result = parse_document(_raw(html, "html"))
    assert isinstance(result, Rejection)
    assert result.reason in (
        "HTML nested too deeply (element depth over 512 by tag scan)",
        "HTML has too many elements (over 10000 tags)",
    )


def test_listing_front_page_is_rejected() -> None:
    result = parse_document(_file("html/listing.html"))
    assert isinstance(result, Rejection)
    assert result.reason == (
        "not an article: listing/front page (og:type=website; title cue 'latest news'; "
        "canonical URL is the site root; 40 headline links)"
    )


def test_non_english_article_records_its_language() -> None:
    article = _article(_file("html/french.html"))
    assert article.language == "fr"
    assert article.title == "Le gouvernement promet 3 milliards pour le rail"
    assert "trois milliards d'euros" in article.body


def test_html_under_a_txt_name_is_read_as_html() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Budget agreed</title></head><body><article>"
        "<p>Finance ministers agreed on the budget late on Monday after two days of talks."
        "</p></article></body></html>"
    )
    article = _article(_raw(html, "txt"))
    assert article.title == "Budget agreed"
    assert article.body.startswith("Finance ministers agreed")


# -- JSON records and feed entries -----------------------------------------------------------


def test_json_records() -> None:
    docs = list(discover([str(INPUTS / "json")]))
    parsed = [parse_document(d) for d in docs]
    pairs = list(zip(docs, parsed, strict=True))
    by_id = {d.doc_id + ":" + d.source.rsplit("/", 1)[1]: p for d, p in pairs}
    single = by_id["record:record.json"]
    assert isinstance(single, Article)
    assert single.title == "Government promises 10,000 new homes"
    assert single.body.split("\n") == [
        "The housing minister promised on Monday to build 10,000 new homes within three years.",
        "Builders welcomed the plan but warned about labour shortages.",
    ]
    assert single.url == "https://news.example.com/homes"
    assert single.published_at == "2024-02-12T08:00:00+00:00"
    assert single.site_name == "Example Times"  # the record's "source" names the publisher
    from_html = by_id["records-2:records.json"]
    assert isinstance(from_html, Article)
    assert from_html.title == "Hospital funding from HTML"
    assert from_html.body.startswith("The health secretary pledged 300 million pounds")
    assert from_html.published_at == "2024-02-13"
    outcomes = [type(p).__name__ for d, p in pairs if d.source.endswith(".jsonl")]
    assert outcomes == ["Article", "Rejection", "Article", "Rejection", "Rejection", "Article"]


def test_json_record_without_text() -> None:
    raw = _raw(json.dumps({"title": "Only a title"}), "json")
    result = parse_document(raw)
    assert isinstance(result, Rejection)
    assert result.reason == "JSON record has neither a body nor html"


def test_feed_entries_become_articles_with_entry_metadata() -> None:
    docs = list(discover([str(INPUTS / "feeds" / "news.rss")]))
    first, broken, third = (parse_document(d) for d in docs)
    assert isinstance(first, Article)
    assert first.title == "Council pledges new bus routes"
    assert first.url == "https://news.example.com/politics/bus-routes"
    assert first.published_at == "2024-03-05T09:30:00+00:00"
    assert first.body.split("\n")[0].startswith("The city council pledged on Tuesday")
    assert isinstance(broken, Rejection)
    assert broken.reason == "broken feed entry 2: no content and no link"
    assert isinstance(third, Article) and third.title == "Mayor promises cleaner air"
    assert third.body.startswith("The mayor promised to cut traffic pollution")


def test_unknown_kind_is_sniffed() -> None:
    article = _article(_raw("Title line\nThe body of the story is here.\n", "unknown"))
    assert article.title == "Title line"


def test_json_html_record_fields_win_over_the_page() -> None:
    html = (
        "<html><head><title>Page title</title><link rel='canonical' href='https://a.example/p'>"
        "</head><body><article><p>The mayor pledged to reopen the public pool by July, "
        "after two years of repairs.</p></article></body></html>"
    )
    record = {
        "title": "Record title",
        "html": html,
        "url": "https://b.example/r",
        "published_at": "2024-05-01T10:00:00Z",
    }
    article = _article(_raw(json.dumps(record), "json"))
    assert (article.title, article.url, article.published_at) == (
        "Record title",
        "https://b.example/r",
        "2024-05-01T10:00:00+00:00",
    )
    assert article.body.startswith("The mayor pledged to reopen the public pool")


@pytest.mark.parametrize(
    "hostile",
    [
        "<a" * 100_000,  # tags that never close: a `[^>]*` tag pattern goes quadratic here
        "<!---->" * 20_000 + "x",  # empty comments: nested regex quantifiers go exponential
        "<!--" * 100_000,
        "<script>" * 50_000,
        '<div x="' * 50_000,
        "<" * 400_000,
    ],
    ids=["unclosed-tags", "empty-comments", "unclosed-comments", "scripts", "open-attrs", "lt"],
)
@pytest.mark.parametrize("kind", ["html", "txt", "feed"])
@pytest.mark.timeout(120)  # a guard against a scan that never ends, not a speed check
def test_hostile_markup_is_handled(hostile: str, kind: str) -> None:
    """Each input ends with a result; its speed is `pledgewatch bench`'s business."""
    result = parse_document(_raw(hostile, kind))
    assert isinstance(result, (Article, Rejection))
