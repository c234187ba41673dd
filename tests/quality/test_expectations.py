"""Each expectation family fails in a real GX validation on rows broken that way, and passes on
good rows. Rows are written to a real DuckDB warehouse; nothing of GX or DuckDB is mocked."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.quality import validate_core, validate_run
from tests.quality.qa_rows import BODY, add_run, good_rows, insert, insert_all

if TYPE_CHECKING:
    from collections.abc import Callable

Rows = dict[str, list[dict[str, Any]]]


def failures(result) -> set[tuple[str, str]]:
    return {(o.suite, o.name) for o in result.failed()}


def test_good_rows_pass_every_expectation(warehouse, config):
    insert_all(warehouse, "staging", good_rows("r1"))
    result = validate_run(warehouse, "r1", config=config)
    assert result.success
    assert failures(result) == set()
    assert len(result.outcomes) >= 45
    assert result.rows_checked["commitments"] == 2
    assert result.rows_checked["commitment_quantities"] == 2
    # every suite was run by GX and every outcome comes from its results
    assert set(result.gx_results) == {
        "articles",
        "sentences",
        "actors",
        "statements",
        "commitments",
        "commitment_conditions",
        "commitment_quantities",
        "volume",
    }
    assert all(r.success for r in result.gx_results.values())
    assert sum(len(r.results) for r in result.gx_results.values()) == len(result.outcomes)


def _set(table: str, i: int, **values: Any) -> Callable[[Rows], None]:
    def mutate(rows: Rows) -> None:
        rows[table][i].update(values)

    return mutate


def _dup(table: str, i: int, **values: Any) -> Callable[[Rows], None]:
    def mutate(rows: Rows) -> None:
        row = copy.deepcopy(rows[table][i])
        row.update(values)
        rows[table].append(row)

    return mutate


def _add_actor(**values: Any) -> Callable[[Rows], None]:
    def mutate(rows: Rows) -> None:
        actor = dict(
            actor_id=rows["articles"][0]["article_id"] + "-actor",
            actor_kind="country",
            name="x",
            country=None,
            run_id="r1",
        )
        actor.update(values)
        rows["actors"].append(actor)

    return mutate


# (case, how its article's rows are broken, the expectations that must fail on those rows)
CASES = [
    # keys: not null, unique
    (
        "null_key",
        _set("commitment_quantities", 1, quantity_id=None),
        {("commitment_quantities", "quantity_id_not_null")},
    ),
    ("duplicate_key", _dup("commitments", 1, commitment_index=2), {("commitments", "commitment_id_unique")}),
    ("duplicate_article", _dup("articles", 0), {("articles", "article_id_unique")}),
    # foreign keys
    (
        "sentence_to_missing_article",
        _set("sentences", 0, article_id="nope"),
        {("sentences", "article_fk"), ("sentences", "span_matches_body")},
    ),
    (
        "commitment_to_missing_article",
        _set("commitments", 1, article_id="nope"),
        {("commitments", "article_fk"), ("commitments", "evidence_span_matches_body")},
    ),
    (
        "committer_not_an_actor",
        _set("commitments", 0, committer_actor_id="fra"),
        {("commitments", "committer_fk")},
    ),
    (
        "commitment_to_missing_statement",
        _set("commitments", 0, statement_id="st9"),
        {("commitments", "statement_fk")},
    ),
    (
        "condition_to_missing_commitment",
        _set("commitment_conditions", 0, commitment_id="c9"),
        {("commitment_conditions", "commitment_fk")},
    ),
    (
        "quantity_to_missing_commitment",
        _set("commitment_quantities", 0, commitment_id="c9"),
        {("commitment_quantities", "commitment_fk")},
    ),
    # enumerations of the extraction contract
    (
        "category_outside_contract",
        _set("commitments", 0, category="weapons"),
        {("commitments", "category_in_contract")},
    ),
    (
        "modality_outside_contract",
        _set("commitments", 1, modality="maybe"),
        {("commitments", "modality_in_contract")},
    ),
    (
        "polarity_outside_contract",
        _set("commitments", 1, polarity="neutral"),
        {("commitments", "polarity_in_contract")},
    ),
    ("kind_outside_contract", _set("statements", 0, kind="quote"), {("statements", "kind_in_contract")}),
    ("actor_kind_outside_schema", _add_actor(actor_kind="nation"), {("actors", "actor_kind_in_contract")}),
    # spans: inside the body, text equal to the body slice
    (
        "condition_span_past_body",
        _set("commitment_conditions", 0, condition_end=len(BODY) + 5),
        {("commitment_conditions", "span_matches_body")},
    ),
    (
        "evidence_text_not_body_slice",
        _set("commitments", 0, evidence_text="Germany will provide tanks for four brigades"),
        {("commitments", "evidence_span_matches_body")},
    ),
    (
        "content_span_shifted",
        _set("statements", 0, content_start=1),
        {("statements", "content_span_matches_body")},
    ),
    ("cue_span_negative", _set("statements", 0, cue_start=-4), {("statements", "cue_span_matches_body")}),
    (
        "source_text_not_body_slice",
        _set("statements", 0, source_text="Olaf Scholz"),
        {("statements", "source_span_matches_body")},
    ),
    ("sentence_off_by_one", _set("sentences", 0, sentence_end=10), {("sentences", "span_matches_body")}),
    (
        "quantity_span_set_but_wrong",
        _set("commitment_quantities", 1, quantity_start=0, quantity_end=7),
        {("commitment_quantities", "span_matches_body")},
    ),
    # ranges
    (
        "negative_quantity",
        _set("commitment_quantities", 0, value=-5.0),
        {("commitment_quantities", "value_non_negative")},
    ),
    (
        "published_far_future",
        _set("articles", 0, published_at="2100-01-01 00:00:00"),
        {("articles", "published_not_in_future")},
    ),
    (
        "published_before_1900",
        _set("articles", 0, published_at="1850-06-01 00:00:00"),
        {("articles", "published_after_1900")},
    ),
    # articles
    ("empty_body", _set("articles", 0, body="  \n\t "), {("articles", "body_not_empty")}),
    ("unknown_language", _set("articles", 0, language="xx"), {("articles", "language_known")}),
]


def _tag(case: str) -> str:
    return f"~{case}~"


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    """One warehouse: the good article plus one article per case, each broken its own way (its
    keys carry the case's tag), validated once by GX (a validation costs ~1 s)."""
    from pipeline.config import RunConfig
    from pipeline.warehouse import connect, init_schema

    path = tmp_path_factory.mktemp("broken") / "w.duckdb"
    con = connect(path)
    init_schema(con)
    insert_all(con, "staging", good_rows("r1"))
    for case, mutate, _ in CASES:
        rows = good_rows("r1", article_id=f"art{_tag(case)}", suffix=_tag(case))
        if case == "empty_body":  # an empty body has no extraction: the article alone
            rows = {"articles": rows["articles"]}
        mutate(rows)
        insert_all(con, "staging", rows)
    config = RunConfig(warehouse=path)
    result = validate_run(con, "r1", config=config)
    con.close()
    return result


def _rows_of(case: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if any(isinstance(v, str) and _tag(case) in v for v in r.values())]


@pytest.mark.parametrize(("case", "expected"), [(c[0], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_broken_rows_fail_their_expectation(broken_run, case, expected):
    failing_here = {(o.suite, o.name) for o in broken_run.failed() if _rows_of(case, o.sample_rows)}
    assert failing_here == expected
    for o in broken_run.outcomes:
        if (o.suite, o.name) in expected:
            # row-level checks (dates, language, spans) quarantine the failing rows' articles
            # (issue 20); checks on the whole run (keys, foreign keys) block
            assert not o.success and o.is_blocking != o.is_quarantine
            assert o.is_quarantine == ((o.suite, o.name) in _quarantine_rules(o))
            # the verdict is GX's own, in the result kept for Data Docs
            gx = broken_run.gx_results[o.suite]
            (er,) = [er for er in gx.results if er.expectation_config.meta["name"] == o.name]
            assert er.success is False
            assert er.result["unexpected_count"] == o.unexpected_count >= 1


def _quarantine_rules(o) -> set[tuple[str, str]]:
    """(suite, name) of the expectations blocking.json quarantines instead of blocking."""
    from pipeline.config import EXPECTATIONS_DIR
    from pipeline.quality.config import BlockingConfig

    cfg = BlockingConfig.load(EXPECTATIONS_DIR / "blocking.json")
    return {(o.suite, o.name)} if cfg.is_quarantine(o.suite, o.name, o.expectation_type, o.column) else set()


def test_broken_run_blocks_and_good_article_is_clean(broken_run):
    assert not broken_run.success
    expected = set().union(*(c[2] for c in CASES))
    assert {(o.suite, o.name) for o in broken_run.failed()} == expected
    quarantined = {(o.suite, o.name) for o in broken_run.failed() if o.is_quarantine}
    assert {(o.suite, o.name) for o in broken_run.failed_blocking()} == expected - quarantined
    assert ("articles", "language_known") in quarantined
    assert ("sentences", "article_fk") not in quarantined  # a foreign key still blocks
    # the good article is never set aside
    assert "art1" not in broken_run.quarantined_articles()
    for o in broken_run.failed():
        assert 1 <= len(o.sample_rows) <= 5
        assert not [r for r in o.sample_rows if r.get("article_id") == "art1"], o.expectation
    assert broken_run.rows_checked["articles"] == len(CASES) + 2  # + good + duplicated one


def test_samples_show_the_broken_row(warehouse, config):
    rows = good_rows("r1")
    rows["commitments"][0]["category"] = "<b>weapons</b>"
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    (o,) = result.failed()
    assert o.expectation.startswith(
        "commitments.category_in_contract: expect_column_values_to_be_in_set(category"
    )
    assert o.sample_rows[0]["commitment_id"] == "c1"
    assert o.sample_rows[0]["category"] == "<b>weapons</b>"  # original value, not GX's escaped copy
    assert o.observed_value == {"unexpected_values": ["<b>weapons</b>"]}
    assert o.unexpected_count == 1 and o.element_count == 2


def test_span_sample_carries_text_and_body_slice(warehouse, config):
    rows = good_rows("r1")
    rows["commitments"][0]["evidence_text"] = "something else entirely"
    insert_all(warehouse, "staging", rows)
    (o,) = validate_run(warehouse, "r1", config=config).failed()
    row = o.sample_rows[0]
    assert row["evidence_text"] == "something else entirely"
    assert row["body_slice"] == "Germany will provide equipment for four mechanized brigades"
    assert row["is_evidence_span_ok"] is False


def test_run_scope_sees_only_this_runs_rows_and_resolves_against_core(warehouse, config):
    # the article and actors were published by an earlier run; this run adds a commitment on it
    earlier = good_rows("r0")
    insert_all(warehouse, "core", {k: earlier[k] for k in ("articles", "actors")})
    this_run = good_rows("r1")
    insert_all(warehouse, "staging", {"commitments": [dict(this_run["commitments"][1])]})
    # another run's broken rows in staging do not count against r1
    other = good_rows("r2", suffix="x", article_id="art9")
    other["commitments"][0]["category"] = "weapons"
    insert(warehouse, "staging", "commitments", other["commitments"])
    result = validate_run(warehouse, "r1", config=config)
    assert failures(result) == set()
    assert result.rows_checked["commitments"] == 1
    assert result.rows_checked["articles"] == 0

    other_result = validate_run(warehouse, "r2", config=config)
    assert ("commitments", "category_in_contract") in failures(other_result)
    assert ("commitments", "article_fk") in failures(other_result)


def test_validate_core_checks_core_tables(warehouse, config):
    rows = good_rows("r1")
    insert_all(warehouse, "core", rows)
    assert validate_core(warehouse, config=config).success
    warehouse.execute("update core.commitment_quantities set value = -1 where quantity_id = 'q1'")
    warehouse.execute("update core.articles set language = 'klingon'")
    result = validate_core(warehouse, config=config)
    assert failures(result) == {
        ("commitment_quantities", "value_non_negative"),
        ("articles", "language_known"),
    }
    assert result.rows_checked["commitments"] == 2


def _history(con, articles: list[int], commitments: list[int]) -> None:
    for i, (a, c) in enumerate(zip(articles, commitments, strict=True)):
        add_run(con, f"h{i}", f"2025-05-0{i + 1} 06:00:00", {"articles": a, "commitments": c})


def test_volume_inside_recent_range_passes(warehouse, config):
    _history(warehouse, [1, 2, 1], [2, 3, 2])
    insert_all(warehouse, "staging", good_rows("r1"))
    result = validate_run(warehouse, "r1", config=config)
    assert failures(result) == set()
    (vol,) = [o for o in result.outcomes if o.suite == "volume"]
    assert vol.success and vol.element_count == 2


def test_volume_drop_and_jump_warn_without_blocking(warehouse, config):
    # recent runs loaded 30-40 articles and 1 commitment; this run: 1 article, 2 commitments? no:
    # articles fall to 1/30 of the smallest, commitments jump to 10x the largest
    _history(warehouse, [30, 40, 35, 32], [0, 0, 0, 0])
    rows = good_rows("r1")
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    (vol,) = [o for o in result.outcomes if o.suite == "volume"]
    assert not vol.success
    assert vol.is_blocking is False  # blocking.json: volume is warn-only
    assert result.success  # a warning does not block publishing
    assert vol.unexpected_count == 2
    by_table = {r["table_name"]: r for r in vol.sample_rows}
    assert by_table["articles"]["rows_this_run"] == 1
    assert by_table["articles"]["recent_min"] == 30
    assert by_table["articles"]["ratio_to_recent_range"] == pytest.approx(1 / 30, abs=1e-4)
    assert by_table["commitments"]["ratio_to_recent_range"] >= 3
    assert [o for o in result.warnings()] == [vol]


def test_volume_needs_history(warehouse, config):
    _history(warehouse, [30, 40], [5, 5])  # two runs: fewer than min_history (3)
    insert_all(warehouse, "staging", good_rows("r1"))
    result = validate_run(warehouse, "r1", config=config)
    (vol,) = [o for o in result.outcomes if o.suite == "volume"]
    assert vol.success


def test_volume_in_core_scope_compares_newest_published_run(warehouse, config):
    _history(warehouse, [10, 11, 12], [5, 5, 6])
    add_run(warehouse, "newest", "2025-06-01 06:00:00", {"rows_added": {"articles": 200, "commitments": 6}})
    add_run(warehouse, "broken", "2025-06-02 06:00:00", {"articles": 0}, status="failed")
    result = validate_core(warehouse, config=config)
    (vol,) = [o for o in result.outcomes if o.suite == "volume"]
    assert not vol.success
    assert [r["table_name"] for r in vol.sample_rows] == ["articles"]
    assert vol.sample_rows[0]["run_id"] == "newest"
    assert vol.sample_rows[0]["ratio_to_recent_range"] == pytest.approx(200 / 12, abs=1e-3)
