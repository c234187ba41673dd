"""Extraction stage: statements (attributions) and commitments out of an article body.

Contract: ../shared/spec/extraction.md. `extract_document` returns one JSON-ready
document in that shape, with every span a `[start, end)` offset into `body`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.extract.version import RULES_VERSION

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["RULES_VERSION", "ExtractError", "extract_document"]


class ExtractError(Exception):
    """Raised when a document cannot be extracted; the caller records the reason."""


def extract_document(body: str, *, doc_id: str, title: str = "", doc: Doc | None = None) -> dict[str, Any]:
    """Statements and commitments of one article body, in the shape of extraction.md.

    `doc` is the article's spaCy Doc when the caller already tokenised `body`
    with `pipeline.nlp.get_nlp()` (the pipeline does, to tokenise once).
    """
    # imported here, not at the package's import: `pipeline.extract.version` or `.rows` (the
    # rules version, publishing) must not load spaCy and the rules into a process that does
    # not extract
    from pipeline.extract.actors import ActorResolver
    from pipeline.extract.category_model import recategorise
    from pipeline.extract.commitments import find_commitments
    from pipeline.extract.quantities import document_scope
    from pipeline.extract.statements import find_statements
    from pipeline.nlp import doc_text

    if doc is None:
        from pipeline.nlp import get_nlp

        doc = get_nlp()(body)
    if doc_text(doc) != body:
        raise ExtractError("the Doc given was not made from this body")
    with document_scope():  # each text's quantities found once per document
        resolver = ActorResolver(doc)
        statements = find_statements(doc, resolver)
        commitments = find_commitments(doc, resolver, statements)
        # the learned category over the rules' (off: PLEDGEWATCH_CATEGORY_MODEL=off)
        recategorise(body, commitments, title)
    return {
        "doc_id": doc_id,
        "title": title,
        "body": body,
        "statements": statements,
        "commitments": commitments,
    }
