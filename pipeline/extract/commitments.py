"""Commitments: placeholder rules, replaced by the extraction work."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from pipeline.extract.actors import ActorResolver

_WILL = re.compile(r"\b([A-Z][a-z]+) (will|plans to|intends to) (provide|offer|propose|send)\b([^,.;]*)")


def find_commitments(
    doc: Doc, resolver: ActorResolver, statements: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in _WILL.finditer(doc.text):
        ref = resolver.resolve(m.start(1), m.end(1))
        out.append({
            "evidence": {"span": [m.start(), m.end()], "text": m.group(0)},
            "committer": ref.actor or "unknown",
            "recipient": None,
            "category": "other",
            "action": m.group(3),
            "object": m.group(4).strip(),
            "modality": "pledge" if m.group(2) == "will" else "plan",
            "polarity": "positive",
            "quantities": [],
            "conditions": [],
            "statement": None,
        })
    return out
