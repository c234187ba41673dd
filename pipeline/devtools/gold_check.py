#!/usr/bin/env python3
"""Check a folder of hand-annotated gold files against their inputs (standard library only).

For every <id>.json in FOLDER: doc_id equals the file name; input/<id>.txt exists, has no
trailing newline, its first line equals `title` and the rest equals `body`; every span
[start, end) lies in the body, reproduces its `text` and has no outer whitespace; actor ids
have the spec's shapes; a commitment's `statement` is null or the index of a statement whose
content overlaps its evidence; enumerated fields hold the spec's values; quantities have
exactly {value, unit, per, text}, a number or null as value, and a text found in the body.
Every input has a gold file. Exit status 1 and the problems listed when anything is wrong.

Usage: python3 scripts/check_gold.py tests/fixtures/devset3 [more folders]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CATEGORIES = {
    "military_equipment",
    "training",
    "troops",
    "financial",
    "humanitarian",
    "industrial",
    "security_guarantee",
    "sanctions",
    "diplomatic",
    "other",
}
MODALITIES = {"pledge", "plan", "proposal", "offer", "intention", "continuation", "refusal"}
KINDS = {"direct", "indirect", "mixed"}
POLARITIES = {"positive", "negative"}
ACTOR = re.compile(r"^([a-z]{3}|[a-z0-9_]+|person:[^A-Z]+|media:[^A-Z]+|anon(:[a-z0-9_]+)?)$")


def check_span(body: str, part: object, where: str, errors: list[str]) -> None:
    if not isinstance(part, dict) or "span" not in part or "text" not in part:
        errors.append(f"{where}: missing span or text")
        return
    start, end = part["span"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
        errors.append(f"{where}: span {part['span']} out of range")
    elif body[start:end] != part["text"]:
        errors.append(f"{where}: span {part['span']} gives {body[start:end]!r}, not {part['text']!r}")
    elif part["text"] != part["text"].strip():
        errors.append(f"{where}: span text has outer whitespace")


def check_actor(value: object, where: str, errors: list[str], nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or not ACTOR.match(value):
        errors.append(f"{where}: bad actor id {value!r}")


def check_doc(path: Path, errors: list[str]) -> tuple[int, int]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    name = path.stem
    if doc.get("doc_id") != name:
        errors.append(f"{name}: doc_id {doc.get('doc_id')!r} differs from the file name")
    txt = path.parent / "input" / f"{name}.txt"
    if not txt.exists():
        errors.append(f"{name}: no input/{name}.txt")
    else:
        raw = txt.read_text(encoding="utf-8")
        title, sep, body = raw.partition("\n")
        if not sep:
            errors.append(f"{name}: no newline after the title")
        if raw.endswith("\n"):
            errors.append(f"{name}: input ends with a newline")
        if title != doc.get("title"):
            errors.append(f"{name}: title differs from the first line of the input")
        if body != doc.get("body"):
            errors.append(f"{name}: body differs from the input after its first line")
    body = doc.get("body", "")
    statements = doc.get("statements", [])
    for i, st in enumerate(statements):
        where = f"{name} statement {i}"
        for key in ("source", "cue", "content"):
            check_span(body, st.get(key), f"{where} {key}", errors)
        source = st.get("source") or {}
        if not source.get("actor"):
            errors.append(f"{where}: source has no actor")
        else:
            check_actor(source["actor"], f"{where} source", errors)
        if source.get("actor_country") is not None:
            check_actor(source["actor_country"], f"{where} actor_country", errors)
        if st.get("kind") not in KINDS:
            errors.append(f"{where}: kind {st.get('kind')!r}")
        if not isinstance(st.get("via"), list):
            errors.append(f"{where}: via is not a list")
        else:
            for via in st["via"]:
                check_actor(via, f"{where} via", errors)
    commitments = doc.get("commitments", [])
    for i, cm in enumerate(commitments):
        where = f"{name} commitment {i}"
        check_span(body, cm.get("evidence"), f"{where} evidence", errors)
        for j, part in enumerate(cm.get("conditions", [])):
            check_span(body, part, f"{where} condition {j}", errors)
        for j, part in enumerate(cm.get("mentions", []) or []):
            check_span(body, part, f"{where} mention {j}", errors)
        if not cm.get("committer"):
            errors.append(f"{where}: no committer")
        else:
            check_actor(cm["committer"], f"{where} committer", errors)
        check_actor(cm.get("recipient"), f"{where} recipient", errors, nullable=True)
        if cm.get("category") not in CATEGORIES:
            errors.append(f"{where}: category {cm.get('category')!r}")
        if cm.get("modality") not in MODALITIES:
            errors.append(f"{where}: modality {cm.get('modality')!r}")
        if cm.get("polarity") not in POLARITIES:
            errors.append(f"{where}: polarity {cm.get('polarity')!r}")
        index = cm.get("statement")
        if index is not None:
            if not (isinstance(index, int) and 0 <= index < len(statements)):
                errors.append(f"{where}: statement index {index!r} invalid")
            else:
                cs, ce = statements[index]["content"]["span"]
                es, ee = cm["evidence"]["span"]
                if not (es < ce and cs < ee):
                    errors.append(f"{where}: evidence does not overlap statement {index}'s content")
        for j, q in enumerate(cm.get("quantities", [])):
            number = q.get("value") is None or isinstance(q.get("value"), (int, float))
            if set(q) != {"value", "unit", "per", "text"} or not number:
                errors.append(f"{where} quantity {j}: bad quantity {q}")
            elif q["text"] not in body:
                errors.append(f"{where} quantity {j}: text {q['text']!r} not in body")
    return len(statements), len(commitments)


def check_folder(folder: Path, errors: list[str]) -> str:
    files = sorted(folder.glob("*.json"))
    n_s = n_c = 0
    for f in files:
        s, c = check_doc(f, errors)
        n_s, n_c = n_s + s, n_c + c
    for extra in sorted({p.stem for p in (folder / "input").glob("*.txt")} - {f.stem for f in files}):
        errors.append(f"input/{extra}.txt has no gold file")
    return f"{folder}: {len(files)} documents, {n_s} statements, {n_c} commitments"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    errors: list[str] = []
    summaries = [check_folder(Path(a), errors) for a in argv]
    for e in errors:
        print("ERROR", e)
    for line in summaries:
        print(line)
    print(f"{len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
