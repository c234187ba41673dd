"""Commitments the rules miss: candidates read off the dependency parse, kept or dropped by
a learned decision layer.

One stage per function:

- `candidates`: every predicate of a parsed sentence whose lemma is a trigger (a verb that
  gives, pledges, sends, lends, refuses ...; a pledge noun; money "from" an actor), with its
  agents from the tree (`pipeline.extract.syntax.agent_of`, over coordination and passives),
  its object and the smallest clause holding them;
- `features`: what the decision looks at (the predicate's lemma, tense and auxiliaries, the
  verb that governs it, negation, the object's words and money, the agent's kind, quotes);
- `DecisionModel`: two logistic regressions (is this a commitment? which category?) trained
  by `scripts/train_commitments.py` (`make train-extract`) on the annotated sets and shipped
  as plain weights (`pipeline/resources/commitments/decision_model.json`), applied here
  with no machine-learning library at run time.

The trigger words, like the weights, are learned from the gold `action` fields; nothing here
is tuned to one sentence.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.config import RESOURCES_DIR
from pipeline.extract.syntax import agent_of, conjuncts, phrase, predicate

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from spacy.tokens import Doc, Token

    from pipeline.extract.actors import ActorResolver

MODEL_PATH = RESOURCES_DIR / "commitments" / "decision_model.json"
MODEL_ENV = "PLEDGEWATCH_DECISION_MODEL"
"""`off` runs the rules alone; a path loads other weights"""

RIGHT_OF_PREDICATE = (
    "obj",
    "iobj",
    "obl",
    "dobj",
    "dative",
    "prep",
    "compound:prt",
    "prt",
    "nummod",
    "advmod",
    "obl:tmod",
    "npadvmod",
    "xcomp",
    "ccomp",
)
"""the predicate's dependents that belong to its clause (evidence runs to their end)"""


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    d = json.loads((RESOURCES_DIR / "commitments" / "decision_features.json").read_text("utf-8"))
    return {k: frozenset(v) for k, v in d.items() if not k.startswith("_")}


@dataclass
class Candidate:
    """One possible undertaking: character spans into the body."""

    sent: tuple[int, int]
    lemma: str
    pos: str
    committers: list[tuple[str, int, int]]
    """(actor id, phrase start, phrase end) per coordinated agent"""
    ev: tuple[int, int]
    obj: tuple[int, int]
    action: str
    modality: str
    polarity: str
    feats: dict[str, float] = field(default_factory=dict)
    covered: bool = False
    """a rule row of the same committer already states it (training only)"""
    head: tuple[int, int] = (0, 0)
    """the predicate's (or pledge noun's) own characters"""


# ------------------------------------------------------------------ the model


@dataclass
class DecisionModel:
    keep: dict[str, float]
    keep_bias: float
    categories: list[str]
    cat_weights: list[dict[str, float]]
    cat_bias: list[float]
    verbs: frozenset[str]
    nouns: frozenset[str]
    threshold: float
    version: str

    @classmethod
    def load(cls, path: Path) -> DecisionModel:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            keep=d["keep"]["weights"],
            keep_bias=d["keep"]["bias"],
            categories=d["category"]["classes"],
            cat_weights=d["category"]["weights"],
            cat_bias=d["category"]["bias"],
            verbs=frozenset(d["triggers"]["verbs"]),
            nouns=frozenset(d["triggers"]["nouns"]),
            threshold=float(d["threshold"]),
            version=str(d.get("version", "")),
        )

    def keep_probability(self, feats: dict[str, float]) -> float:
        z = self.keep_bias + sum(self.keep.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def category(self, feats: dict[str, float]) -> tuple[str, float]:
        scores = [
            b + sum(w.get(k, 0.0) * v for k, v in feats.items())
            for w, b in zip(self.cat_weights, self.cat_bias, strict=True)
        ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = max(range(len(scores)), key=lambda i: scores[i])
        return self.categories[best], exps[best] / sum(exps)


def model_enabled() -> bool:
    return os.environ.get(MODEL_ENV, "").strip().lower() not in ("off", "0", "false", "no")


@lru_cache(maxsize=2)
def _load(path: str) -> DecisionModel | None:
    from pathlib import Path

    p = Path(path)
    return DecisionModel.load(p) if p.is_file() else None


def get_model() -> DecisionModel | None:
    """The shipped decision model (or $PLEDGEWATCH_DECISION_MODEL's file); None when off or
    when no model file exists (the rules then run alone)."""
    value = os.environ.get(MODEL_ENV, "").strip()
    if value.lower() in ("off", "0", "false", "no"):
        return None
    return _load(value or str(MODEL_PATH))


# ------------------------------------------------------------------ candidates


def _span(parse: Doc, base: int, lo: int, hi: int) -> tuple[int, int]:
    """Character span of parse tokens [lo, hi) in the body."""
    last = parse[hi - 1]
    return base + parse[lo].idx, base + last.idx + len(last.text)


def _governor(tok: Token) -> Token | None:
    """The verb or adjective governing a to-infinitive or complement ("plans to send" ->
    plans), skipping nothing else."""
    if tok.dep_ in ("xcomp", "ccomp", "acl", "advcl") and tok.head is not tok:
        return tok.head
    return None


def _modality(tok: Token, cues: dict[str, tuple[str, str]]) -> tuple[str, str, str]:
    """(modality, polarity, the cue word) from the auxiliaries and governing verbs."""
    words = _words()
    negated = any(c.lower_ in words["negation"] and c.dep_ in ("advmod", "neg", "det") for c in tok.children)
    cue = ""
    modality = ""
    gov = tok
    for _ in range(3):
        for c in gov.children:
            if c.dep_ in ("aux", "aux:pass", "auxpass") and c.lower_ in cues:
                modality, _pol = cues[c.lower_][0], cues[c.lower_][1]
                cue = cue or c.lower_
            if c.lower_ in words["negation"] and c.dep_ in ("advmod", "neg"):
                negated = True
        g = _governor(gov)
        if g is None:
            break
        key = g.lower_
        if key in cues:
            modality = cues[key][0]
            cue = key
        gov = g
    if not modality:
        modality = "pledge"
    lemma = gov.lemma_.lower()
    if lemma in words["refusal_verbs"]:
        return "refusal", "negative", cue or lemma
    if negated:
        return "refusal", "negative", cue or "not"
    return modality, "positive", cue


def _right_end(tok: Token) -> int:
    hi = tok.i
    for c in tok.children:
        if c.i > tok.i and c.dep_ in RIGHT_OF_PREDICATE:
            hi = max(hi, c.right_edge.i)
    return hi + 1


def _object(tok: Token) -> tuple[int, int] | None:
    for deps in (("obj", "dobj"), ("obl", "prep", "iobj", "dative")):
        kids = [c for c in tok.children if c.dep_ in deps and c.i > tok.i]
        if kids:
            return kids[0].left_edge.i, max(k.right_edge.i for k in kids) + 1
    return None


def _actors(resolver: ActorResolver, spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for cs, ce in spans:
        if not resolver.mentions_in(cs, ce):
            continue
        ref = resolver.resolve(cs, ce)
        actor = None if ref.kind == "media" else ref.acts_for
        if actor and actor not in [a for a, _, _ in out]:
            out.append((actor, cs, ce))
    return out


PRONOUNS = ("it", "they", "we", "he", "she")


def money_words() -> frozenset[str]:
    return _words()["money_words"]


def _from_phrases(tok: Token) -> list[Token]:
    """The heads of a token's "from X" / "by X" dependents ("$20m from Germany")."""
    return [
        c
        for c in tok.children
        if c.dep_ in ("nmod", "prep", "obl", "acl")
        and any(g.dep_ in ("case", "pobj") and g.lower_ in ("from", "by") for g in c.children)
    ]


def _is_money(tok: Token) -> bool:
    """A money phrase's head: a currency sign or word, or a number next to one."""
    words = _words()["money_words"]
    around = [tok, *tok.children]
    return any(t.is_currency or t.lower_ in words for t in around) and any(
        t.like_num or t.pos_ == "NUM" for t in tok.subtree
    )


def _has_money(parse: Doc) -> bool:
    """Whether any token of the sentence is a currency sign or word (what `_is_money` looks
    for around a token)."""
    words = _words()["money_words"]
    return any(t.is_currency or t.lower_ in words for t in parse)


def candidates(
    parse: Doc,
    base: int,
    sent: tuple[int, int],
    resolver: ActorResolver,
    model: DecisionModel,
    cues: dict[str, tuple[str, str]],
    pronoun_actor: Callable[[int], str | None] | None = None,
) -> list[Candidate]:
    """The candidate undertakings of one parsed sentence (`base`: its first character).
    `pronoun_actor(pos)` names the actor a pronoun agent at `pos` stands for (the speaker,
    the committer of the undertaking before), or None."""

    def agents(spans: list[tuple[int, int]], heads: list[Token]) -> list[tuple[str, int, int]]:
        found = _actors(resolver, spans)
        if found or len(heads) != 1 or heads[0].lower_ not in PRONOUNS:
            return found
        # "Norway said it would give": a pronoun subject of a reported clause is the
        # reporting verb's subject when that names an actor
        clause = predicate(heads[0].head)
        if clause.dep_ == "ccomp" and clause.head is not clause:
            speaker = agent_of(clause.head)
            if speaker is not None and len(speaker.phrases) == 1:
                named = _actors(resolver, [_span(parse, base, *speaker.phrases[0])])
                if named:
                    return [(named[0][0], *spans[0])]
        if pronoun_actor is not None:
            actor = pronoun_actor(spans[0][0])
            if actor:
                return [(actor, *spans[0])]
        return found

    out: list[Candidate] = []
    # `_is_money` needs a currency sign or word among a token and its children: a sentence
    # with none has no money phrase to test, token by token
    money = _has_money(parse)
    for tok in parse:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in model.verbs:
            if any(c.dep_ == "xcomp" and c.lemma_.lower() in model.verbs for c in tok.children):
                continue  # "pledged to send": the inner verb carries the undertaking
            agent = agent_of(tok)
            if agent is None:
                continue
            committers = agents(
                [_span(parse, base, a, b) for a, b in agent.phrases], [parse[h] for h in agent.heads]
            )
            if not committers:
                continue
            obj = _object(tok)
            lo = min([a for a, _ in agent.phrases] + [tok.i])
            if agent.passive:
                subj = [c for c in tok.children if c.dep_ in ("nsubj:pass", "nsubjpass")]
                lo = min([lo] + [c.left_edge.i for c in subj])
            hi = max(_right_end(tok), obj[1] if obj else 0)
            modality, polarity, cue = _modality(tok, cues)
            head = _span(parse, base, tok.i, tok.i + 1)
            out.append(
                Candidate(
                    sent,
                    lemma,
                    "VERB",
                    committers,
                    _span(parse, base, lo, hi),
                    _span(parse, base, *(obj or (tok.i, tok.i + 1))),
                    lemma,
                    modality,
                    polarity,
                    head=head,
                )
            )
            out[-1].feats = _features(out[-1], tok, agent.passive, cue, obj, parse)
        elif (tok.pos_ in ("NOUN", "PROPN") and lemma in model.nouns) or (
            money and tok.pos_ in ("NOUN", "NUM", "SYM", "PROPN") and _is_money(tok) and _from_phrases(tok)
        ):
            # "Korea's pledge of $2bn", "a $4bn loan from Brazil", "$20m from Germany"
            owners = [c for c in tok.children if c.dep_ in ("nmod:poss", "poss")]
            heads = [h for o in owners + _from_phrases(tok) for h in conjuncts(o)]
            committers = _actors(resolver, [_span(parse, base, *phrase(h)) for h in heads])
            if not committers:
                continue
            lo, hi = tok.left_edge.i, tok.right_edge.i + 1
            kind = "NOUN" if lemma in model.nouns else "MONEY"
            out.append(
                Candidate(
                    sent,
                    lemma if kind == "NOUN" else "money",
                    kind,
                    committers,
                    _span(parse, base, lo, hi),
                    _span(parse, base, lo, hi),
                    lemma if kind == "NOUN" else "pledge",
                    "pledge",
                    "positive",
                    head=_span(parse, base, tok.i, tok.i + 1),
                )
            )
            out[-1].feats = _features(out[-1], tok, False, "", (lo, hi), parse)
    return out


def _features(
    c: Candidate, tok: Token, passive: bool, cue: str, obj: tuple[int, int] | None, parse: Doc
) -> dict[str, float]:
    f: dict[str, float] = {
        f"lemma={c.lemma}": 1.0,
        f"pos={c.pos}": 1.0,
        f"dep={tok.dep_}": 1.0,
        f"modality={c.modality}": 1.0,
        f"polarity={c.polarity}": 1.0,
        f"cue={cue}": 1.0,
        f"tense={','.join(tok.morph.get('Tense', [])) or '-'}": 1.0,
        f"verbform={','.join(tok.morph.get('VerbForm', [])) or '-'}": 1.0,
        f"n_committers={min(len(c.committers), 3)}": 1.0,
        "passive": float(passive),
        "bias_words": 1.0,
    }
    for aux in tok.children:
        if aux.dep_ in ("aux", "aux:pass", "auxpass", "mark"):
            f[f"aux={aux.lower_}"] = 1.0
    g = tok
    for depth in (1, 2):
        if g.head is g:
            f[f"gov{depth}=ROOT"] = 1.0
            break
        g = g.head
        f[f"gov{depth}={g.lemma_.lower()}"] = 1.0
        f[f"govdep{depth}={tok.dep_}>{g.pos_}"] = 1.0
    for actor, _, _ in c.committers:
        kind = actor.split(":")[0] if ":" in actor else ("country" if len(actor) == 3 else "body")
        f[f"agent_kind={kind}"] = 1.0
    if obj is not None:
        words = [t for t in parse[obj[0] : obj[1]] if t.is_alpha and not t.is_stop]
        for t in words[:12]:
            f[f"obj={t.lemma_.lower()}"] = 1.0
        if any(t.like_num or t.pos_ == "NUM" for t in parse[obj[0] : obj[1]]):
            f["obj_number"] = 1.0
        if any(t.is_currency or t.lower_ in _words()["money_words"] for t in parse[obj[0] : obj[1]]):
            f["obj_money"] = 1.0
    for key in _sentence_features(parse):
        f[key] = 1.0
    return f


SENTENCE_FEATURES_KEY = "pledgewatch.sentence_features"


def _sentence_features(parse: Doc) -> list[str]:
    """The features every candidate of a sentence shares (its content words, its context
    words), read off the parse once per sentence, not once per candidate."""
    keys: list[str] | None = parse.user_data.get(SENTENCE_FEATURES_KEY)
    if keys is None:
        from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, POS
        from spacy.symbols import ADJ, NOUN, VERB

        # read off the parse's arrays (a Python `Token` per token cost as much as the rest of
        # the features): the lemmas lower-cased in token order, content words kept as before
        strings = parse.vocab.strings
        lowered: dict[int, str] = {}
        lemmas: list[str] = []
        keys = []
        content = (int(NOUN), int(ADJ), int(VERB))
        for lid, alpha, stop, pos in parse.to_array([LEMMA, IS_ALPHA, IS_STOP, POS]).tolist():
            lemma = lowered.get(lid)
            if lemma is None:
                lemma = lowered[lid] = strings[lid].lower()
            lemmas.append(lemma)
            if alpha and not stop and pos in content:
                keys.append(f"sent_word={lemma}")
        sent_lemmas = set(lemmas)
        keys += [f"sent_has={w}" for w in _words()["context_words"] & sent_lemmas]
        parse.user_data[SENTENCE_FEATURES_KEY] = keys
    return keys
