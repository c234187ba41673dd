"""`pledgewatch eval`: extract a gold set and score it like ../shared/tools/score.py.

    pledgewatch eval --gold DIR [--brat] [--worst N] [--json OUT] [--pred-out FILE]

For `.json` gold documents the body is the gold document's `body`; for
`--brat` (PolNeAR-style `text/*.txt` + `attributions/*.ann`) the body is the
text after the first line, exactly as score.py's `load_brat` cuts it, so the
predicted spans line up with the gold offsets. The figures printed are the
lines score.py prints, followed by the N worst documents (statements and commitments F1).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.extract.scoring import format_lines, load_brat, load_docs, score

if TYPE_CHECKING:
    import argparse


def load_gold(path: Path, *, brat: bool) -> dict[str, dict[str, Any]]:
    if brat:
        return load_brat(path)
    return load_docs(path)


def predict(gold: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Extraction output for every gold document (body and title taken from the gold)."""
    from pipeline.extract import extract_document
    from pipeline.nlp import get_nlp

    nlp = get_nlp()
    preds: dict[str, dict[str, Any]] = {}
    for doc_id, g in gold.items():
        body = g.get("body") or ""
        doc = nlp(body)
        preds[doc_id] = extract_document(body, doc_id=doc_id, title=g.get("title") or "", doc=doc)
    return preds


def worst_documents(
    gold: dict[str, dict[str, Any]], preds: dict[str, dict[str, Any]], n: int
) -> list[tuple[str, dict[str, Any]]]:
    """The n documents with the lowest F1, statements and commitments averaged over the families
    the document has something in (gold or predicted); documents with nothing to find and
    nothing found are left out. Ties: most gold items first."""
    rows = []
    for doc_id, g in gold.items():
        r = score({doc_id: g}, {doc_id: preds.get(doc_id, {})})
        families = [r[k] for k in ("statements", "commitments") if r[k]["gold"] or r[k]["predicted"]]
        if not families:
            continue
        mean_f1 = sum(f["f1"] for f in families) / len(families)
        rows.append((doc_id, {"f1": mean_f1, "statements": r["statements"], "commitments": r["commitments"]}))
    rows.sort(key=lambda x: (x[1]["f1"], -(x[1]["statements"]["gold"] + x[1]["commitments"]["gold"]), x[0]))
    return rows[: max(n, 0)]


def main(args: argparse.Namespace) -> int:
    gold_path = Path(args.gold)
    if not gold_path.exists():
        print(f"gold not found: {gold_path}", file=sys.stderr)
        return 2
    gold = load_gold(gold_path, brat=bool(getattr(args, "brat", False)))
    if not gold:
        print(f"no gold documents in {gold_path}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    preds = predict(gold)
    elapsed = time.perf_counter() - t0
    if getattr(args, "pred_out", None):
        out = Path(args.pred_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for doc_id in gold:
                fh.write(json.dumps(preds[doc_id], ensure_ascii=False) + "\n")
    result = score(gold, preds)
    for line in format_lines(result):
        print(line)
    worst = worst_documents(gold, preds, int(getattr(args, "worst", 5) or 0))
    if worst:
        print(f"worst {len(worst)} documents (mean F1 of statements and commitments):")
        for doc_id, r in worst:
            st, cm = r["statements"], r["commitments"]
            print(
                f"  {r['f1']:.3f}  statements F1 {st['f1']:.3f} ({st['tp']}/{st['gold']} gold, "
                f"{st['predicted']} pred)  commitments F1 {cm['f1']:.3f} ({cm['tp']}/{cm['gold']} "
                f"gold, {cm['predicted']} pred)  {doc_id}"
            )
    print(f"extracted {len(gold)} documents in {elapsed:.2f}s", file=sys.stderr)
    if getattr(args, "json", None):
        result["worst"] = [{"doc_id": d, **r} for d, r in worst]
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0
