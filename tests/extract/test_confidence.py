"""The rows' calibrated confidence (pipeline/extract/confidence.py)."""

from __future__ import annotations

from pipeline.extract import confidence, extract_document


def test_estimate_shrinks_each_bucket_towards_its_parent() -> None:
    table = {"a": (8.0, 10.0), "a|b": (0.0, 5.0), "a|b|c": (3.0, 3.0)}
    # a: 0.8; a|b: (0 + 5 * 0.8) / (5 + 5) = 0.4; a|b|c: (3 + 5 * 0.4) / (3 + 5) = 0.625
    assert confidence.estimate(["a"], table) == 0.8
    assert confidence.estimate(["a", "a|b"], table) == 0.4
    assert confidence.estimate(["a", "a|b", "a|b|c"], table) == 0.625
    # an unseen finer bucket keeps its parent's estimate; an unseen root gives no estimate
    assert confidence.estimate(["a", "a|x"], table) == 0.8
    assert confidence.estimate(["z", "z|b"], table) is None


def test_keys_follow_the_row() -> None:
    row = {
        "committer": "deu",
        "origin": "rules",
        "amount": {"value": 5.0, "currency": "eur", "basis": "own", "text": "€5"},
        "modality": "pledge",
        "polarity": "negative",
    }
    assert confidence.commitment_keys(row)[-1] == "commitment|rules|country|money|pledge/negative"
    st = {"kind": "direct", "source": {"actor": "person:jane_doe"}, "via": []}
    assert confidence.statement_keys(st)[-1] == "statement|direct|person|no-via"


def test_every_row_of_an_article_carries_a_confidence() -> None:
    body = (
        'Germany pledged $50 million to Ukraine on Monday, the ministry said. "We will not send '
        'troops," Chancellor Jane Doe told reporters. Officials said France may offer more later.'
    )
    out = extract_document(body, doc_id="t")
    rows = out["statements"] + out["commitments"]
    assert out["commitments"] and out["statements"]
    for row in rows:
        assert 0.0 <= row["confidence"] <= 1.0
        assert "_probability" not in row
    assert all(c["origin"] in ("rules", "learned") for c in out["commitments"])


def test_learned_rows_never_exceed_their_probability() -> None:
    rows = [{"committer": "fra", "origin": "learned", "_probability": 0.83, "modality": "pledge"}]
    confidence.annotate([], rows)
    assert 0.0 < rows[0]["confidence"] <= 0.83
    assert "_probability" not in rows[0]


def test_shipped_table_is_calibrated_on_the_corpus() -> None:
    counts = confidence._table()
    hits, n = counts["commitment|rules"]
    assert n > 500 and 0.3 < hits / n < 1.0
    hits, n = counts["statement|indirect"]
    assert n > 500 and 0.5 < hits / n < 1.0
