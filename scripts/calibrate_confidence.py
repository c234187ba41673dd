"""Calibrate the rows' `confidence` (pipeline/extract/confidence.py) on annotated articles.

Runs the extraction over gold sets, matches each predicted row to the gold with the scorer's
rules, and counts per bucket how many rows there were and how many matched. Writes the counts
to pipeline/resources/confidence.json and prints the calibration (expected calibration error)
of the result on each set given with --check.

    python scripts/calibrate_confidence.py                      # the training corpus
    python scripts/calibrate_confidence.py --check tests/fixtures/heldout3
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import confidence  # noqa: E402
from pipeline.extract.evaluate import predict  # noqa: E402
from pipeline.extract.scoring import load_docs, match_commitments, match_statements  # noqa: E402

DEFAULT_SETS = [ROOT / "tests" / "fixtures" / "corpus"]


def labelled_rows(folder: Path) -> list[tuple[str, dict[str, Any], bool]]:
    """(family, predicted row, matched a gold row) for every predicted row of a gold set."""
    gold = load_docs(folder)
    preds = predict(gold)
    out: list[tuple[str, dict[str, Any], bool]] = []
    for doc_id, g in gold.items():
        body = g.get("body") or ""
        p = preds[doc_id]
        for family, match in (("statements", match_statements), ("commitments", match_commitments)):
            hit = {pi for _gi, pi in match(body, g.get(family) or [], p[family])}
            out.extend((family, row, i in hit) for i, row in enumerate(p[family]))
    return out


def count(rows: list[tuple[str, dict[str, Any], bool]]) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for family, row, hit in rows:
        keys = confidence.statement_keys(row) if family == "statements" else confidence.commitment_keys(row)
        for key in keys:
            counts[key][0] += int(hit)
            counts[key][1] += 1
    return dict(sorted(counts.items()))


def calibration_error(rows: list[tuple[str, dict[str, Any], bool]], bins: int = 10) -> dict[str, float]:
    """Expected calibration error per family: |mean confidence - share matched| over
    equal-width confidence bins, weighted by the rows in each bin."""
    out: dict[str, float] = {}
    for family in ("statements", "commitments"):
        sel = [(r.get("confidence"), hit) for f, r, hit in rows if f == family]
        sel = [(float(c), hit) for c, hit in sel if c is not None]
        if not sel:
            continue
        err = 0.0
        for b in range(bins):
            lo, hi = b / bins, (b + 1) / bins
            in_bin = [(c, h) for c, h in sel if lo <= c < hi or (b == bins - 1 and c == 1.0)]
            if in_bin:
                mean_c = sum(c for c, _ in in_bin) / len(in_bin)
                share = sum(h for _, h in in_bin) / len(in_bin)
                err += len(in_bin) / len(sel) * abs(mean_c - share)
        out[family] = round(err, 4)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", type=Path, help="gold folders to calibrate on (default: corpus)")
    ap.add_argument("--check", nargs="*", type=Path, default=[], help="gold folders to report the error on")
    ap.add_argument("--out", type=Path, default=confidence.TABLE_PATH)
    args = ap.parse_args(argv)
    rows: list[tuple[str, dict[str, Any], bool]] = []
    for folder in args.sets or DEFAULT_SETS:
        rows.extend(labelled_rows(folder))
    counts = count(rows)
    names = [
        str(p.resolve().relative_to(ROOT)) if p.resolve().is_relative_to(ROOT) else p.name
        for p in args.sets or DEFAULT_SETS
    ]
    args.out.write_text(
        json.dumps(
            {
                "notes": "rows and matched rows per bucket (see pipeline/extract/confidence.py), "
                "counts as [matched, rows]; written by scripts/calibrate_confidence.py",
                "calibrated_on": names,
                "counts": {k: [v[0], v[1]] for k, v in counts.items()},
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    confidence._table.cache_clear()
    print(f"wrote {args.out} ({len(counts)} buckets from {len(rows)} rows)")
    for folder in args.check:
        print(folder, "calibration error:", calibration_error(labelled_rows(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
