"""Recipients of commitments (commitments.py `_recipient`, `_default_recipient`, `_fundraiser`,
`_region_recipient`; actors' place names): who benefits, as English names them.

Made-up sentences; each case is (text, expected rows as (committer, recipient)).
"""

from __future__ import annotations

import pytest

from pipeline.extract.actors import ActorResolver
from pipeline.extract.commitments import find_commitments
from pipeline.nlp import get_nlp


def recipients(text: str) -> list[tuple[str, str | None]]:
    doc = get_nlp()(text)
    return [(c["committer"], c["recipient"]) for c in find_commitments(doc, ActorResolver(doc), [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a continent or region that holds a state's name is not that state
        (
            "Canada will provide $200 million to support development in Latin America and the Caribbean.",
            [("can", "celac")],
        ),
        (
            "Spain pledged 40 million euros to help Latin American countries host refugees.",
            [("esp", "latin_america")],
        ),
        (
            "China offered loans worth $20 billion to support Southeast Asia's connectivity.",
            [("chn", "asean")],
        ),
        # a treaty named after a city is not its state
        (
            "Japan said it would implement the Paris Agreement. Japan will give $10 million for climate projects.",
            [("jpn", None)],
        ),
    ],
)
def test_regions_and_places_named_after_states(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert recipients(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where donors met is no beneficiary, even after the city or the name of who met
        (
            "Ministers met at a climate conference in Cancun of Mexico on Friday. "
            "Australia will give $10 million to help small island states adapt.",
            [("aus", None)],
        ),
        (
            "Leaders gathered at the summit held in Nay Pyi Taw, Myanmar, on Thursday. "
            "Korea will give $5 million for rural roads.",
            [("kor", None)],
        ),
        (
            "Donors attended a meeting of the Sahel Contact Group in Abu Dhabi. Kuwait pledged $80 million in loans.",
            [("kwt", None)],
        ),
    ],
)
def test_venue_of_a_meeting_is_not_the_guessed_beneficiary(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert recipients(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state a verb of permission lets act is not the beneficiary
        (
            "Switzerland refused to allow Germany and Denmark to re-export Swiss-made ammunition to Ukraine.",
            [("che", "ukr")],
        ),
        ("Austria again refused to let Poland re-export howitzers to Ukraine.", [("aut", "ukr")]),
        # a creditor is not the beneficiary
        (
            "Qatar agreed to bail out Egypt by providing it with $2 billion to help repay a $3 billion debt to China.",
            [("qat", "egy")],
        ),
        # the initials of a body may stand between it and its mission: the mission's country
        (
            "Germany said it will extend its presence in the United Nations (UN) military mission in Mali "
            "for one more year.",
            [("deu", "mli")],
        ),
        # a partner in the undertaking is not its beneficiary
        (
            "The Netherlands will finance a third Patriot battery together with Denmark for Ukraine's air defence.",
            [("nld", "ukr")],
        ),
        (
            "Norway pledged $10 million to Lebanon on Monday. Norway will keep funding a joint relief fund "
            "with Italy that was set up last year with 20 million euros.",
            [("nor", "lbn"), ("nor", "lbn")],
        ),
        # a giver of its own, even with an aside between its name and its giving
        (
            "Portugal announced 50 million euros, and Brazil, which is also a member of the bank, said it "
            "would contribute $100 million.",
            [("prt", None), ("bra", None)],
        ),
        # a body's name as the modifier of a fund is not the beneficiary: the fund's work is
        (
            "Denmark pledged 5 million euros to a UN Development Programme fund for community projects "
            "in northern Ghana.",
            [("dnk", "gha")],
        ),
        (
            "Spain and Ireland pledged 25 million euros each to the UN fund for climate loss and damage.",
            [("esp", None), ("irl", None)],
        ),
        # a gapped giver of the rest of a sum gives; it does not receive
        (
            "Ukraine asked for a new air defence package worth $500 million. Norway pledged $200 million "
            "of the sum, Sweden $180 million and Denmark the rest, the minister said.",
            [("nor", "ukr"), ("swe", "ukr")],
        ),
        # a possessive before a noun of giving names a giver, not the beneficiary
        (
            "Sweden pledged $50 million to the Measles Fund on Monday. The Wellcome Trust pledged "
            "$300 million, including money to match Japan's contributions one-to-one.",
            [("swe", "measles_fund"), ("wellcome_trust", "measles_fund")],
        ),
    ],
)
def test_names_in_other_parts_than_the_beneficiary(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert recipients(text) == expected


def test_lender_is_not_the_fund_an_article_raises_money_for() -> None:
    text = (
        "Sri Lanka applied to the International Monetary Fund for a $3 billion programme on Monday. "
        "The Fund said talks would continue. Japan will extend $500 million in budget support to "
        "help the economy, the finance minister said."
    )
    assert recipients(text) == [("jpn", "lka")]


def test_a_funds_own_conference_raises_money_for_it() -> None:
    text = (
        "Donors attended the Global Fund conference in Oslo on Monday. "
        "France will give $300 million, and Britain pledged £200 million. "
        "The Global Fund said the money would buy 40 million bed nets in Nigeria."
    )
    assert recipients(text) == [("fra", "global_fund"), ("gbr", "global_fund")]


def test_a_region_named_more_often_than_any_state_is_the_guessed_beneficiary() -> None:
    text = (
        "China told delegates from 50 African nations that it would offer $50 billion in financial "
        "assistance. China is Africa's biggest trading partner, and its trade with Africa rose last "
        "year. Every African state bar Eswatini, which keeps ties to Taiwan, attended."
    )
    assert recipients(text) == [("chn", "africa")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apposition that names the giver by whom it gives to names the beneficiary
        (
            "Japan pledged $20 million to Jamaica on Monday. Britain and Canada, Grenada's main "
            "bilateral creditors, agreed to suspend debt repayments for two years.",
            [("jpn", "jam"), ("gbr", "grd"), ("can", "grd")],
        ),
        (
            "Norway gave $50 million to Sudan. The United States, Gavi's largest donor in the last "
            "cycle, will not contribute to the new period.",
            [("nor", "sdn"), ("usa", "gavi")],
        ),
    ],
)
def test_apposition_names_whom_the_giver_gives_to(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert recipients(text) == expected
