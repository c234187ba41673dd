"""Sentences with character spans into the body, from the shared spaCy pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.models import Sentence
from pipeline.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc


def split_sentences(doc: Doc) -> list[Sentence]:
    """Sentences of a Doc, whitespace trimmed, spans `[start, end)` into doc.text."""
    out: list[Sentence] = []
    text = doc_text(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
    return out
