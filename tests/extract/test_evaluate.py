# ruff: noqa: E501  (tables of real sentences: long string literals are kept whole)
"""`pledgewatch eval` prints the figures of ../shared/tools/score.py for the same predictions.

../shared is located through $PLEDGEWATCH_SHARED (default: <project root>/../shared);
the tests that need it skip, saying so, when it is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main as cli_main
from pipeline.config import PROJECT_ROOT
from pipeline.extract import scoring

SHARED = Path(os.environ.get("PLEDGEWATCH_SHARED", PROJECT_ROOT.parent / "shared"))
SCORE_PY = SHARED / "tools" / "score.py"
GOLD_DEV = SHARED / "gold" / "dev"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"

needs_shared = pytest.mark.skipif(
    not SCORE_PY.is_file() or not GOLD_DEV.is_dir(),
    reason=f"shared data not found at {SHARED} (set PLEDGEWATCH_SHARED to the folder holding "
    "tools/score.py and gold/dev)",
)


def score_py(*args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, str(SCORE_PY), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return out.stdout.splitlines()


def run_eval(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert cli_main(["eval", *args]) == 0
    return capsys.readouterr().out.splitlines()


@needs_shared
def test_eval_agrees_with_score_py_on_gold_dev(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = tmp_path / "pred.jsonl"
    figures = tmp_path / "figures.json"
    ours = run_eval(
        capsys,
        "--gold",
        str(GOLD_DEV),
        "--pred-out",
        str(pred),
        "--json",
        str(figures),
        "--worst",
        "3",
    )
    theirs = score_py(str(GOLD_DEV), str(pred), "--json", str(tmp_path / "theirs.json"))
    # gold/dev carries `amount`: score.py prints a money-totals line before the documents line
    assert any(line.startswith("money totals ") for line in theirs)
    n = len(theirs)
    assert ours[:n] == theirs
    ref = json.loads((tmp_path / "theirs.json").read_text())
    mine = json.loads(figures.read_text())
    assert mine["statements"] == ref["statements"]
    assert mine["commitments"] == ref["commitments"]
    assert "amount_accuracy" in mine["commitments"]
    assert mine["money_totals"] == ref["money_totals"]
    # then the worst documents, lowest statement F1 first
    assert ours[n].startswith("worst 3 documents")
    f1s = [float(line.split()[0]) for line in ours[n + 1 : n + 4]]
    assert f1s == sorted(f1s) and len(f1s) == 3
    # every gold document got a prediction with the gold's doc_id
    ids = {json.loads(line)["doc_id"] for line in pred.read_text().splitlines()}
    assert ids == {p.stem for p in GOLD_DEV.glob("*.json")}


@needs_shared
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason=f"PolNeAR dev not found under {SHARED}")
def test_eval_brat_agrees_with_score_py(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a few PolNeAR documents (the title line shifts every offset: spans must still line up)
    gold = tmp_path / "polnear"
    (gold / "text").mkdir(parents=True)
    (gold / "attributions").mkdir()
    for txt in sorted((POLNEAR_DEV / "text").glob("*.txt"))[:6]:
        shutil.copy(txt, gold / "text" / txt.name)
        for ann in (POLNEAR_DEV / "attributions").glob(txt.stem + "_*.ann"):
            shutil.copy(ann, gold / "attributions" / ann.name)
    pred = tmp_path / "pred.jsonl"
    ours = run_eval(capsys, "--gold", str(gold), "--brat", "--pred-out", str(pred), "--worst", "0")
    theirs = score_py("--brat", str(gold), str(pred))
    assert ours[:3] == theirs[:3]
    assert "tp=0 " not in ours[0]  # the spans line up with the BRAT offsets
    for line in pred.read_text().splitlines():
        doc = json.loads(line)
        for st in doc["statements"]:
            a, b = st["content"]["span"]
            assert doc["body"][a:b] == st["content"]["text"]


def test_format_lines_is_score_py_format() -> None:
    result = {
        "documents": 2,
        "documents_without_prediction": 0,
        "statements": {
            "precision": 0.5,
            "recall": 1.0,
            "f1": 0.6667,
            "tp": 1,
            "gold": 1,
            "predicted": 2,
            "source_accuracy": 1.0,
            "content_token_f1": 0.9,
        },
        "commitments": {
            "precision": 0.0,
            "recall": 0.0,
            "f1": 0.0,
            "tp": 0,
            "gold": 0,
            "predicted": 0,
        },
    }
    assert scoring.format_lines(result) == [
        "statements   P=0.500 R=1.000 F1=0.667 (tp=1 gold=1 pred=2) source_accuracy=1.0  content_token_f1=0.9",
        "commitments  P=0.000 R=0.000 F1=0.000 (tp=0 gold=0 pred=0) ",
        "documents=2 without_prediction=0",
    ]


def test_scoring_matches_spec_rules() -> None:
    body = "Scholz said the war must end soon, the chancellor added."
    gold = [
        {
            "cue": {"span": [7, 11], "text": "said"},
            "content": {"span": [12, 33], "text": "the war must end soon"},
            "source": {"span": [0, 6], "text": "Scholz", "actor": "person:olaf scholz"},
        }
    ]
    near = [
        {
            "cue": {"span": [7, 11], "text": "said"},
            "content": {"span": [12, 29], "text": "the war must end"},
            "source": {"span": [35, 49], "text": "the chancellor", "actor": "person:olaf scholz"},
        }
    ]
    other_cue = [
        {
            "cue": {"span": [50, 55], "text": "added"},
            "content": {"span": [12, 33], "text": "the war must end soon"},
        }
    ]
    r = scoring.score({"d": {"body": body, "statements": gold}}, {"d": {"statements": near}})
    assert r["statements"]["tp"] == 1 and r["statements"]["source_accuracy"] == 1.0
    r = scoring.score({"d": {"body": body, "statements": gold}}, {"d": {"statements": other_cue}})
    assert r["statements"]["tp"] == 0


def test_money_scoring_follows_spec() -> None:
    """Amount accuracy on matched rows; money totals count a joint sum once for its group
    and leave out parts of a package and refusals (extraction.md, "Matching")."""
    body = "Spain, Italy and the EU pledged 3 billion euros. Norway gave $10 million of it."
    ev = {"span": [0, 48], "text": body[0:48]}
    ev2 = {"span": [49, 80], "text": body[49:80]}

    def row(who: str, amount: dict | None, part_of: int | None = None, evidence=ev) -> dict:
        return {
            "evidence": evidence,
            "committer": who,
            "category": "financial",
            "amount": amount,
            "part_of": part_of,
            "polarity": "positive",
        }

    joint = {"value": 3e9, "currency": "eur", "basis": "joint", "text": "3 billion euros"}
    gold = [
        row("esp", joint),
        row("ita", joint),
        row("eu", joint),
        row("nor", {"value": 1e7, "currency": "usd", "basis": "own"}, part_of=0, evidence=ev2),
    ]
    totals = scoring.money_totals(body, gold)
    assert totals == {("joint:esp+eu+ita", "eur"): 3e9}
    # a prediction crediting each committer in full: amounts wrong (basis), totals all wrong
    own = dict(joint, basis="own")
    pred = [row("esp", own), row("ita", own), row("eu", own)]
    r = scoring.score({"d": {"body": body, "commitments": gold}}, {"d": {"commitments": pred}})
    assert r["commitments"]["tp"] == 3 and r["commitments"]["amount_accuracy"] == 0.0
    assert r["money_totals"]["tp"] == 0 and r["money_totals"]["predicted"] == 3
    r = scoring.score({"d": {"body": body, "commitments": gold}}, {"d": {"commitments": gold}})
    assert r["commitments"]["amount_accuracy"] == 1.0 and r["money_totals"]["f1"] == 1.0
    assert scoring.format_lines(r)[2].startswith("money totals P=1.000 R=1.000 F1=1.000")


def test_eval_reports_missing_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["eval", "--gold", str(tmp_path / "nope")]) == 2
    assert cli_main(["eval", "--gold", str(tmp_path)]) == 2


def test_evaluate_does_not_import_shared() -> None:
    """The eval command works without ../shared: it imports only the standard library and pipeline."""
    import ast

    for name in ("evaluate.py", "scoring.py"):
        tree = ast.parse((PROJECT_ROOT / "pipeline" / "extract" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            elif isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                assert top in sys.stdlib_module_names or top in ("pipeline", "__future__"), (
                    name,
                    mod,
                )
