"""A learned category for every commitment row, decided after the rules.

The rules (`pipeline.extract.commitments`: keyword lexicon, action verbs, the money's purpose
in context) give each row a category; the scorer matches a row to a gold commitment only when
the category agrees too (extraction.md, "Category by purpose, not by form"). This layer
re-reads every final row of a document and may change its category:

- `features`: what the decision looks at: the rules' own category, the action, the words of
  the object and of the evidence clause, the category keywords (`categories.tsv`) in the
  object, the clause, its sentence and the text just before it, money and quantity units, the
  committer's and recipient's kinds, modality and polarity, `part_of` links, the categories
  of the document's other rows and of the rows sharing the evidence, the keywords of the
  article's opening (title and first sentences), the title's words and each category's share
  of the article's keywords; the context's features also paired with the rules' category
  (what makes the rules' financial wrong is not what makes their troops wrong);
- `CategoryModel`: a multinomial logistic regression trained by `scripts/train_category.py`
  (`make train-extract`) on the rules' rows of the annotated training sets, labelled with
  the category of the gold commitment each row matches; shipped as plain weights in
  `pipeline/resources/commitments/category_model.json` and applied here with no
  machine-learning library;
- `recategorise`: the decision. Rows that share one evidence span and one rules category, or
  are linked by `part_of` with one rules category, are decided together (the sum of their
  log-probabilities), so one undertaking told for several committers, or a total and its
  parts, keeps one category. The model overrides the rules only when its probability for
  another category beats the rules' by the shipped `margin` (chosen by cross-validation
  over documents), and never turns a row into the category of another row of the same
  committer over the same evidence (two items of one sentence stay two categories).

`PLEDGEWATCH_CATEGORY_MODEL=off` keeps the rules' categories; a path loads other weights.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.config import RESOURCES_DIR
from pipeline.lexicon import alternation, data_rows

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

MODEL_PATH = RESOURCES_DIR / "commitments" / "category_model.json"
MODEL_ENV = "PLEDGEWATCH_CATEGORY_MODEL"
"""`off` keeps the rules' categories; a path loads other weights"""

OPENING_CHARS = 400
"""how much of the body's start counts as the article's opening (with the title)"""
BEFORE_CHARS = 250
"""how much text before the evidence counts as its context"""

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n+")
_OFF = ("off", "0", "false", "no")
_CONJOINED = (
    "okw",
    "ekw",
    "skw",
    "prev=",
    "open=",
    "art=",
    "money",
    "q=",
    "recipient=",
    "committer=",
    "action=",
)
"""features also conjoined with the rules' category"""


# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class CategoryModel:
    classes: list[str]
    weights: list[dict[str, float]]
    bias: list[float]
    margin: float
    """log-probability by which another category must beat the rules' one to replace it"""
    changes: frozenset[tuple[str, str]] | None
    """the (rules category, learned category) changes allowed; None: any"""
    version: str

    @classmethod
    def load(cls, path: Path) -> CategoryModel:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            classes=[str(c) for c in d["classes"]],
            weights=[{str(k): float(v) for k, v in w.items()} for w in d["weights"]],
            bias=[float(b) for b in d["bias"]],
            margin=float(d["margin"]),
            changes=None if d.get("changes") is None else frozenset((a, b) for a, b in d["changes"]),
            version=str(d.get("version", "")),
        )

    @cached_property
    def _dense(self) -> tuple[dict[str, int], Any]:
        """feature -> its row of a (features x classes) float64 matrix of the weights (0.0
        where a class does not weigh it): a row's features are looked up once each, not once
        per class"""
        import numpy as np

        index: dict[str, int] = {}
        for w in self.weights:
            for k in w:
                index.setdefault(k, len(index))
        matrix = np.zeros((len(index), len(self.classes)), dtype=np.float64)
        for i, w in enumerate(self.weights):
            for k, x in w.items():
                matrix[index[k], i] = x
        return index, matrix

    def log_probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        """Natural log of each class's probability under the softmax of the linear scores (each
        class's sum taken in the features' order, as `b + sum(w[k] * v)` would: `cumsum` adds
        in order, one product at a time, the products and sums are the same IEEE doubles, and
        a weight of 0.0 leaves a sum unchanged)."""
        import numpy as np

        index, matrix = self._dense
        rows: list[int] = []
        values: list[float] = []
        for k, v in feats.items():
            r = index.get(k)
            if r is not None:
                rows.append(r)
                values.append(v)
        if rows:
            products = matrix[rows] * np.array(values, dtype=np.float64)[:, None]
            sums = [0.0 + x for x in np.cumsum(products, axis=0)[-1].tolist()]
        else:
            sums = [0.0] * len(self.classes)
        scores = [b + acc for b, acc in zip(self.bias, sums, strict=True)]
        top = max(scores)
        log_z = top + math.log(sum(math.exp(s - top) for s in scores))
        return {c: s - log_z for c, s in zip(self.classes, scores, strict=True)}


def model_enabled() -> bool:
    return os.environ.get(MODEL_ENV, "").strip().lower() not in _OFF


@lru_cache(maxsize=2)
def _load(path: str) -> CategoryModel | None:
    from pathlib import Path

    p = Path(path)
    return CategoryModel.load(p) if p.is_file() else None


def get_model() -> CategoryModel | None:
    """The shipped model (or $PLEDGEWATCH_CATEGORY_MODEL's file); None when off or missing."""
    value = os.environ.get(MODEL_ENV, "").strip()
    if value.lower() in _OFF:
        return None
    return _load(value or str(MODEL_PATH))


# ------------------------------------------------------------------ features


@dataclass(frozen=True)
class _Keywords:
    pattern: re.Pattern[str]
    kinds: dict[str, tuple[str, str]]
    """keyword (lower case, single-spaced) -> (category, strength)"""


@lru_cache(maxsize=1)
def _keywords() -> _Keywords:
    kinds: dict[str, tuple[str, str]] = {}
    for cols in data_rows(RESOURCES_DIR / "commitments" / "categories.tsv"):
        if len(cols) >= 3 and cols[0]:
            kinds.setdefault(" ".join(cols[0].lower().split()), (cols[1], cols[2]))
    return _Keywords(re.compile(r"(?<!\w)(?:" + alternation(kinds) + ")", re.IGNORECASE), kinds)


def keyword_hits(text: str) -> tuple[tuple[str, str], ...]:
    """(category, strength) of every category keyword in `text`, in order (a keyword matches
    at a word start, as in the rules)."""
    kw = _keywords()
    out = []
    for m in kw.pattern.finditer(text):
        hit = kw.kinds.get(" ".join(m.group(0).lower().split()))
        if hit:
            out.append(hit)
    return tuple(out)


def _stem(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text or "") if len(w) > 1]


def _actor_kind(actor: str | None) -> str:
    from pipeline.extract.rows import row_actor_kind

    return row_actor_kind(actor, donors="donors")


def _is_money(q: dict[str, Any]) -> bool:
    from pipeline.extract.rows import is_currency

    unit = q.get("unit")
    return isinstance(unit, str) and is_currency(unit)


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around [start, end)."""
    lo = 0
    for m in _SENT_END.finditer(body, 0, start):
        lo = m.end()
    m2 = _SENT_END.search(body, end)
    return lo, (m2.start() + 1 if m2 else len(body))


def _span(row: dict[str, Any]) -> tuple[int, int]:
    ev = row.get("evidence") or {}
    span = ev.get("span") or [ev.get("start", 0), ev.get("end", 0)]
    return int(span[0]), int(span[1])


@dataclass(frozen=True)
class DocContext:
    """What every row of one document shares: the opening's keywords, the rows' categories."""

    opening: frozenset[str]
    """categories of the keywords in the title and the body's opening"""
    title: frozenset[str]
    """the title's words"""
    keyword_share: dict[str, float]
    """each category's share of the body's purpose keywords (not those of form)"""
    row_share: dict[str, float]
    """each category's share of the document's rows (the rules' categories)"""
    hits: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False, repr=False)
    """`keyword_hits` of the short texts around the rows (a clause, its sentence, what precedes
    it), kept for this document only: its rows ask for the same ones again (a cache across
    documents would flatter the benchmark, whose articles recombine the same sentences)"""

    def keyword_hits(self, text: str) -> tuple[tuple[str, str], ...]:
        found = self.hits.get(text)
        if found is None:
            found = self.hits[text] = keyword_hits(text)
        return found

    @classmethod
    def of(cls, body: str, rows: Sequence[dict[str, Any]], title: str = "") -> DocContext:
        opening = frozenset(c for c, _s in keyword_hits(title + "\n" + body[:OPENING_CHARS]))
        hits = [c for c, strength in keyword_hits(body) if strength != "form"]
        keywords = {c: hits.count(c) / len(hits) for c in set(hits)}
        cats = [str(r.get("category") or "-") for r in rows]
        share = {c: cats.count(c) / len(cats) for c in set(cats)} if cats else {}
        return cls(opening, frozenset(words(title)), keywords, share)


def features(
    body: str, row: dict[str, Any], rows: Sequence[dict[str, Any]], ctx: DocContext
) -> dict[str, float]:
    """The features of one commitment row of a document (`rows` all of its rows, `row` among
    them), its `category` being the rules' one."""
    f: dict[str, float] = {}
    rule = str(row.get("category") or "-")
    f["rule=" + rule] = 1.0
    f["origin=" + str(row.get("origin") or "rules")] = 1.0
    action = " ".join(str(row.get("action") or "-").lower().split())
    f["action=" + action] = 1.0
    f[f"action_rule={action}|{rule}"] = 1.0
    obj = str(row.get("object") or "")
    start, end = _span(row)
    evidence = (
        body[start:end] if 0 <= start < end <= len(body) else str((row.get("evidence") or {}).get("text"))
    )
    for w in set(words(obj)):
        f["o=" + w] = 1.0
    for w in set(words(evidence)):
        f["e=" + w] = 1.0
    for prefix, text in (("okw", obj), ("ekw", evidence)):
        hits = ctx.keyword_hits(text)
        for i, (cat, strength) in enumerate(hits):
            f[f"{prefix}={cat}"] = 1.0
            f[f"{prefix}={cat}:{strength}"] = 1.0
            if i == 0:
                f[f"{prefix}_first={cat}"] = 1.0
    s0, s1 = _sentence(body, start, end)
    for cat, _st in ctx.keyword_hits(body[s0:start] + " " + body[end:s1]):
        f["skw=" + cat] = 1.0
    for cat, _st in ctx.keyword_hits(body[max(0, s0 - BEFORE_CHARS) : s0]):
        f["prev=" + cat] = 1.0
    for cat in ctx.opening:
        f["open=" + cat] = 1.0
    for w in ctx.title:
        f["t=" + w] = 1.0
    for cat, share in ctx.keyword_share.items():
        f["art=" + cat] = share
    amount = row.get("amount") or {}
    money = amount.get("value") is not None
    f["money" if money else "no_money"] = 1.0
    f[f"money_rule={money}|{rule}"] = 1.0
    for q in row.get("quantities") or []:
        if _is_money(q):
            f["q=money"] = 1.0
        else:
            f["q=" + _stem(str(q.get("unit") or "-"))] = 1.0
    f["committer=" + _actor_kind(row.get("committer"))] = 1.0
    f["recipient=" + _actor_kind(row.get("recipient"))] = 1.0
    f["modality=" + str(row.get("modality") or "-")] = 1.0
    f["polarity=" + str(row.get("polarity") or "positive")] = 1.0
    if row.get("part_of") is not None:
        f["part"] = 1.0
    here = next((i for i, r in enumerate(rows) if r is row), -1)
    if any(r.get("part_of") == here for r in rows if r is not row):
        f["whole"] = 1.0
    for c, share in ctx.row_share.items():
        f["doc=" + c] = share
    for r in rows:
        if r is not row and _span(r) == (start, end):
            f["same_ev=" + str(r.get("category") or "-")] = 1.0
    # the context's signs read for this rules category ("the rules said financial, yet the
    # clause names a relief agency")
    for k, v in list(f.items()):
        if k.startswith(_CONJOINED):
            f[f"r:{rule}|{k}"] = v
    return f


# ------------------------------------------------------------------ the decision


def _groups(rows: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Rows decided together: same rules category and either one evidence span or a
    `part_of` link (union-find over both)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_key: dict[tuple[tuple[int, int], str], int] = {}
    for i, r in enumerate(rows):
        key = (_span(r), str(r.get("category")))
        if key in by_key:
            union(by_key[key], i)
        else:
            by_key[key] = i
        p = r.get("part_of")
        if isinstance(p, int) and 0 <= p < len(rows) and rows[p].get("category") == r.get("category"):
            union(p, i)
    out: dict[int, list[int]] = {}
    for i in range(len(rows)):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def row_log_probabilities(
    body: str, rows: Sequence[dict[str, Any]], model: CategoryModel, title: str = ""
) -> list[dict[str, float]]:
    """The model's log-probability of each category, row by row."""
    ctx = DocContext.of(body, rows, title)
    return [model.log_probabilities(features(body, r, rows, ctx)) for r in rows]


def choose(
    rows: Sequence[dict[str, Any]],
    logp: Sequence[dict[str, float]],
    margin: float,
    changes: frozenset[tuple[str, str]] | None = None,
) -> list[str | None]:
    """The category each row gets from its log-probabilities: a group's rules category
    unless another one allowed from it (`changes`: (from, to) pairs; None allows all) is
    more likely by `margin` per row."""
    out: list[str | None] = [r.get("category") for r in rows]
    for group in _groups(rows):
        rule = str(rows[group[0]].get("category"))
        total: dict[str, float] = {}
        for i in group:
            for c, v in logp[i].items():
                total[c] = total.get(c, 0.0) + v
        options = [c for c in total if c == rule or changes is None or (rule, c) in changes]
        if not options:
            continue
        best = max(options, key=lambda c: total[c])
        if best == rule or total[best] - total.get(rule, -math.inf) < margin * len(group):
            continue
        # two items of one clause for one committer keep two categories
        members = {id(rows[i]) for i in group}
        clash = any(
            id(r) not in members
            and _span(r) == _span(rows[i])
            and r.get("committer") == rows[i].get("committer")
            and r.get("category") == best
            for i in group
            for r in rows
        )
        if not clash:
            for i in group:
                out[i] = best
    return out


def decide(
    body: str, rows: Sequence[dict[str, Any]], model: CategoryModel, title: str = ""
) -> list[str | None]:
    """The category each row should have (its own when the model does not override it)."""
    return choose(rows, row_log_probabilities(body, rows, model, title), model.margin, model.changes)


def recategorise(
    body: str, rows: list[dict[str, Any]], title: str = "", model: CategoryModel | None = None
) -> int:
    """Set the learned category on the rows of one document, in place; how many changed.
    Does nothing when the model is switched off ($PLEDGEWATCH_CATEGORY_MODEL=off) or missing."""
    model = model or get_model()
    if model is None or not rows:
        return 0
    changed = 0
    for row, cat in zip(rows, decide(body, rows, model, title), strict=True):
        if cat and cat != row.get("category"):
            row["category"] = cat
            changed += 1
    return changed
