"""Train the learned category of commitment rows (pipeline/extract/category_model.py).

    python scripts/train_category.py [--shared DIR] [--pred FILE.jsonl ...] [--folds 5] [--out FILE]

1. Rows: every training document is extracted with the rules' categories
   (PLEDGEWATCH_CATEGORY_MODEL=off), or its rows are read from saved predictions
   (`pledgewatch eval --pred-out FILE.jsonl` run with the category model off: `--pred`).
2. Labels, by the scorer's own matching (extraction.md) with the category left out: a row
   and a gold commitment of the same committer whose evidence (or a mention) shares half its
   tokens are paired one to one (greedily, best token F1 first, a pair that already agrees
   on the category first); the row's label is its gold partner's category. Rows without a
   partner are not used (no category makes them right).
3. A multinomial logistic regression (scikit-learn, lbfgs, L2), features of
   `category_model.features`. The regularisation C and the override margin are chosen by
   cross-validation over documents: each fold's rows are re-categorised by a model trained
   on the other folds and scored with the scorer (commitments F1 of all training documents).
4. The final model is trained on every row and written as plain weights to
   pipeline/resources/commitments/category_model.json.

Training sets (never the held-out or blind sets): ../shared/gold/train-*, ../shared/gold/dev,
tests/fixtures/devset2, devset3, devset4 and tests/fixtures/corpus. Deterministic: the same
data gives the same file.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import category_model as cm  # noqa: E402
from pipeline.extract.scoring import (  # noqa: E402
    greedy,
    load_docs,
    locate,
    norm_actor,
    score,
    shared_half,
    span_text,
    token_f1,
)

PROJECT_SETS = ["devset2", "devset3", "devset4", "corpus"]
VERSION = "1"
C_GRID = (1.0, 3.0)
MARGIN_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
MIN_COUNT_GRID = (1, 3)
MIN_WEIGHT = 2e-3

Doc = dict[str, Any]


class Example(NamedTuple):
    doc_id: str
    feats: dict[str, float]
    label: str
    """the gold partner's category"""
    rule: str
    """the rules' category"""


def training_sets(shared: Path) -> list[Path]:
    sets = sorted(shared.glob("gold/train-*")) + [shared / "gold" / "dev"]
    sets += [ROOT / "tests" / "fixtures" / n for n in PROJECT_SETS]
    return [s for s in sets if s.is_dir() and any(s.glob("*.json"))]


def load_gold(sets: list[Path]) -> dict[str, Doc]:
    gold: dict[str, Doc] = {}
    for s in sets:
        for doc_id, d in load_docs(s).items():
            d["_set"] = s.name
            gold[doc_id] = d
    return gold


def extract_rules(gold: dict[str, Doc]) -> dict[str, Doc]:
    """The rules' rows of every gold document (the category model off)."""
    os.environ[cm.MODEL_ENV] = "off"
    from pipeline.extract import extract_document

    return {
        doc_id: extract_document(g["body"], doc_id=doc_id, title=g.get("title") or "")
        for doc_id, g in sorted(gold.items())
    }


def pair_rows(body: str, golds: list[Doc], preds: list[Doc]) -> list[tuple[int, int]]:
    """(gold index, predicted index): the scorer's matching without the category."""
    cands = []
    for gi, g in enumerate(golds):
        spans = [locate(body, x) for x in [g.get("evidence"), *list(g.get("mentions") or [])]]
        for pi, p in enumerate(preds):
            if norm_actor(g.get("committer")) != norm_actor(p.get("committer")):
                continue
            pe = locate(body, p.get("evidence"))
            fs = [
                token_f1(span_text(body, ge), span_text(body, pe))
                for ge in spans
                if ge and pe and shared_half(body, ge, pe)
            ]
            if fs:
                same = 1.0 if g.get("category") == p.get("category") else 0.0
                cands.append((same + max(fs), gi, pi))
    return greedy(cands)


def examples(gold: dict[str, Doc], pred: dict[str, Doc]) -> list[Example]:
    """(doc_id, features, gold category) of every predicted row with a gold partner."""
    out = []
    for doc_id in sorted(gold):
        g, p = gold[doc_id], pred.get(doc_id)
        if not p:
            continue
        body, rows = g["body"], p.get("commitments", [])
        ctx = cm.DocContext.of(body, rows, str(p.get("title") or g.get("title") or ""))
        for gi, pi in pair_rows(body, g.get("commitments", []), rows):
            feats = cm.features(body, rows[pi], rows, ctx)
            out.append(
                Example(doc_id, feats, str(g["commitments"][gi]["category"]), str(rows[pi]["category"]))
            )
    return out


def fit(data: list[Example], c: float) -> cm.CategoryModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([e.feats for e in data])
    y = [e.label for e in data]
    clf = LogisticRegression(C=c, max_iter=3000, random_state=0)
    clf.fit(x, y)
    names = vec.get_feature_names_out()
    classes = [str(k) for k in clf.classes_]
    coef = clf.coef_
    if len(classes) == 2:  # binary: sklearn keeps one row; the softmax of (-w/2, w/2) is the same
        coef = [-coef[0] / 2, coef[0] / 2]
        bias = [-float(clf.intercept_[0]) / 2, float(clf.intercept_[0]) / 2]
    else:
        bias = [float(b) for b in clf.intercept_]
    weights = [
        {str(n): round(float(w), 4) for n, w in zip(names, row, strict=True) if abs(w) >= MIN_WEIGHT}
        for row in coef
    ]
    return cm.CategoryModel(classes, weights, [round(b, 4) for b in bias], 0.0, None, VERSION)


def fold_of(doc_id: str, k: int) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % k


def allowed_changes(data: list[Example], min_count: int) -> frozenset[tuple[str, str]] | None:
    """The (rules category, gold category) changes seen at least `min_count` times; None (any
    change) for 0."""
    if min_count <= 0:
        return None
    pairs = Counter((e.rule, e.label) for e in data if e.rule != e.label)
    return frozenset(p for p, n in pairs.items() if n >= min_count)


def recategorised(
    pred: dict[str, Doc],
    logps: dict[str, list[dict[str, float]]],
    margin: float,
    changes: dict[str, frozenset[tuple[str, str]] | None],
) -> dict[str, Doc]:
    """Copies of the predicted documents with their rows re-categorised from their
    log-probabilities (`logps`, per document)."""
    out = {}
    for doc_id, p in pred.items():
        q = copy.deepcopy(p)
        if doc_id in logps and q.get("commitments"):
            cats = cm.choose(q["commitments"], logps[doc_id], margin, changes[doc_id])
            for row, cat in zip(q["commitments"], cats, strict=True):
                row["category"] = cat
        out[doc_id] = q
    return out


Setting = tuple[float, int, float]
"""(C, least count of a change to allow it, margin)"""


def cross_validate(
    gold: dict[str, Doc], pred: dict[str, Doc], data: list[Example], k: int
) -> tuple[Setting, dict[Setting, dict[str, Doc]]]:
    """The best setting by the commitments F1 of the re-categorised predictions of every
    training document (each fold by a model trained on the other folds), and every
    setting's re-categorised predictions."""
    runs: dict[Setting, dict[str, Doc]] = {}
    best: tuple[float, Setting] = (-1.0, (0.0, 0, 0.0))
    for c in C_GRID:
        logps: dict[str, list[dict[str, float]]] = {}
        by_fold: dict[int, list[Example]] = {}
        for fold in range(k):
            train = [e for e in data if fold_of(e.doc_id, k) != fold]
            by_fold[fold] = train
            model = fit(train, c)
            for doc_id, p in pred.items():
                if fold_of(doc_id, k) == fold and p.get("commitments"):
                    logps[doc_id] = cm.row_log_probabilities(
                        p["body"], p["commitments"], model, str(p.get("title") or "")
                    )
        for min_count in MIN_COUNT_GRID:
            fold_changes = {f: allowed_changes(by_fold[f], min_count) for f in range(k)}
            changes = {d: fold_changes[fold_of(d, k)] for d in pred}
            for margin in MARGIN_GRID:
                out = recategorised(pred, logps, margin, changes)
                runs[(c, min_count, margin)] = out
                f1 = float(score(gold, out)["commitments"]["f1"])
                print(f"  C={c} changes seen >= {min_count} margin={margin}: F1 {f1:.4f}", file=sys.stderr)
                if f1 > best[0]:
                    best = (f1, (c, min_count, margin))
    return best[1], runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pred", type=Path, nargs="*", default=[], help="saved predictions (model off)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=cm.MODEL_PATH)
    ap.add_argument("--report", type=Path, help="write the cross-validated figures per set here")
    args = ap.parse_args(argv)

    gold = load_gold(training_sets(args.shared))
    if args.pred:
        pred: dict[str, Doc] = {}
        for f in args.pred:
            pred.update({k: v for k, v in load_docs(f).items() if k in gold})
        missing = sorted(set(gold) - set(pred))
        if missing:
            pred.update(extract_rules({k: gold[k] for k in missing}))
    else:
        pred = extract_rules(gold)
    data = examples(gold, pred)
    print(
        f"{len(gold)} documents, {len(data)} labelled rows: {dict(Counter(e.label for e in data))}",
        file=sys.stderr,
    )

    (c, min_count, margin), runs = cross_validate(gold, pred, data, args.folds)
    best = runs[(c, min_count, margin)]
    before, after = score(gold, pred)["commitments"], score(gold, best)["commitments"]
    print(
        f"cross-validated ({args.folds} folds over documents): C={c} changes seen >= {min_count} "
        f"margin={margin}: commitments F1 {before['f1']:.4f} -> {after['f1']:.4f}",
        file=sys.stderr,
    )
    if args.report:
        report: dict[str, Any] = {"C": c, "min_count": min_count, "margin": margin, "sets": {}}
        for name in sorted({g["_set"] for g in gold.values()}):
            ids = [d for d in gold if gold[d]["_set"] == name]
            gs = {d: gold[d] for d in ids}
            report["sets"][name] = {
                "before": score(gs, {d: pred[d] for d in ids}),
                "after": score(gs, {d: best[d] for d in ids}),
            }
        args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
        with args.report.with_suffix(".jsonl").open("w", encoding="utf-8") as fh:
            for d in sorted(best):
                fh.write(json.dumps(best[d], ensure_ascii=False) + "\n")

    model = fit(data, c)
    changes = allowed_changes(data, min_count)
    args.out.write_text(
        json.dumps(
            {
                "_about": "learned category of commitment rows: scripts/train_category.py, "
                "pipeline/extract/category_model.py",
                "version": VERSION,
                "C": c,
                "margin": margin,
                "changes": None if changes is None else sorted([a, b] for a, b in changes),
                "rows": len(data),
                "classes": model.classes,
                "bias": model.bias,
                "weights": [dict(sorted(w.items())) for w in model.weights],
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
