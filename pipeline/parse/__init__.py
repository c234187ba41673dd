"""Parse stage: raw bytes to an Article (title, body, metadata, language) or a Rejection."""

from __future__ import annotations

from pipeline.parse.document import ParseError, parse_document
from pipeline.parse.sentences import split_sentences

__all__ = ["ParseError", "parse_document", "split_sentences"]
