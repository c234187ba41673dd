"""Quotation marks of a Doc paired into quote spans (token indices), per paragraph.

Journalistic convention (AP style): a quotation that runs over several paragraphs
has no closing mark at the end of the non-final paragraphs, and every paragraph
re-opens it. So an opening mark left unclosed at a paragraph end closes there.
Straight double quotes alternate open/close within a paragraph; curly ones say
which they are. Single curly quotes (‘…’) only count when they open at a word
boundary, since ’ is also the apostrophe; they mark *mixed* content, they do not
delimit statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

DOUBLE_OPEN = {"“", "„", "«"}
DOUBLE_CLOSE = {"”", "»"}
DOUBLE_STRAIGHT = {'"', "''", "``"}
SINGLE_OPEN = {"‘"}
SINGLE_CLOSE = {"’"}
QUOTE_CHARS = DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_STRAIGHT | SINGLE_OPEN | SINGLE_CLOSE | {"'"}


@dataclass
class Quote:
    open: int
    """token index of the opening mark"""
    close: int
    """token index of the closing mark, or one past the last token of the paragraph when unclosed"""
    closed: bool


def paragraph_ids(doc: Doc) -> list[int]:
    """Paragraph number of every token: a newline in a token or after it starts a new one."""
    out = []
    para = 0
    for t in doc:
        if "\n" in t.text:
            para += 1
            out.append(para)
            continue
        out.append(para)
        if "\n" in t.whitespace_:
            para += 1
    return out


def pair_quotes(doc: Doc, para: list[int]) -> list[Quote]:
    """Quote spans of the document in order of their opening mark.

    Double quotes always delimit quotes. Curly single quotes (British style,
    ‘...’) do too when they are not inside a double quote: ‘ opens at a word
    boundary, ’ closes when no letter follows (else it is an apostrophe).
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    open_para = -1
    s_open: int | None = None
    last_in_para = -1
    text = doc.text
    for i, t in enumerate(doc):
        if para[i] != open_para:
            if open_at is not None:
                # unclosed at paragraph end: the quote runs to the end of its paragraph
                quotes.append(Quote(open_at, last_in_para + 1, False))
                open_at = None
            if s_open is not None:
                quotes.append(Quote(s_open, last_in_para + 1, False))
                s_open = None
            open_para = para[i]
        if not t.is_space:
            last_in_para = i
        x = t.text
        if x in DOUBLE_OPEN:
            if open_at is not None:
                quotes.append(Quote(open_at, i, False))
            open_at = i
        elif x in DOUBLE_CLOSE:
            if open_at is not None:
                quotes.append(Quote(open_at, i, True))
                open_at = None
        elif x in DOUBLE_STRAIGHT:
            if open_at is None:
                open_at = i
            else:
                quotes.append(Quote(open_at, i, True))
                open_at = None
        elif open_at is None and x in SINGLE_OPEN:
            before = text[t.idx - 1] if t.idx > 0 else " "
            if not before.isalnum():
                if s_open is not None:
                    quotes.append(Quote(s_open, i, False))
                s_open = i
        elif open_at is None and x in SINGLE_CLOSE and s_open is not None:
            after = text[t.idx + 1] if t.idx + 1 < len(text) else " "
            if not after.isalnum():
                quotes.append(Quote(s_open, i, True))
                s_open = None
    if open_at is not None:
        quotes.append(Quote(open_at, last_in_para + 1, False))
    if s_open is not None:
        quotes.append(Quote(s_open, last_in_para + 1, False))
    quotes.sort(key=lambda q: q.open)
    return [q for q in quotes if q.close > q.open + 1]
