"""The shared spaCy pipeline's helpers (pipeline/nlp.py)."""

from __future__ import annotations


def test_doc_text_is_built_once_and_equals_the_body() -> None:
    """doc_text keeps the first doc.text of a Doc, so parsing, actors and statements do not
    each rebuild it from every token."""
    from pipeline.nlp import TEXT_KEY, doc_text, get_nlp

    body = "Kyiv said on Monday that it \u201cwelcomes\u201d the offer.\n\nBerlin declined.  "
    doc = get_nlp()(body)
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == body == doc.text
    doc.user_data[TEXT_KEY] = "kept"  # the second read is the kept one, not a rebuild
    assert doc_text(doc) == "kept"
