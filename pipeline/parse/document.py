"""Turn a RawDocument into an Article or a Rejection, whatever the bytes are.

`parse_document` never raises: every way a document can fail becomes a
Rejection whose `reason` says what was wrong (empty file, only whitespace,
binary data, nesting too deep, a listing page, no body ...).

How each `source_kind` is read:

- `txt`: optional header lines first (`URL:`, `Published:`, `Source:`, in any order,
  see `TEXT_HEADERS`), then the first non-empty line is the title, the rest the body;
  the headers fill the article's url, published_at and site_name (the publisher, as a
  JSON record's `source` does; `source` stays the input's location);
- `html`: `pipeline.parse.html` (metadata from the document, body from trafilatura);
- `json`: one article record (title, body or html, url, published_at, source,
  author, language);
- `feed`: one feed entry; its content (HTML or text) is the body, the title,
  link and date come from the entry (in `metadata`);
- `url` / `unknown`: sniffed (HTML, feed entry or plain text).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pipeline.models import Article, RawDocument, Rejection, article_id_for
from pipeline.parse.decode import declared_charset, decode_bytes
from pipeline.parse.errors import ParseError
from pipeline.parse.html import extract_html, iso_date

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["ParseError", "detect_language", "parse_document"]

MIN_LANGUAGE_CHARS = 40
"""Below this many body characters the page's declared language is trusted over detection."""
LANGUAGE_SAMPLE_CHARS = 2000
"""Characters of the body the language is detected on (more costs time and changes no answer
on real articles)."""

TEXT_HEADERS = {"url": "url", "published": "published_at", "source": "source"}
"""Header lines a `.txt` may start with (`Published: 2026-03-14`), by name (any case) -> field."""
_TEXT_HEADER = re.compile(r"^(url|published|source)[ \t]*:[ \t]*(\S.*?)\s*$", re.IGNORECASE)

_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_HTML_TAGS = re.compile(r"<(p|div|br|span|a|h[1-6]|article|section|ul|li|em|strong|b|i)[\s/>]", re.IGNORECASE)


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language (py3langid); the declared one for very short texts."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_LANGUAGE_CHARS and declared:
        return declared
    if not sample.strip():
        return declared
    import py3langid as langid

    lang, _score = langid.classify(sample)
    return str(lang)


def _looks_like_html(text: str) -> bool:
    """Starts like an HTML document (after comments), or has a couple of common HTML tags.

    Written without nested regex quantifiers: `(<!--.*?-->\\s*)*` backtracks
    exponentially on a run of empty comments.
    """
    head = text[:5000].lstrip()
    while head.startswith("<!--"):
        end = head.find("-->")
        if end < 0:
            return False
        head = head[end + 3 :].lstrip()
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(text[:5000])) >= 2


def _content_type_charset(raw: RawDocument) -> str | None:
    ctype = raw.metadata.get("content_type")
    if isinstance(ctype, str):
        m = re.search(r"charset=\s*\"?([\w.:-]+)", ctype, re.IGNORECASE)
        if m:
            return m.group(1)
    return None


def _decode(raw: RawDocument, html: bool) -> str:
    declared = _content_type_charset(raw) or (declared_charset(raw.content) if html else None)
    text, _encoding = decode_bytes(raw.content, declared)
    if not text.strip():
        raise ParseError(f"only whitespace ({len(raw.content)} bytes)")
    return text


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _article(
    raw: RawDocument,
    *,
    title: str | None,
    body: str,
    url: str | None = None,
    author: str | None = None,
    published_at: str | None = None,
    declared_language: str | None = None,
    site_name: str | None = None,
) -> Article:
    body = body.strip()
    if not body:
        raise ParseError("no body text")
    return Article(
        article_id=article_id_for(body),
        raw_id=raw.raw_id,
        doc_id=raw.doc_id,
        source=raw.source,
        title=title or "",
        body=body,
        url=url,
        author=author,
        published_at=published_at,
        language=detect_language(body, declared_language),
        site_name=site_name,
    )


def text_headers(text: str) -> tuple[dict[str, str], str]:
    """The `URL:` / `Published:` / `Source:` lines a `.txt` starts with, and the text after them.

    Only lines at the very start count (blank lines between them are skipped), each name once;
    a `URL:` must be an http(s) URL and a `Published:` a readable date, else the line is not a
    header and the text is read from there; headers not followed by a title and a body line are
    no headers (a title such as "Source: ..." stays the title).
    Without headers the text is returned unchanged: the seed format stays valid.
    """
    found: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line:
            m = _TEXT_HEADER.match(line)
            if m is None:
                break
            field, value = TEXT_HEADERS[m.group(1).lower()], m.group(2)
            if field in found:
                break
            if field == "url" and not re.match(r"https?://\S+$", value, re.IGNORECASE):
                break
            if field == "published_at":
                value = iso_date(value) or _written_date(value) or ""
                if not value:
                    break
            found[field] = value
        pos = end + 1
    rest = text[pos:]
    if not found or sum(1 for line in rest.splitlines() if line.strip()) < 2:
        return {}, text  # no title and body after them: the first line is the title after all
    return found, rest


def _written_date(value: str) -> str | None:
    """A date written out ("14 March 2025", "March 14, 2025 10:00 UTC") as ISO 8601 (dateutil)."""
    from dateutil import parser

    try:
        parsed: datetime = parser.parse(value)  # dateutil's stubs are not installed
    except (ValueError, OverflowError):
        return None
    return (
        parsed.isoformat()
        if (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0) or parsed.tzinfo
        else parsed.date().isoformat()
    )


def _from_text(raw: RawDocument, text: str, meta: dict[str, Any]) -> Article:
    if raw.source_kind == "txt":
        headers, text = text_headers(text.lstrip("\ufeff"))
        if headers:
            meta = {**meta, **headers}
            if "source" in headers:
                meta["site_name"] = headers["source"]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    title = _str(meta.get("title"))
    if title is None:
        title = lines[0].strip()
        lines = lines[1:]
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    if not body.strip():
        raise ParseError("no body: the text has only a title line")
    return _article(
        raw,
        title=title,
        body=body,
        url=_str(meta.get("url") or meta.get("link")),
        author=_str(meta.get("author")),
        published_at=iso_date(_str(meta.get("published_at") or meta.get("published"))),
        declared_language=_str(meta.get("language")),
        site_name=_str(meta.get("site_name")),
    )


def _from_html(
    raw: RawDocument, html: str, meta: dict[str, Any], *, fragment: bool, prefer_meta: bool = False
) -> Article:
    """An article from HTML; `meta` (a feed entry's or a JSON record's fields) fills the gaps.

    With `prefer_meta` (feed entries, JSON records: fields someone curated), the
    title, URL, author and date in `meta` win over what the HTML says.
    """
    page = extract_html(html, fragment=fragment)
    given = {
        "title": _str(meta.get("title")),
        "url": _str(meta.get("url") or meta.get("link")),
        "author": _str(meta.get("author")),
        "published_at": iso_date(_str(meta.get("published_at") or meta.get("published"))),
    }
    found = {"title": page.title, "url": page.url, "author": page.author, "published_at": page.published_at}
    first, second = (given, found) if prefer_meta else (found, given)
    pick = {k: first[k] or second[k] for k in given}
    if not prefer_meta and not pick["url"]:
        pick["url"] = _str(meta.get("final_url"))
    return _article(
        raw,
        title=pick["title"],
        body=page.body,
        url=pick["url"],
        author=pick["author"],
        published_at=pick["published_at"],
        declared_language=page.language or _str(meta.get("language")),
        site_name=page.site_name or _site_name(meta),
    )


def _site_name(meta: dict[str, Any]) -> str | None:
    """A record's `site_name`, else its `source` when that names a publisher (not a URL/path)."""
    name = _str(meta.get("site_name"))
    source = _str(meta.get("source"))
    if name is None and source and "/" not in source and "\\" not in source:
        name = source
    return name


def _from_json(raw: RawDocument) -> Article:
    text = _decode(raw, html=False)
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise ParseError(f"JSON record is a {type(record).__name__}, not an object")
    meta = {**raw.metadata, **{k: v for k, v in record.items() if v is not None}}
    body, html = record.get("body"), record.get("html")
    if isinstance(body, str) and body.strip():
        title = _str(record.get("title"))
        # without a title field, the body's first line is the title (as in a .txt file)
        text = body if title is None else f"{title}\n{body}"
        return _from_text(raw, text, {**meta, "title": None, "site_name": _site_name(meta)})
    if isinstance(html, str) and html.strip():
        return _from_html(raw, html, meta, fragment=False, prefer_meta=True)
    raise ParseError("JSON record has neither a body nor html")


def _parse(raw: RawDocument) -> Article:
    if raw.error:
        raise ParseError(raw.error)
    if len(raw.content) == 0:
        raise ParseError("empty file (0 bytes)")
    kind = raw.source_kind
    if kind == "json":
        return _from_json(raw)
    if kind == "feed":
        text = _decode(raw, html=False)
        if _ANY_TAG.search(text):
            return _from_html(raw, text, raw.metadata, fragment=True, prefer_meta=True)
        return _from_text(raw, text, raw.metadata)
    ctype = str(raw.metadata.get("content_type") or "").lower()
    html_hint = kind == "html" or "html" in ctype
    text = _decode(raw, html=html_hint or kind in ("url", "unknown"))
    if html_hint or _looks_like_html(text):
        return _from_html(raw, text, raw.metadata, fragment=False)
    return _from_text(raw, text, raw.metadata)


def parse_document(raw: RawDocument) -> Article | Rejection:
    """An Article, or a Rejection with the reason; never raises."""
    try:
        return _parse(raw)
    except ParseError as exc:
        return Rejection(raw.raw_id, raw.source, str(exc))
    except RecursionError:
        return Rejection(raw.raw_id, raw.source, "HTML nested too deeply (recursion limit)")
    except Exception as exc:  # a bug or a library failure must not stop the run
        return Rejection(raw.raw_id, raw.source, f"parse failed: {type(exc).__name__}: {exc}"[:500])
