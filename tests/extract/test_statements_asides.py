"""Statement rules for attributions set inside a sentence and for block quotations (session 12).

Made-up sentences (none copied from a corpus), one behaviour per test, each failing on the
rules before it: an attribution set off by commas in mid-sentence ("Since last spring,
according to the group, the militia has ...", "The answer, the coach told them, was ...",
"It is her duty, the judge said, to protect ...") leaves one content running across it when
the words before it are not a whole clause; a colon closing its paragraph introduces a block
quotation, the whole next paragraph; an opening adverbial clause ("While praising the budget,")
is not what the main clause's cue says.
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


def contents_of(text: str, cue: str) -> list[str]:
    """The contents of the statements whose cue text is `cue`."""
    return [s["content"]["text"] for s in run(text) if s["cue"]["text"] == cue]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Since last spring, according to the rights group, the militia has burned twelve villages.",
            "Since last spring, according to the rights group, the militia has burned twelve villages",
        ),
        (
            "The harvest, according to the ministry, fell by a third.",
            "The harvest, according to the ministry, fell by a third",
        ),
    ],
)
def test_according_to_in_mid_sentence_leaves_one_content(text: str, content: str) -> None:
    assert contents_of(text, "according to") == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a whole clause before the aside, then the writer's next clause or an apposition
        (
            "Wheat output fell sharply, according to the ministry, and rice prices rose.",
            "Wheat output fell sharply",
        ),
        (
            "The harvest grew 4 percent, according to the ministry, the best result in a decade.",
            "The harvest grew 4 percent",
        ),
    ],
)
def test_according_to_after_a_whole_clause_keeps_that_clause(text: str, content: str) -> None:
    assert contents_of(text, "according to") == [content]


def test_an_addressee_inside_the_aside_is_skipped() -> None:
    assert contents_of("The answer, the coach told them, was patience.", "told") == [
        "The answer, the coach told them, was patience"
    ]


def test_a_time_after_the_addressee_is_skipped_too() -> None:
    text = "The difference now, the editor told me on Friday, is that the paper has no owner."
    assert contents_of(text, "told") == [
        "The difference now, the editor told me on Friday, is that the paper has no owner"
    ]


def test_a_time_after_the_cue_is_no_addressee() -> None:
    # "said on Friday, and has cancelled ...": the writer's next clause, as without the time
    text = "The ferry will stop, the captain said on Friday, and has cancelled the summer timetable."
    assert contents_of(text, "said") == ["The ferry will stop"]


def test_the_infinitive_after_the_aside_goes_on_with_the_clause() -> None:
    assert contents_of("It is her duty, the judge said, to protect the witnesses.", "said") == [
        "It is her duty, the judge said, to protect the witnesses"
    ]


def test_a_prepositional_phrase_after_the_aside_does_not() -> None:
    assert contents_of("The plan is dead, the mayor said, to the dismay of the council.", "said") == [
        "The plan is dead"
    ]


def test_a_colon_closing_its_paragraph_opens_a_block_quotation() -> None:
    text = (
        "The senator added:\n\nThe bridge is unsafe. Nobody will cross it this winter.\n\n"
        "The vote is on Monday."
    )
    assert contents_of(text, "added") == ["The bridge is unsafe. Nobody will cross it this winter"]


def test_a_colon_inside_its_paragraph_keeps_its_sentence() -> None:
    text = "The senator added: the bridge is unsafe. Nobody will cross it this winter."
    assert contents_of(text, "added") == ["the bridge is unsafe"]


def test_an_opening_adverbial_clause_is_not_the_content() -> None:
    assert contents_of("While praising the budget, the governor questioned its cost.", "questioned") == [
        "its cost"
    ]


def test_an_opening_adverbial_clause_is_not_the_content_of_a_cue_without_one() -> None:
    # "did apologize for the incident": whatever the cue's content, it is not "When pressed ..."
    text = "When pressed by the moderators, Okafor did apologize for the incident."
    contents = [s["content"]["text"] for s in run(text)]
    assert "When pressed by the moderators" not in contents


def test_according_to_after_an_opening_adverbial_clause_attributes_the_main_clause() -> None:
    text = "While most of the files were kept secret, according to the inspector, two were released."
    assert contents_of(text, "according to") == ["two were released"]


def test_an_opening_phrase_is_no_adverbial_clause() -> None:
    # "Since last spring" has no verb: the clause runs across the attribution (as above)
    text = "Since last spring, according to the inspector, two files were released."
    assert contents_of(text, "according to") == [
        "Since last spring, according to the inspector, two files were released"
    ]
