"""`amount` and `part_of` of commitments (pipeline/extract/amounts.py via commitments.py).

Sentences are made up in news style; expectations follow ../shared/spec/extraction.md
(`amount`, `part_of`, "Money quantities", "Totals and their parts", "Cuts and withdrawals")
and are checked, where they add up, with the scorer's own `money_totals`.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.extract.actors import ActorResolver
from pipeline.extract.amounts import amount_of, link_parts, main_country
from pipeline.extract.commitments import find_commitments
from pipeline.extract.quantities import find_quantities
from pipeline.extract.scoring import money_totals
from pipeline.nlp import get_nlp


def run(text: str) -> list[dict[str, Any]]:
    doc = get_nlp()(text)
    return find_commitments(doc, ActorResolver(doc), [])


def amounts(text: str) -> list[tuple[Any, ...]]:
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
def test_amounts(text: str, expected: list[tuple[Any, ...]]) -> None:
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
    ["hopes to raise ", "is seeking ", "appealed for ", "aims to mobilise ", "still hopes to reach "],
)
def test_targets_have_no_amount(before: str) -> None:
    text = f"The agency {before}$6 billion for the region."
    qs = [{**q, "_span": q["span"]} for q in find_quantities(text)]
    assert amount_of(qs, text, "provide", joint=False) is None


def test_money_of_a_target_is_no_amount_but_pledged_money_is() -> None:
    text = "Germany pledged $2 billion for the region."
    qs = [{**q, "_span": q["span"]} for q in find_quantities(text)]
    got = amount_of(qs, text, "pledge", joint=False)
    assert got is not None and got["value"] == 2_000_000_000


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
    # named as often: the one the article names first (its lead names what it reports on)
    assert main_country(["nzl", "fji", "fji", "nzl"]) == "nzl"
    assert main_country(["eu", "person:jane doe"]) is None
    assert main_country([]) is None


def test_bare_dollar_of_a_country_named_first_and_as_often_as_another() -> None:
    text = (
        "New Zealand will spend $600 million on climate finance, with half of it going to Samoa. "
        "Samoa's finance minister said New Zealand had kept its word."
    )
    assert amounts(text)[0] == ("nzl", (600_000_000, "nzd", "own"))


def _row(committer: str, value: float, at: int, *, text: str = "pledged money") -> dict[str, Any]:
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


def test_a_pledge_that_leads_the_article_is_counted_in_the_donors_total_after_it() -> None:
    text = (
        "Sweden and Austria pledged $40 million each for Yemen on Tuesday at a meeting in Geneva. "
        "The United Nations said donors had pledged more than 1.2 billion euros in all. "
        "Italy announced 60 million euros in food aid."
    )
    got = run(text)
    assert [(c["committer"], c["part_of"]) for c in got] == [
        ("swe", 2),
        ("aut", 2),
        ("donors", None),
        ("ita", 2),
    ]
    assert money_totals(text, got) == {("donors", "eur"): 1_200_000_000}


def test_a_pledge_far_before_the_donors_total_is_not_counted_in_it() -> None:
    text = (
        "Sweden pledged $40 million for Yemen on Tuesday. Its envoy said the war had lasted too long. "
        "Aid groups said millions were hungry. Officials said the ports were closed. "
        "Donors pledged 1.2 billion euros at a separate meeting in Geneva, the United Nations said."
    )
    assert [(c["committer"], c["part_of"]) for c in run(text)] == [("swe", None), ("donors", None)]


@pytest.mark.parametrize(
    "third",
    [
        "The World Bank said it would put in $150 million of its own.",
        "Britain said it would continue its existing £40 million health programme.",
        "The Inter-American Development Bank would redirect up to $150 million from existing projects.",
    ],
)
def test_own_money_beside_a_donors_total_is_not_counted_in_it(third: str) -> None:
    text = f"Donors pledged $900 million for Haiti on Monday. Chile pledged $20 million. {third}"
    got = run(text)
    assert [c["part_of"] for c in got] == [None, 0, None]
    assert len(money_totals(text, got)) == 2  # the donors' total and the third row's own money


@pytest.mark.parametrize(
    ("second", "part_of"),
    [
        # help already sent, or other money of last year, does not date the pledge itself
        ("Chile pledged $20 million, on top of police trainers already in Port-au-Prince.", 0),
        ("Mexico pledged $100 million, up from $60 million it gave last year.", 0),
        # a pledge made before is not counted in this total
        ("Mexico had pledged $100 million last year.", None),
    ],
)
def test_what_dates_a_pledge_is_said_of_its_own_money(second: str, part_of: int | None) -> None:
    got = run(f"Donors pledged $900 million for Haiti on Monday. {second}")
    assert [c["part_of"] for c in got] == [None, part_of]


@pytest.mark.parametrize(
    "text",
    [
        "Japan agreed to roll over a $3 billion deposit at Egypt's central bank for another year.",
        "China agreed to roll over $2.4 billion in commercial loans falling due this year.",
        "Kuwait will refinance $800 million of Jordan's loans falling due in 2026.",
        "India agreed to renew its $400 million currency swap line with Sri Lanka for a year.",
    ],
)
def test_debt_kept_in_place_has_no_amount(text: str) -> None:
    got = run(text)
    assert got and all(c["amount"] is None for c in got)


def test_money_rolled_out_is_money() -> None:
    assert amounts("Germany will roll out $300 million in aid to Gaza.") == [
        ("deu", (300_000_000, "usd", "own"))
    ]


def test_a_tranche_has_its_loans_amount() -> None:
    text = "The International Monetary Fund said it would release a $310 million tranche of its $2.2 billion loan to Sri Lanka."
    assert amounts(text) == [("imf", (2_200_000_000, "usd", "own"))]


@pytest.mark.parametrize(
    "text",
    [
        "Australia has now committed more than A$900 million in budget support to Fiji since 2019, officials said.",
        "Donors have pledged more than 60 billion euros for Syria's recovery since 2017.",
        "Japan has so far pledged $12 billion to Ukraine, the ministry said.",
    ],
)
def test_a_running_total_has_no_amount(text: str) -> None:
    # a running total to date is background: no row, so no amount to add up
    got = run(text)
    assert got == []
    assert money_totals(text, got) == {}


def test_money_of_a_fund_frozen_since_a_year_is_money() -> None:
    text = (
        "Norway said it would unfreeze 40 million euros for a forest fund that had been on hold since 2020."
    )
    assert amounts(text) == [("nor", (40_000_000, "eur", "own"))]


def test_money_also_given_is_not_an_item_of_the_package_before_it() -> None:
    text = (
        "The European Union is ready to provide Tunisia with up to 800 million euros in loans. "
        "The Commission would also provide 120 million euros in budget support and 90 million euros "
        "for border controls."
    )
    got = run(text)
    assert [c["part_of"] for c in got] == [None, None, None]
    assert money_totals(text, got) == {("eu", "eur"): 1_010_000_000}


def test_shares_of_a_joint_package_are_parts_of_their_own_committers_row() -> None:
    text = (
        "Denmark, Norway and Sweden will jointly finance a $500 million package of American weapons "
        "for Ukraine, the three governments said. Norway pledged $200 million of the sum, Sweden "
        "$180 million and Denmark the rest."
    )
    got = run(text)
    assert [(c["committer"], c["part_of"]) for c in got] == [
        ("dnk", None),
        ("nor", None),
        ("swe", None),
        ("nor", 1),
        ("swe", 2),
    ]
    assert money_totals(text, got) == {("joint:dnk+nor+swe", "usd"): 500_000_000}


def test_money_a_pledge_falls_short_of_is_no_amount() -> None:
    text = (
        "International donors pledged $1.1 billion on Wednesday to help Malawi rebuild homes and "
        "clinics, well short of the government's $2.5 billion three-year recovery plan."
    )
    assert money_totals(text, run(text)) == {("donors", "usd"): 1_100_000_000}


def test_the_same_money_told_again_is_counted_once() -> None:
    text = (
        "Donors pledged $900 million to help Malawi rebuild after the cyclone on Wednesday. Aid "
        "groups said the money would not be enough. Donors promised $900 million after the last "
        "cyclone too, but little arrived."
    )
    got = run(text)
    # one undertaking: the second telling is a mention of the first row
    assert [(c["part_of"], len(c.get("mentions", []))) for c in got] == [(None, 1)]
    assert money_totals(text, got) == {("donors", "usd"): 900_000_000}
    # the same figure given again is more money
    text = "Japan gave $10 million to Sudan on Monday. Japan also gave $10 million to Chad."
    assert money_totals(text, run(text)) == {("jpn", "usd"): 20_000_000}


def test_what_a_package_also_includes_is_a_part_of_it() -> None:
    from pipeline.extract import extract_document

    def parts(text: str) -> list[tuple[Any, ...]]:
        rows = extract_document(text, doc_id="t")["commitments"]
        return [(r["committer"], r["amount"]["value"], r["part_of"]) for r in rows]

    lead = (
        "Australia will send 30 armoured vehicles to Ukraine as part of a $245 million military assistance "
        "package, the defence minister said on Monday.\n\n"
    )
    assert parts(
        lead + "The package also includes $50 million worth of uncrewed aerial systems from Australian "
        "manufacturers and spare parts for the vehicles delivered last year."
    ) == [("aus", 245000000, None), ("aus", 50000000, 0)]
    # new money of the same giver stays its own
    assert parts(
        lead + "Australia will also give $50 million to a NATO fund that buys weapons for Ukraine."
    ) == [
        ("aus", 245000000, None),
        ("aus", 50000000, None),
    ]
