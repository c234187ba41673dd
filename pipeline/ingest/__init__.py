"""Ingest stage: find inputs and read their bytes as received (files, feeds, URLs)."""

from __future__ import annotations

from pipeline.ingest.discover import IngestError, discover

__all__ = ["IngestError", "discover"]
