#!/usr/bin/env python3
"""Learn the statement-cue lexicon from PolNeAR **train** (never dev).

For every token of every training article we record its lookup lemma (the same
`pipeline.nlp.get_nlp()` pipeline the extractor uses) and whether it lies
inside an annotated Cue span. A lemma's cue rate is `in_cue / total`; the
extractor keeps lemmas whose rate and count pass its thresholds
(`pipeline/extract/statement_lexicon.py`). Multi-word cue strings (e.g.
"according to", "called for") are counted too.

Usage:  .venv/bin/python scripts/learn_cues.py ../shared/data/polnear/train \
            pipeline/resources/statements/learned_cues.json

Source: PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018), BRAT standoff,
offsets from the start of the .txt file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from pipeline.nlp import get_nlp


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    cues: list[tuple[int, int]] = []
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            kind, *rng = cols[1].split(" ")
            try:
                pieces = [tuple(map(int, r.split(" "))) for r in " ".join(rng).split(";")]
            except ValueError:
                continue
            spans[cols[0]] = (kind, pieces)  # type: ignore[assignment]
    for line in lines:
        cols = line.split("\t")
        if line.startswith("E") and len(cols) >= 2:
            roles = dict(p.split(":") for p in cols[1].split(" ") if ":" in p)
            if "Cue" in roles and roles["Cue"] in spans:
                cues.extend(spans[roles["Cue"]][1])
    return cues


def _lemma_of(nlp, form: str) -> str:
    return nlp(form)[0].lemma_.lower() if form else form


def main(argv: list[str]) -> int:
    folder, out = Path(argv[0]), Path(argv[1])
    nlp = get_nlp()
    total: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    form_total: Counter[str] = Counter()
    form_cue: Counter[str] = Counter()
    n_docs = 0
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        n_docs += 1
        raw = txt.read_text(encoding="utf-8")
        doc = nlp(raw)
        spans = cue_spans(anns[0])
        marked = set()
        for s, e in spans:
            phrase = " ".join(t.lemma_.lower() for t in doc.char_span(s, e, alignment_mode="expand") or [])
            if phrase:
                phrases[phrase] += 1
            for t in doc.char_span(s, e, alignment_mode="expand") or []:
                marked.add(t.i)
        for t in doc:
            if not t.is_alpha:
                continue
            lemma = t.lemma_.lower()
            total[lemma] += 1
            form_total[t.lower_] += 1
            if t.i in marked:
                in_cue[lemma] += 1
                form_cue[t.lower_] += 1
    lemmas = {
        lem: {"cue": in_cue[lem], "total": total[lem], "rate": round(in_cue[lem] / total[lem], 4)}
        for lem in sorted(in_cue)
        if in_cue[lem] >= 2
    }
    forms = {
        f: {
            "cue": form_cue[f],
            "total": form_total[f],
            "rate": round(form_cue[f] / form_total[f], 4),
        }
        for f in sorted(form_total)
        if form_total[f] >= 5
    }
    # keep only forms of lemmas that are cues somewhere (keeps the file small)
    cue_forms = {f for f in form_cue}
    forms = {f: v for f, v in forms.items() if f in cue_forms or _lemma_of(nlp, f) in lemmas}
    data = {
        "source": "PolNeAR v1.0.0 train split (840 articles), scripts/learn_cues.py",
        "documents": n_docs,
        "lemmas": lemmas,
        "phrases": {p: n for p, n in phrases.most_common() if n >= 3},
        "forms": forms,
    }
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{n_docs} documents, {len(lemmas)} lemmas, {len(data['phrases'])} phrases -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
