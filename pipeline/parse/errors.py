"""The parse stage's exception: a document that cannot become an article, with the reason."""

from __future__ import annotations


class ParseError(Exception):
    """A document that cannot be parsed; becomes a Rejection with this message."""
