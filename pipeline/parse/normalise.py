"""Text normalisation before extraction, with offsets kept into the stored body.

Invisible format characters (Unicode category Cf: zero-width space and joiners, soft hyphen,
bidi marks, embeddings and isolates, the BOM) split names ("Ger\\u200bmany") and cues, and
compatibility forms (full-width letters, ligatures, non-breaking spaces) hide words from the
word lists. Extraction runs on the text with format characters removed and NFKC applied; every
span it returns is mapped back to `[start, end)` in the body as stored, so `body[start:end]`
is the evidence an analyst reads (its text taken from the body). A body that is already clean
(nearly all) is extracted as it is.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc


def _is_format(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def needs_normalising(text: str) -> bool:
    """Whether `normalise` would change the text (ASCII never: it is NFKC and has no format
    characters, and the check is then one C-level scan). The format-character test runs once
    per distinct character (a set built in C), not once per character."""
    if text.isascii():
        return False
    return not unicodedata.is_normalized("NFKC", text) or any(_is_format(c) for c in set(text))


def normalise(text: str) -> tuple[str, list[int], list[int]]:
    """(clean text, starts, ends): clean char k comes from text[starts[k]:ends[k]].

    Format characters are dropped; each base character with its combining marks is NFKC'd as
    one cluster (so composition works and every output character maps to its cluster).
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if _is_format(ch):
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        norm = unicodedata.normalize("NFKC", cluster) if not cluster.isascii() else cluster
        for c in norm:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def normalise_for_extraction(
    body: str, doc: Doc, extract: Callable[[str, Doc], dict[str, Any]]
) -> dict[str, Any]:
    """`extract(text, doc)` on the normalised body, spans mapped back into `body`."""
    if not needs_normalising(body):
        return extract(body, doc)
    from pipeline.nlp import get_nlp
    from pipeline.parse.sentences import bound_sentences

    clean, starts, ends = normalise(body)
    if not clean.strip():
        return extract(body, doc)
    result = extract(clean, bound_sentences(get_nlp()(clean)))

    def to_body(span: list[int]) -> list[int]:
        s, e = int(span[0]), int(span[1])
        if e <= s:
            b = starts[s] if s < len(starts) else len(body)
            return [b, b]
        return [starts[s] if s < len(starts) else len(body), ends[e - 1]]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            span = node.get("span")
            if isinstance(span, list | tuple) and len(span) == 2:
                node["span"] = to_body(list(span))
                if "text" in node:
                    node["text"] = body[node["span"][0] : node["span"][1]]
            for key, value in node.items():
                if key != "span":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result.get("statements"))
    walk(result.get("commitments"))
    result["body"] = body
    return result
