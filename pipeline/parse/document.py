"""Turn a RawDocument into an Article or a Rejection (minimal version: .txt)."""

from __future__ import annotations

from pipeline.models import Article, RawDocument, Rejection, article_id_for


class ParseError(Exception):
    """A document that cannot be parsed; becomes a Rejection with this message."""


def parse_document(raw: RawDocument) -> Article | Rejection:
    if raw.error:
        return Rejection(raw.raw_id, raw.source, raw.error)
    try:
        text = raw.content.decode("utf-8")
    except UnicodeDecodeError:
        return Rejection(raw.raw_id, raw.source, "not valid UTF-8 text")
    title, _, body = text.partition("\n")
    body = body.strip("\n")
    if not body.strip():
        return Rejection(raw.raw_id, raw.source, "empty body")
    return Article(article_id=article_id_for(body), raw_id=raw.raw_id, doc_id=raw.doc_id,
                   source=raw.source, title=title.strip(), body=body, language="en")
