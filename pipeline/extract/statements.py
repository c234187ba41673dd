"""Statements (attributions): placeholder rules, replaced by the extraction work."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from pipeline.extract.actors import ActorResolver

_ACCORDING = re.compile(r"according to ([^,.;]+)", re.I)


def find_statements(doc: Doc, resolver: ActorResolver) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for sent in doc.sents:
        m = _ACCORDING.search(sent.text)
        if not m:
            continue
        base = sent.start_char
        content_end = base + m.start()
        while content_end > base and not doc.text[content_end - 1].isalnum():
            content_end -= 1
        if content_end <= base:
            continue
        s, e = base + m.start(1), base + m.end(1)
        ref = resolver.resolve(s, e)
        out.append({
            "source": {"span": [s, e], "text": doc.text[s:e], "actor": ref.actor,
                       "actor_country": ref.actor_country},
            "cue": {"span": [base + m.start(), base + m.start() + 12],
                    "text": doc.text[base + m.start(): base + m.start() + 12]},
            "content": {"span": [base, content_end], "text": doc.text[base:content_end]},
            "kind": "indirect",
            "via": [],
        })
    return out
