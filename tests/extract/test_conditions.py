"""Condition rules (pipeline/extract/conditions.py), table-driven over news phrasing."""

from __future__ import annotations

import pytest

from pipeline.extract.conditions import find_conditions, find_enumerated_conditions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ", provided Washington offers sufficient backing and exerts pressure on Russia.",
            ["provided Washington offers sufficient backing", "exerts pressure on Russia"],
        ),
        (
            " “until the regime stops the funding of global terrorism and commits to never having nuclear weapons”.",
            [
                "until the regime stops the funding of global terrorism",
                "commits to never having nuclear weapons",
            ],
        ),
        (
            "” should Russia resort to using nuclear weapons on Ukraine.",
            ["should Russia resort to using nuclear weapons on Ukraine"],
        ),
        (" if it escalates the conflict.", ["if it escalates the conflict"]),
        (", subject to quarterly reviews.", ["subject to quarterly reviews"]),
        (" on condition that Kyiv holds elections.", ["on condition that Kyiv holds elections"]),
        (" unless NATO requested it.", ["unless NATO requested it"]),
        (" once a ceasefire is agreed.", ["once a ceasefire is agreed"]),
        (", conditional on progress in peace talks.", ["conditional on progress in peace talks"]),
        (", contingent on approval by parliament.", ["contingent on approval by parliament"]),
        (" pending approval by the Bundestag.", ["pending approval by the Bundestag"]),
        (" depending on the outcome of the talks.", ["depending on the outcome of the talks"]),
        (" as soon as the ceasefire holds.", ["as soon as the ceasefire holds"]),
        (
            " only if Ukraine has the airfields to host them.",
            ["only if Ukraine has the airfields to host them"],
        ),
        (
            " if Congress raises no objection within 30 days.",
            ["if Congress raises no objection within 30 days"],
        ),
        # not conditions: concessives, durations, participles, questions
        (", even if the regime carries out further nerve gas attacks on its own people.", []),
        (" as long as necessary to help it defend itself.", []),
        (" weapons provided to Ukraine last year.", []),
        (" Should we go?", []),
    ],
)
def test_inline_conditions(text: str, expected: list[str]) -> None:
    assert [c["text"] for c in find_conditions(text)] == expected


def test_unless_is_a_negative_condition() -> None:
    (c,) = find_conditions(" will send troops unless Russia withdraws its forces from the border.")
    assert c["polarity"] == "negative"


def test_enumerated_conditions() -> None:
    text = (
        "Berlin intends to offer additional weaponry. The German proposal comes with three major "
        "conditions: first, that the United States also participates in offering security guarantees; "
        "second, that Russia engages in negotiations; and third, that there is a consensus within the "
        "coalition government and support from the German parliament.\nNext paragraph."
    )
    (enum,) = find_enumerated_conditions(text)
    assert text[enum.head_start : enum.head_end].startswith("The German proposal")
    assert [c["text"] for c in enum.conditions] == [
        "that the United States also participates in offering security guarantees",
        "that Russia engages in negotiations",
        "that there is a consensus within the coalition government and support from the German parliament",
    ]
    for c in enum.conditions:
        assert text[c["span"][0] : c["span"][1]] == c["text"]


def test_no_list_without_items() -> None:
    assert find_enumerated_conditions("The talks set conditions: none were met.") == []
