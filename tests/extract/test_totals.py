"""Pledge totals without a giver as subject, conference donors as a group, and whole amounts."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.extract import extract_document
from pipeline.extract.quantities import find_quantities


def commitments(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = extract_document(text, doc_id="t")["commitments"]
    return rows


def money_rows(text: str) -> list[tuple[str, float | None, int | None]]:
    return [(c["committer"], (c["amount"] or {}).get("value"), c["part_of"]) for c in commitments(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The donor meeting closed with pledges of 2.4 billion euros for Yemen. "
            "Denmark pledged 300 million euros.",
            [("donors", 2_400_000_000, None), ("dnk", 300_000_000, 0)],
        ),
        (
            "Chad secured more than $600 million in new pledges at the meeting, officials said. "
            "Qatar pledged $50 million.",
            [("donors", 600_000_000, None), ("qat", 50_000_000, 0)],
        ),
    ],
)
def test_a_total_told_through_its_pledges_is_a_donors_row(text: str, expected: list[Any]) -> None:
    assert money_rows(text) == expected


def test_the_recipient_of_a_secured_total_is_its_subject() -> None:
    rows = commitments("Chad secured more than $600 million in new pledges at the meeting.")
    assert [(r["committer"], r["recipient"]) for r in rows] == [("donors", "tcd")]


@pytest.mark.parametrize(
    "text",
    [
        "The agency hopes to raise $600 million in pledges at the meeting.",  # a target
        "The appeal drew $600 million in pledges from Qatar and Kuwait.",  # named givers
    ],
)
def test_targets_and_named_givers_are_not_donors_totals(text: str) -> None:
    assert all(c["committer"] != "donors" for c in commitments(text))


def test_unnamed_governments_are_donors_but_a_named_bodys_governments_are_the_body() -> None:
    assert money_rows("Governments pledged $75 million for the fund on Friday.") == [
        ("donors", 75_000_000, None)
    ]
    rows = commitments("European Union governments agreed on Monday to impose sanctions on 12 officials.")
    assert [r["committer"] for r in rows] == ["eu"]


def test_decimal_multiples_are_whole_numbers() -> None:
    (q,) = find_quantities("8.2 billion euros")
    assert q["value"] == 8_200_000_000 and isinstance(q["value"], int)


def test_a_force_somewhere_benefits_the_place() -> None:
    rows = commitments("Portugal will send 120 more troops to the UN peacekeeping force in southern Lebanon.")
    assert [(r["committer"], r["recipient"]) for r in rows] == [("prt", "lbn")]


def test_givers_without_a_recipient_give_to_the_conferences_beneficiary() -> None:
    text = (
        "Donors pledged $2 billion for Yemen on Tuesday. Saudi Arabia pledged $500 million, "
        "officials said. Kuwait promised $100 million and Norway pledged $40 million."
    )
    rows = commitments(text)
    assert [(r["committer"], r["recipient"]) for r in rows] == [
        ("donors", "yem"),
        ("sau", "yem"),
        ("kwt", "yem"),
        ("nor", "yem"),
    ]


def test_a_price_is_not_the_amount_pledged() -> None:
    rows = commitments("The EU will lower the price cap on Russian crude to $44 a barrel.")
    assert [(r["committer"], r["amount"]) for r in rows] == [("eu", None)]
    assert [q["value"] for q in rows[0]["quantities"]] == [44]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Islamic Development Bank said it would lend $3 billion, the World Bank $1 billion "
            "and the Asian Development Bank $500 million.",
            [("isdb", 3_000_000_000), ("world_bank", 1_000_000_000), ("adb", 500_000_000)],
        ),
        (
            "Austria pledged $30 million to Moldova, and Croatia $10 million.",
            [("aut", 30_000_000), ("hrv", 10_000_000)],
        ),
    ],
)
def test_a_gapped_clause_repeats_the_undertaking_for_its_own_giver(text: str, expected: list[Any]) -> None:
    rows = commitments(text)
    assert [(r["committer"], r["amount"]["value"]) for r in rows] == expected
    assert len({r["category"] for r in rows}) == 1 and len({r["action"] for r in rows}) == 1


def test_a_gapped_giver_is_not_the_first_givers_recipient() -> None:
    text = "Donors pledged $1 billion for Sudan on Monday. Finland pledged 30 million euros and Ireland 10 million euros."
    rows = commitments(text)
    assert [(r["committer"], r["recipient"], r["amount"]["value"], r["part_of"]) for r in rows] == [
        ("donors", "sdn", 1_000_000_000, None),
        ("fin", "sdn", 30_000_000, 0),
        ("irl", "sdn", 10_000_000, 0),
    ]


def test_a_replenishment_is_a_donors_total_and_the_contributions_around_it_its_parts() -> None:
    text = (
        "Singapore will contribute S$30 million to the Asian Development Fund over four years, the "
        "ministry said on Friday. The contribution forms part of the US$4 billion thirteenth "
        "replenishment of the fund agreed by 30 donors in Manila. Japan pledged about ¥90 billion."
    )
    assert money_rows(text) == [
        ("sgp", 30_000_000, 1),
        ("donors", 4_000_000_000, None),
        ("jpn", 90_000_000_000, 1),
    ]


def test_a_named_givers_replenishment_pledge_is_its_own() -> None:
    assert money_rows("Britain pledged £1.5 billion to the fund's replenishment on Monday.") == [
        ("gbr", 1_500_000_000, None)
    ]


def test_a_pledge_just_before_a_total_told_through_its_pledges_is_counted_in_it() -> None:
    text = (
        "Sweden pledged $40 million for Yemen on Tuesday at a meeting in Geneva. The meeting closed "
        "with pledges of 1.2 billion euros, the United Nations said. Italy announced 60 million euros "
        "in food aid."
    )
    assert money_rows(text) == [
        ("swe", 40_000_000, 1),
        ("donors", 1_200_000_000, None),
        ("ita", 60_000_000, 1),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Almost $14bn has been raised to fight malaria over the next three years.", 14000000000),
        ("The fund is getting off the ground with more than $1.1 billion pledged.", 1100000000),
        ("Pledges for relief work have reached $2.6 billion, the UN said.", 2600000000),
        ("The event only raised $2.4 billion worth of pledges.", 2400000000),
        ("The summit closed with donations totalling $16 billion.", 16000000000),
    ],
)
def test_totals_told_by_what_happened_to_the_money(text: str, value: int) -> None:
    got = commitments(text)
    assert [(c["committer"], c["amount"]["value"]) for c in got] == [("donors", value)]


@pytest.mark.parametrize(
    "text",
    [
        # a giver follows: its own money, not a total
        "Of the money, $100 million has been pledged by Norway.",
        # a figure compared with, not a new total
        "The sum compares with a target of $18 billion and with $15.7 billion raised three years ago.",
        # a target
        "The fund hopes to raise $2 billion in pledges.",
    ],
)
def test_no_total_without_pledges_of_many(text: str) -> None:
    assert [c["committer"] for c in commitments(text) if c["committer"] == "donors"] == []
