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
    return paragraphs_of([t.text for t in doc], [t.whitespace_ for t in doc])


def paragraphs_of(texts: list[str], trailing: list[str]) -> list[int]:
    """`paragraph_ids` over token texts and their trailing whitespace (no Token objects)."""
    out = []
    para = 0
    for x, ws in zip(texts, trailing, strict=True):
        if "\n" in x:
            para += 1
            out.append(para)
            continue
        out.append(para)
        if "\n" in ws:
            para += 1
    return out


def pair_quote_tokens(
    text: str, texts: list[str], idx: list[int], is_space: list[bool], para: list[int]
) -> list[Quote]:
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
    for i, x in enumerate(texts):
        if para[i] != open_para:
            if open_at is not None:
                # unclosed at paragraph end: the quote runs to the end of its paragraph
                quotes.append(Quote(open_at, last_in_para + 1, False))
                open_at = None
            if s_open is not None:
                quotes.append(Quote(s_open, last_in_para + 1, False))
                s_open = None
            open_para = para[i]
        if not is_space[i]:
            last_in_para = i
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
            before = text[idx[i] - 1] if idx[i] > 0 else " "
            if not before.isalnum():
                if s_open is not None:
                    quotes.append(Quote(s_open, i, False))
                s_open = i
        elif open_at is None and x in SINGLE_CLOSE and s_open is not None:
            after = text[idx[i] + 1] if idx[i] + 1 < len(text) else " "
            if not after.isalnum():
                quotes.append(Quote(s_open, i, True))
                s_open = None
    if open_at is not None:
        quotes.append(Quote(open_at, last_in_para + 1, False))
    if s_open is not None:
        quotes.append(Quote(s_open, last_in_para + 1, False))
    quotes.sort(key=lambda q: q.open)
    return [q for q in quotes if q.close > q.open + 1]


class Coverage:
    """How many of a set of token spans `[start, end)` hold a position: range add, point query,
    each O(log n) (a Fenwick tree over the differences), so checking every statement against
    every other is linear-logarithmic instead of quadratic."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tree = [0] * (size + 1)

    def _add(self, i: int, delta: int) -> None:
        i += 1
        while i <= self.size:
            self.tree[i] += delta
            i += i & -i

    def add(self, start: int, end: int, delta: int = 1) -> None:
        """Count the span `[start, end)` (`delta` -1 removes it); an empty span counts nowhere."""
        start, end = max(start, 0), min(end, self.size)
        if end > start:
            self._add(start, delta)
            if end < self.size:
                self._add(end, -delta)

    def at(self, i: int) -> int:
        """How many counted spans hold position i."""
        if not 0 <= i < self.size:
            return 0
        i += 1
        total = 0
        while i > 0:
            total += self.tree[i]
            i -= i & -i
        return total
