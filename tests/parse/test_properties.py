"""Property-based: whatever bytes or HTML reach parse_document, no exception escapes it.

Random bytes, random HTML built from tags and text, and mutations of a real
article page (cut, byte flips, inserted junk) go through every source kind. An
Article always has a non-empty body and str title/body; anything else is a
Rejection with a reason.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.models import Article, RawDocument, Rejection
from pipeline.parse import parse_document

ARTICLE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "inputs" / "html" / "article.html"
).read_bytes()
KINDS = st.sampled_from(["txt", "html", "json", "feed", "url", "unknown"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(content: bytes, kind: str) -> None:
    raw = RawDocument(
        source="prop",
        content=content,
        source_kind=kind,
        fetched_at="2024-01-01T00:00:00+00:00",
        doc_id="prop",
    )
    result = parse_document(raw)
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Article):
        assert isinstance(result.title, str) and isinstance(result.body, str)
        assert result.body.strip()
        assert result.raw_id == raw.raw_id
    else:
        assert isinstance(result.reason, str) and result.reason
        # the catch-all in parse_document is for library failures, not for our own bugs
        assert not result.reason.startswith("parse failed:"), result.reason


@SETTINGS
@given(content=st.binary(max_size=4000), kind=KINDS)
def test_random_bytes(content: bytes, kind: str) -> None:
    _check(content, kind)


TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "article",
        "main",
        "nav",
        "script",
        "style",
        "h1",
        "a",
        "b",
        "i",
        "table",
        "tr",
        "td",
        "li",
        "ul",
        "title",
        "head",
        "body",
        "html",
        "meta",
        "br",
        "time",
        "!--",
        "![CDATA[",
    ]
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80)
ATTRS = st.sampled_from(
    [
        "",
        ' class="byline"',
        ' property="og:type" content="website"',
        ' rel="canonical" href="/"',
        ' lang="fr"',
        ' datetime="2024-13-45"',
        ' charset="x-unknown"',
        ' type="application/ld+json"',
        ' href="x',
    ]
)
PIECE = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", TAGS, ATTRS),
    st.builds(lambda t: f"</{t}>", TAGS),
    TEXT,
    st.sampled_from(
        ["<", ">", "&amp;", "&#0;", "&#xD800;", "<!DOCTYPE html>", '{"@type":', "\x00", "\ufeff", "\r\n"]
    ),
)


@SETTINGS
@given(
    pieces=st.lists(PIECE, max_size=60),
    kind=st.sampled_from(["html", "feed", "unknown"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_random_html_fragments(pieces: list[str], kind: str, encoding: str) -> None:
    _check("".join(pieces).encode(encoding, errors="replace"), kind)


@SETTINGS
@given(
    cut=st.integers(min_value=0, max_value=len(ARTICLE)),
    flips=st.lists(st.tuples(st.integers(0, len(ARTICLE) - 1), st.integers(0, 255)), max_size=20),
    insert_at=st.integers(min_value=0, max_value=len(ARTICLE)),
    junk=st.binary(max_size=200),
)
def test_mutated_real_article(cut: int, flips: list[tuple[int, int]], insert_at: int, junk: bytes) -> None:
    data = bytearray(ARTICLE)
    for pos, value in flips:
        data[pos] = value
    mutated = bytes(data[:insert_at]) + junk + bytes(data[insert_at:])
    _check(mutated[: cut + len(junk)], "html")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "title": JSON_VALUES,
        "body": JSON_VALUES | TEXT,
        "html": JSON_VALUES | TEXT,
        "url": JSON_VALUES,
        "published_at": JSON_VALUES | st.just("2024-02-30"),
        "source": JSON_VALUES,
        "id": JSON_VALUES,
    },
)


@SETTINGS
@given(record=RECORDS | JSON_VALUES)
def test_random_json_records(record: object) -> None:
    import json

    _check(json.dumps(record).encode("utf-8"), "json")
