#!/usr/bin/env python3
"""Train the attribution tagger (pipeline/extract/attribution_model.py) on PolNeAR **train**.

Every token of every training article gets one of B-/I- CUE, SRC, CON or O from the
annotated attributions (a token in several spans takes CUE over SRC over CON: a cue
nested inside another attribution's content breaks that content, which the decoder
accepts). CRFsuite's L-BFGS with L1 + L2 regularisation trains the model; L1 drops most
attributes, which keeps the file small. Features come from the same `token_features` the
extractor tags with.

Usage (from the project root):

    uv run python scripts/train_attribution.py ../shared/data/polnear/train \\
        pipeline/resources/statements/attribution.crfsuite \\
        [--c1 0.5] [--c2 0.001] [--iterations 300]

Then measure on dev (never train): `pledgewatch eval --gold ../shared/data/polnear/dev --brat`.
Training takes a few minutes on 2 CPU cores. Source: PolNeAR v1.0.0 (Newell,
Margolin and Ruths, LREC 2018), BRAT standoff.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.extract.attribution_model import LABELS, sequences, token_features, tokens_of
from pipeline.extract.scoring import load_brat
from pipeline.nlp import get_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc


def token_labels(doc: Doc, statements: list[dict[str, Any]]) -> list[str]:
    """BIO label of every token (O for tokens in no span)."""
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    n = len(doc)
    kind = ["O"] * n
    spans_of: dict[str, list[tuple[int, int]]] = {k: [] for k in LABELS}
    for st in statements:
        for key, lab in (("content", "CON"), ("source", "SRC"), ("cue", "CUE")):
            if key in st:
                s, e = st[key]["span"]
                toks = [i for i in range(n) if starts[i] < e and ends[i] > s]
                if toks:
                    spans_of[lab].append((toks[0], toks[-1] + 1))
    for lab in ("CON", "SRC", "CUE"):  # later wins
        for a, b in spans_of[lab]:
            for i in range(a, b):
                kind[i] = lab
    labels = []
    prev_kind = "O"
    for i in range(n):
        k = kind[i]
        if k == "O":
            labels.append("O")
        else:
            begins = prev_kind != k or (
                any(a == i for a, _ in spans_of[k]) and not any(a < i < b for a, b in spans_of[k])
            )
            labels.append(("B-" if begins else "I-") + k)
        if not doc[i].is_space:
            prev_kind = k
    return labels


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.001)
    ap.add_argument("--iterations", type=int, default=300)
    args = ap.parse_args(argv)
    import pycrfsuite

    nlp = get_nlp()
    docs = load_brat(args.train)
    if not docs:
        print(f"no PolNeAR documents in {args.train}", file=sys.stderr)
        return 2
    trainer = pycrfsuite.Trainer(verbose=False)
    t0 = time.perf_counter()
    n_seq = n_tok = 0
    for d in docs.values():
        doc = nlp(d["body"])
        tok = tokens_of(doc)
        labels = token_labels(doc, d["statements"])
        for seq in sequences(tok):
            trainer.append(token_features(tok, seq), [labels[i] for i in seq])
            n_seq += 1
            n_tok += len(seq)
    print(
        f"{len(docs)} articles, {n_seq} sequences, {n_tok} tokens "
        f"(features in {time.perf_counter() - t0:.0f}s)"
    )
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    t1 = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    info = trainer.logparser.last_iteration
    print(
        f"trained in {time.perf_counter() - t1:.0f}s: {info.get('num') if info else '?'} iterations, "
        f"loss {info.get('loss') if info else '?'}; model {args.out} "
        f"({args.out.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
