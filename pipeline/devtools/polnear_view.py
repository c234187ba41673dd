#!/usr/bin/env python3
"""Score statements against PolNeAR re-cut to this project's contract (analysis only).

PolNeAR and ../shared/spec/extraction.md differ on two points that the `--brat`
score counts as errors of the extractor:

1. **Split quotes.** PolNeAR annotates '"A," he said. "B."' as one attribution whose
   content is two pieces (A and B) around the cue; extraction.md ("Judgement calls")
   makes a quote continued after "he said" in the next sentence its own statement. Here
   a content whose pieces are separated by a sentence end becomes one statement per run
   of pieces, with the same cue and source.
2. **No source.** PolNeAR annotates attributions without a source ("is seen as");
   extraction.md does not ("A statement with no source in the text ... is not
   annotated"). Here they are dropped.

The official figure stays the one of `pledgewatch eval --brat` / score.py --brat; this
script only says how much of the gap to it is the contract, not the extractor.

Usage (from the project root):

    uv run pledgewatch eval --gold ../shared/data/polnear/dev --brat --pred-out /tmp/pol.jsonl
    uv run python scripts/polnear_contract_view.py ../shared/data/polnear/dev /tmp/pol.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pipeline.extract.scoring import load_docs, score, tokens

SENTENCE_END = ".?!"


def _pieces(
    spans: dict[str, list[tuple[int, int]]], roles: dict[str, str], role: str
) -> list[tuple[int, int]] | None:
    ref = roles.get(role)
    return spans.get(ref) if ref else None


def _span(body: str, pieces: list[tuple[int, int]]) -> dict[str, Any]:
    """The span from the first piece's start to the last piece's end (as score.py reads it)."""
    return {"span": [pieces[0][0], pieces[-1][1]], "text": body[pieces[0][0] : pieces[-1][1]]}


def load_contract_view(folder: Path, *, split_quotes: bool, need_source: bool) -> dict[str, dict[str, Any]]:
    """PolNeAR gold (first annotator, as score.py reads it) with the chosen re-cuts."""
    docs: dict[str, dict[str, Any]] = {}
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        title, _, body = txt.read_text(encoding="utf-8").partition("\n")
        offset = len(title) + 1
        spans: dict[str, list[tuple[int, int]]] = {}
        statements = []
        for line in anns[0].read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 3:
                _kind, *rng = cols[1].split(" ")
                spans[cols[0]] = [
                    (int(a) - offset, int(b) - offset)
                    for a, b in (r.split(" ") for r in " ".join(rng).split(";"))
                ]
            elif line.startswith("E") and len(cols) >= 2:
                roles = dict(p.split(":") for p in cols[1].split(" ") if ":" in p)
                cue = _pieces(spans, roles, "Cue")
                content = _pieces(spans, roles, "Content")
                source = _pieces(spans, roles, "Source")
                if source and source[0][0] < 0:
                    source = None  # in the title: not scored
                if not cue or not content or cue[0][0] < 0 or content[0][0] < 0:
                    continue
                if need_source and not source:
                    continue
                parts = [p for p in content if tokens(body[p[0] : p[1]])]
                if not parts:
                    continue
                groups = [parts]
                if split_quotes and len(parts) > 1:
                    groups, cur = [], [parts[0]]
                    for a, b in zip(parts, parts[1:], strict=False):
                        between = body[max(0, a[1] - 3) : b[0]]
                        if any(c in between for c in SENTENCE_END):
                            groups.append(cur)
                            cur = [b]
                        else:
                            cur.append(b)
                    groups.append(cur)
                for g in groups:
                    st = {"cue": _span(body, cue), "content": _span(body, g)}
                    if source:
                        st["source"] = _span(body, source)
                    statements.append(st)
        docs[txt.stem] = {"doc_id": txt.stem, "body": body, "statements": statements, "commitments": []}
    return docs


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder, pred_path = Path(argv[0]), Path(argv[1])
    pred = load_docs(pred_path)
    for name, split, need in (
        ("as annotated (pieces joined, sourceless kept)", False, False),
        ("sourceless dropped", False, True),
        ("split quotes cut at sentence ends", True, False),
        ("both (extraction.md's conventions)", True, True),
    ):
        r = score(load_contract_view(folder, split_quotes=split, need_source=need), pred)
        s = r["statements"]
        print(
            f"{name:48s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
            f"(tp={s['tp']} gold={s['gold']} pred={s['predicted']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
