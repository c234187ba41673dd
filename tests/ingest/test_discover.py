"""discover() over real files: every input kind, bad inputs as RawDocuments with `error`."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline.config import PROJECT_ROOT, RunConfig
from pipeline.ingest import IngestError, discover
from pipeline.ingest.discover import source_name
from tests.ingest.conftest import INPUTS

if TYPE_CHECKING:
    from pipeline.models import RawDocument


def _docs(*inputs: str | Path, **config: object) -> list[RawDocument]:
    cfg = RunConfig()
    for k, v in config.items():
        setattr(cfg, k, v)
    return list(discover([str(i) for i in inputs], cfg))


def test_missing_top_level_path_raises() -> None:
    with pytest.raises(IngestError, match="input not found"):
        list(discover(["/definitely/not/here/at/all"], RunConfig()))


def test_streams_and_keeps_a_stable_sorted_order() -> None:
    it = discover([str(INPUTS)], RunConfig())
    assert isinstance(it, types.GeneratorType)
    first = next(it)
    assert first.source.endswith("bad/binary.html")
    rest = list(it)
    ids = [(d.source, d.doc_id) for d in [first, *rest]]
    again = [(d.source, d.doc_id) for d in discover([str(INPUTS)], RunConfig())]
    assert ids == again
    files = [s.split("#")[0] for s, _ in ids if s.startswith(str(INPUTS))]
    assert files == sorted(files)  # folder walked in path order


def test_folder_walk_skips_unknown_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\nbody text here\n")
    (tmp_path / "notes.md").write_text("# not an input\n")
    (tmp_path / ".hidden.txt").write_text("T\nhidden\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.htm").write_text("<html><body><p>x</p></body></html>")
    docs = _docs(tmp_path)
    assert [(Path(d.source).name, d.source_kind, d.doc_id) for d in docs] == [
        ("a.txt", "txt", "a"),
        ("b.htm", "html", "b"),
    ]
    assert docs[0].content == b"T\nbody text here\n"
    # outside the project: the absolute path; inside it: relative to the project root
    assert docs[0].source == str((tmp_path / "a.txt").resolve())
    assert source_name(PROJECT_ROOT / "seeds" / "seed.txt") == "seeds/seed.txt"
    assert docs[0].fetched_at.endswith("+00:00")


def test_txt_and_html_files_keep_their_bytes() -> None:
    path = INPUTS / "html" / "article.html"
    (doc,) = _docs(path)
    assert doc.error is None and doc.source_kind == "html" and doc.doc_id == "article"
    assert doc.content == path.read_bytes()
    assert doc.raw_id == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def test_file_over_the_size_limit_is_marked_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"a" * 2000 + b"</p>")
    (doc,) = _docs(big, max_bytes=1000)
    assert doc.error == "over the size limit (2007 > 1000 bytes)"
    assert doc.content == b""


def test_jsonl_invalid_lines_among_valid_ones() -> None:
    docs = _docs(INPUTS / "json" / "records.jsonl")
    summary = [(d.doc_id, d.error) for d in docs]
    assert summary[0] == ("jl-a", None)
    assert summary[1][0] == "records-2"
    assert summary[1][1] is not None and summary[1][1].startswith("invalid JSON on line 2: ")
    assert summary[2] == ("records-4", None)  # blank line 3 skipped, numbering kept
    assert summary[3] == ("records-5", "JSON on line 5 is a list, not an article record")
    assert summary[4][1] is not None and summary[4][1].startswith("invalid JSON on line 6: ")
    assert summary[5] == ("jl-c", None)
    valid = [d for d in docs if d.error is None]
    assert len(valid) == 3
    # content is that line's bytes; record fields known before parsing are in metadata
    assert json.loads(valid[0].content)["title"] == "Rail strike called off"
    assert valid[0].metadata["published_at"] == "2024-01-02"
    assert "body" not in valid[0].metadata


def test_jsonl_line_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    small = json.dumps({"title": "ok", "body": "fine"})
    big = json.dumps({"title": "big", "body": "z" * 5000})
    path.write_text(f"{small}\n{big}\n{small}\n")
    docs = _docs(path, max_bytes=1000)
    assert [d.error is None for d in docs] == [True, False, True]
    assert docs[1].error is not None and docs[1].error.startswith("over the size limit (line 2:")
    assert len(docs[1].content) == 1000


def test_json_single_record_and_list() -> None:
    (single,) = _docs(INPUTS / "json" / "record.json")
    assert single.error is None and single.doc_id == "record"
    assert single.metadata["url"] == "https://news.example.com/homes"
    listed = _docs(INPUTS / "json" / "records.json")
    assert [d.doc_id for d in listed] == ["list-1", "records-2"]
    assert json.loads(listed[1].content)["html"].startswith("<html>")


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "x", ')
    (doc,) = _docs(path)
    assert doc.error is not None and doc.error.startswith("invalid JSON: ")


def test_rss_feed_entries_and_a_broken_entry() -> None:
    docs = _docs(INPUTS / "feeds" / "news.rss")
    assert [d.doc_id for d in docs] == ["news-1", "news-2", "news-3"]
    first, broken, third = docs
    assert first.error is None and first.source_kind == "feed"
    assert first.metadata["title"] == "Council pledges new bus routes"
    assert first.metadata["link"] == "https://news.example.com/politics/bus-routes"
    assert first.metadata["published"] == "2024-03-05T09:30:00+00:00"
    assert b"four new bus routes" in first.content
    assert broken.error == "broken feed entry 2: no content and no link"
    assert third.error is None and b"low-emission zone" in third.content


def test_atom_feed_refuses_a_javascript_link() -> None:
    docs = _docs(INPUTS / "feeds" / "news.atom")
    assert docs[0].error is None and docs[0].metadata["title"] == "Ministers agree on climate fund"
    assert docs[1].error == "refused: only http(s) URLs are fetched (javascript:)"


def test_feed_that_does_not_parse() -> None:
    (doc,) = _docs(INPUTS / "feeds" / "broken.xml")
    assert doc.error is not None and doc.error.startswith("invalid feed")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "refused: only http(s) URLs are fetched (file:)"),
        ("ftp://ftp.example.com/a.txt", "refused: only http(s) URLs are fetched (ftp:)"),
        ("javascript:alert(1)", "refused: only http(s) URLs are fetched (javascript:)"),
        ("http://", "refused: URL has no host"),
        ("http://[::1", "refused: invalid URL (Invalid IPv6 URL)"),
        ("https://127.0.0.1:99999/", "refused: invalid URL (Port out of range 0-65535)"),
    ],
)
def test_non_http_urls_are_refused(url: str, reason: str) -> None:
    (doc,) = _docs(url)
    assert doc.error == reason
    assert doc.content == b"" and doc.source == url


def test_sources_file_comments_and_refusals(tmp_path: Path) -> None:
    path = tmp_path / "daily.sources"
    path.write_text("# morning list\n\nftp://example.com/x\n  # indented comment\nfile:///etc/hostname\n")
    docs = _docs(path)
    assert [d.error for d in docs] == [
        "refused: only http(s) URLs are fetched (ftp:)",
        "refused: only http(s) URLs are fetched (file:)",
    ]


def test_sources_txt_in_a_folder_is_a_sources_file(tmp_path: Path) -> None:
    (tmp_path / "sources.txt").write_text("javascript:void(0)\n")
    (tmp_path / "story.txt").write_text("Title\nBody.\n")
    docs = _docs(tmp_path)
    assert [(d.source_kind, d.error) for d in docs] == [
        ("url", "refused: only http(s) URLs are fetched (javascript:)"),
        ("txt", None),
    ]


def test_unexpected_failure_on_one_input_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    # the package re-exports the function `discover`, which shadows the module's name
    discover_module = importlib.import_module("pipeline.ingest.discover")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(discover_module, "feed_documents", boom)
    feed, txt = INPUTS / "feeds" / "news.rss", INPUTS / "good" / "article.txt"
    docs = _docs(feed, txt)
    assert [(d.source, d.error) for d in docs] == [
        (source_name(feed), "ingest failed: RuntimeError: boom"),
        (source_name(txt), None),
    ]


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/a</loc></url></urlset>')
    (doc,) = _docs(path)
    assert doc.error is not None
    assert doc.error == "not a feed: no RSS/Atom structure found"


def test_sources_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.sources"
    path.write_text("ftp://example.com/x\n" * 100)
    (doc,) = _docs(path, max_bytes=1000)
    assert doc.error == "over the size limit (2000 > 1000 bytes)"
    assert doc.source_kind == "url"
