"""Roles read off a dependency parse (pipeline.nlp.sentence_parse): who is the agent of a
predicate, over coordination and passives.

Small named functions over the tree, for both label sets a spaCy English pipeline may
carry: Universal Dependencies (the shipped en_pledgewatch_ud: `nsubj`, `nsubj:pass`,
`obl:agent` or `obl` + `case` "by", `conj`, `xcomp`) and ClearNLP (spaCy's en_core_web_*:
`nsubj`, `nsubjpass`, `agent` + `pobj`, `conj`, `xcomp`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT = ("nsubj", "csubj")
PASSIVE_SUBJECT = ("nsubj:pass", "nsubjpass", "csubj:pass", "csubjpass")
AUXILIARY = ("aux", "aux:pass", "auxpass", "mark", "neg", "advmod", "cop")
"""a cue word that only helps the predicate: "will provide", "is to provide", "not send" """
SHARES_SUBJECT = ("xcomp", "conj")
"""a predicate whose subject is its head's: "pledged to send", "said and will send" """
NOT_PART_OF_NP = (
    "conj",
    "cc",
    "case",
    "mark",
    "punct",
    "appos",
    "acl",
    "acl:relcl",
    "relcl",
    "parataxis",
    "advcl",
    "dep",
)


@dataclass(frozen=True)
class Agent:
    """Who does what a predicate says: one noun-phrase span per conjunct, as token index
    ranges `[start, end)` of the sentence parse, and whether it came from a passive's `by`."""

    phrases: tuple[tuple[int, int], ...]
    heads: tuple[int, ...]
    passive: bool


def predicate(tok: Token) -> Token:
    """The content predicate a cue token belongs to: "will" -> "provide" (its head), a
    verb -> itself."""
    seen = 0
    while tok.dep_ in AUXILIARY and tok.head is not tok and seen < 4:
        tok = tok.head
        seen += 1
    return tok


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it, in order ("Sweden and Spain")."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def phrase(tok: Token) -> tuple[int, int]:
    """The noun phrase a head token stands for, without its conjuncts, appositions,
    relative clauses and punctuation: token indexes `[start, end)`."""
    lo = hi = tok.i
    stack = [c for c in tok.children if c.dep_ not in NOT_PART_OF_NP]
    while stack:
        c = stack.pop()
        lo, hi = min(lo, c.i), max(hi, c.i)
        stack.extend(x for x in c.children if x.dep_ not in ("punct",))
    return lo, hi + 1


def _by_agent(pred: Token) -> Token | None:
    for c in pred.children:
        if c.dep_ == "obl:agent":
            return c
        if c.dep_ == "agent":  # ClearNLP: agent -> pobj
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
        if c.dep_ == "obl" and any(g.dep_ == "case" and g.lower_ == "by" for g in c.children):
            return c
    return None


def agent_of(tok: Token) -> Agent | None:
    """The agent of the predicate the cue token `tok` belongs to: its subject (or the `by`
    phrase of a passive), expanded over coordination; a predicate with no subject of its own
    ("pledged to send", "said and will send") takes its head's. None when the tree names
    none (an imperative, a fragment, a nominal cue)."""
    pred = predicate(tok)
    for _ in range(6):
        kids = list(pred.children)
        # every subject dependent: a list the parser did not coordinate ("Spain, Portugal and
        # the EU pledged" with "the EU" as a second subject) is still one list of agents
        subjects = [c for c in kids if c.dep_ in SUBJECT]
        passive = next((c for c in kids if c.dep_ in PASSIVE_SUBJECT), None)
        if passive is not None:
            by = _by_agent(pred)
            if by is None:
                return None  # "$3bn was pledged": the agent is not in the clause
            subjects = [by]
        if subjects:
            heads = sorted({h for subj in subjects for h in conjuncts(subj)}, key=lambda t: t.i)
            return Agent(tuple(phrase(h) for h in heads), tuple(h.i for h in heads), passive is not None)
        if pred.dep_ in SHARES_SUBJECT and pred.head is not pred:
            pred = pred.head
            continue
        return None
    return None


def token_at(parse: Doc, offset: int) -> Token | None:
    """The token of `parse` covering character `offset` (relative to the parse's text)."""
    for t in parse:
        if t.idx <= offset < t.idx + len(t.text):
            return t
        if t.idx > offset:
            return None
    return None
