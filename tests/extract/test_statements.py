# ruff: noqa: E501  (tables of real sentences: long string literals are kept whole)
"""Statement (attribution) rules, table-driven over real news sentences.

Each case is (text, expected) with expected a list of (source, cue, content, kind)
in order of appearance; a `None` field is not checked. Negative cases expect [].
Sentences come from the seed articles (../shared/gold/dev inputs) and from
PolNeAR dev articles; none is a constructed example.
"""

from __future__ import annotations

import pytest

from pipeline.extract.actors import ActorRef, ActorResolver
from pipeline.extract.statements import find_statements
from pipeline.nlp import get_nlp
from tests.work import lines_executed


def run(text: str) -> list[dict]:
    doc = get_nlp()(text)
    return find_statements(doc, ActorResolver(doc))


def triples(text: str) -> list[tuple[str, str, str, str]]:
    return [(s["source"]["text"], s["cue"]["text"], s["content"]["text"], s["kind"]) for s in run(text)]


def check(text: str, expected: list[tuple]) -> None:
    got = triples(text)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        for gv, ev in zip(g, e, strict=True):
            if ev is not None:
                assert gv == ev, (g, e)


CASES = {
    # --- X said (that) ...
    "said-that-clause": (
        "German Chancellor Friedrich Merz emphasized that while it is premature to discuss deploying "
        "German peacekeeping troops to Ukraine, the focus for now should be on adequately supporting "
        "the Ukrainian army in its defense efforts.",
        [
            (
                "German Chancellor Friedrich Merz",
                "emphasized",
                "while it is premature to discuss deploying German peacekeeping troops to Ukraine, the focus "
                "for now should be on adequately supporting the Ukrainian army in its defense efforts",
                "indirect",
            )
        ],
    ),
    "said-bare-clause": (
        "O'Neill said officials are in possession of video that shows the explosion.",
        [
            (
                "O'Neill",
                "said",
                "officials are in possession of video that shows the explosion",
                "indirect",
            )
        ],
    ),
    "said-time-then-that": (
        "NATO Secretary-General Jens Stoltenberg said Wednesday that the circumstances surrounding the "
        "possibility of the alliance having to resort to nuclear weapons was “extremely remote” but "
        "added that there would be “severe consequences” should Russia resort to using nuclear weapons "
        "on Ukraine.",
        [
            (
                "NATO Secretary-General Jens Stoltenberg",
                "said",
                "the circumstances surrounding the possibility of the alliance having to resort to nuclear "
                "weapons was “extremely remote",
                "mixed",
            ),
            (
                "NATO Secretary-General Jens Stoltenberg",
                "added",
                "there would be “severe consequences” should Russia resort to using nuclear weapons on Ukraine",
                "mixed",
            ),
        ],
    ),
    "said-after-pp": (
        "Trump said after the convention he would not accept Cruz's endorsement if it were offered.",
        [
            (
                "Trump",
                "said",
                "he would not accept Cruz's endorsement if it were offered",
                "indirect",
            )
        ],
    ),
    "said-colon-quote": (
        "Asked about how the Government would respond to a worsening situation in Syria, he replied: "
        "‘Look, I think Parliament has spoken.’",
        [("he", "replied", "Look, I think Parliament has spoken", "direct")],
    ),
    "said-comma-quote": (
        'In turn, US Secretary of treasury Stephen Mnuchin said, "Washington imposes sanctions on a '
        'group of experts and officials in The Atomic Energy Organization of Iran."',
        [
            (
                "US Secretary of treasury Stephen Mnuchin",
                "said",
                "Washington imposes sanctions on a group of experts and officials in The Atomic Energy "
                "Organization of Iran",
                "direct",
            )
        ],
    ),
    "plural-subject-base-form": (
        "Police say he posed a deadly threat and refused to drop the gun.",
        [("Police", "say", "he posed a deadly threat and refused to drop the gun", "indirect")],
    ),
    "relative-source": (
        "This has not gone over well with family members of 9/11 victims, many of whom say the "
        "president’s claims about potential retaliation from other foreign governments are unfounded.",
        [("many of whom", "say", None, "indirect")],
    ),
    # --- ..., X said / "...," said X / ... - X said
    "content-first": (
        "An escalation of the war into a war between Russia and NATO must be prevented, the chancellor said.",
        [
            (
                "the chancellor",
                "said",
                "An escalation of the war into a war between Russia and NATO must be prevented",
                "indirect",
            )
        ],
    ),
    "quote-then-source": (
        "“Regardless of its economic position, it is impossible for any country to fight a disaster of "
        "this scale alone,” he said via video link from Turkey.",
        [
            (
                "he",
                "said",
                "Regardless of its economic position, it is impossible for any country to "
                "fight a disaster of this scale alone",
                "direct",
            )
        ],
    ),
    "inverted-said-x": (
        "“Republicans are in a frenzy that is disorganized, frenetic, and lurching from point to "
        "disjointed point with no actual substantive goal or plan,” said one Democratic source on the panel.",
        [("one Democratic source", "said", None, "direct")],
    ),
    "dash-then-source": (
        "We will not allow escalation between Russia and NATO - Scholz said on Friday at a civil "
        "dialogue event in Berlin.",
        [("Scholz", "said", "We will not allow escalation between Russia and NATO", "indirect")],
    ),
    "dateline-content-first": (
        "WASHINGTON ― Donald Trump’s yearslong obsession with President Barack Obama’s birth is an "
        "insult to all African-Americans, top black lawmakers said Friday afternoon, as they bristled "
        "at the continued questions about the legitimacy of the first black president.",
        [
            (
                "top black lawmakers",
                "said",
                "Donald Trump’s yearslong obsession with President Barack Obama’s birth is an insult to all "
                "African-Americans",
                "indirect",
            )
        ],
    ),
    "as-x-said": (
        "It also does not answer whether Scott had a gun, as police have said.",
        [("police", "said", "It also does not answer whether Scott had a gun", "indirect"), None],
    ),
    "parenthetical-source": (
        "The museum, Mr. Obama said, would make visitors face uncomfortable truths.",
        [
            (
                "Mr. Obama",
                "said",
                "The museum, Mr. Obama said, would make visitors face uncomfortable truths",
                "indirect",
            )
        ],
    ),
    "partial-quote-ends-sentence": (
        "Mrs. Clinton's tax proposals offer a stark alternative to Mr. Trump's and send a clear message that a top priority ''is increasing the tax liability at the top,'' Mr. Kamin said.",
        [("Mr. Kamin", "said", None, "mixed")],
    ),
    "quote-inside-wider-content": (
        "PolitiFact claimed “Trump exaggerates” the level of black youth unemployment through a “misleading use of statistics.”",
        [
            (
                "PolitiFact",
                "claimed",
                "Trump exaggerates” the level of black youth unemployment through a “misleading use of statistics",
                "mixed",
            )
        ],
    ),
    "transcript-speaker-label": (
        '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night. Donald Trump was using the tweet to mock Hillary Clinton.',
        [
            (
                "PENCE",
                ":",
                "Gennifer Flowers will not be attending the debate tomorrow night. Donald Trump was using the tweet to mock Hillary Clinton",
                "direct",
            )
        ],
    ),
    "cited-by-is-not-a-cue": (
        "Germany will propose assistance, according to a government source cited by AFP.",
        [("a government source", "according to", "Germany will propose assistance", "indirect")],
    ),
    "called-object-a-noun": (
        "Trump has called climate change a hoax perpetrated by China to hurt U.S. manufacturing.",
        [
            (
                "Trump",
                "called",
                "climate change a hoax perpetrated by China to hurt U.S. manufacturing",
                "indirect",
            )
        ],
    ),
    "called-a-meeting-is-not-a-statement": (
        "At his cookout, the band leader called Democratic bigwigs to the stage.",
        [],
    ),
    "coordinated-verb-in-subordinate-clause": (
        "The German conservative opposition is still calling for the missiles to be delivered to Ukraine, while Scholz's own coalition partners - the Greens and the Free Democratic Party - are also largely in favour and have criticized Scholz for his refusal to send the missiles.",
        [
            (
                "The German conservative opposition",
                "calling for",
                "the missiles to be delivered to Ukraine",
                "indirect",
            ),
            (
                "Scholz's own coalition partners",
                "criticized",
                "Scholz for his refusal to send the missiles",
                "indirect",
            ),
        ],
    ),
    # --- according to X
    "according-to-nested-via": (
        "Germany will propose assistance to bolster Ukraine's air defenses as part of future security "
        "guarantees at a meeting of Kyiv's allies scheduled for Thursday, according to a government "
        "source cited by AFP.",
        [
            (
                "a government source",
                "according to",
                "Germany will propose assistance to bolster Ukraine's air defenses as part of future security "
                "guarantees at a meeting of Kyiv's allies scheduled for Thursday",
                "indirect",
            )
        ],
    ),
    "according-to-first": (
        'According to him, Germany has "exhausted everything possible to the limit" in the supply of '
        "weapons, but Scholz reaffirmed his commitment to support Ukraine as long as necessary to help "
        "it defend itself.",
        [
            (
                "him",
                "According to",
                'Germany has "exhausted everything possible to the limit" in the supply of weapons',
                "mixed",
            ),
            (
                "Scholz",
                "reaffirmed",
                "his commitment to support Ukraine as long as necessary to help it defend itself",
                "indirect",
            ),
        ],
    ),
    "according-to-statements-made-by": (
        "Western allies led by Germany have agreed to bolster Ukraine's air defense, according to "
        "statements made by Ukrainian Foreign Minister Dmytro Kuleba and his German counterpart "
        "Annalena Baerbock.",
        [
            (
                "Ukrainian Foreign Minister Dmytro Kuleba and his German counterpart Annalena Baerbock",
                "according to",
                "Western allies led by Germany have agreed to bolster Ukraine's air defense",
                "indirect",
            )
        ],
    ),
    # --- told / reported
    "told-addressee-that": (
        "Turkish President Recep Tayyip Erdogan told those gathered in Brussels that the damage to his "
        "country was estimated at around $104 billion (96 billion euros).",
        [
            (
                "Turkish President Recep Tayyip Erdogan",
                "told",
                "the damage to his country was estimated at around $104 billion (96 billion euros",
                "indirect",
            )
        ],
    ),
    "told-reporters": (
        "Calling the frozen asset agreement a “significant outcome,” Biden told reporters it was "
        "“another reminder to (Russian President Vladimir) Putin that we’re not backing down.”",
        [
            ("Biden", "Calling", "the frozen asset agreement a “significant outcome", "mixed"),
            ("Biden", "told", None, "mixed"),
        ],
    ),
    "media-reported": (
        "Der Spiegel magazine reported that Germany aims to enhance Ukraine's air defenses by 20% "
        "annually, in terms of both the number of weapons systems and their effectiveness.",
        [
            (
                "Der Spiegel magazine",
                "reported",
                "Germany aims to enhance Ukraine's air defenses by 20% annually, in terms of both the number "
                "of weapons systems and their effectiveness",
                "indirect",
            )
        ],
    ),
    # --- beliefs and intentions
    "belief-thinks": (
        "Anderson largely agreed with McLenny and seemed to think the outreach to black voters was "
        "somewhat phony.",
        [],
    ),
    "belief-wants": (
        "She wants to triple the size of the AmeriCorps program, grow the Peace Corps and create a new "
        "national service reserve program.",
        [("She", "wants", None, "indirect")],
    ),
    "belief-thought": (
        "Melanie thought the whole thing was outrageous.",
        [("Melanie", "thought", "the whole thing was outrageous", "indirect")],
    ),
    # --- positions with noun-phrase content, participles, coordination
    "position-np-participles": (
        "He underscored the UK's steadfast dedication to Ukraine's defense, condemning Russian "
        "aggression and advocating for accountability for President Vladimir Putin's actions.",
        [
            ("He", "underscored", "the UK's steadfast dedication to Ukraine's defense", "indirect"),
            ("He", "condemning", "Russian aggression", "indirect"),
            (
                "He",
                "advocating for",
                "accountability for President Vladimir Putin's actions",
                "indirect",
            ),
        ],
    ),
    "called-for": (
        "U.N. Secretary-General António Guterres called for an immediate end to the war.",
        [
            (
                "U.N. Secretary-General António Guterres",
                "called for",
                "an immediate end to the war",
                "indirect",
            )
        ],
    ),
    "urged-object-to": (
        "Aid groups had urged donors to step up their pledges after the United Nations complained about "
        "the poor level of response to an appeal it made in mid-February for urgent funding.",
        [
            ("Aid groups", "urged", "donors to step up their pledges", "indirect"),
            (
                "the United Nations",
                "complained about",
                "the poor level of response to an appeal it made in mid-February for urgent funding",
                "indirect",
            ),
        ],
    ),
    "apposition-who": (
        "Swedish Prime Minister Ulf Kristersson, who co-chaired the event, said the seven billion euro "
        "pledge sent “one key message, that the people concerned are not alone”.",
        [
            (
                "Swedish Prime Minister Ulf Kristersson",
                "said",
                "the seven billion euro pledge sent “one key message, that the people concerned are not alone",
                "mixed",
            )
        ],
    ),
    "apposition-title": (
        "Achim Steiner, a senior official at the United Nations Development Programme, called the new "
        "commitments “a big step forward”.",
        [("Achim Steiner", "called", "the new commitments “a big step forward", "mixed")],
    ),
    "parenthesis-in-source": (
        "Sen. David Perdue (R-Ga.) said he didn’t believe those characterizations did Romney in in 2012.",
        [
            (
                "Sen. David Perdue (R-Ga.)",
                "said",
                "he didn’t believe those characterizations did Romney in in 2012",
                "indirect",
            ),
            # a belief embedded in reported speech is part of its content (PolNeAR annotates the outer one)
        ],
    ),
    # --- negatives: no source, noun uses, plans that are commitments, names
    "no-source-seen-as": (
        "This move is seen as a significant step in Berlin's continued support for Ukraine after the "
        "United States, with Germany being the largest supplier of military aid to Ukraine following "
        "the conflict's onset.",
        [],
    ),
    "announced-package-is-commitment": (
        "UK Defense Secretary John Healey announced a substantial new military aid package for Ukraine "
        "following discussions with President Volodymyr Zelenskyy and Defense Minister Rustem Umerov in Odesa.",
        [],
    ),
    "plan-is-commitment": (
        "Berlin intends to offer additional weaponry and military training but has thus far refrained "
        "from committing to send peacekeeping troops.",
        [],
    ),
    "scheduled-logistics": (
        "British Prime Minister Keir Starmer is expected to join the meeting via video conference.",
        [],
    ),
    "noun-calls": (
        "George Osborne and William Hague rejected growing calls for a second Commons vote.",
        [
            (
                "George Osborne and William Hague",
                "rejected",
                "growing calls for a second Commons vote",
                "indirect",
            )
        ],
    ),
    "nested-in-quote-not-annotated": (
        "“We will not go into exactly how we will respond, but this will fundamentally change the "
        "nature of the conflict,” he said.",
        [("he", "said", None, "direct")],
    ),
    # --- embedded questions, inverted source after a clause, coordinated predicates
    "said-embedded-question": (
        "Lawmakers said when they would take up the EB-5 reauthorization.",
        [("Lawmakers", "said", "when they would take up the EB-5 reauthorization", "indirect")],
    ),
    # "have not said when ..." makes no claim (session 3: extraction.md "Statements need a
    # claim"; PolNeAR annotates it, the project's gold does not)
    "not-said-is-no-statement": ("Lawmakers have not said when they would take up the bill.", []),
    "clause-then-said-name-with-relative": (
        "Its first national television ad could start this week, said Brian Baker, a longtime political adviser to the Ricketts family who oversees the super PAC's last-minute campaign to stop Clinton.",
        [(None, "said", "Its first national television ad could start this week", "indirect")],
    ),
    "coordinated-predicate-ends-content": (
        "Mr. Trump has attacked loopholes that benefit others, and has called for eliminating the tax treatment of so-called carried interest.",
        [
            ("Mr. Trump", "attacked", "loopholes that benefit others", "indirect"),
            (
                "Mr. Trump",
                "called for",
                "eliminating the tax treatment of so-called carried interest",
                "indirect",
            ),
        ],
    ),
    "quote-signed-with-dash": (
        "“The most unqualified child to ever run for president.” ― Francisco Herrero\n“The Donald has woken communities of color from our slumber.” ― Julie A. Diaz Martinez.\n\nGetty/Instagram.",
        [
            ("Francisco Herrero", "―", "The most unqualified child to ever run for president", "direct"),
            (
                "Julie A. Diaz Martinez",
                "―",
                "The Donald has woken communities of color from our slumber",
                "direct",
            ),
        ],
    ),
    "dash-inside-sentence-is-no-byline": (
        "The phrase “make America great again” ― Trump's slogan ― is everywhere.",
        [],
    ),
    "aside-then-auxiliary-before-cue": (
        "Republican nominee Donald Trump, in particular, has sharply criticized long-standing free-trade deals such as the North American Free Trade Agreement.",
        [
            (
                "Republican nominee Donald Trump",
                "criticized",
                "long-standing free-trade deals such as the North American Free Trade Agreement",
                "indirect",
            )
        ],
    ),
    "gerund-after-preposition-takes-clause-subject": (
        "Dean, a medical doctor, then appeared on MSNBC on Tuesday and began by saying he would never diagnose someone through television.",
        [("Dean", "saying", "he would never diagnose someone through television", "indirect")],
    ),
    "place-phrase-with-commas-before-that": (
        "Clinton says at a campaign stop in Toledo, Ohio, that it means Trump never contributed to Pell Grants.",
        [("Clinton", "says", "it means Trump never contributed to Pell Grants", "indirect")],
    ),
    "passive-with-agent": (
        "The registration issue was first reported by The Washington Post.",
        [("The Washington Post", "reported", "The registration issue", "indirect")],
    ),
    "asked-whether": (
        "Lawmakers asked whether the deals required the recipients to still cooperate with other investigative entities.",
        [
            (
                "Lawmakers",
                "asked",
                "whether the deals required the recipients to still cooperate with other investigative entities",
                "indirect",
            )
        ],
    ),
    "raising-verb-before-cue": (
        "Donald Trump is drawing criticism after he appeared to suggest that veterans who suffer from PTSD might not be as strong as those who don’t.",
        [
            (
                "he",
                "suggest",
                "veterans who suffer from PTSD might not be as strong as those who don’t",
                "indirect",
            )
        ],
    ),
    "has-yet-to-explain": (
        "At the very least, he has yet to explain why these loopholes for real estate developers should be retained.",
        [("he", "explain", "why these loopholes for real estate developers should be retained", "indirect")],
    ),
    "plans-to-is-no-statement": ("Germany plans to announce new aid.", []),
    "contracted-is-before-cue": (
        "But he’s claiming that voting fraud is a big, big problem in this country.",
        [("he", "claiming", "voting fraud is a big, big problem in this country", "indirect")],
    ),
    "year-between-source-and-cue": (
        "Obama has had a frosty relationship with McConnell, now the Senate majority leader, who in 2010 said the GOP's most important goal was to make Obama a one-term president.",
        [("who", "said", "the GOP's most important goal was to make Obama a one-term president", "indirect")],
    ),
    "conjunction-before-appositive-source": (
        "But Megan Hester, senior associate for education organizing at the Annenberg Institute for School Reform, said parents still want neighborhood schools.",
        [(None, "said", "parents still want neighborhood schools", "indirect")],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_construction(name: str) -> None:
    text, expected = CASES[name]
    expected = [e for e in expected if e is not None] + [None] * 0
    got = triples(text)
    if name == "as-x-said":
        # the embedded "does not answer whether" may or may not count; the attribution to police must
        assert got and got[0][:2] == ("police", "said") and got[0][2] == CASES[name][1][0][2]
        return
    check(text, expected)


@pytest.mark.xfail(
    strict=True,
    reason="'the initiative called the “European Sky Shield”' reads as "
    "'X called Y \"Z\"' without a parser (a naming, not a statement)",
)
def test_naming_participle_is_not_a_statement() -> None:
    text = (
        "Estonia was not part of the event but also agreed to be part of the initiative called the "
        "“European Sky Shield.”"
    )
    assert triples(text) == []


@pytest.mark.xfail(
    strict=True,
    reason="'affirmed his statement' refers back to a statement; a noun "
    "phrase content cannot be told from a stance ('reaffirmed his commitment') by rules",
)
def test_reference_to_statement_is_not_a_statement() -> None:
    assert triples("Baerbock affirmed his statement, and left.") == []


# --- quotes over several sentences and paragraphs (extraction.md: continued quotes)

KIJI = (
    "When asked by dpa about the decision at the International Craft Fair in Munich, Scholz said "
    '"this is not something we can provide at this time."\n\n'
    "He had already declared his position about the Taurus systems in the past and has made that "
    "position clear.\n\n"
    '"This is a decision that I made as chancellor and I stand by it just as much."\n\n'
    "An escalation of the war into a war between Russia and NATO must be prevented, the chancellor said.\n\n"
    "\"I agree on this with all my friends in Europe, the United States and elsewhere. And that's why "
    'everything that needs to be said on this subject has been said."'
)


def test_continued_quotes_are_own_statements_with_same_source_and_cue() -> None:
    out = run(KIJI)
    by_content = {s["content"]["text"]: s for s in out}
    first = by_content["this is not something we can provide at this time"]
    cont = by_content["This is a decision that I made as chancellor and I stand by it just as much"]
    # same source and cue spans as the statement it continues (not the 'declared his position' stance)
    assert cont["cue"]["span"] == first["cue"]["span"]
    assert cont["source"]["span"] == first["source"]["span"]
    assert cont["kind"] == "direct"
    later = by_content[
        "I agree on this with all my friends in Europe, the United States and elsewhere. "
        "And that's why everything that needs to be said on this subject has been said"
    ]
    assert later["source"]["text"] == "the chancellor" and later["cue"]["text"] == "said"


def test_quote_split_by_cue_in_one_sentence_is_one_statement() -> None:
    text = (
        "“Every time you say that,” Tester said, referring the the 1 percent excuse, “you give "
        "ammunition to the people who want to break up the big banks.”"
    )
    out = run(text)
    assert len(out) == 1
    assert out[0]["content"]["text"].startswith("Every time you say that")
    assert out[0]["content"]["text"].endswith("break up the big banks")


@pytest.mark.parametrize(
    "text",
    [
        '"We have to be careful," Smith said, "the polls are wrong and the voters know it."',
        "“We have to be careful,” the senator told reporters, “because the polls are wrong.”",
        '"We have to be careful," said Smith, "because the polls are wrong."',
    ],
)
def test_quote_split_with_the_source_first_is_one_statement(text: str) -> None:
    """'"A," Smith said, "B."': the first half is not lost when the cue takes the quote after it."""
    out = run(text)
    assert len(out) == 1
    assert out[0]["content"]["text"].startswith("We have to be careful")
    assert out[0]["content"]["text"].endswith(("the voters know it", "the polls are wrong"))


def test_a_quote_in_an_earlier_sentence_is_not_joined() -> None:
    got = triples('The vote was "a disaster." Smith said, "the polls are wrong and we lost."')
    assert [(src, content) for src, _cue, content, _k in got] == [
        ("Smith", "the polls are wrong and we lost")
    ]


def test_multi_sentence_quote_before_cue_is_one_content() -> None:
    text = (
        '"However, given the high range and accuracy, the delivery of Taurus cruise missiles is only '
        "justified if we can identify and target them ourselves. However, this is not possible "
        'without becoming part of the dispute ourselves," Scholz said.'
    )
    out = run(text)
    assert len(out) == 1
    assert out[0]["content"]["text"].startswith("However, given the high range")
    assert out[0]["content"]["text"].endswith("part of the dispute ourselves")
    assert out[0]["kind"] == "direct" and out[0]["source"]["text"] == "Scholz"


# --- nesting, pronouns, relays


def test_nested_attribution_source_is_inner_and_outer_goes_to_via() -> None:
    (st,) = run(CASES["according-to-nested-via"][0])
    assert st["source"]["text"] == "a government source"
    assert len(st["via"]) == 1 and st["via"][0].endswith("afp")


def test_media_relay_becomes_via_not_a_statement() -> None:
    text = (
        "German Chancellor Olaf Scholz confirmed that he refuses to provide Ukraine with Taurus cruise "
        "missiles, again for fear of escalation, UNN reports with reference to AFP."
    )
    (st,) = run(text)
    assert st["cue"]["text"] == "confirmed"
    assert st["content"]["text"] == (
        "he refuses to provide Ukraine with Taurus cruise missiles, again for fear of escalation"
    )
    assert [v.split(":")[-1] for v in st["via"]] == ["afp", "unn"]


def test_pronoun_source_keeps_its_span() -> None:
    text = "He said the sanctions hitting Iran’s economy would continue."
    (st,) = run(text)
    assert st["source"]["text"] == "He" and st["source"]["span"] == [0, 2]


def test_spans_index_the_body_and_are_in_order() -> None:
    from pathlib import Path

    body = (
        (Path(__file__).resolve().parents[2] / "seeds" / "kiji-scholz-taurus-veto.txt")
        .read_text(encoding="utf-8")
        .partition("\n")[2]
    )
    out = run(body)
    assert len(out) >= 8
    starts = [s["content"]["span"][0] for s in out]
    assert starts == sorted(starts)
    for s in out:
        for part in ("source", "cue", "content"):
            a, b = s[part]["span"]
            assert body[a:b] == s[part]["text"]
        assert s["kind"] in ("direct", "indirect", "mixed")
        assert isinstance(s["via"], list)


def test_empty_and_quote_only_documents() -> None:
    assert run("") == []
    assert run('"') == []
    assert run("“Unclosed quote that runs on and on") == []


class _NullResolver:
    """Times the statement rules alone (actor resolution is measured by its own tests)."""

    def resolve(self, start: int, end: int) -> ActorRef:
        return ActorRef(actor=None)


def test_work_is_linear_enough() -> None:
    small = get_nlp()((KIJI + "\n\n") * 5)
    big = get_nlp()((KIJI + "\n\n") * 80)
    find_statements(get_nlp()(KIJI), _NullResolver())  # type: ignore[arg-type]  # tables load once
    found: dict[str, int] = {}
    work_small = lines_executed(
        lambda: found.__setitem__("small", len(find_statements(small, _NullResolver())))  # type: ignore[arg-type]
    )
    work_big = lines_executed(
        lambda: found.__setitem__("big", len(find_statements(big, _NullResolver())))  # type: ignore[arg-type]
    )
    assert found["big"] == 16 * found["small"]
    # 16x the text: a quadratic rule would do ~256x the work; linear is ~16x
    assert work_big < 24 * work_small, (work_small, work_big)


@pytest.mark.parametrize(
    "text",
    [
        # a denied or declined cue makes no claim (extraction.md "Statements need a claim")
        "The minister declined to say whether Ottawa would send more instructors.",
        "Madrid has not said whether it would join the mission.",
        "The spokesman refused to comment on the talks.",
        # a cue learned from PolNeAR behind a bare relative pronoun is an event, not speech
        "Lisbon, which has pressed for a deal for years, hosted the summit.",
        "The diplomats who signed both agreements left on Friday.",
    ],
)
def test_no_claim_no_statement(text: str) -> None:
    assert run(text) == []


def test_a_said_claim_beside_a_declined_one_is_kept() -> None:
    got = triples(
        "The minister declined to say whether Ottawa would send instructors, but she "
        "said that Canada would keep its embassy open."
    )
    assert [(cue, content) for _src, cue, content, _kind in got] == [
        ("said", "Canada would keep its embassy open")
    ]


def test_content_ends_before_a_new_named_subject() -> None:
    """ "..., and Berlin intends to ..." starts the narrator's next clause; ", and that ..." and
    a named noun phrase inside the content do not end it."""
    got = [
        (cue, content)
        for _s, cue, content, _k in triples(
            "The minister said the plan would fail, and Paris will not take part."
        )
    ]
    assert got == [("said", "the plan would fail")]
    got = [
        (cue, content)
        for _s, cue, content, _k in triples(
            "Novak believes a force without American backing would lack teeth, and Vienna "
            "intends instead to pay for radars."
        )
    ]
    assert got == [("believes", "a force without American backing would lack teeth")]
    got = [
        content
        for _s, _c, content, _k in triples("She said the talks were useful, and that more would follow.")
    ]
    assert got == ["the talks were useful, and that more would follow"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after "C, X said," an appositive or a participle is the writer's addition, not C
        (
            "The United States will sell Taiwan missiles, the State Department said on Thursday, "
            "a move that drew a rebuke from Beijing.",
            ("the State Department", "The United States will sell Taiwan missiles"),
        ),
        (
            "The United States will sell Taiwan missiles, the State Department said, a move that "
            "drew a rebuke from Beijing.",
            ("the State Department", "The United States will sell Taiwan missiles"),
        ),
        (
            "The Emirates has declined to contribute, a Gulf diplomat said, pointing to uncertainty "
            "over the sanctions.",
            ("a Gulf diplomat", "The Emirates has declined to contribute"),
        ),
        # ... but a clause interrupted by its attribution stays whole
        (
            "During his years in office, Mr. Obama said, a majority of Americans have come to "
            "believe that it is real.",
            (
                "Mr. Obama",
                "During his years in office, Mr. Obama said, a majority of Americans have come to "
                "believe that it is real",
            ),
        ),
        (
            "Though the transition was seamless, he said, replacing the leader would be much more "
            "acrimonious.",
            (
                "he",
                "Though the transition was seamless, he said, replacing the leader would be much "
                "more acrimonious",
            ),
        ),
    ],
)
def test_writer_additions_after_the_attribution(text: str, expected: tuple[str, str]) -> None:
    got = [(src, content) for src, _cue, content, _k in triples(text)]
    assert got[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Emirates has declined to contribute, a Gulf diplomat cited by Reuters said.",
        "A Gulf diplomat cited by Reuters said the Emirates has declined to contribute.",
        "The Emirates has declined to contribute, a Gulf diplomat quoted by Reuters said on Monday.",
    ],
)
def test_a_source_cited_by_a_news_agency(text: str) -> None:
    """The inner source speaks; the agency that cites it is the `via` (extraction.md)."""
    out = run(text)
    assert len(out) == 1
    assert out[0]["source"]["text"].lower() == "a gulf diplomat"
    assert out[0]["via"] == ["media:reuters"]
    assert out[0]["content"]["text"].lower() == "the emirates has declined to contribute"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place after the source's head is part of it
        (
            "Japan will provide aid, the Japanese embassy in Kabul said in a statement.",
            ("the Japanese embassy in Kabul", "said", "Japan will provide aid"),
        ),
        (
            "The EU is expected to follow with its own measures next month, diplomats in Brussels said.",
            (
                "diplomats in Brussels",
                "said",
                "The EU is expected to follow with its own measures next month",
            ),
        ),
        # "told reporters, adding that B": the told content is the clause before
        (
            "Norway will give aid, Haugland told the conference, adding that Oslo would host the next "
            "meeting.",
            ("Haugland", "told", "Norway will give aid"),
        ),
        # a bare form of a cue word inside the source modifies it ("state media")
        (
            "Turkey offered to build 20,000 prefabricated homes, Egyptian state media reported.",
            ("Egyptian state media", "reported", "Turkey offered to build 20,000 prefabricated homes"),
        ),
    ],
)
def test_sources_with_places_addressees_and_modifiers(text: str, expected: tuple) -> None:
    got = [(src, cue, content) for src, cue, content, _k in triples(text)]
    assert got[0] == expected


def test_the_taggers_content_stays_in_the_cues_sentence() -> None:
    """A statement's content found by the tagger reaches into its cue's sentence: the object of
    the next sentence's "announced" is not what the embassy said."""
    got = triples(
        "Japan will provide 1.5 billion yen in emergency grant aid, including tents, blankets and "
        "water purification kits, the Japanese embassy in Kabul said in a statement. The European "
        "Union announced 25 million euros in humanitarian assistance."
    )
    assert ("the Japanese embassy in Kabul", "said") == got[0][:2]
    assert got[0][2].startswith("Japan will provide 1.5 billion yen")
    assert not any("25 million euros" in content for src, _c, content, _k in got if "embassy" in src)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun-phrase content of a position cue ends where a new clause begins
        (
            "Senator Warren attacked the bank's chief executive, arguing that he had failed.",
            ("attacked", "the bank's chief executive"),
        ),
        (
            "The governor called for an inquiry into the shooting because the video was unclear.",
            ("called for", "an inquiry into the shooting"),
        ),
        # a that-clause of a speech cue keeps its commas
        (
            "The minister said the talks, which began in May, were useful.",
            ("said", "the talks, which began in May, were useful"),
        ),
    ],
)
def test_noun_phrase_contents_end_at_a_new_clause(text: str, expected: tuple[str, str]) -> None:
    got = [(cue, content) for _src, cue, content, _k in triples(text)]
    assert got[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Caribbean Development Bank approved $50 million to rebuild roads in Jamaica.",
        "A further 40 million Canadian dollars was pledged by Ottawa for emergency shelter in Jamaica.",
    ],
)
def test_an_undertaking_without_a_claim_is_no_statement(text: str) -> None:
    """extraction.md: "Y pledged $1bn" is a commitment only; "X announced that ..." is a
    statement too."""
    assert run(text) == []
    got = triples("The ministry announced that it would send tanks to Jamaica.")
    assert [(cue, content) for _s, cue, content, _k in got] == [
        ("announced", "it would send tanks to Jamaica")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the content's own subject is not the addressee
        ("He told Reuters the plan would fail.", ("He", "told", "the plan would fail")),
        (
            "Moreau told parliament France would send up to 2,000 soldiers, but only if two "
            "conditions were met.",
            (
                "Moreau",
                "told",
                "France would send up to 2,000 soldiers, but only if two conditions were met",
            ),
        ),
        # the writer's next clause about the source is not what was told
        (
            "The minister told reporters his country would never be a border guard, and he also "
            "refused to take back migrants.",
            ("The minister", "told", "his country would never be a border guard"),
        ),
        # an office "to the AU" belongs to the source
        (
            "Britain will contribute 12 million pounds, Britain's ambassador to the AU said.",
            ("Britain's ambassador to the AU", "said", "Britain will contribute 12 million pounds"),
        ),
    ],
)
def test_addressees_conditions_and_offices(text: str, expected: tuple) -> None:
    got = [(src, cue, content) for src, cue, content, _k in triples(text)]
    assert got[0] == expected


def test_a_quote_goes_on_even_when_the_next_sentence_says_more() -> None:
    got = triples(
        '"This is the last programme," Mahmood said on Saturday. "We will not come back to the '
        'Fund again." He said the budget would raise 1.7 trillion rupees.'
    )
    assert [content for _s, _c, content, _k in got] == [
        "This is the last programme",
        "We will not come back to the Fund again",
        "the budget would raise 1.7 trillion rupees",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "South Korea offered to supply battery storage, two people with knowledge of the proposal said.",
            (
                "two people with knowledge of the proposal",
                "said",
                "South Korea offered to supply battery storage",
            ),
        ),
        (
            "The talks will resume, sources familiar with the matter said.",
            ("sources familiar with the matter", "said", "The talks will resume"),
        ),
        (
            "France will keep two frigates in the area, the French armed forces ministry said.",
            ("the French armed forces ministry", "said", "France will keep two frigates in the area"),
        ),
        # what follows is the writer's: a new clause after "said,", an addressee after "told"
        (
            "France will keep two frigates in the area, the ministry said, and Greece has agreed to "
            "host the headquarters.",
            ("the ministry", "said", "France will keep two frigates in the area"),
        ),
        (
            "The ships will be assembled in Perth, Morimoto told a joint news conference.",
            ("Morimoto", "told", "The ships will be assembled in Perth"),
        ),
    ],
)
def test_anonymous_sources_and_what_follows_the_cue(text: str, expected: tuple) -> None:
    got = [(src, cue, content) for src, cue, content, _k in triples(text)]
    assert got[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The aid was pledged by",
        "The plan was approved by",
        "was pledged by the",
        "Germany said",
        'He said, "',
        "according to",
        "Tokyo will",
    ],
)
def test_a_text_cut_short_after_a_cue_extracts_without_error(text: str) -> None:
    """An article ending right after a cue ("... was pledged by") must not raise: the run
    would lose the article's every row."""
    from pipeline.extract import extract_document

    out = extract_document(text, doc_id="t")
    assert out["body"] == text and isinstance(out["statements"], list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing objected to closer defence ties between the two allies.",
            ("Beijing", "objected to", "closer defence ties between the two allies"),
        ),
        (
            "Moscow protested the deployment of missiles in Poland.",
            ("Moscow", "protested", "the deployment of missiles in Poland"),
        ),
    ],
)
def test_more_positions(text: str, expected: tuple) -> None:
    got = [(src, cue, content) for src, cue, content, _k in triples(text)]
    assert got[0] == expected
