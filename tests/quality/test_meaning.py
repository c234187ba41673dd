"""Checks on meaning and confidence (issue 17): each fails in a real GX validation on a hand-made
broken warehouse and passes on good rows and on the seeds; their failing rows land in
core.review_flags and marts.review_queue. Real DuckDB files, real GX; nothing mocked."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from pipeline.extract.rows import article_rows
from pipeline.models import Article
from pipeline.publish import publish
from pipeline.quality import QualityError, store_results, validate_core, validate_run
from pipeline.quality.config import load_suite_dict
from pipeline.quality.meaning import threshold
from tests.quality.qa_rows import good_rows, insert_all, span

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.config import RunConfig

Rows = dict[str, list[dict[str, Any]]]

MEANING = {
    ("articles", "pledge_signals_have_commitments"),
    ("actors", "person_id_is_a_person"),
    ("statements", "confidence_mostly_high"),
    ("commitments", "shared_amount_is_joint"),
    ("commitments", "parts_within_package"),
    ("commitments", "not_pledged_and_refused"),
    ("commitments", "amount_plausible_for_committer"),
    ("commitments", "confidence_mostly_high"),
}

# one article that pledges money twice and gave no commitment (an unknown money format)
MISSED_BODY = (
    "Japan pledged 2 billion yen in reconstruction aid on Tuesday. "
    "Tokyo also promised a further ¥500 million for demining, officials said."
)


def failures(result: Any) -> set[tuple[str, str]]:
    return {(o.suite, o.name) for o in result.failed()}


def _commitment(rows: Rows, i: int, **values: Any) -> dict[str, Any]:
    row = copy.deepcopy(rows["commitments"][i])
    row.update(values)
    return row


def _actor(actor_id: str, kind: str = "country") -> dict[str, Any]:
    return dict(actor_id=actor_id, actor_kind=kind, name=actor_id, country=None, run_id="r1")


def _article(rows: Rows, article_id: str, body: str) -> None:
    """A second article of the run with this body (no extraction rows of its own)."""
    row = copy.deepcopy(rows["articles"][0])
    row.update(article_id=article_id, raw_id=f"raw-{article_id}", doc_id=article_id, body=body)
    row.update(source=f"seeds/{article_id}.txt")
    rows["articles"].append(row)


def shared_amount_not_joint(rows: Rows) -> None:
    # "Berlin also pledged 500 million euros" read as France's too, with the same sum, own basis
    rows["actors"].append(_actor("fra"))
    rows["commitments"].append(
        _commitment(rows, 1, commitment_id="c3", commitment_index=2, committer_actor_id="fra")
    )


def shared_amount_joint(rows: Rows) -> None:
    rows["actors"].append(_actor("fra"))
    rows["commitments"][1]["amount_basis"] = "joint"
    rows["commitments"].append(
        _commitment(rows, 1, commitment_id="c3", commitment_index=2, committer_actor_id="fra")
    )


def part_exceeds_package(rows: Rows) -> None:
    # a part of the 500 million euros worth 600 million euros
    ev = span("Germany will provide equipment")
    rows["commitments"].append(
        _commitment(
            rows,
            1,
            commitment_id="c3",
            commitment_index=2,
            evidence_start=ev[0],
            evidence_end=ev[1],
            evidence_text=ev[2],
            amount_value=600000000.0,
            amount_usd=660000000.0,
            amount_text="600 million euros",
            part_of_commitment_id="c2",
        )
    )


def part_within_package(rows: Rows) -> None:
    part_exceeds_package(rows)
    rows["commitments"][2].update(amount_value=400000000.0, amount_usd=440000000.0)


def pledged_and_refused(rows: Rows) -> None:
    ev = span("Germany will provide equipment")
    rows["commitments"].append(
        _commitment(
            rows,
            1,
            commitment_id="c3",
            commitment_index=2,
            evidence_start=ev[0],
            evidence_end=ev[1],
            evidence_text=ev[2],
            polarity="negative",
            modality="refusal",
            amount_value=None,
            amount_currency=None,
            amount_basis=None,
            amount_text=None,
            amount_usd=None,
        )
    )


def implausible_amount(rows: Rows) -> None:
    # a multiplier read twice: 500 million million euros
    rows["commitments"][1].update(amount_value=5e14, amount_usd=5.5e14)


def tiny_amount(rows: Rows) -> None:
    # a multiplier lost: 500 euros from a state
    rows["commitments"][1].update(amount_value=500.0, amount_usd=550.0)


def outlet_as_person(rows: Rows) -> None:
    rows["actors"].append(_actor("person:reuters", "person"))
    rows["statements"][0]["source_actor_id"] = "person:reuters"


def place_as_person(rows: Rows) -> None:
    rows["actors"].append(_actor("person:kyiv", "person"))


def confidence_missing(rows: Rows) -> None:
    for row in rows["commitments"]:
        row["confidence"] = None


def statements_unsure(rows: Rows) -> None:
    rows["statements"][0]["confidence"] = 0.2


def missed_pledges(rows: Rows) -> None:
    _article(rows, "art2", MISSED_BODY)
    sentence = MISSED_BODY[: MISSED_BODY.index("Tuesday.") + len("Tuesday.")]
    rows["sentences"].append(
        dict(
            sentence_id="sen-missed",
            article_id="art2",
            sentence_index=0,
            sentence_start=0,
            sentence_end=len(sentence),
            sentence_text=sentence,
            run_id="r1",
        )
    )


def no_pledge_language(rows: Rows) -> None:
    body = "Japan discussed reconstruction on Tuesday. Officials said talks would continue."
    _article(rows, "art2", body)
    first = body[: body.index("Tuesday.") + len("Tuesday.")]
    rows["sentences"].append(
        dict(
            sentence_id="sen-quiet",
            article_id="art2",
            sentence_index=0,
            sentence_start=0,
            sentence_end=len(first),
            sentence_text=first,
            run_id="r1",
        )
    )


def each_amount(rows: Rows) -> None:
    body = "Norway and Japan pledged 150 million dollars each to Kyiv on Monday."
    _article(rows, "art2", body)
    ev = span("Norway and Japan pledged 150 million dollars each to Kyiv", body)
    rows["actors"] += [_actor("nor"), _actor("jpn")]
    for i, committer in enumerate(("nor", "jpn")):
        rows["commitments"].append(
            _commitment(
                rows,
                1,
                commitment_id=f"ce{i}",
                article_id="art2",
                commitment_index=i,
                committer_actor_id=committer,
                evidence_start=ev[0],
                evidence_end=ev[1],
                evidence_text=ev[2],
                amount_value=150000000.0,
                amount_currency="usd",
                amount_text="150 million dollars each",
                amount_usd=150000000.0,
            )
        )


# (case, how the good rows are broken, the expectations that must fail: nothing else may)
BROKEN: list[tuple[str, Callable[[Rows], None], set[tuple[str, str]]]] = [
    ("missed_pledges", missed_pledges, {("articles", "pledge_signals_have_commitments")}),
    ("shared_amount_not_joint", shared_amount_not_joint, {("commitments", "shared_amount_is_joint")}),
    ("part_exceeds_package", part_exceeds_package, {("commitments", "parts_within_package")}),
    ("pledged_and_refused", pledged_and_refused, {("commitments", "not_pledged_and_refused")}),
    ("implausible_amount", implausible_amount, {("commitments", "amount_plausible_for_committer")}),
    ("tiny_amount", tiny_amount, {("commitments", "amount_plausible_for_committer")}),
    ("outlet_as_person", outlet_as_person, {("actors", "person_id_is_a_person")}),
    ("place_as_person", place_as_person, {("actors", "person_id_is_a_person")}),
    ("confidence_missing", confidence_missing, {("commitments", "confidence_mostly_high")}),
    ("statements_unsure", statements_unsure, {("statements", "confidence_mostly_high")}),
]

# the same situations done right: nothing fails
FINE: list[tuple[str, Callable[[Rows], None]]] = [
    ("shared_amount_joint", shared_amount_joint),
    ("each_amount", each_amount),
    ("part_within_package", part_within_package),
    ("no_pledge_language", no_pledge_language),
]


@pytest.mark.parametrize(("case", "breakage", "expected"), BROKEN, ids=[c[0] for c in BROKEN])
def test_each_meaning_check_fails_on_its_broken_rows(warehouse, config, case, breakage, expected):
    rows = good_rows("r1")
    breakage(rows)
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    assert failures(result) == expected, case
    outcome = next(o for o in result.outcomes if (o.suite, o.name) in expected)
    assert outcome.sample_rows, "the report shows the failing rows"
    # (the same rows in core fail the same way in the core scope: test_meaning_core.py)


@pytest.mark.parametrize(("case", "setup"), FINE, ids=[c[0] for c in FINE])
def test_meaning_checks_pass_when_the_rows_are_right(warehouse, config, case, setup):
    rows = good_rows("r1")
    setup(rows)
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    assert failures(result) == set(), case
    names = {(o.suite, o.name) for o in result.outcomes}
    assert names >= MEANING


def test_missed_pledge_sample_shows_the_sentence_and_review_row(warehouse, config):
    """The failure's sample and review row, then the published review queue that lists the
    article (one validation: this was two tests validating the same rows)."""
    rows = good_rows("r1")
    missed_pledges(rows)
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    outcome = next(o for o in result.failed() if o.name == "pledge_signals_have_commitments")
    sample = outcome.sample_rows[0]
    assert sample["article_id"] == "art2"
    assert sample["signal_sentences"] == 1
    assert sample["commitments"] == 0
    assert sample["first_signal_text"].startswith("Japan pledged 2 billion yen")
    flags = [r for r in result.review_rows if r["expectation"] == "pledge_signals_have_commitments"]
    assert flags == [
        {
            "suite": "articles",
            "expectation": "pledge_signals_have_commitments",
            "reason": "pledge signal without a commitment",
            "priority": 3,
            "row_kind": "article",
            "row_key": "art2",
            "article_id": "art2",
            "span_start": 0,
            "span_end": len("Japan pledged 2 billion yen in reconstruction aid on Tuesday."),
        }
    ]
    # the review queue lists the article that lost its pledges
    store_results(warehouse, "r1", result)
    publish(warehouse, "r1")
    queue = warehouse.execute(
        "select kind, row_key, evidence_text, reasons from marts.review_queue where kind = 'missed_pledge'"
    ).fetchall()
    assert queue == [
        (
            "missed_pledge",
            "art2",
            "Japan pledged 2 billion yen in reconstruction aid on Tuesday.",
            ["pledge signal without a commitment"],
        )
    ]


def test_verdicts_come_from_blocking_json(warehouse, config):
    """Wrong totals set the article aside (quarantine); the other meaning checks warn."""
    rows = good_rows("r1")
    implausible_amount(rows)
    shared_amount_not_joint(rows)
    outlet_as_person(rows)
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    levels = {o.name: o.level for o in result.failed()}
    assert levels == {
        "shared_amount_is_joint": "quarantine",
        "amount_plausible_for_committer": "warn",
        "person_id_is_a_person": "warn",
    }
    assert result.success
    assert result.quarantined_articles() == {"art1"}
    # an analyst makes it block by editing blocking.json: `block` wins over quarantine
    cfg = json.loads(config.quality_config.read_text())
    cfg["block"].append({"suite": "commitments", "name": "shared_amount_is_joint"})
    custom = config.report_dir.parent / "expectations"
    custom.mkdir()
    for f in config.quality_config.parent.glob("*.json"):
        (custom / f.name).write_text(f.read_text())
    (custom / "blocking.json").write_text(json.dumps(cfg))
    config.quality_config = custom / "blocking.json"
    blocked = validate_run(warehouse, "r1", config=config)
    assert not blocked.success
    assert [o.name for o in blocked.failed_blocking()] == ["shared_amount_is_joint"]


def test_confidence_share_uses_the_threshold_file(warehouse, config):
    """One low row of three passes (`mostly`), and is still listed for review."""
    rows = good_rows("r1")
    rows["commitments"].append(
        _commitment(rows, 0, commitment_id="c3", commitment_index=2, object="more equipment", confidence=0.1)
    )
    rows["commitments"][1]["confidence"] = 0.9
    rows["commitments"].append(
        _commitment(rows, 0, commitment_id="c4", commitment_index=3, object="trucks", confidence=0.7)
    )
    rows["commitments"].append(
        _commitment(rows, 0, commitment_id="c5", commitment_index=4, object="tanks", confidence=0.7)
    )
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    outcome = next(
        o for o in result.outcomes if o.suite == "commitments" and o.name == "confidence_mostly_high"
    )
    assert outcome.success
    assert outcome.kwargs["min_value"] == threshold("confidence.min")
    assert outcome.kwargs["mostly"] == threshold("confidence.min_share_confident")
    assert outcome.unexpected_count == 1
    low = [r["row_key"] for r in result.review_rows if r["expectation"] == "confidence_mostly_high"]
    assert low == ["c3"]


def test_threshold_reference_must_exist(tmp_path, config):
    suite = {
        "name": "commitments",
        "expectations": [
            {
                "type": "expect_column_values_to_be_between",
                "kwargs": {"column": "confidence_score", "min_value": {"$threshold": "confidence.nope"}},
                "meta": {"name": "x"},
            }
        ],
    }
    (tmp_path / "commitments.json").write_text(json.dumps(suite))
    with pytest.raises(QualityError, match=r"confidence\.nope"):
        load_suite_dict(tmp_path, "commitments")


def test_review_queue_lists_what_to_check_first(warehouse, config):
    """Flags are stored with the run's results; the published mart ranks rows by their reasons."""
    rows = good_rows("r1")
    outlet_as_person(rows)  # warn: the statement's source is an outlet read as a person
    rows["commitments"][0]["confidence"] = 0.2  # low, but 1 of 2 ... the share check fails (warn)
    rows["commitments"][1].update(
        amount_currency=None, amount_usd=None, conversion_flag="currency_unknown", confidence=0.9
    )
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    assert result.success
    store_results(warehouse, "r1", result)
    stored = warehouse.execute(
        "select row_kind, row_key, reason from core.review_flags where run_id = 'r1' order by all"
    ).fetchall()
    assert stored == [
        ("actor", "person:reuters", "actor id looks wrong (an outlet or a place as a person)"),
        ("commitment", "c1", "low confidence"),
    ]
    # validating again replaces the run's flags
    store_results(warehouse, "r1", validate_run(warehouse, "r1", config=config))
    assert warehouse.execute("select count(*) from core.review_flags").fetchone() == (2,)

    publish(warehouse, "r1")
    queue = warehouse.execute(
        "select review_rank, kind, row_key, article_id, span_start, span_end, evidence_text, sentence_text,"
        " confidence, reasons, priority from marts.review_queue order by review_rank"
    ).fetchall()
    assert [(q[1], q[2], q[9]) for q in queue] == [
        ("commitment", "c2", ["amount not converted: currency_unknown"]),
        ("statement", "st1", ["actor id looks wrong (an outlet or a place as a person)"]),
        ("commitment", "c1", ["low confidence"]),
    ]
    assert [q[0] for q in queue] == [1, 2, 3]
    assert [q[10] for q in queue] == [3.1, 2.1, 1.8]
    body = rows["articles"][0]["body"]
    for q in queue:  # every row leads back to its sentence
        assert q[6] == body[q[4] : q[5]]
        assert q[6] in q[7] or q[7] in body


def test_one_gx_context_per_process(warehouse, config):
    insert_all(warehouse, "staging", good_rows("r1"))
    first = validate_run(warehouse, "r1", config=config)
    second = validate_run(warehouse, "r1", config=config)
    assert second.gx_context is first.gx_context
    # the context holds this validation's results only (its Data Docs show this run)
    keys = second.gx_context.validation_results_store.list_keys()
    assert len(keys) == len(second.gx_results)


def test_only_the_runs_rows_are_validated(warehouse, config):
    insert_all(warehouse, "core", good_rows("r0", article_id="old", suffix="o"))
    insert_all(warehouse, "staging", good_rows("r1"))
    result = validate_run(warehouse, "r1", config=config)
    assert result.rows_checked["articles"] == 1
    assert result.rows_checked["commitments"] == 2
    assert result.rows_checked["statements"] == 1


def test_confidence_is_carried_from_the_extraction(tmp_path):
    body = "Berlin pledged 500 million euros to Kyiv."
    article = Article(article_id="a1", raw_id="r", doc_id="d", source="s", url=None, title="t", body=body)
    ev = {"span": [0, len(body) - 1], "text": body[:-1]}
    extraction = {
        "statements": [
            {
                "source": None,
                "cue": {"span": [7, 14], "text": "pledged"},
                "content": {"span": [15, 40], "text": body[15:40]},
                "kind": "indirect",
                "confidence": 0.81,
            }
        ],
        "commitments": [
            {"committer": "deu", "category": "financial", "evidence": ev, "confidence": 0.64},
            {"committer": "ukr", "category": "financial", "evidence": ev, "confidence": 1.7},
            {"committer": "fra", "category": "financial", "evidence": ev},
        ],
    }
    rows = article_rows(article, [], extraction, run_id="r1", rules_version="t")
    assert [r["confidence"] for r in rows["statements"]] == [0.81]
    assert [r["confidence"] for r in rows["commitments"]] == [0.64, None, None]
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    from pipeline.warehouse import init_schema
    from pipeline.warehouse.load import stage_rows

    init_schema(con)
    stage_rows(con, rows)
    assert con.execute("select confidence from staging.commitments order by confidence").fetchall() == [
        (0.64,),
        (None,),
        (None,),
    ]


@pytest.mark.slow
def test_meaning_checks_pass_on_the_seeds(seeded: tuple[RunConfig, Any]):
    cfg, run = seeded
    con = duckdb.connect(str(cfg.warehouse), read_only=True)
    try:
        stored = con.execute(
            "select suite, expectation, success from core.quality_results where run_id = ?", [run.run_id]
        ).fetchall()
        meaning = [s for s in stored if any(s[1].startswith(f"{suite}.{name}:") for suite, name in MEANING)]
        assert len(meaning) == len(MEANING)
        assert all(s[2] for s in meaning), meaning
        result = validate_core(con, config=cfg)
        assert not {(o.suite, o.name) for o in result.failed()} & MEANING
        assert con.execute("select count(*) from marts.review_queue").fetchone() is not None
    finally:
        con.close()
