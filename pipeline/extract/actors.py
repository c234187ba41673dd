"""Actor resolution: surface forms to canonical ids (placeholder, replaced by the extraction work)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class ActorRef:
    actor: str | None
    """canonical id (`deu`, `eu`, `person:friedrich merz`, `media:afp`, `anon:deu`, `anon`)"""
    actor_country: str | None = None
    kind: str | None = None
    """country | organisation | person | media | anon | group"""
    name: str | None = None


class ActorResolver:
    """Resolves mentions inside one document; later mentions reuse earlier ones."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def resolve(self, start: int, end: int) -> ActorRef:
        """The actor named by body[start:end] (character offsets)."""
        text = self.doc.text[start:end].strip()
        return ActorRef(actor=text.lower() or None)
