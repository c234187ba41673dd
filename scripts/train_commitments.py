"""Train the learned decision layer of the commitment extraction (pipeline/extract/learned.py).

    python scripts/train_commitments.py [--shared DIR] [--folds 5] [--out FILE]

1. Trigger words: the `action` lemmas of the gold commitments of the training sets (seen
   at least twice), with the pledge nouns of decision_features.json.
2. Candidates: every document of the training sets is extracted by the rules with the
   learned layer in collecting mode: each parse candidate that no rule row of the same
   committer covers is listed with its features (`find_commitments(collect=...)`).
3. Labels, by the scorer's own matching (extraction.md): a candidate is a commitment when
   a gold commitment of the same committer shares half of its evidence (or of a mention);
   its category is that gold row's.
4. Two logistic regressions (scikit-learn): keep (binary, threshold chosen by
   cross-validation over documents for the best F1 of the candidates' decisions) and
   category (multinomial, on the positives). Written as plain weights to
   pipeline/resources/commitments/decision_model.json, read at run time without sklearn.

Training sets (never the held-out or blind sets): ../shared/gold/train-*, ../shared/gold/dev,
tests/fixtures/devset2, devset3, devset4 and tests/fixtures/corpus. Seeded; the same data
gives the same file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import learned  # noqa: E402
from pipeline.extract.scoring import load_docs, locate, norm_actor, shared_half  # noqa: E402

PROJECT_SETS = ["devset2", "devset3", "devset4", "corpus"]
VERSION = "1"
MIN_PRECISION = 0.6


def training_sets(shared: Path) -> list[Path]:
    sets = sorted(shared.glob("gold/train-*")) + [shared / "gold" / "dev"]
    sets += [ROOT / "tests" / "fixtures" / n for n in PROJECT_SETS]
    return [s for s in sets if s.is_dir() and any(s.glob("*.json"))]


def triggers(gold: dict[str, dict]) -> tuple[list[str], list[str]]:
    counts: Counter[str] = Counter()
    for d in gold.values():
        for c in d.get("commitments", []):
            a = (c.get("action") or "").strip().lower().split()
            if a:
                counts[a[0]] += 1
    words = json.loads(
        (learned.RESOURCES_DIR / "commitments" / "decision_features.json").read_text(encoding="utf-8")
    )
    verbs = sorted(w for w, n in counts.items() if n >= 2 and w.isalpha() and w != "be")
    return verbs, sorted(words["pledge_nouns"])


def collect(gold: dict[str, dict], model: learned.DecisionModel) -> list[tuple[str, object, int, str]]:
    """(doc_id, candidate, label, gold category) for every candidate of every document."""
    from pipeline.extract.actors import ActorResolver
    from pipeline.extract.commitments import find_commitments
    from pipeline.extract.statements import find_statements
    from pipeline.nlp import get_nlp

    nlp = get_nlp()
    out = []
    for doc_id, g in sorted(gold.items()):
        body = g["body"]
        doc = nlp(body)
        resolver = ActorResolver(doc)
        statements = find_statements(doc, resolver)
        cands: list[learned.Candidate] = []
        find_commitments(doc, resolver, statements, collect=cands, triggers=model)
        golds = g.get("commitments", [])
        for c in cands:
            committer = c.committers[0][0]
            label, cat = 0, ""
            for gc in golds:
                if norm_actor(gc.get("committer")) != norm_actor(committer):
                    continue
                spans = [locate(body, x) for x in [gc.get("evidence")] + list(gc.get("mentions") or [])]
                if any(sp and shared_half(body, sp, c.ev) for sp in spans):
                    label, cat = 1, gc.get("category") or ""
                    break
            out.append((doc_id, c, label, cat))
    return out


def fit(rows, c_keep: float, c_cat: float):
    """The keep model learns from the candidates no rule row covers (what it decides at run
    time); the category model from every true candidate, covered or not."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    free = [r for r in rows if not r[1].covered]
    vec = DictVectorizer()
    x = vec.fit_transform([r[1].feats for r in free])
    y = [r[2] for r in free]
    keep = LogisticRegression(C=c_keep, max_iter=2000, random_state=0).fit(x, y)
    pos = [i for i, r in enumerate(rows) if r[2]]
    cat_vec = DictVectorizer()
    xc = cat_vec.fit_transform([rows[i][1].feats for i in pos])
    yc = [rows[i][3] for i in pos]
    cat = LogisticRegression(C=c_cat, max_iter=2000, random_state=0).fit(xc, yc)
    return vec, keep, cat_vec, cat


def as_weights(vec, keep, cat_vec, cat) -> dict:
    names = vec.get_feature_names_out()
    kw = {n: round(float(w), 5) for n, w in zip(names, keep.coef_[0], strict=True) if abs(w) > 1e-4}
    cnames = cat_vec.get_feature_names_out()
    classes = [str(c) for c in cat.classes_]
    if len(classes) == 2:  # sklearn keeps one row for two classes
        coefs = [-cat.coef_[0], cat.coef_[0]]
        bias = [-float(cat.intercept_[0]), float(cat.intercept_[0])]
    else:
        coefs = list(cat.coef_)
        bias = [float(b) for b in cat.intercept_]
    cw = [{n: round(float(w), 5) for n, w in zip(cnames, row, strict=True) if abs(w) > 1e-4} for row in coefs]
    return {
        "keep": {"weights": kw, "bias": round(float(keep.intercept_[0]), 5)},
        "category": {"classes": classes, "weights": cw, "bias": [round(b, 5) for b in bias]},
    }


def cross_validate(rows, folds: int, c_keep: float, c_cat: float) -> dict:
    """Out-of-fold keep probabilities and categories (folds by document)."""
    docs = sorted({r[0] for r in rows})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    probs = [0.0] * len(rows)
    cats = [""] * len(rows)
    for k in range(folds):
        train = [r for r in rows if fold_of[r[0]] != k]
        test = [i for i, r in enumerate(rows) if fold_of[r[0]] == k and not r[1].covered]
        vec, keep, cat_vec, cat = fit(train, c_keep, c_cat)
        x = vec.transform([rows[i][1].feats for i in test])
        xc = cat_vec.transform([rows[i][1].feats for i in test])
        for i, p, c in zip(test, keep.predict_proba(x)[:, 1], cat.predict(xc), strict=True):
            probs[i], cats[i] = float(p), str(c)
    pos = [i for i, r in enumerate(rows) if r[2] and not r[1].covered]
    rule = [
        next((k.split("=", 1)[1] for k in rows[i][1].feats if k.startswith("rule_category=")), "-")
        for i in pos
    ]
    print(
        "category accuracy on true candidates: model "
        f"{sum(cats[i] == rows[i][3] for i in pos) / max(len(pos), 1):.3f}, rules "
        f"{sum(c == rows[i][3] for i, c in zip(pos, rule, strict=True)) / max(len(pos), 1):.3f} "
        f"(rules name one for {sum(c != '-' for c in rule)} of {len(pos)})",
        file=sys.stderr,
    )
    # the lowest threshold whose additions are right (committer and category) at least
    # MIN_PRECISION of the time (an addition right with probability p raises F1 when
    # p > F1 / 2; the rules' F1 on unseen text is 0.5-0.8, so 0.6 is safe on every set)
    best = None
    n_pos = sum(r[2] for r in rows if not r[1].covered)
    for t in [x / 20 for x in range(4, 19)]:
        kept = [i for i, p in enumerate(probs) if p >= t]
        tp = sum(1 for i in kept if rows[i][2])
        tp_cat = sum(1 for i in kept if rows[i][2] and cats[i] == rows[i][3])
        p = tp_cat / len(kept) if kept else 0.0
        r = tp_cat / n_pos if n_pos else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if best is None or (best["precision"] < MIN_PRECISION and p > best["precision"]):
            best = {
                "threshold": t,
                "kept": len(kept),
                "true": tp,
                "true_with_category": tp_cat,
                "precision": round(p, 4),
                "recall_of_candidates": round(r, 4),
                "f1": round(f, 4),
            }
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared_default = Path(os.environ.get("PLEDGEWATCH_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--shared", type=Path, default=shared_default)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c-keep", type=float, default=0.5)
    ap.add_argument("--c-cat", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=learned.MODEL_PATH)
    args = ap.parse_args(argv)
    os.environ[learned.MODEL_ENV] = "off"  # collect with the rules alone
    gold: dict[str, dict] = {}
    sets = training_sets(args.shared)
    for s in sets:
        for k, v in load_docs(s).items():
            gold[f"{s.name}/{k}"] = v
    verbs, nouns = triggers(gold)
    model = learned.DecisionModel({}, 0.0, [], [], [], frozenset(verbs), frozenset(nouns), 1.0, "")
    rows = collect(gold, model)
    n_pos = sum(r[2] for r in rows if not r[1].covered)
    n_free = sum(1 for r in rows if not r[1].covered)
    print(
        f"{len(gold)} documents from {len(sets)} sets; {len(rows)} candidates, {n_free} not "
        f"covered by a rule row, {n_pos} of them commitments",
        file=sys.stderr,
    )
    cv = cross_validate(rows, args.folds, args.c_keep, args.c_cat)
    print(f"cross-validated ({args.folds} folds by document): {json.dumps(cv)}", file=sys.stderr)
    weights = as_weights(*fit(rows, args.c_keep, args.c_cat))
    out = {
        "version": VERSION,
        "threshold": cv["threshold"],
        "triggers": {"verbs": verbs, "nouns": nouns},
        "trained_on": {
            "sets": [s.name for s in sets],
            "documents": len(gold),
            "candidates": len(rows),
            "uncovered": n_free,
            "uncovered_commitments": n_pos,
        },
        "cross_validation": cv,
        **weights,
    }
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
