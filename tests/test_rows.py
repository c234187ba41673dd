"""pipeline.extract.rows: canonical actor names and kinds, and currencies, from the ids."""

from __future__ import annotations

import pytest

from pipeline.extract.rows import actor_kind, actor_name, is_currency


@pytest.mark.parametrize(
    ("actor_id", "kind", "name"),
    [
        ("usa", "country", "United States"),
        ("deu", "country", "Germany"),
        ("irn", "country", "Iran"),
        ("person:friedrich merz", "person", "Friedrich Merz"),
        ("media:der spiegel", "media", "Der Spiegel"),
        ("anon:deu", "anon", "unnamed source (Germany)"),
        ("anon", "anon", "unnamed source"),
        ("coalition_of_the_willing", "organisation", "coalition of the willing"),
        ("eu", "organisation", "eu"),
    ],
)
def test_actor_kind_and_name_come_from_the_id(actor_id, kind, name):
    assert actor_kind(actor_id) == kind
    assert actor_name(actor_id) == name


@pytest.mark.parametrize(
    ("unit", "money"),
    [
        ("usd", True),
        ("eur", True),
        ("kwd", True),
        ("jet", False),
        ("brigade", False),
        (None, False),
    ],
)
def test_currency_units_are_iso_4217(unit, money):
    assert is_currency(unit) is money
