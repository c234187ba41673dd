"""A trained attribution tagger: a linear-chain CRF (CRFsuite) over the tokens of a paragraph.

It tags every token as part of a cue (`CUE`), a source (`SRC`) or a content (`CON`) in
BIO form, the three spans of a PolNeAR / PARC attribution. It was trained on PolNeAR
**train** (`scripts/train_attribution.py`; Newell, Margolin and Ruths, LREC 2018) and
the model file ships in `pipeline/resources/statements/attribution.crfsuite`, so
nothing is downloaded at run time. The statement rules (`statements.py`) stay the
first word: the tagger adds the attributions whose cue the rules do not know
("pledged", "declined", "the outlook", ...), see `_Finder.run`.

Features are strings (CRFsuite attributes): the token's form, lemma and shape, its
cue class and closed-class role from the lexicon files, whether it sits in a
quotation, the nearest cue to its left and right, and much the same for its
neighbours. `token_features` is used for training and tagging alike.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pipeline.extract.statement_lexicon import RESOURCES, Lexicon, load_lexicon
from pipeline.extract.statement_quotes import pair_quote_tokens, paragraphs_of
from pipeline.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_PATH = RESOURCES / "attribution.crfsuite"
LABELS = ("CUE", "SRC", "CON")
MAX_SEQ = 400
"""longest sequence tagged at once (tokens); longer paragraphs are cut at sentence ends"""
LEARNED_CUE = 0.3
"""a lemma outside the curated classes counts as a cue for the context features when its
PolNeAR-train cue rate (learned_cues.json) reaches this"""


@dataclass(frozen=True)
class Tokens:
    """What the features need of a Doc, as plain lists (built once per article)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    space: list[bool]
    sent_start: list[bool]
    para: list[int]
    in_quote: list[bool]


def tokens_of(doc: Doc) -> Tokens:
    """The Tokens of a Doc, in one pass over it (Token objects are costly to create). The
    statement finder builds the same arrays in its own pass (`_Finder.tagger_tokens`)."""
    texts: list[str] = []
    trailing: list[str] = []
    space: list[bool] = []
    idx: list[int] = []
    lower: list[str] = []
    lemma: list[str] = []
    sent_start: list[bool] = []
    for t in doc:
        texts.append(t.text)
        trailing.append(t.whitespace_)
        space.append(t.is_space)
        idx.append(t.idx)
        lower.append(t.lower_)
        lemma.append(t.lemma_.lower())
        sent_start.append(bool(t.is_sent_start))
    para = paragraphs_of(texts, trailing)
    in_quote = [False] * len(texts)
    for q in pair_quote_tokens(doc_text(doc), texts, idx, space, para):
        for i in range(q.open + 1, min(q.close, len(texts))):
            in_quote[i] = True
    return Tokens(texts, lower, lemma, space, sent_start, para, in_quote)


def sequences(tok: Tokens) -> list[list[int]]:
    """Token indices (spaces left out) of each paragraph, cut at sentence starts when longer
    than MAX_SEQ."""
    out: list[list[int]] = []
    cur: list[int] = []
    last_para = -1
    for i, sp in enumerate(tok.space):
        if sp:
            continue
        if tok.para[i] != last_para or (len(cur) >= MAX_SEQ and tok.sent_start[i]) or len(cur) >= 2 * MAX_SEQ:
            if cur:
                out.append(cur)
            cur = []
            last_para = tok.para[i]
        cur.append(i)
    if cur:
        out.append(cur)
    return out


def _shape(x: str) -> str:
    if x.isalpha():
        if x.islower():
            return "x"
        if x.isupper():
            return "X" if len(x) > 1 else "Xx"
        return "Xx"
    if x.isdigit():
        return "d"
    if any(c.isalnum() for c in x):
        return "mix"
    return x if len(x) <= 2 else "p"


def _bucket(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    return "far"


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    """Closed-class role of a lower-cased word (grammar.json list name), first list wins."""
    lex = load_lexicon()
    roles: dict[str, str] = {}
    for name in (
        "subject_pronouns",
        "object_pronouns",
        "possessive",
        "aux",
        "determiners",
        "relative",
        "prepositions",
        "clause_breakers",
        "time_words",
        "adverbs",
    ):
        for w in lex.words.get(name, ()):
            roles.setdefault(w, name)
    return roles


def token_features(tok: Tokens, seq: list[int], lex: Lexicon | None = None) -> list[list[str]]:
    """CRFsuite attribute strings for each token of one sequence: its form, lemma, shape,
    cue class (curated, or "learned" from learned_cues.json) and closed-class role; whether
    it is quoted; the nearest cue on each side in its sentence; sentence start/end; the
    neighbours' forms (+-2) and classes, roles, lemmas and quotation (+-1); word bigrams.
    (Measured: the suffix, position, +-2 classes and role/lemma pairs bought nothing on
    PolNeAR dev and cost 30 % of the tagging time, so they are gone.)"""
    lex = lex or load_lexicon()
    roles = _roles()
    n = len(seq)
    lo = [tok.lower[i] for i in seq]
    le = [tok.lemma[i] for i in seq]
    cls = [
        lex.cue_class.get(le[k])
        or lex.cue_class.get(lo[k])
        or ("learned" if lex.learned_rate.get(le[k], 0.0) >= LEARNED_CUE else "-")
        for k in range(n)
    ]
    role = [roles.get(lo[k], "-") for k in range(n)]
    shape = [_shape(tok.text[i]) for i in seq]
    quote = ["q" if tok.in_quote[i] else "-" for i in seq]
    ss = [tok.sent_start[i] for i in seq]
    # distance to the nearest curated cue on each side, within the sentence
    left = ["none"] * n
    last = -1
    for k in range(n):
        if ss[k]:
            last = -1
        if last >= 0:
            left[k] = cls[last] + ":" + _bucket(k - last)
        if cls[k] != "-":
            last = k
    right = ["none"] * n
    nxt = -1
    for k in range(n - 1, -1, -1):
        if nxt >= 0:
            right[k] = cls[nxt] + ":" + _bucket(nxt - k)
        if cls[k] != "-":
            nxt = k
        if ss[k]:
            nxt = -1
    feats: list[list[str]] = []
    for k in range(n):
        f = [
            "b",
            "w=" + lo[k],
            "l=" + le[k],
            "s=" + shape[k],
            "c=" + cls[k],
            "r=" + role[k],
            "q=" + quote[k],
            "L=" + left[k],
            "R=" + right[k],
        ]
        if ss[k]:
            f.append("BOS")
        if k + 1 == n or ss[k + 1]:
            f.append("EOS")
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                f.append(f"{off}w={lo[j]}")
                if off in (-1, 1):
                    f.append(f"{off}c={cls[j]}")
                    f.append(f"{off}r={role[j]}")
                    f.append(f"{off}l={le[j]}")
                    f.append(f"{off}q={quote[j]}")
            else:
                f.append(f"{off}pad")
        if k > 0:
            f.append(f"w-1|w={lo[k - 1]}|{lo[k]}")
        if k + 1 < n:
            f.append(f"w|w+1={lo[k]}|{lo[k + 1]}")
        feats.append(f)
    return feats


SWITCH = "PLEDGEWATCH_ATTRIBUTION_MODEL"
"""environment variable: `off` runs the statement rules alone (faster; see the benchmark)"""


def model_switched_off() -> bool:
    return os.environ.get(SWITCH, "on").strip().lower() in ("off", "0", "false", "no")


def model_available(path: str = str(MODEL_PATH)) -> bool:
    """Whether the tagger will run: not switched off and its model file is there (known
    without loading the model)."""
    return not model_switched_off() and Path(path).exists()


class CrfTagger(Protocol):
    """What is used of a `pycrfsuite.Tagger` (pycrfsuite ships no type stubs)."""

    def open(self, name: str) -> object: ...

    def tag(self, xseq: list[list[str]]) -> list[str]: ...


def load_tagger(path: str = str(MODEL_PATH)) -> CrfTagger | None:
    """The CRFsuite tagger, or None when it is switched off or the model file is missing
    (statement rules only)."""
    return _open_tagger(path) if model_available(path) else None


@lru_cache(maxsize=2)
def _open_tagger(path: str) -> CrfTagger:
    import pycrfsuite

    tagger: CrfTagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


@dataclass(frozen=True)
class Tagged:
    """One attribution read off the tags: token spans [start, end)."""

    cue: tuple[int, int]
    content: tuple[int, int] | None
    source: tuple[int, int] | None


def runs(labels: list[str]) -> dict[str, list[tuple[int, int]]]:
    """The runs of each label kind (CUE, SRC, CON) as (first, last + 1) positions, in one
    pass: a run starts at a B- tag or where the kind changes."""
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in LABELS}
    kind, start = "O", 0
    for k, lab in enumerate(labels):
        this = "O" if lab == "O" else lab[2:]
        if this != kind or lab[0] == "B":
            if kind != "O":
                out[kind].append((start, k))
            kind, start = this, k
    if kind != "O":
        out[kind].append((start, len(labels)))
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return b[0] - a[1] if b[0] >= a[1] else a[0] - b[1]


def _nearest(
    c: tuple[int, int], cands: list[tuple[int, int]], *, right_first: bool
) -> tuple[int, int] | None:
    """The run in `cands` closest to run c; on a tie the one on the preferred side."""
    return min(cands, key=lambda r: (_gap(c, r), (r[0] < c[0]) == right_first), default=None)


def tag(doc: Doc, tok: Tokens | None = None) -> list[Tagged]:
    """Attributions the tagger finds in one article (empty without a model)."""
    tagger = load_tagger()
    if tagger is None or len(doc) == 0:
        return []
    tok = tok or tokens_of(doc)
    lex = load_lexicon()
    out: list[Tagged] = []
    for seq in sequences(tok):
        labels = tagger.tag(token_features(tok, seq, lex))
        found = runs(labels)
        if not found["CUE"]:
            continue
        cons, srcs = found["CON"], found["SRC"]
        sent_no: list[int] = []
        n_sent = 0
        for k, i in enumerate(seq):
            n_sent += 1 if k and tok.sent_start[i] else 0
            sent_no.append(n_sent)
        for c in found["CUE"]:
            # the nearest content that reaches into the cue's sentence (right first on a tie);
            # the nearest source in the cue's sentence
            here = sent_no[c[0]]
            content = _nearest(
                c, [r for r in cons if sent_no[r[0]] <= here <= sent_no[r[1] - 1]], right_first=True
            )
            source = _nearest(
                c, [r for r in srcs if sent_no[r[0]] <= here <= sent_no[r[1] - 1]], right_first=False
            )
            out.append(
                Tagged(
                    cue=(seq[c[0]], seq[c[1] - 1] + 1),
                    content=(seq[content[0]], seq[content[1] - 1] + 1) if content else None,
                    source=(seq[source[0]], seq[source[1] - 1] + 1) if source else None,
                )
            )
    return out
