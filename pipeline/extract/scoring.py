"""Scoring of statements and commitments against gold documents.

Ported unchanged from the project's reference scorer `../shared/tools/score.py`
(matching rules of ../shared/spec/extraction.md, "Matching"): `tokens`,
`token_f1`, `locate`, `overlaps`, `shared_half`, `load_docs`, `load_brat`,
`match_statements`, `match_commitments`, `greedy`, `score` are copies, so that
`pledgewatch eval` prints the same figures without importing ../shared
(tests/extract/test_evaluate.py checks they agree). `format_lines` reproduces
score.py's printed lines. Keep in sync with score.py when it changes.

The port is typed (mypy --strict); two float sums that score.py keeps in a `Counter` (whose
values mypy takes for ints) are a plain dict (`money_totals`) and a float (`content_f1_sum`
in `score`) here: same additions in the same order, so the same numbers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path  # noqa: TC003  (kept as in score.py)
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

TOKEN = re.compile(r"\w+", re.UNICODE)

# A gold or predicted document, or one of its span-dicts / statements / commitments (parsed JSON).
Doc: TypeAlias = dict[str, Any]
# A character span [start, end) in a document body.
Span: TypeAlias = tuple[int, int]
# Precision / recall / F1 and counts of one family (see `prf`), plus the accuracies `score` adds.
Figures: TypeAlias = dict[str, float | None]
# A candidate match: (token F1, gold index, predicted index).
Candidate: TypeAlias = tuple[float, int, int]


def tokens(text: str) -> list[str]:
    return TOKEN.findall((text or "").lower())


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def locate(body: str, part: Doc | None) -> Span | None:
    """Character span of a span-dict in body: its offsets if they hold its text, else a search."""
    if not part:
        return None
    text = (part.get("text") or "").strip()
    span = part.get("span")
    if span and len(span) == 2:
        s, e = int(span[0]), int(span[1])
        if not text or body[s:e].strip() == text:
            return (s, e)
    if not text:
        return None
    hits = [m.start() for m in re.finditer(re.escape(text), body)]
    if not hits:
        squashed = r"\s+".join(map(re.escape, text.split()))
        hits_m = list(re.finditer(squashed, body))
        if not hits_m:
            return None
        near = min(hits_m, key=lambda m: abs(m.start() - (span[0] if span else 0)))
        return (near.start(), near.end())
    start = min(hits, key=lambda h: abs(h - (span[0] if span else 0)))
    return (start, start + len(text))


def overlaps(a: Span | None, b: Span | None) -> bool:
    return bool(a and b and a[0] < b[1] and b[0] < a[1])


def span_text(body: str, span: Span | None) -> str:
    return body[span[0] : span[1]] if span else ""


def shared_half(body: str, a: Span | None, b: Span | None) -> bool:
    """At least half of the shorter span's tokens are shared."""
    if not overlaps(a, b):
        return False
    ta, tb = Counter(tokens(span_text(body, a))), Counter(tokens(span_text(body, b)))
    short = min(sum(ta.values()), sum(tb.values()))
    return short > 0 and sum((ta & tb).values()) >= short / 2


def norm_actor(x: str | None) -> str:
    return (x or "").strip().lower()


# ---------------------------------------------------------------- loading


def load_docs(path: Path) -> dict[str, Doc]:
    docs: dict[str, Doc] = {}
    if path.is_dir():
        for f in sorted(path.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            docs[str(d.get("doc_id") or f.stem)] = d
        for f in sorted(path.glob("*.jsonl")):
            docs.update(load_docs(f))
    elif path.suffix == ".json":
        d = json.loads(path.read_text(encoding="utf-8"))
        docs[str(d.get("doc_id") or path.stem)] = d
    else:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                docs[str(d["doc_id"])] = d
    return docs


def load_brat(folder: Path) -> dict[str, Doc]:
    """PolNeAR compartments: text/<id>.txt and attributions/<id>_<annotator>.ann."""
    docs = {}
    for txt in sorted((folder / "text").glob("*.txt")):
        raw = txt.read_text(encoding="utf-8")
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        title, _, rest = raw.partition("\n")
        offset = len(title) + 1
        body = rest
        spans, statements = {}, []
        for line in anns[0].read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 3:
                kind, *rng = cols[1].split(" ")
                pieces = [tuple(map(int, r.split(" "))) for r in " ".join(rng).split(";")]
                s, e = pieces[0][0], pieces[-1][1]
                spans[cols[0]] = (kind, s - offset, e - offset)
            elif line.startswith("E") and len(cols) >= 2:
                roles = dict(p.split(":") for p in cols[1].split(" ") if ":" in p)
                st: dict[str, Doc] = {}
                for role, key in (("Source", "source"), ("Cue", "cue"), ("Content", "content")):
                    if role in roles and roles[role] in spans:
                        _, s, e = spans[roles[role]]
                        if s >= 0:
                            st[key] = {"span": [s, e], "text": body[s:e]}
                if "cue" in st and "content" in st and tokens(st["content"]["text"]):
                    statements.append(st)
        docs[txt.stem] = {
            "doc_id": txt.stem,
            "title": title,
            "body": body,
            "statements": statements,
            "commitments": [],
        }
    return docs


# ---------------------------------------------------------------- matching


def match_statements(body: str, gold: Sequence[Doc], pred: Sequence[Doc]) -> list[tuple[int, int]]:
    cands: list[Candidate] = []
    for gi, g in enumerate(gold):
        gc, gq = locate(body, g.get("content")), locate(body, g.get("cue"))
        for pi, p in enumerate(pred):
            pc, pq = locate(body, p.get("content")), locate(body, p.get("cue"))
            if not (gc and pc and gq and pq) or not overlaps(gq, pq):
                continue
            f = token_f1(span_text(body, gc), span_text(body, pc))
            if f >= 0.5:
                cands.append((f, gi, pi))
    return greedy(cands)


def match_commitments(body: str, gold: Sequence[Doc], pred: Sequence[Doc]) -> list[tuple[int, int]]:
    """A gold commitment may list restatements under `mentions`: a prediction
    at any of them matches it, but only one prediction per gold commitment."""
    cands: list[Candidate] = []
    for gi, g in enumerate(gold):
        spans = [locate(body, x) for x in [g.get("evidence")] + list(g.get("mentions") or [])]
        for pi, p in enumerate(pred):
            pe = locate(body, p.get("evidence"))
            if norm_actor(g.get("committer")) != norm_actor(p.get("committer")):
                continue
            if (g.get("category") or "") != (p.get("category") or ""):
                continue
            fs = [
                token_f1(span_text(body, ge), span_text(body, pe))
                for ge in spans
                if ge and pe and shared_half(body, ge, pe)
            ]
            if fs:
                cands.append((max(fs), gi, pi))
    return greedy(cands)


def greedy(cands: Iterable[Candidate]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _f, gi, pi in sorted(cands, reverse=True):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def quantities_equal(g: Iterable[Doc], p: Iterable[Doc]) -> bool:
    def key(q: Doc) -> tuple[float | None, str]:
        v = q.get("value")
        return (None if v is None else float(v), (q.get("unit") or "").lower().rstrip("s"))

    return sorted(map(key, g), key=str) == sorted(map(key, p), key=str)


def amount_equal(g: Doc | None, p: Doc | None) -> bool:
    """Same money: both null, or same currency and basis and values within 1%."""
    if not g or not p:
        return not g and not p
    if (g.get("currency") or "").lower() != (p.get("currency") or "").lower():
        return False
    if (g.get("basis") or "own") != (p.get("basis") or "own"):
        return False
    gv, pv = g.get("value"), p.get("value")
    if gv is None or pv is None:
        return gv is None and pv is None
    return abs(float(pv) - float(gv)) <= 0.01 * abs(float(gv))


def money_totals(body: str, rows: Iterable[Doc]) -> dict[tuple[str, str], float]:
    """What an analyst would add up from one document: per (committer, currency), the
    positive pledges' `amount`, parts of a package left out (`part_of`), a `joint` sum
    counted once for the group that shares it (key `joint:a+b`)."""
    totals: dict[tuple[str, str], float] = {}  # a Counter in score.py (whose values are ints to mypy)
    joint: dict[tuple[Span | None, float, str], set[str]] = {}
    for c in rows:
        a = c.get("amount") or {}
        if a.get("value") is None or c.get("part_of") is not None:
            continue
        if (c.get("polarity") or "positive") != "positive":
            continue
        cur = (a.get("currency") or "").lower()
        if (a.get("basis") or "own") == "joint":
            ev = locate(body, c.get("evidence"))
            key = (ev, float(a["value"]), cur)
            joint.setdefault(key, set()).add(norm_actor(c.get("committer")))
        else:
            k = (norm_actor(c.get("committer")), cur)
            totals[k] = totals.get(k, 0) + float(a["value"])
    for (_, value, cur), who in joint.items():
        k = ("joint:" + "+".join(sorted(who)), cur)
        totals[k] = totals.get(k, 0) + value
    return totals


def totals_match(g: Mapping[tuple[str, str], float], p: Mapping[tuple[str, str], float]) -> int:
    return sum(1 for k, v in g.items() if k in p and abs(p[k] - v) <= 0.01 * abs(v))


def conditions_found(g: Sequence[Doc], p: Sequence[Doc]) -> tuple[int, int]:
    hit = sum(1 for gc in g if any(token_f1(gc.get("text", ""), pc.get("text", "")) >= 0.5 for pc in p))
    return hit, len(g)


# ---------------------------------------------------------------- scoring


def prf(tp: int, n_gold: int, n_pred: int) -> Figures:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "tp": tp,
        "gold": n_gold,
        "predicted": n_pred,
    }


def score(gold_docs: Mapping[str, Doc], pred_docs: Mapping[str, Doc]) -> dict[str, Any]:
    st: Counter[str] = Counter()
    cm: Counter[str] = Counter()
    mt: Counter[str] = Counter()
    content_f1_sum = 0.0  # st["content_f1_sum"] in score.py (a float: kept out of the int Counter)
    missing = [d for d in gold_docs if d not in pred_docs]
    for doc_id, g in gold_docs.items():
        p = pred_docs.get(doc_id, {})
        body = g["body"]
        gs, ps = g.get("statements", []), p.get("statements", [])
        pairs = match_statements(body, gs, ps)
        st["tp"] += len(pairs)
        st["gold"] += len(gs)
        st["pred"] += len(ps)
        for gi, pi in pairs:
            a, b = gs[gi].get("source"), ps[pi].get("source")
            ga, pa = locate(body, a), locate(body, b)
            same = overlaps(ga, pa) or (
                a and b and a.get("actor") and norm_actor(a.get("actor")) == norm_actor(b.get("actor"))
            )
            st["source_ok"] += bool(same)
            st["source_n"] += 1 if a else 0
            content_f1_sum += token_f1(
                span_text(body, locate(body, gs[gi]["content"])),
                span_text(body, locate(body, ps[pi]["content"])),
            )
        gc, pc = g.get("commitments", []), p.get("commitments", [])
        pairs = match_commitments(body, gc, pc)
        cm["tp"] += len(pairs)
        cm["gold"] += len(gc)
        cm["pred"] += len(pc)
        for gi, pi in pairs:
            a, b = gc[gi], pc[pi]
            cm["recipient"] += norm_actor(a.get("recipient")) == norm_actor(b.get("recipient"))
            cm["polarity"] += (a.get("polarity") or "positive") == (b.get("polarity") or "positive")
            cm["modality"] += a.get("modality") == b.get("modality")
            cm["quantities"] += quantities_equal(a.get("quantities") or [], b.get("quantities") or [])
            if "amount" in a and (a.get("amount") or b.get("amount")):
                cm["amount_n"] += 1
                cm["amount"] += amount_equal(a.get("amount"), b.get("amount"))
            hit, n = conditions_found(a.get("conditions") or [], b.get("conditions") or [])
            cm["cond_hit"] += hit
            cm["cond_n"] += n
        if any("amount" in c for c in gc):
            gt, pt = money_totals(body, gc), money_totals(body, pc)
            mt["tp"] += totals_match(gt, pt)
            mt["gold"] += len(gt)
            mt["pred"] += len(pt)
    out: dict[str, Any] = {
        "documents": len(gold_docs),
        "documents_without_prediction": len(missing),
        "statements": prf(st["tp"], st["gold"], st["pred"]),
        "commitments": prf(cm["tp"], cm["gold"], cm["pred"]),
    }
    if st["tp"]:
        out["statements"]["source_accuracy"] = round(st["source_ok"] / max(st["source_n"], 1), 4)
        out["statements"]["content_token_f1"] = round(content_f1_sum / st["tp"], 4)
    if cm["tp"]:
        for k in ("recipient", "polarity", "modality", "quantities"):
            out["commitments"][k + "_accuracy"] = round(cm[k] / cm["tp"], 4)
        out["commitments"]["conditions_recall"] = (
            round(cm["cond_hit"] / cm["cond_n"], 4) if cm["cond_n"] else None
        )
        if cm["amount_n"]:
            out["commitments"]["amount_accuracy"] = round(cm["amount"] / cm["amount_n"], 4)
    if mt["gold"] or mt["pred"]:
        out["money_totals"] = prf(mt["tp"], mt["gold"], mt["pred"])
    return out


def format_lines(result: Mapping[str, Any]) -> list[str]:
    """The lines score.py prints for a result of `score`."""
    lines: list[str] = []
    for part in ("statements", "commitments"):
        r = result[part]
        extra = "  ".join(
            f"{k}={v}"
            for k, v in r.items()
            if k.endswith(("accuracy", "_f1", "recall")) and k not in ("recall",)
        )
        lines.append(
            f"{part:12} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"(tp={r['tp']} gold={r['gold']} pred={r['predicted']}) {extra}"
        )
    if "money_totals" in result:
        r = result["money_totals"]
        lines.append(
            f"money totals P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"(per document, committer and currency: tp={r['tp']} gold={r['gold']} "
            f"pred={r['predicted']})"
        )
    lines.append(
        f"documents={result['documents']} without_prediction={result['documents_without_prediction']}"
    )
    return lines
