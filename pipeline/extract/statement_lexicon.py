"""Cue lexicons and closed-class word lists for the statement rules, loaded from data files.

The files live in `pipeline/resources/statements/`:

- `learned_cues.json`: per-lemma cue rates learned from PolNeAR **train**
  (`scripts/learn_cues.py`; Newell, Margolin and Ruths, LREC 2018);
- `cues.json`: the curated cue classes (speech, position, clause_only, belief,
  relay), verb particles ("call for"), "according to"-like phrases, via markers;
- `grammar.json`: closed-class words (auxiliaries, pronouns, determiners,
  prepositions) that bound sources and contents when no parser is available.

Python holds the logic; analysts edit the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.lexicon import data_lines, data_rows

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "statements"

CLASS_PRIORITY = ("relay", "speech", "position", "belief", "clause_only")


@dataclass(frozen=True)
class Lexicon:
    cue_class: dict[str, str]
    """lemma -> class (speech, position, clause_only, belief, relay)"""
    relay: frozenset[str]
    particles: dict[str, tuple[str, ...]]
    object_first: frozenset[str]
    object_then_content: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    according_heads: frozenset[str]
    via_markers: tuple[tuple[str, ...], ...]
    words: dict[str, frozenset[str]]
    """grammar.json lists by name"""
    only_forms: dict[str, frozenset[str]]
    learned_rate: dict[str, float]
    """lemmas outside the curated classes with their PolNeAR-train cue rate (class 'learned')"""
    form_rate: dict[str, tuple[float, int]]
    """word form -> (cue rate, occurrences) in PolNeAR train ('tweets' 0.06 vs 'tweeted' 0.87)"""
    form_min: tuple[float, int]
    """a form seen at least [1] times whose rate is below [0] is never a cue"""
    infinitive_content: frozenset[str]
    learned_min: dict[str, float]
    """minimum cue rate of a 'learned' lemma by the kind of content found
    (quote, strong, clause, weak, left, participle)"""
    needs_particle_or_quote: frozenset[str]
    via_lemmas: frozenset[str]
    """lemmas of the via markers ('cited by', 'quoted by'): their passive names a relay"""
    undertakings: frozenset[str] = frozenset()
    """word forms that announce an undertaking ("pledged", "agreed", "imposed", "signed"): the
    commitment cues of resources/commitments (cues.tsv kinds direct and to, deal_verbs.txt)
    and the clause_only cue class. With a noun-phrase or to-infinitive content they make a
    commitment, not a statement (extraction.md "Statements need a claim")."""
    pledge_verbs: frozenset[str] = frozenset()
    """the verbs whose object is the undertaking itself (cues.tsv kind direct, deal_verbs.txt):
    "pledged $1bn", "approved $50 million" are commitments only, also for the rules"""
    small_clause: frozenset[str] = frozenset()
    """evidence verbs whose content may be a noun and a participle, a claim like a that-clause
    ("the poll shows the governor leading", "found the driver speeding")"""
    claim_nouns: frozenset[str] = frozenset()
    """nouns that attribute a claim to a possessor with a that-clause ("the senator's claim
    that ...", "his view is that ...", "a Times report that ...")"""


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((RESOURCES / name).read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    cues = _read("cues.json")
    grammar = _read("grammar.json")
    learned = _read("learned_cues.json")
    exclude = set(cues.get("exclude", []))
    cue_class: dict[str, str] = {}
    # curated classes first; a lemma listed in several classes keeps the first by priority
    for cls in CLASS_PRIORITY:
        if cls == "relay":
            continue
        for lemma in cues["classes"].get(cls, []):
            cue_class.setdefault(lemma, cls)
    th = cues.get("learned", {})
    min_rate, min_count = float(th.get("min_rate", 1.0)), int(th.get("min_count", 10**9))
    for lemma, st in learned.get("lemmas", {}).items():
        if lemma in exclude or lemma in cue_class:
            continue
        if st["rate"] >= min_rate and st["cue"] >= min_count and lemma.isalpha():
            cue_class[lemma] = "speech"
    words = {k: frozenset(v) for k, v in grammar.items() if isinstance(v, list)}
    commitments = RESOURCES.parent / "commitments"
    undertakings = {
        row[0].lower()
        for row in data_rows(commitments / "cues.tsv")
        if len(row) >= 2 and row[1] in ("direct", "to") and " " not in row[0]
    }
    pledge_verbs = {
        row[0].lower()
        for row in data_rows(commitments / "cues.tsv")
        if len(row) >= 2 and row[1] == "direct" and " " not in row[0]
    } | {w.lower() for w in data_lines(commitments / "deal_verbs.txt") if " " not in w}
    undertakings |= {w.lower() for w in data_lines(commitments / "deal_verbs.txt") if " " not in w}
    undertakings |= set(cues["classes"].get("clause_only", []))
    undertakings -= words.get("aux", frozenset()) | words.get("passive_be", frozenset())
    closed = set().union(
        *(
            words[k]
            for k in (
                "aux",
                "determiners",
                "prepositions",
                "clause_breakers",
                "adverbs",
                "subject_pronouns",
                "object_pronouns",
                "time_words",
            )
        )
    )
    tier = cues.get("learned_tier", {})
    t_rate, t_count = float(tier.get("min_rate", 1.0)), int(tier.get("min_count", 10**9))
    learned_rate = {
        lemma: st["rate"]
        for lemma, st in learned.get("lemmas", {}).items()
        if lemma not in cue_class
        and lemma not in exclude
        and lemma not in closed
        and lemma.isalpha()
        and st["rate"] >= t_rate
        and st["cue"] >= t_count
    }
    return Lexicon(
        cue_class=cue_class,
        relay=frozenset(cues["classes"].get("relay", [])),
        particles={k: tuple(v) for k, v in cues.get("particles", {}).items()},
        object_first=frozenset(cues.get("object_first", [])),
        object_then_content=frozenset(cues.get("np_content_after_object", [])),
        according=tuple(tuple(p) for p in cues.get("according", [])),
        according_heads=frozenset(cues.get("according_heads", [])),
        via_markers=tuple(tuple(p) for p in cues.get("via_markers", [])),
        words=words,
        only_forms={k: frozenset(v) for k, v in cues.get("only_forms", {}).items()},
        needs_particle_or_quote=frozenset(cues.get("needs_particle_or_quote", [])),
        via_lemmas=frozenset(cues.get("via_lemmas", ["cite", "quote"])),
        learned_rate=learned_rate,
        infinitive_content=frozenset(cues.get("infinitive_content", [])),
        form_rate={f: (v["rate"], v["total"]) for f, v in learned.get("forms", {}).items()},
        form_min=(float(tier.get("form_min_rate", 0.0)), int(tier.get("form_min_count", 10**9))),
        learned_min={k: float(v) for k, v in tier.get("by_content", {}).items()},
        undertakings=frozenset(undertakings),
        pledge_verbs=frozenset(pledge_verbs - words.get("aux", frozenset())),
        small_clause=frozenset(cues.get("small_clause", [])),
        claim_nouns=frozenset(cues.get("claim_nouns", [])),
    )
