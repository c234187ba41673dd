"""`amount` and `part_of` of commitments (pipeline/extract/amounts.py via commitments.py).

Sentences are made up in news style; expectations follow ../shared/spec/extraction.md
(`amount`, `part_of`, "Money quantities", "Totals and their parts", "Cuts and withdrawals")
and are checked, where they add up, with the scorer's own `money_totals`.
"""

from __future__ import annotations

import pytest

from pipeline.extract.actors import ActorResolver
from pipeline.extract.amounts import amount_of, link_parts, main_country
from pipeline.extract.commitments import find_commitments
from pipeline.extract.quantities import find_quantities
from pipeline.extract.scoring import money_totals
from pipeline.nlp import get_nlp


def run(text: str) -> list[dict]:
    doc = get_nlp()(text)
    return find_commitments(doc, ActorResolver(doc), [])


def amounts(text: str) -> list[tuple]:
    out = []
    for c in run(text):
        a = c["amount"]
        out.append((c["committer"], a and (a["value"], a["currency"], a["basis"])))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one figure as written, in a lower-case ISO 4217 code
        (
            "Canada will provide C$45 million to Haiti for police training.",
            [("can", (45_000_000, "cad", "own"))],
        ),
        (
            "Japan pledged $US120 million in emergency aid for Myanmar.",
            [("jpn", (120_000_000, "usd", "own"))],
        ),
        (
            "India will extend a Rs 900 crore credit line to Nepal for power lines.",
            [("ind", (9_000_000_000, "inr", "own"))],
        ),
        (
            "Switzerland will give CHF 20 million to the Red Cross for relief in Sudan.",
            [("che", (20_000_000, "chf", "own"))],
        ),
        (
            "Germany pledged two billion euros for the reconstruction of Ukraine.",
            [("deu", (2_000_000_000, "eur", "own"))],
        ),
        # a bound keeps its figure
        (
            "Britain will provide up to £75m in humanitarian aid to Gaza.",
            [("gbr", (75_000_000, "gbp", "own"))],
        ),
        # a currency word of several states is the committer's own
        (
            "Denmark will give 300 million kroner to Ukraine for weapons.",
            [("dnk", (300_000_000, "dkk", "own"))],
        ),
        (
            "Pakistan will provide Rs 2 billion in flood relief to Afghanistan.",
            [("pak", (2_000_000_000, "pkr", "own"))],
        ),
        # a conversion in brackets is no second figure
        (
            "Norway pledged NOK 1 billion ($95 million) to the Green Climate Fund.",
            [("nor", (1_000_000_000, "nok", "own"))],
        ),
        # one sum shared by the committers named with it, or each one's own
        (
            "Spain, Portugal and the EU pledged €2bn to rebuild the port of Beira.",
            [
                ("esp", (2_000_000_000, "eur", "joint")),
                ("prt", (2_000_000_000, "eur", "joint")),
                ("eu", (2_000_000_000, "eur", "joint")),
            ],
        ),
        (
            "Sweden and Finland pledged $80 million each to the UN refugee agency.",
            [("swe", (80_000_000, "usd", "own")), ("fin", (80_000_000, "usd", "own"))],
        ),
        (
            "Qatar and Kuwait pledged $60 million and $40 million respectively for Lebanon.",
            [("qat", (60_000_000, "usd", "own")), ("kwt", (40_000_000, "usd", "own"))],
        ),
        # a refusal keeps its money
        (
            "The United States refused to release $300 million in military aid to Egypt.",
            [("usa", (300_000_000, "usd", "own"))],
        ),
        # debt rescheduled and targets have no amount
        (
            "France agreed to reschedule $2 billion of Zambia's debt.",
            [("fra", None)],
        ),
    ],
)
def test_amounts(text: str, expected: list[tuple]) -> None:
    assert amounts(text) == expected


def test_refusal_keeps_its_money_with_negative_polarity() -> None:
    (c,) = run("The United States refused to release $300 million in military aid to Egypt.")
    assert c["polarity"] == "negative"
    assert c["amount"]["value"] == 300_000_000


def test_unknown_currency_keeps_the_row_with_a_flag() -> None:
    got = run("Kenya will give 500 million crowns to Somalia for famine relief.")
    assert len(got) == 1
    a = got[0]["amount"]
    assert (a["value"], a["currency"], a["flag"]) == (500_000_000, None, "currency_unknown")


def test_a_row_is_never_lost_to_a_money_format() -> None:
    text = (
        "Australia will provide $US250 million to Vanuatu for cyclone recovery. "
        "Japan will send 40 engineers to Vanuatu."
    )
    got = run(text)
    assert [c["committer"] for c in got] == ["aus", "jpn"]
    assert got[0]["amount"]["value"] == 250_000_000


def test_bare_dollar_is_the_reporting_countrys_own() -> None:
    text = (
        "Australia will give $40 million to Tonga for schools. Australia has been Tonga's "
        "biggest partner, and Australia will also fund clinics there."
    )
    assert amounts(text)[0] == ("aus", (40_000_000, "aud", "own"))
    # an article about another country keeps US dollars
    text = (
        "Canada pledged $15 million for Sudan at the meeting in Geneva. Sudan's envoy "
        "thanked donors; Sudan needs food and Sudan needs medicine."
    )
    assert amounts(text)[0] == ("can", (15_000_000, "usd", "own"))


def test_a_loan_part_of_a_package_is_not_the_package() -> None:
    (c,) = run(
        "Japan will lend $500 million to Indonesia, part of a global $20 billion package "
        "for coal-to-clean transitions."
    )
    assert c["amount"]["value"] == 500_000_000


@pytest.mark.parametrize(
    "before",
    ["hopes to raise ", "is seeking ", "appealed for ", "aims to mobilise "],
)
def test_targets_have_no_amount(before: str) -> None:
    text = f"The agency {before}$6 billion for the region."
    qs = [{**q, "_span": q["span"]} for q in find_quantities(text)]
    assert amount_of(qs, text, "provide", joint=False) is None


def test_money_of_a_target_is_no_amount_but_pledged_money_is() -> None:
    text = "Germany pledged $2 billion for the region."
    qs = [{**q, "_span": q["span"]} for q in find_quantities(text)]
    assert amount_of(qs, text, "pledge", joint=False)["value"] == 2_000_000_000


def test_conference_total_and_its_pledges() -> None:
    text = (
        "Donors pledged $3 billion for Sudan at a conference in Paris on Monday. "
        "Germany pledged $400 million. Britain pledged $250 million."
    )
    got = run(text)
    assert [(c["committer"], c["part_of"]) for c in got] == [
        ("donors", None),
        ("deu", 0),
        ("gbr", 0),
    ]
    # an analyst adds up the total once, not its parts on top
    assert money_totals(text, got) == {("donors", "usd"): 3_000_000_000}


def test_pledge_beyond_the_total_is_its_own() -> None:
    rows = [
        _row("donors", 1_000_000_000, 0),
        _row("kwt", 500_000_000, 40),
        _row("sau", 500_000_000, 80),
        _row("omn", 200_000_000, 120),
    ]
    link_parts(rows, "x" * 200, [(0, 200)])
    assert [r["part_of"] for r in rows] == [None, 0, 0, None]


def test_package_and_items_that_add_up_to_it() -> None:
    rows = [
        _row("chn", 20_000_000_000, 0),
        _row("chn", 10_000_000_000, 40),
        _row("chn", 10_000_000_000, 80),
        _row("chn", 5_000_000_000, 120, text="a further $5 billion"),
    ]
    link_parts(rows, "x" * 200, [(0, 200)])
    assert [r["part_of"] for r in rows] == [None, 0, 0, None]


def test_one_item_said_to_be_of_the_pledge() -> None:
    rows = [_row("are", 4_000_000_000, 0), _row("are", 2_000_000_000, 40, text="$2bn of its pledge")]
    link_parts(rows, "x" * 100, [(0, 100)])
    assert [r["part_of"] for r in rows] == [None, 0]
    # a smaller pledge that says nothing of the sort is its own
    rows = [_row("kor", 14_000_000_000, 0), _row("kor", 10_000_000_000, 40)]
    link_parts(rows, "x" * 100, [(0, 100)])
    assert [r["part_of"] for r in rows] == [None, None]


def test_main_country() -> None:
    assert main_country(["aus", "ton", "aus", "aus"]) == "aus"
    assert main_country(["aus", "ton"]) is None
    assert main_country([]) is None


def _row(committer: str, value: float, at: int, *, text: str = "pledged money") -> dict:
    return {
        "committer": committer,
        "polarity": "positive",
        "evidence": {"span": [at, at + 10], "text": text},
        "amount": {"value": value, "currency": "usd", "basis": "own", "text": ""},
    }


def test_amount_and_part_of_reach_the_warehouse_rows() -> None:
    from pipeline.extract import extract_document
    from pipeline.extract.rows import article_rows
    from pipeline.models import Article

    body = (
        "Donors pledged $3 billion for Sudan at a conference in Paris on Monday. "
        "Germany pledged $400 million. Britain pledged $2.8 billion."
    )
    ex = extract_document(body, doc_id="t")
    art = Article(article_id="a1", raw_id="r1", doc_id="t", source="test", title="", body=body)
    rows = article_rows(art, [], ex, run_id="run", rules_version="x")["commitments"]
    got = [
        (
            r["committer_actor_id"],
            r["amount_value"],
            r["amount_currency"],
            r["amount_basis"],
            r["amount_flag"],
            r["part_of_commitment_id"],
        )
        for r in rows
    ]
    donors_id = rows[0]["commitment_id"]
    assert got == [
        ("donors", 3_000_000_000, "usd", "own", None, None),
        ("deu", 400_000_000, "usd", "own", None, donors_id),
        ("gbr", 2_800_000_000, "usd", "own", None, None),  # more than the total leaves
    ]
