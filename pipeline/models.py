"""Plain records passed between the stages (no Airflow, no DuckDB here).

Every stage takes and returns these, so the CLI, the DAG and the tests call the
same functions with the same data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["loaded", "duplicate", "rejected"]


def sha256_hex(data: bytes | str) -> str:
    """Hex sha256 of bytes, or of a string encoded as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def stable_id(*parts: object, length: int = 24) -> str:
    """A short, stable key derived from content: the same parts give the same id in every run."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return sha256_hex(joined)[:length]


@dataclass
class RawDocument:
    """One input exactly as received: its bytes, where it came from and when."""

    source: str
    """Where it came from: a file path (relative to the input root when possible) or a URL."""
    content: bytes
    """The bytes as received (for a record from a .jsonl file: that record's bytes)."""
    source_kind: str
    """txt | html | json | feed | url | unknown: how the parser should read it."""
    fetched_at: str
    """ISO-8601 UTC time the bytes were read or fetched."""
    doc_id: str = ""
    """Name used in extraction output: the file name without extension (or the record's id)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Fields known before parsing (a JSON record's title/url/published_at, a feed entry's link ...)."""
    error: str | None = None
    """Set when the input could not even be read (fetch timeout, 404, over the size limit)."""

    @property
    def raw_id(self) -> str:
        return sha256_hex(self.content)


@dataclass
class Article:
    """A parsed article: the fields analysts see in core.articles."""

    article_id: str
    raw_id: str
    doc_id: str
    source: str
    title: str
    body: str
    url: str | None = None
    author: str | None = None
    published_at: str | None = None
    language: str | None = None
    site_name: str | None = None


@dataclass
class Rejection:
    """An input that will not become an article, with the reason recorded for the engineers."""

    raw_id: str
    source: str
    reason: str


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


def article_id_for(body: str) -> str:
    """Articles are keyed by their normalised body text, so the same text from two files is one article."""
    normalised = " ".join(body.split()).lower()
    return stable_id("article", normalised)
