"""Statement rules for reporting forms learned from PolNeAR train's misses (session 10).

Made-up sentences (none copied from a corpus), one behaviour per test: a poll's standing as
the content of show/find, a share of a sample as the source ("one in three said"), a
quantifier standing alone as the subject ("Some say ..."), a cue inside an opening subordinate
clause ("While X said ..., Y ..."), a one-word answer ("said yes"), and a noun-phrase content
that stops before the writer's apposition.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.extract.actors import ActorResolver
from pipeline.extract.statements import find_statements
from pipeline.nlp import get_nlp


def run(text: str) -> list[dict[str, Any]]:
    doc = get_nlp()(text)
    return find_statements(doc, ActorResolver(doc))


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(s["source"]["text"], s["cue"]["text"], s["content"]["text"]) for s in run(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A survey of harbour towns shows the mayor with a nine-point lead over her rival.",
            ("A survey of harbour towns", "shows", "the mayor with a nine-point lead over her rival"),
        ),
        (
            "Two recent polls show him at 41 percent among likely voters.",
            ("Two recent polls", "show", "him at 41 percent among likely voters"),
        ),
        (
            "The county's own count showed Ms. Okafor ahead by 300 ballots.",
            ("The county's own count", "showed", "Ms. Okafor ahead by 300 ballots"),
        ),
    ],
)
def test_a_polls_standing_is_the_content_of_show(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


def test_a_thing_shown_with_something_is_no_standing() -> None:
    # "with" and no number or word of standing: a noun phrase, not a claim
    assert not [t for t in triples("The film shows the valley with its old mills.") if t[1] == "shows"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One in three said the ferry service had become too expensive.",
            ("One in three", "said", "the ferry service had become too expensive"),
        ),
        (
            "In the same survey, two in five tenants say they would move if rents rose again.",
            ("two in five tenants", "say", "they would move if rents rose again"),
        ),
    ],
)
def test_a_share_of_a_sample_is_the_source(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some say the new bridge will never open.", ("Some", "say", "the new bridge will never open")),
        (
            "Many said the orchestra had played too fast.",
            ("Many", "said", "the orchestra had played too fast"),
        ),
        (
            "Both said they would stay on the committee.",
            ("Both", "said", "they would stay on the committee"),
        ),
        (
            "The two said that the harvest was the worst in a decade.",
            ("The two", "said", "the harvest was the worst in a decade"),
        ),
    ],
)
def test_a_quantifier_alone_is_the_subject(
    text: str, expected: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rules' own finding (the trained tagger sometimes proposes these too)
    monkeypatch.setenv("PLEDGEWATCH_ATTRIBUTION_MODEL", "off")
    assert expected in triples(text)


def test_a_determiner_before_a_noun_makes_no_cue() -> None:
    assert run("The said agreement expired in March.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "While the mayor said he would hold a hearing, it is unlikely to change the budget.",
            ("the mayor", "said", "he would hold a hearing"),
        ),
        (
            "Although the minister claimed the reform was popular, the unions called a strike.",
            ("the minister", "claimed", "the reform was popular"),
        ),
    ],
)
def test_a_cue_in_an_opening_subordinate_clause_stops_at_the_main_clause(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(text)


def test_a_that_clause_with_its_own_subordinate_clause_is_kept_whole() -> None:
    # the subordinate clause is inside the content, not around the cue
    text = "The mayor said that while the budget was tight, the city would keep the libraries open."
    assert triples(text) == [
        ("The mayor", "said", "while the budget was tight, the city would keep the libraries open")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Asked whether the levy should rise, 60 percent of the farmers said yes.",
            ("60 percent of the farmers", "said", "yes"),
        ),
        ('Asked if he would run again, the mayor said, "No."', ("the mayor", "said", "No")),
    ],
)
def test_a_one_word_answer_is_the_content(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


def test_no_that_opens_a_clause_is_no_answer() -> None:
    assert triples("She said no one had called the office.") == [
        ("She", "said", "no one had called the office")
    ]


def test_a_noun_phrase_content_stops_before_the_writers_apposition() -> None:
    text = "The governor dismissed the rival plans outright, a move that surprised her own aides."
    assert ("The governor", "dismissed", "the rival plans outright") in triples(text)


def test_a_list_after_a_comma_stays_in_the_noun_phrase_content() -> None:
    text = "The council condemned the closures, a curfew and the arrests of two reporters."
    got = triples(text)
    assert ("The council", "condemned", "the closures, a curfew and the arrests of two reporters") in got


@pytest.mark.parametrize(
    "text",
    [
        "The senator faces questions about her travel budget.",
        "The audit raised fresh questions about the contract.",
    ],
)
def test_a_stance_verbs_plural_noun_is_no_cue_of_the_rules(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "questions about": a noun whose asker the sentence does not name (no "The senator faces")
    monkeypatch.setenv("PLEDGEWATCH_ATTRIBUTION_MODEL", "off")
    assert run(text) == []


def test_the_same_form_as_a_verb_stays_a_cue() -> None:
    assert triples("The mayor questions the audit's figures.") == [
        ("The mayor", "questions", "the audit's figures")
    ]


def test_an_adverb_between_the_cue_and_its_quote() -> None:
    text = '"We cannot pay for it," the mayor said, adding later, "The state has to step in."'
    assert ("the mayor", "adding", "The state has to step in") in triples(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The report concludes that the dam could fail.",
            ("The report", "concludes", "the dam could fail"),
        ),
        ("The dam could fail, the report said.", ("the report", "said", "The dam could fail")),
        (
            "The agency's report said the dam could fail.",
            ("The agency's report", "said", "the dam could fail"),
        ),
    ],
)
def test_a_cue_noun_after_a_determiner_heads_the_source(
    text: str, expected: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "the report" is a noun (and a source), not the verb "report"
    monkeypatch.setenv("PLEDGEWATCH_ATTRIBUTION_MODEL", "off")
    assert expected in triples(text)


def test_a_cue_noun_after_a_verb_still_ends_the_source() -> None:
    assert triples("The senator rejected growing calls to resign.") == [
        ("The senator", "rejected", "growing calls to resign")
    ]
