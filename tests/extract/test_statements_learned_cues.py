"""Cues known only from PolNeAR train's counts need the attribution tagger's word (session 11).

Made-up sentences (none copied from a corpus). A lemma of the "learned" class (a word that is
a cue only some of the time in PolNeAR train: "see", "support", "veto") makes a statement
only where the trained tagger, reading the whole sentence, also tags it as a cue; the curated
classes ("said", "slammed", "questioned") and rules-only runs are as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.extract.actors import ActorResolver
from pipeline.extract.statement_lexicon import load_lexicon
from pipeline.extract.statements import _Finder
from pipeline.nlp import get_nlp

if TYPE_CHECKING:
    import pytest


def found(text: str) -> list[tuple[str, str, str, str]]:
    doc = get_nlp()(text)
    finder = _Finder(doc, ActorResolver(doc), load_lexicon())
    out = []
    for st in finder.run():
        if st.src is None:
            continue
        d = finder.to_dict(st)
        out.append((d["source"]["text"], d["cue"]["text"], d["content"]["text"], st.cls))
    return out


VETO = (
    "Portugal vetoed a proposed fishing agreement for the northern coast at a meeting of ministers on Friday."
)
# ("know" was the example here until it joined the curated belief class)
SEES = "Ms. Lind sees the harbour plan facing a vote in the spring."


def test_a_learned_cue_the_tagger_does_not_confirm_makes_no_statement():
    # 'veto' is a cue some of the time in PolNeAR train; here it is an act, not an attribution
    assert found(VETO) == []


def test_a_learned_cue_the_tagger_confirms_stays():
    assert found(SEES) == [("Ms. Lind", "sees", "the harbour plan facing a vote in the spring", "learned")]


def test_curated_cues_need_no_confirmation():
    text = "The union leader slammed the new rules as unfair to young workers."
    assert [(s, c, x) for s, c, x, _ in found(text)] == [
        ("The union leader", "slammed", "the new rules as unfair to young workers")
    ]


def test_rules_only_runs_keep_the_learned_cues(monkeypatch: pytest.MonkeyPatch):
    """Without the tagger nothing can confirm a learned cue: the rules' threshold decides alone."""
    monkeypatch.setenv("PLEDGEWATCH_ATTRIBUTION_MODEL", "off")
    assert [c for _, c, _, cls in found(VETO)] == ["vetoed"]
    assert [cls for _, _, _, cls in found(SEES)] == ["learned"]
