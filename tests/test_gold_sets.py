"""The project's annotated sets are consistent with their inputs and the spec's shapes
(pipeline/devtools/gold_check.py, scripts/check_gold.py): a broken span or body would make
every figure measured on them wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.devtools.gold_check import check_folder

ROOT = Path(__file__).resolve().parent.parent
SETS = ["devset2", "devset3", "devset4", "heldout2", "heldout3", "corpus", "blind"]
# heldout (v1) keeps a trailing newline


@pytest.mark.parametrize("name", SETS)
def test_an_annotated_set_passes_the_gold_check(name: str) -> None:
    errors: list[str] = []
    summary = check_folder(ROOT / "tests" / "fixtures" / name, errors)
    assert errors == []
    n_docs = len(list((ROOT / "tests" / "fixtures" / name).glob("*.json")))
    assert n_docs >= 8 and f"{n_docs} documents" in summary


def test_the_check_finds_a_span_that_does_not_reproduce_its_text(tmp_path: Path) -> None:
    import json

    src = ROOT / "tests" / "fixtures" / "heldout3"
    gold = sorted(src.glob("*.json"))[0]
    doc = json.loads(gold.read_text(encoding="utf-8"))
    doc["statements"][0]["cue"]["span"][0] += 1
    (tmp_path / "input").mkdir()
    (tmp_path / gold.name).write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "input" / f"{gold.stem}.txt").write_bytes((src / "input" / f"{gold.stem}.txt").read_bytes())
    errors: list[str] = []
    check_folder(tmp_path, errors)
    assert len(errors) == 1 and "statement 0 cue" in errors[0]
