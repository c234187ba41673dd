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


MAX_SENTENCE_TOKENS = 250
"""A "sentence" longer than this many tokens (a text without punctuation, a run of nested
quotes) is cut into pieces of at most this length before extraction: every rule that scans
to the end of a sentence then does bounded work per token, so extraction time grows linearly
with the text. The longest sentence of the gold and fixture sets has 99 tokens."""


def bound_sentences(doc: Doc, limit: int = MAX_SENTENCE_TOKENS) -> Doc:
    """Start a new sentence every `limit` tokens inside a longer one (in place, idempotent)."""
    if len(doc) <= limit:
        return doc
    from spacy.attrs import SENT_START

    arr = doc.to_array([SENT_START])
    starts = arr.reshape(-1).copy()
    changed = False
    since = 0
    for i in range(len(starts)):
        if i == 0 or starts[i] == 1:
            since = 0
        elif since >= limit:
            starts[i] = 1
            since = 0
            changed = True
        since += 1
    if changed:
        doc.from_array([SENT_START], starts.reshape(-1, 1))  # type: ignore[arg-type]  # int array
    return doc
