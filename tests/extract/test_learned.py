"""The learned decision layer (pipeline.extract.learned): candidates read off the parse, the
shipped weights and how they are applied, and the switch that turns it off."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from pipeline.devtools.gold_check import CATEGORIES
from pipeline.extract import extract_document, learned
from pipeline.extract.actors import ActorResolver
from pipeline.extract.version import NO_DECISION_SUFFIX, rules_version
from pipeline.nlp import get_nlp, sentence_parse

if TYPE_CHECKING:
    from pathlib import Path


def tiny_model(tmp_path: Path) -> learned.DecisionModel:
    path = tmp_path / "m.json"
    path.write_text(
        json.dumps(
            {
                "version": "t",
                "threshold": 0.5,
                "triggers": {"verbs": ["give"], "nouns": ["pledge"]},
                "keep": {"weights": {"lemma=give": 2.0, "sent_has=ago": -4.0}, "bias": -1.0},
                "category": {
                    "classes": ["financial", "troops"],
                    "weights": [{"obj_money": 3.0}, {"obj=troop": 3.0}],
                    "bias": [0.0, 0.5],
                },
            }
        ),
        encoding="utf-8",
    )
    return learned.DecisionModel.load(path)


def test_weights_are_applied_as_logistic_regressions(tmp_path: Path) -> None:
    m = tiny_model(tmp_path)
    p = m.keep_probability({"lemma=give": 1.0})
    assert p == pytest.approx(1 / (1 + pytest.importorskip("math").exp(-1.0)))
    # 2 - 4 - 1 = -3
    assert m.keep_probability({"lemma=give": 1.0, "sent_has=ago": 1.0}) == pytest.approx(
        1 / (1 + pytest.importorskip("math").exp(3.0))
    )
    assert m.keep_probability({"unknown": 1.0}) < 0.5
    assert m.category({"obj_money": 1.0})[0] == "financial"
    cat, prob = m.category({"obj=troop": 1.0})
    assert cat == "troops" and 0.5 < prob < 1.0
    assert m.category({})[0] == "troops"  # the bias alone


def test_shipped_model_is_consistent() -> None:
    d = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < d["threshold"] < 1.0
    assert set(d["category"]["classes"]) <= CATEGORIES
    assert {"give", "pledge", "provide", "send"} <= set(d["triggers"]["verbs"])
    assert "heldout3" not in d["trained_on"]["sets"] and "blind" not in d["trained_on"]["sets"]
    model = learned.get_model()
    assert model is not None and len(model.categories) == len(model.cat_weights)


def candidates_of(text: str, model: learned.DecisionModel) -> list[learned.Candidate]:
    doc = get_nlp()(text)
    resolver = ActorResolver(doc)
    out: list[learned.Candidate] = []
    for sent in doc.sents:
        parse = sentence_parse(doc, sent)
        assert parse is not None
        out += learned.candidates(
            parse,
            sent.start_char,
            (sent.start_char, sent.end_char),
            resolver,
            model,
            {"will": ("pledge", "positive")},
        )
    return out


def test_candidates_from_the_tree(tmp_path: Path) -> None:
    m = tiny_model(tmp_path)
    text = "Austria gave 40 million euros to the fund."
    (c,) = candidates_of(text, m)
    assert c.committers[0][0] == "aut" and c.lemma == "give" and c.polarity == "positive"
    assert text[c.ev[0] : c.ev[1]].startswith("Austria gave 40 million euros")
    assert c.feats["lemma=give"] == 1.0 and c.feats.get("obj_money") == 1.0
    # money given "from" an actor, with no verb of giving
    (c,) = candidates_of("Among the donors were $20 million from Germany.", m)
    assert c.committers[0][0] == "deu" and c.pos == "MONEY"


def test_switch_off(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Belgium offered 300 million euros in aid to Jordan on Tuesday."
    monkeypatch.setenv(learned.MODEL_ENV, "off")
    assert learned.get_model() is None
    assert NO_DECISION_SUFFIX in rules_version()
    off = extract_document(text, doc_id="x")["commitments"]
    monkeypatch.delenv(learned.MODEL_ENV)
    on = extract_document(text, doc_id="x")["commitments"]
    # whatever the model decides, the rows it adds are Belgium's and carry their evidence
    for row in on:
        if row not in off:
            assert row["committer"] == "bel"
            s, e = row["evidence"]["span"]
            assert text[s:e] == row["evidence"]["text"]


def test_candidates_of_a_sentence_share_its_sentence_features(tmp_path: Path) -> None:
    """The sentence's own features (content words, context words) are read once per parsed
    sentence and given to each of its candidates, as reading them per candidate would."""
    m = tiny_model(tmp_path)
    text = "Austria gave 40 million euros and Norway gave tents two weeks ago."
    doc = get_nlp()(text)
    (sent,) = list(doc.sents)
    parse = sentence_parse(doc, sent)
    assert parse is not None
    cands = learned.candidates(parse, 0, (0, len(text)), ActorResolver(doc), m, {})
    assert cands and cands[0].committers[0][0] == "aut"
    expected = {f"sent_word={t.lemma_.lower()}" for t in parse if t.is_alpha and not t.is_stop}
    expected &= {f"sent_word={t.lemma_.lower()}" for t in parse if t.pos_ in ("NOUN", "ADJ", "VERB")}
    assert {"sent_word=euro", "sent_word=week"} <= expected
    for c in cands:
        assert {k for k in c.feats if k.startswith("sent_word=")} == expected
        assert c.feats.get("sent_has=ago") == 1.0  # a context word of decision_features.json
    assert parse.user_data[learned.SENTENCE_FEATURES_KEY] == learned._sentence_features(parse)
    again = learned.candidates(parse, 0, (0, len(text)), ActorResolver(doc), m, {})
    assert [c.feats for c in again] == [c.feats for c in cands]
