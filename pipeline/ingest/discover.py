"""Walk folders and files and yield RawDocuments (minimal version: .txt files)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import RunConfig
from pipeline.models import RawDocument


class IngestError(Exception):
    """An input location that cannot be read at all (missing path)."""


KIND_BY_SUFFIX = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json",
                  ".xml": "feed", ".rss": "feed", ".atom": "feed"}


def _now() -> str:
    return datetime.now(UTC).isoformat()


def discover(inputs: Iterable[str], config: RunConfig | None = None) -> Iterator[RawDocument]:
    """Yield one RawDocument per input document, in a stable order."""
    config = config or RunConfig()
    for item in inputs:
        path = Path(item)
        if not path.exists():
            raise IngestError(f"input not found: {item}")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            kind = KIND_BY_SUFFIX.get(f.suffix.lower())
            if kind is None:
                continue
            yield RawDocument(source=str(f), content=f.read_bytes(), source_kind=kind,
                              fetched_at=_now(), doc_id=f.stem)
