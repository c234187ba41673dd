"""The learned category of commitment rows (pipeline/extract/category_model.py) and its
training script (scripts/train_category.py)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.devtools.gold_check import CATEGORIES
from pipeline.extract import category_model as cm
from pipeline.extract import extract_document
from pipeline.extract.version import NO_CATEGORY_SUFFIX, rules_version

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType


def row(body: str, evidence: str, committer: str, category: str, **extra: Any) -> dict[str, Any]:
    s = body.index(evidence)
    out: dict[str, Any] = {
        "evidence": {"span": [s, s + len(evidence)], "text": evidence},
        "committer": committer,
        "recipient": None,
        "category": category,
        "action": "pledge",
        "object": evidence,
        "modality": "pledge",
        "polarity": "positive",
        "quantities": [],
        "amount": None,
        "part_of": None,
        "origin": "rules",
    }
    out.update(extra)
    return out


def toy_model(margin: float = 0.0, changes: frozenset[tuple[str, str]] | None = None) -> cm.CategoryModel:
    """Two categories: the word "quake" in the evidence pushes towards humanitarian by 4,
    the rules' category counts 1."""
    return cm.CategoryModel(
        classes=["financial", "humanitarian"],
        weights=[{"rule=financial": 1.0}, {"rule=humanitarian": 1.0, "e=quake": 4.0}],
        bias=[0.0, 0.0],
        margin=margin,
        changes=changes,
        version="test",
    )


def test_log_probabilities_are_a_softmax() -> None:
    m = toy_model()
    lp = m.log_probabilities({"rule=financial": 1.0, "e=quake": 1.0})
    assert math.exp(lp["humanitarian"]) == pytest.approx(math.exp(4) / (math.exp(4) + math.exp(1)))
    assert sum(math.exp(v) for v in lp.values()) == pytest.approx(1.0)


def test_features_read_the_row_and_its_document() -> None:
    body = (
        "Earthquake relief conference in Ankara.\n"
        "Japan pledged $50 million to rebuild schools destroyed by the quake. "
        "Norway will send 20 doctors."
    )
    a = row(body, "Japan pledged $50 million to rebuild schools destroyed by the quake", "jpn", "financial")
    a["amount"] = {"value": 50000000, "currency": "usd", "basis": "own", "text": "$50 million"}
    a["quantities"] = [{"value": 50000000, "unit": "usd", "per": None, "text": "$50 million"}]
    b = row(body, "Norway will send 20 doctors", "nor", "humanitarian", recipient="tur")
    b["quantities"] = [{"value": 20, "unit": "doctors", "per": None, "text": "20 doctors"}]
    rows = [a, b]
    f = cm.features(body, a, rows, cm.DocContext.of(body, rows, "Donors rebuild after the earthquake"))
    assert f["rule=financial"] == 1.0 and f["action=pledge"] == 1.0 and f["money"] == 1.0
    assert f["q=money"] == 1.0 and f["committer=country"] == 1.0 and f["recipient=none"] == 1.0
    assert f["e=school"] == 1.0 and f["o=rebuild"] == 1.0  # plural folded
    assert f["doc=financial"] == 0.5 and f["doc=humanitarian"] == 0.5
    g = cm.features(body, b, rows, cm.DocContext.of(body, rows))
    assert g["q=doctor"] == 1.0 and g["recipient=country"] == 1.0 and g["no_money"] == 1.0


def test_keyword_hits_follow_the_lexicon() -> None:
    hits = cm.keyword_hits("funds for UNICEF and Patriot missiles")
    assert ("humanitarian", "strong") in hits
    assert any(cat == "military_equipment" for cat, _s in hits)


def test_margin_and_allowed_changes_decide() -> None:
    body = "Japan pledged $50 million after the quake."
    r = row(body, "Japan pledged $50 million after the quake", "jpn", "financial")
    # log-odds humanitarian over financial: 4 - 1 = 3
    assert cm.decide(body, [r], toy_model(margin=2.9)) == ["humanitarian"]
    assert cm.decide(body, [r], toy_model(margin=3.1)) == ["financial"]
    assert cm.decide(body, [r], toy_model(changes=frozenset({("humanitarian", "financial")}))) == [
        "financial"
    ]
    assert cm.decide(body, [r], toy_model(changes=frozenset({("financial", "humanitarian")}))) == [
        "humanitarian"
    ]


def test_rows_of_one_evidence_or_total_are_decided_together() -> None:
    body = "Germany and Spain pledged 10 million euros each for the quake. Donors gave $1bn."
    ev = "Germany and Spain pledged 10 million euros each for the quake"
    a, b = row(body, ev, "deu", "financial"), row(body, ev, "esp", "financial")
    total = row(body, "Donors gave $1bn", "donors", "financial")
    a["part_of"] = 2
    # alone, the total would stay financial (no quake word in its clause); with its part, the
    # sum of the group's log-probabilities decides: 3 + 3 + (1 - 0) * -1 ... > 0
    assert cm.decide(body, [a, b, total], toy_model(margin=0.5)) == ["humanitarian"] * 3
    assert cm.decide(body, [total], toy_model(margin=0.5)) == ["financial"]


def test_two_items_of_one_clause_keep_two_categories() -> None:
    body = "Japan pledged money and relief after the quake."
    ev = "Japan pledged money and relief after the quake"
    a, b = row(body, ev, "jpn", "financial"), row(body, ev, "jpn", "humanitarian")
    assert cm.decide(body, [a, b], toy_model()) == ["financial", "humanitarian"]


def test_shipped_model_is_consistent() -> None:
    m = cm.get_model()
    assert m is not None, "pipeline/resources/commitments/category_model.json is missing"
    assert set(m.classes) <= CATEGORIES and {"financial", "humanitarian", "military_equipment"} <= set(
        m.classes
    )
    assert len(m.weights) == len(m.classes) == len(m.bias) and m.margin >= 0
    d = json.loads(cm.MODEL_PATH.read_text("utf-8"))
    assert d["rows"] > 1000
    for a, b in m.changes or ():
        assert a in CATEGORIES and b in CATEGORIES and a != b


def test_shipped_model_reads_purpose() -> None:
    """A made-up report: money to rebuild what an earthquake destroyed is humanitarian, a loan
    for a government's budget financial."""
    body = (
        "Donors met in Geneva after the earthquake.\n"
        "Japan pledged $50 million to rebuild schools destroyed by the earthquake and to shelter "
        "displaced families. Germany will lend 300 million euros to support the government's "
        "budget and its debt repayments."
    )
    rows = extract_document(body, doc_id="x")["commitments"]
    assert [(r["committer"], r["category"]) for r in rows] == [("jpn", "humanitarian"), ("deu", "financial")]
    m = cm.get_model()
    assert m is not None
    # had the rules called the budget loan humanitarian, the model would make it financial
    wrong = [dict(rows[0]), dict(rows[1], category="humanitarian")]
    assert cm.decide(body, wrong, m) == ["humanitarian", "financial"]
    # and the words of the clause count: under the same rules category, the reconstruction
    # after the earthquake is far likelier humanitarian than the budget loan
    both = [dict(rows[0], category="financial"), dict(rows[1], category="financial")]
    lp = cm.row_log_probabilities(body, both, m)
    assert lp[0]["humanitarian"] - lp[0]["financial"] > lp[1]["humanitarian"] - lp[1]["financial"] + 3


def test_switch_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    body = "Japan pledged $50 million after the quake."
    rows = [row(body, "Japan pledged $50 million after the quake", "jpn", "financial")]
    monkeypatch.setenv(cm.MODEL_ENV, "off")
    assert cm.get_model() is None and not cm.model_enabled()
    assert rules_version().endswith(NO_CATEGORY_SUFFIX)  # the rows say the category is the rules'
    assert cm.recategorise(body, rows) == 0 and rows[0]["category"] == "financial"
    # another file of weights by path
    path = tmp_path / "toy.json"
    toy = {
        "classes": ["financial", "humanitarian"],
        "weights": [{"rule=financial": 1.0}, {"e=quake": 4.0}],
        "bias": [0.0, 0.0],
        "margin": 0.5,
        "changes": None,
    }
    path.write_text(json.dumps(toy), encoding="utf-8")
    monkeypatch.setenv(cm.MODEL_ENV, str(path))
    assert cm.recategorise(body, rows) == 1 and rows[0]["category"] == "humanitarian"


def test_extract_document_applies_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Japan pledged $50 million to rebuild schools destroyed by the earthquake in Nepal."
    monkeypatch.setenv(cm.MODEL_ENV, "off")
    off = extract_document(text, doc_id="x")["commitments"]
    monkeypatch.delenv(cm.MODEL_ENV)
    on = extract_document(text, doc_id="x")["commitments"]
    assert [r["committer"] for r in on] == [r["committer"] for r in off] == ["jpn"]
    assert on[0]["category"] == "humanitarian"
    # only the category may change
    assert {k: v for k, v in on[0].items() if k != "category"} == {
        k: v for k, v in off[0].items() if k != "category"
    }


# ------------------------------------------------------------------ the training script


def _script() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "train_category.py"
    spec = importlib.util.spec_from_file_location("train_category", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["train_category"] = mod
    spec.loader.exec_module(mod)
    return mod


def _doc(
    doc_id: str, body: str, items: list[tuple[str, str, str, str]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A gold and a predicted document: items are (evidence, committer, gold category, rules
    category)."""
    golds = [row(body, ev, who, g) for ev, who, g, _r in items]
    preds = [row(body, ev, who, r) for ev, who, _g, r in items]
    gold: dict[str, Any] = {"doc_id": doc_id, "title": "", "body": body, "commitments": golds}
    pred: dict[str, Any] = {"doc_id": doc_id, "title": "", "body": body, "commitments": preds}
    return gold, pred


def test_training_on_small_data() -> None:
    pytest.importorskip("sklearn")
    tc = _script()
    golds, preds = {}, {}
    places = ["Nepal", "Haiti", "Turkey", "Syria", "Peru", "Chile", "Iran", "Fiji"]
    donors = [("Japan", "jpn"), ("Norway", "nor"), ("Canada", "can"), ("Italy", "ita")]
    for i, place in enumerate(places):
        name, who = donors[i % len(donors)]
        body = (
            f"{name} pledged $5 million in relief for survivors of the quake in {place}. "
            f"{name} will lend $90 million to {place}'s treasury for its budget."
        )
        # the rules get the quake wrong half the time
        rule = "financial" if i % 2 else "humanitarian"
        g, p = _doc(
            f"d{i}",
            body,
            [
                (
                    f"{name} pledged $5 million in relief for survivors of the quake in {place}",
                    who,
                    "humanitarian",
                    rule,
                ),
                (
                    f"{name} will lend $90 million to {place}'s treasury for its budget",
                    who,
                    "financial",
                    "financial",
                ),
            ],
        )
        golds[g["doc_id"]], preds[p["doc_id"]] = g, p
    data = tc.examples(golds, preds)
    assert len(data) == 16
    assert sorted({(e.rule, e.label) for e in data}) == [
        ("financial", "financial"),
        ("financial", "humanitarian"),
        ("humanitarian", "humanitarian"),
    ]
    assert tc.allowed_changes(data, 2) == frozenset({("financial", "humanitarian")})
    model = tc.fit(data, 1.0)
    assert model.classes == ["financial", "humanitarian"]
    # the wrong rules category of a new quake row is overridden, the budget loan kept
    body = "Spain pledged $2 million in relief for survivors of the quake in Bhutan."
    new = row(body, body.rstrip("."), "esp", "financial")
    lp = cm.row_log_probabilities(body, [new], model)
    assert lp[0]["humanitarian"] > lp[0]["financial"]
    # scoring before / after on the same documents: the re-categorised rows all match
    (c, min_count, margin), runs = tc.cross_validate(golds, preds, data, 2)
    after = tc.score(golds, runs[(c, min_count, margin)])["commitments"]
    before = tc.score(golds, preds)["commitments"]
    assert before["tp"] == 12 and after["tp"] == 16
