"""RSS/Atom feeds (feedparser): one RawDocument per entry.

An entry carries its title, link, published date and content in `metadata`; its
content (HTML or text) becomes the document's bytes. An entry without content
has its link fetched (http(s) only). An entry with neither content nor a usable
link, or a feed that does not parse, becomes a RawDocument with `error` set.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from pipeline.models import RawDocument

FEED_CONTENT_TYPES = ("rss", "atom", "application/xml", "text/xml", "application/rdf")


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    """True for feed content types, or bytes that start like an RSS/Atom/RDF document."""
    ctype = content_type.lower()
    if any(t in ctype for t in FEED_CONTENT_TYPES):
        return True
    if "html" in ctype:
        return False
    head = content[:1024].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith(b"<?xml"):
        return b"<rss" in head or b"<feed" in head or b"<rdf" in head
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def _iso(entry: Any, key: str) -> str | None:
    parsed = entry.get(f"{key}_parsed")
    if parsed:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
        except (TypeError, ValueError, OverflowError):
            pass
    value = entry.get(key)
    return str(value) if value else None


def _entry_body(entry: Any) -> str:
    for item in entry.get("content") or []:
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    summary = entry.get("summary") or entry.get("description")
    return summary if isinstance(summary, str) else ""


FetchLink = Callable[[str, dict[str, Any], str], RawDocument]
"""Fetch an entry's link: (link, entry metadata, doc_id) -> RawDocument of the page."""


def feed_documents(
    content: bytes,
    *,
    source: str,
    stem: str,
    fetched_at: str,
    fetch_link: FetchLink | None,
) -> Iterator[RawDocument]:
    """One RawDocument per entry of the feed in `content` (in the feed's order)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(content))
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield RawDocument(
                source=source,
                content=content,
                source_kind="feed",
                fetched_at=fetched_at,
                doc_id=stem,
                error=f"invalid feed: {problem}",
            )
        elif not parsed.get("version"):
            yield RawDocument(
                source=source,
                content=content,
                source_kind="feed",
                fetched_at=fetched_at,
                doc_id=stem,
                error="not a feed: no RSS/Atom structure found",
            )
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries, start=1):
        doc_id = f"{stem}-{n}"
        link = entry.get("link") or None
        metadata: dict[str, Any] = {
            "title": entry.get("title") or None,
            "link": link,
            "url": link,
            "published": _iso(entry, "published") or _iso(entry, "updated"),
            "author": entry.get("author") or None,
            "entry_id": entry.get("id") or None,
            "feed": source,
            "feed_title": feed_title,
            "entry_no": n,
        }
        metadata = {k: v for k, v in metadata.items() if v is not None}
        body = _entry_body(entry)
        entry_source = f"{source}#entry-{n}"
        if body.strip():
            yield RawDocument(
                source=entry_source,
                content=body.encode("utf-8"),
                source_kind="feed",
                fetched_at=fetched_at,
                doc_id=doc_id,
                metadata=metadata,
            )
        elif link and fetch_link is not None:
            yield fetch_link(str(link), metadata, doc_id)
        else:
            what = "no content and no link" if not link else f"no content (link {link} not fetched)"
            yield RawDocument(
                source=entry_source,
                content=b"",
                source_kind="feed",
                fetched_at=fetched_at,
                doc_id=doc_id,
                metadata=metadata,
                error=f"broken feed entry {n}: {what}",
            )
