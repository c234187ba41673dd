"""Commitment rules (pipeline/extract/commitments.py), table-driven over news sentences.

Each case is (text, expected) with expected a list of
(committer, category, modality, polarity, recipient) in order; negatives expect [].
Sentences are news-style reports of pledges, refusals and non-commitments (from
the dev articles and from wire-style reporting on aid, sanctions and troops).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.actors import ActorResolver
from pipeline.extract.commitments import find_commitments
from pipeline.nlp import get_nlp


def run(text: str, statements: list[dict] | None = None) -> list[dict]:
    doc = get_nlp()(text)
    return find_commitments(doc, ActorResolver(doc), statements or [])


def rows(text: str) -> list[tuple]:
    return [(c["committer"], c["category"], c["modality"], c["polarity"], c["recipient"]) for c in run(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # modal auxiliaries
        (
            "Germany will propose assistance to bolster Ukraine's air defenses as part of future security guarantees.",
            [("deu", "military_equipment", "proposal", "positive", "ukr")],
        ),
        (
            "Britain will not launch military strikes against Syria, even if the regime carries out further attacks.",
            [("gbr", "troops", "refusal", "negative", "syr")],
        ),
        (
            "Australia will provide an additional A$250 million ($165 million) in military aid to Ukraine, "
            "Prime Minister Anthony Albanese said.",
            [("aus", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Canada announced it will deliver 50 armoured vehicles to Kyiv next month.",
            [("can", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Germany will continue to train Ukrainian soldiers and work on integrating arms production between "
            "Ukraine and the rest of Europe more closely.",
            [
                ("deu", "training", "continuation", "positive", "ukr"),
                ("deu", "industrial", "continuation", "positive", "ukr"),
            ],
        ),
        (
            "The EU will also provide 500 million euros annually to help Ukraine rebuild its energy infrastructure.",
            [("eu", "humanitarian", "pledge", "positive", "ukr")],
        ),
        (
            "“We will not send our soldiers to Ukraine,” French President Emmanuel Macron told reporters.",
            [("fra", "troops", "refusal", "negative", "ukr")],
        ),
        # verbs and adjectives with a to-infinitive
        (
            "Berlin intends to offer additional weaponry and military training.",
            [
                ("deu", "military_equipment", "intention", "positive", None),
                ("deu", "training", "intention", "positive", None),
            ],
        ),
        (
            "Furthermore, Berlin plans to provide equipment for four mechanized Ukrainian infantry brigades.",
            [("deu", "military_equipment", "plan", "positive", "ukr")],
        ),
        (
            "France has refused to send troops to Ukraine.",
            [("fra", "troops", "refusal", "negative", "ukr")],
        ),
        (
            "The European Union is ready to impose further sanctions on Russia if it escalates the conflict.",
            [("eu", "sanctions", "offer", "positive", "rus")],
        ),
        (
            "China vowed to retaliate against the new US tariffs.",
            [("chn", "other", "pledge", "positive", "usa")],
        ),
        (
            "The IMF agreed to lend Argentina $44 billion over 30 months.",
            [("imf", "financial", "pledge", "positive", "arg")],
        ),
        (
            "Leaders of the Group of Seven major democracies agreed on an outline deal on Thursday to provide "
            "$50 billion of loans for Ukraine.",
            [("g7", "financial", "pledge", "positive", "ukr")],
        ),
        (
            "Western allies led by Germany have agreed to bolster Ukraine's air defense by providing additional "
            "anti-aircraft systems.",
            [("nato", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Germany and several other NATO partners have agreed to jointly procure air defense systems for Ukraine.",
            [("deu", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Germany has thus far refrained from committing to send peacekeeping troops.",
            [("deu", "troops", "refusal", "negative", None)],
        ),
        (
            "Britain rules out sending ground troops to Ukraine.",
            [("gbr", "troops", "refusal", "negative", "ukr")],
        ),
        # nouns with a to-infinitive
        (
            "German Chancellor Olaf Scholz on Friday once again defended his refusal to send Taurus cruise missiles "
            "to Ukraine.",
            [("deu", "military_equipment", "refusal", "negative", "ukr")],
        ),
        (
            "US Secretary of commerce Wilbur Ross stressed President Trump's strong commitment to prevent Iran from "
            "developing a nuclear weapon.",
            [("usa", "other", "pledge", "positive", "irn")],
        ),
        # the verb is the undertaking
        (
            "Donors on Monday pledged seven billion euros to help Turkey and Syria recover from the earthquake.",
            [("donors", "humanitarian", "pledge", "positive", "turkey_and_syria")],
        ),
        (
            "The United Arab Emirates and Kuwait pledged $200 million each to the reconstruction fund.",
            [
                ("are", "humanitarian", "pledge", "positive", None),
                ("kwt", "humanitarian", "pledge", "positive", None),
            ],
        ),
        (
            "The World Bank approved a $1.5 billion loan for Ukraine's budget.",
            [("world_bank", "financial", "pledge", "positive", "ukr")],
        ),
        (
            "USA imposed on Monday new package of sanctions on Iran.",
            [("usa", "sanctions", "pledge", "positive", "irn")],
        ),
        (
            "Ukrainian President Volodymyr Zelenskiy signed a new, long-term security accord with U.S. President "
            "Joe Biden after talks.",
            [("usa", "security_guarantee", "pledge", "positive", "ukr")],
        ),
        (
            "The Netherlands and Denmark said they would deliver F-16 fighter jets once Ukrainian pilots complete "
            "their training.",
            [
                ("nld", "military_equipment", "pledge", "positive", "ukr"),
                ("dnk", "military_equipment", "pledge", "positive", "ukr"),
            ],
        ),
        (
            "The European Union on Wednesday agreed a 14th package of sanctions against Russia.",
            [("eu", "sanctions", "pledge", "positive", "rus")],
        ),
        (
            "Tokyo would also extend a loan of $1 billion to help rebuild Ukraine's power grid.",
            [("jpn", "financial", "pledge", "positive", "ukr")],
        ),
        (
            "Britain does not plan to send troops to Ukraine itself, a government spokesman said.",
            [("gbr", "troops", "refusal", "negative", "ukr")],
        ),
        (
            "US President Joe Biden spoke on Monday. The Biden administration announced $2 billion in new "
            "military aid for Ukraine on Tuesday.",
            [("usa", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "The German government will provide another 500 million euros in military aid to Ukraine.",
            [("deu", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Rich nations pledged $300 billion a year in climate finance for developing countries by 2035.",
            [("donors", "financial", "pledge", "positive", None)],
        ),
        (
            "The UK will contribute £1.62 billion to the Green Climate Fund.",
            [("gbr", "financial", "pledge", "positive", "gcf")],
        ),
        (
            "Gulf states have promised $500 million for Gaza's reconstruction.",
            [("donors", "humanitarian", "pledge", "positive", "pse")],
        ),
        (
            "Germany is to deliver 20 more Marder infantry fighting vehicles to Ukraine.",
            [("deu", "military_equipment", "plan", "positive", "ukr")],
        ),
        (
            "The United States will be providing $300 million in security assistance to Kyiv.",
            [("usa", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Germany's pledge of 1 billion euros for Ukraine's air defence was welcomed by Kyiv.",
            [("deu", "military_equipment", "pledge", "positive", "ukr")],
        ),
        (
            "Canada announced plans to send 15 instructors to train Ukrainian soldiers.",
            [("can", "training", "plan", "positive", "ukr")],
        ),
        # passives and threats take the speaker
        (
            "Separate sanctions would also be imposed against Iran's steel and iron sectors, US Treasury "
            "Secretary Steven Mnuchin said.",
            [("usa", "sanctions", "pledge", "positive", "irn")],
        ),
        (
            "NATO Secretary-General Jens Stoltenberg added that there would be “severe consequences” should Russia "
            "resort to using nuclear weapons.",
            [("nato", "other", "pledge", "positive", "rus")],
        ),
        (
            "Russia's foreign ministry said Moscow’s response would be very painful for the European Union.",
            [("rus", "other", "pledge", "positive", "eu")],
        ),
        # not commitments
        ("Poland has delivered 14 Leopard tanks to Ukraine.", []),
        ("Zelensky called on allies to provide more air defense systems.", []),
        ("Germany and France are discussing a joint air defence initiative.", []),
        ("Ukrainian President Volodymyr Zelensky will attend the Paris meeting.", []),
        (
            "British Prime Minister Keir Starmer is expected to join the meeting via video conference.",
            [],
        ),
        ("Lithuania said it was considering sending instructors to train Ukrainian troops.", []),
        (
            "The United States has provided more than $60 billion in military aid since the war began.",
            [],
        ),
        (
            "Asked about how the Government would respond to a worsening situation in Syria, he replied.",
            [],
        ),
        ("The Chancellor said David Cameron would not call another Commons vote on the issue.", []),
        ("Germany said it stands with Ukraine.", []),
        ("The campaign planned to bus in supporters to stage a protest.", []),
        ("He favored imposing heavy tariffs on China to punish Beijing.", []),
        ("The aim is to provide more weapons.", []),
        ("A pledge of support was made by many.", []),
        (
            "Rubio says he opposes gun violence but that the president’s plans won’t help prevent it.",
            [],
        ),
        (
            "Italian Prime Minister Giorgia Meloni said Rome was ready to host a reconstruction conference.",
            [],
        ),
    ],
)
def test_commitments(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_fields_and_spans() -> None:
    text = (
        "Germany aims to enhance Ukraine's air defenses by 20% annually, in terms of both number and quality."
    )
    (c,) = run(text)
    assert c["action"] == "enhance"
    assert c["evidence"]["text"].startswith("Germany aims to enhance Ukraine's air defenses by 20% annually")
    s, e = c["evidence"]["span"]
    assert text[s:e] == c["evidence"]["text"]
    assert c["quantities"] == [{"value": 20, "unit": "percent", "per": "year", "text": "20% annually"}]
    assert c["statement"] is None and c["conditions"] == []


def test_conditions_attach() -> None:
    text = (
        "a grouping of states aiming to demonstrate to U.S. President Donald Trump the coalition of the "
        "willing's readiness to offer security guarantees to Ukraine, provided Washington offers "
        "sufficient backing and exerts pressure on Russia."
    )
    (c,) = run(text)
    assert (c["committer"], c["category"], c["modality"]) == (
        "coalition_of_the_willing",
        "security_guarantee",
        "offer",
    )
    assert [x["text"] for x in c["conditions"]] == [
        "provided Washington offers sufficient backing",
        "exerts pressure on Russia",
    ]


def test_enumerated_conditions_go_to_the_actors_proposals() -> None:
    text = (
        "Berlin intends to offer additional weaponry but has thus far refrained from committing to send "
        "peacekeeping troops.\nThe German proposal comes with three major conditions: first, that the "
        "United States also participates in offering security guarantees; second, that Russia engages in "
        "negotiations; and third, that there is support from the German parliament."
    )
    offer, refusal = run(text)
    assert offer["polarity"] == "positive" and len(offer["conditions"]) == 3
    assert refusal["polarity"] == "negative" and refusal["conditions"] == []


def test_restatements_are_mentions() -> None:
    text = (
        "UK Defense Secretary John Healey announced a substantial new military aid package for Ukraine. "
        "The aid package includes additional artillery guns, a quarter-million rounds of ammunition, and "
        "nearly 100 precision Brimstone missiles, as outlined in a government statement."
    )
    (c,) = run(text)
    assert [(q["value"], q["unit"]) for q in c["quantities"]] == [
        (250000, "round"),
        (100, "missile"),
    ]
    assert c["mentions"][0]["text"].startswith("The aid package includes")


def test_it_includes_details_the_package() -> None:
    text = (
        "The United States announced a $400 million military aid package for Ukraine. "
        "It includes 12 howitzers and 2,000 anti-tank missiles."
    )
    (c,) = run(text)
    assert [(q["value"], q["unit"]) for q in c["quantities"]] == [
        (400000000, "usd"),
        (12, "howitzer"),
        (2000, "missile"),
    ]


def test_refusal_restated_is_one_row() -> None:
    text = (
        "German Chancellor Olaf Scholz defended his refusal to send Taurus cruise missiles to Ukraine. "
        "Coalition partners have criticized Scholz for his refusal to send the missiles."
    )
    (c,) = run(text)
    assert len(c["mentions"]) == 1


def test_statement_index() -> None:
    text = "Der Spiegel magazine reported that Germany aims to enhance Ukraine's air defenses."
    i = text.index("Germany")
    st = [
        {
            "source": {"span": [0, 20]},
            "cue": {"span": [21, 29]},
            "content": {"span": [i, len(text) - 1]},
        }
    ]
    (c,) = run(text, st)
    assert c["statement"] == 0


SEED = Path(__file__).resolve().parents[3] / "shared" / "gold" / "dev"


@pytest.mark.skipif(not (SEED / "seed.json").exists(), reason="gold seed not available")
def test_seed_every_gold_commitment_found() -> None:
    gold = json.loads((SEED / "seed.json").read_text(encoding="utf-8"))
    got = run(gold["body"])
    for g in gold["commitments"]:
        gs, ge = g["evidence"]["span"]
        hits = [
            c
            for c in got
            if c["committer"] == g["committer"]
            and c["category"] == g["category"]
            and c["evidence"]["span"][0] < ge
            and gs < c["evidence"]["span"][1]
        ]
        assert hits, g["evidence"]["text"]
    assert len(got) == len(gold["commitments"])


def test_only_candidate_sentences_are_parsed() -> None:
    """Parsing cost grows with the sentences that may hold an undertaking, not with the
    article: a long article with one pledge parses a handful of sentences (the speed itself
    is measured by `pledgewatch bench`, not by a test)."""
    from pipeline.nlp import PARSES_KEY

    filler = "The weather in the capital was mild and the markets were quiet. "
    text = filler * 200 + "Germany will provide tanks to Ukraine. " + filler * 200
    doc = get_nlp()(text)
    rows = find_commitments(doc, ActorResolver(doc), [])
    assert [(r["committer"], r["recipient"]) for r in rows] == [("deu", "ukr")]
    parsed = doc.user_data.get(PARSES_KEY) or {}
    assert 1 <= len(parsed) <= 3 < len(list(doc.sents))


@pytest.mark.xfail(strict=True, reason="'we' speaking for a named initiative resolves to the speaker's state")
def test_we_for_an_initiative() -> None:
    text = (
        "Estonia also agreed to be part of the initiative called the “European Sky Shield.” “We will work "
        "speedily on our first joint projects, the joint purchase of Patriot units,” Lambrecht told reporters."
    )
    assert ("european_sky_shield", "military_equipment") in [
        (c["committer"], c["category"]) for c in run(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kyiv's partners pledged to keep up their military support.",
            [("donors", "military_equipment", "continuation", "positive", "ukr")],
        ),
        # no category cue at all: general solidarity is not extracted
        ("Kyiv's partners pledged to keep up their support.", []),
    ],
)
def test_support_pledges(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_passive_detail_without_committer() -> None:
    text = (
        "International donors pledged more than $2 billion in aid to Gaza on Sunday. "
        "Funds will be distributed over two years, with the possibility of an extension."
    )
    (c,) = run(text)
    assert (2, "year") in [(q["value"], q["unit"]) for q in c["quantities"]]


# Generalisation cases: wire-style sentences written for the language patterns
# the dev articles under-represent (category by context, offer/plan wordings,
# second undertakings, refusals with other verbs, predictions that are not pledges).
GENERAL_CASES = [
    # 1. category from context beyond the money phrase
    (
        "Japan promised a further $70 million, mostly for food and medicine for displaced families.",
        [("jpn", "humanitarian", "pledge", "positive", None)],
    ),
    (
        "Sweden pledged 300 million crowns, largely for shelter and clean water in Sudan.",
        [("swe", "humanitarian", "pledge", "positive", "sdn")],
    ),
    (
        "Washington will provide $2 billion in foreign military financing to Taiwan.",
        [("usa", "military_equipment", "pledge", "positive", "twn")],
    ),
    (
        "The State Department said it would release $400 million in foreign military financing for Egypt.",
        [("usa", "military_equipment", "pledge", "positive", "egy")],
    ),
    (
        "Italy will send four Eurofighter jets to Poland for air policing over the Baltic.",
        [("ita", "troops", "pledge", "positive", "pol")],
    ),
    (
        "France will deploy two frigates to the Red Sea for a naval mission protecting shipping.",
        [("fra", "troops", "pledge", "positive", None)],
    ),
    # 2. offer and plan wordings
    (
        "Poland offered to send more MiG-29 fighter jets to Ukraine.",
        [("pol", "military_equipment", "offer", "positive", "ukr")],
    ),
    (
        "South Korea has offered to lend 500,000 artillery shells to the United States.",
        [("kor", "military_equipment", "offer", "positive", "usa")],
    ),
    (
        "Turkey offered to export more drones to Azerbaijan.",
        [("tur", "military_equipment", "offer", "positive", "aze")],
    ),
    (
        "Qatar has offered to mediate between Israel and Hamas.",
        [("qat", "diplomatic", "offer", "positive", "isr")],
    ),
    (
        "Tokyo has offered to lend Kyiv 200 billion yen to rebuild its energy grid.",
        [("jpn", "financial", "offer", "positive", "ukr")],
    ),
    (
        "India said it was ready to send wheat to Afghanistan.",
        [("ind", "humanitarian", "offer", "positive", "afg")],
    ),
    (
        "Canada will also lead a NATO battlegroup in Latvia.",
        [("can", "troops", "pledge", "positive", "lva")],
    ),
    (
        "The European Commission is to disburse 4.2 billion euros to Ukraine next month.",
        [("eu", "financial", "plan", "positive", "ukr")],
    ),
    (
        "Norway's defence minister said Oslo was ready to send air defence systems to Ukraine.",
        [("nor", "military_equipment", "offer", "positive", "ukr")],
    ),
    (
        "Spain is to deliver six Leopard tanks to Ukraine this spring.",
        [("esp", "military_equipment", "plan", "positive", "ukr")],
    ),
    (
        "Britain would also lead a naval mission to clear mines in the Black Sea.",
        [("gbr", "troops", "pledge", "positive", None)],
    ),
    (
        "Poland would be willing to send more tanks to Ukraine.",
        [("pol", "military_equipment", "offer", "positive", "ukr")],
    ),
    (
        "Britain would be prepared to deploy troops to Ukraine as part of a peace deal.",
        [("gbr", "troops", "offer", "positive", "ukr")],
    ),
    (
        "Seoul signed a deal to supply 180 K2 tanks to Poland.",
        [("kor", "military_equipment", "pledge", "positive", "pol")],
    ),
    (
        "Poland and South Korea are in talks on a deal to supply more tanks.",
        [],
    ),
    # 3. second undertaking in the same sentence
    (
        "Canada said it would provide CAD 40 million for demining in Ukraine and would train Ukrainian deminers "
        "in Poland.",
        [
            ("can", "humanitarian", "pledge", "positive", "ukr"),
            ("can", "training", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "The Netherlands will buy ammunition for Ukraine and said it would fund the repair of damaged howitzers.",
        [
            ("nld", "military_equipment", "pledge", "positive", "ukr"),
            ("nld", "military_equipment", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Germany will not send Taurus missiles but will provide more air defence systems to Ukraine.",
        [
            ("deu", "military_equipment", "refusal", "negative", "ukr"),
            ("deu", "military_equipment", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Japan refused to supply weapons and instead pledged $500 million in humanitarian aid to Ukraine.",
        [
            ("jpn", "military_equipment", "refusal", "negative", "ukr"),
            ("jpn", "humanitarian", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Canada pledged $60 million for Ukraine's energy sector and said it would send 20 generators.",
        [
            ("can", "financial", "pledge", "positive", "ukr"),
            ("can", "humanitarian", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Italy ruled out sending troops but offered to train Ukrainian soldiers in Italy.",
        [
            ("ita", "troops", "refusal", "negative", "ukr"),
            ("ita", "training", "offer", "positive", "ukr"),
        ],
    ),
    (
        "France will send Mirage jets to Ukraine. It will also train Ukrainian pilots.",
        [
            ("fra", "military_equipment", "pledge", "positive", "ukr"),
            ("fra", "training", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Germany pledged 50 tanks to Ukraine. It also promised $200 million in humanitarian aid.",
        [
            ("deu", "military_equipment", "pledge", "positive", "ukr"),
            ("deu", "humanitarian", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Ukraine welcomed the aid. It will use the money to pay salaries.",
        [],
    ),
    (
        "Japan, which is barred by law from exporting lethal weapons, declined to commit to supplying "
        "artillery shells but said it was ready to provide helmets and other non-lethal equipment to Ukraine.",
        [
            ("jpn", "military_equipment", "refusal", "negative", "ukr"),
            ("jpn", "military_equipment", "offer", "positive", "ukr"),
        ],
    ),
    (
        "Kishida said Japan would also send generators to Ukraine, and would host a conference on "
        "reconstruction next year.",
        [("jpn", "humanitarian", "pledge", "positive", "ukr")],
    ),
    (
        "Orban said Budapest would not send weapons to Ukraine and would not take part in the training mission.",
        [
            ("hun", "military_equipment", "refusal", "negative", "ukr"),
            ("hun", "training", "refusal", "negative", "ukr"),
        ],
    ),
    (
        "Scholz said Berlin was ready to do more and would double its military aid to Ukraine next year.",
        [("deu", "military_equipment", "pledge", "positive", "ukr")],
    ),
    # 4. refusals and continuations with other verbs
    (
        "Austria declined to commit troops to the proposed peacekeeping force.",
        [("aut", "troops", "refusal", "negative", None)],
    ),
    (
        "Hungary will not join the European Union's ammunition initiative for Ukraine.",
        [("hun", "military_equipment", "refusal", "negative", "ukr")],
    ),
    (
        "Sweden will not resume funding for the agency until an investigation is complete.",
        [("swe", "financial", "refusal", "negative", None)],
    ),
    (
        "Sweden will not resume payments to the agency until the audit is finished.",
        [("swe", "financial", "refusal", "negative", None)],
    ),
    (
        "Norway said it would continue funding the UN agency for Palestinian refugees.",
        [("nor", "humanitarian", "continuation", "positive", "unrwa")],
    ),
    (
        "The European Union will continue supporting Moldova's budget with grants.",
        [("eu", "financial", "continuation", "positive", "mda")],
    ),
    (
        "Greece has refused to take part in the naval mission.",
        [("grc", "troops", "refusal", "negative", None)],
    ),
    (
        "Washington said it would keep funding Kyiv's air defences.",
        [("usa", "military_equipment", "continuation", "positive", "ukr")],
    ),
    (
        "The Netherlands is set to deliver the first F-16s to Ukraine next month.",
        [("nld", "military_equipment", "plan", "positive", "ukr")],
    ),
    (
        "Britain stands ready to send peacekeepers to Ukraine.",
        [("gbr", "troops", "offer", "positive", "ukr")],
    ),
    (
        "Germany is still weighing whether to send Taurus missiles.",
        [],
    ),
    # 5. predictions, evaluations and undecided positions are not pledges
    (
        "The finance minister said the pledges would help close a budget gap of $5 billion.",
        [],
    ),
    (
        "Egypt believes the conference will pave the way for a lasting ceasefire.",
        [],
    ),
    (
        "Germany would wait for the outcome of its budget review before deciding on new aid.",
        [],
    ),
    (
        "Analysts expect the package will strengthen Ukraine's air defences.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GENERAL_CASES)
def test_general_patterns(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


GENERAL_CASES_2 = [
    # 1. purpose stated in an earlier sentence about the same fund
    (
        "Floods have displaced 300,000 people in Pakistan. The Asian Development Bank pledged $50 million "
        "to the emergency fund.",
        [("adb", "humanitarian", "pledge", "positive", "pak")],
    ),
    (
        "The appeal will pay for tents, blankets and food for quake survivors. Kuwait pledged $30 million to "
        "the appeal on Monday.",
        [("kwt", "humanitarian", "pledge", "positive", None)],
    ),
    (
        "Kenya's budget deficit widened last year. The IMF pledged $1 billion to the facility.",
        [("imf", "financial", "pledge", "positive", "ken")],
    ),
    # purpose after a comma, in a relative clause, or shared by a run of bare pledges
    (
        "Donors pledged $1.2 billion for Sudan, where a year of war has displaced 8 million people.",
        [("donors", "humanitarian", "pledge", "positive", "sdn")],
    ),
    (
        "The United States promised $100 million in food aid for Sudan. Britain said it would give "
        "£89 million, and the European Union pledged 350 million euros.",
        [
            ("usa", "humanitarian", "pledge", "positive", "sdn"),
            ("gbr", "humanitarian", "pledge", "positive", "sdn"),
            ("eu", "humanitarian", "pledge", "positive", "sdn"),
        ],
    ),
    (
        "Germany will send 20 tanks to Ukraine. Britain announced 100 million pounds for Ukraine's budget.",
        [
            ("deu", "military_equipment", "pledge", "positive", "ukr"),
            ("gbr", "financial", "pledge", "positive", "ukr"),
        ],
    ),
    # 2. the package also includes training
    (
        "Germany will send 10 howitzers to Ukraine. The package also includes training for Ukrainian "
        "artillery crews.",
        [
            ("deu", "military_equipment", "pledge", "positive", "ukr"),
            ("deu", "training", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Denmark said it was ready to send F-16 pilots' instructors to Romania.",
        [("dnk", "training", "offer", "positive", "rou")],
    ),
    # 4. refusals with other verbs
    (
        "Japan declined to commit funds to the new reconstruction facility.",
        [("jpn", "humanitarian", "refusal", "negative", None)],
    ),
    (
        "Turkey will not join Western sanctions against Russia.",
        [("tur", "sanctions", "refusal", "negative", "rus")],
    ),
    (
        "Washington will not resume arms sales to Riyadh until the investigation is complete.",
        [("usa", "military_equipment", "refusal", "negative", "sau")],
    ),
    # 5. predictions and evaluations are not pledges
    (
        "The World Bank approved a $500 million loan that officials said would support reforms in Kenya.",
        [("world_bank", "financial", "pledge", "positive", "ken")],
    ),
    (
        "Kenya's finance minister said the loan would support reforms and ease pressure on the budget.",
        [],
    ),
    (
        "Officials said the new sanctions would cripple Iran's oil exports.",
        [],
    ),
    (
        "Kyiv said the loan will help cover its budget deficit.",
        [],
    ),
    (
        "The minister hoped donors would provide more aid.",
        [],
    ),
    (
        "Analysts said Russia would likely respond with cyberattacks.",
        [],
    ),
    (
        "Britain said the sanctions would hurt the Kremlin's war machine.",
        [],
    ),
    (
        "Officials expect Japan will provide more reconstruction aid to Ukraine.",
        [],
    ),
    (
        "Britain said it expected to impose further sanctions on Russia.",
        [],
    ),
    (
        "The package, which the government said will strengthen Ukraine's air defence, includes 10 launchers.",
        [],
    ),
    (
        "The minister said the new funds would help Ukraine keep its schools open.",
        [],
    ),
    (
        "Diplomats believe the summit will pave the way for a peace deal.",
        [],
    ),
    (
        "Spain has not decided whether it will send troops to the mission.",
        [],
    ),
    (
        "Seoul is to supply 39 K2 tanks to Warsaw.",
        [("kor", "military_equipment", "plan", "positive", "pol")],
    ),
    (
        "France said it was prepared to lend Ukraine more Caesar howitzers.",
        [("fra", "military_equipment", "offer", "positive", "ukr")],
    ),
    (
        "Greece declined to commit warships to the naval mission.",
        [("grc", "troops", "refusal", "negative", None)],
    ),
    (
        "The United States will not resume military aid to Niger until a civilian government is restored.",
        [("usa", "military_equipment", "refusal", "negative", "ner")],
    ),
    (
        "Germany refused to send Taurus missiles but said it would supply more Patriot batteries to Ukraine.",
        [
            ("deu", "military_equipment", "refusal", "negative", "ukr"),
            ("deu", "military_equipment", "pledge", "positive", "ukr"),
        ],
    ),
    (
        "Ukraine will use the money to pay pensions and salaries.",
        [],
    ),
    (
        "Poland will spend 4% of its GDP on defence next year.",
        [],
    ),
    # 6. modality from the undertaking's own verb
    (
        "Beijing condemned the proposed sale and said it would impose sanctions on the companies involved.",
        [("chn", "sanctions", "pledge", "positive", None)],
    ),
    # 6. recipient is the beneficiary country, not the agency
    (
        "Britain pledged £20 million to UNICEF for refugee children in Jordan.",
        [("gbr", "humanitarian", "pledge", "positive", "jor")],
    ),
    (
        "Australia will give A$10 million to the World Food Programme for families in Afghanistan.",
        [("aus", "humanitarian", "pledge", "positive", "afg")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GENERAL_CASES_2)
def test_general_patterns_2(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def _details(text: str) -> list[tuple]:
    return [
        (
            c["committer"],
            c["category"],
            c["modality"],
            sorted((q["value"], q["unit"]) for q in c["quantities"]),
            [x["text"] for x in c["conditions"]],
        )
        for c in run(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quantities stated in the next sentence about the same undertaking join the row
        (
            "Japan will provide a new aid package to Ukraine. The package is worth 120 billion yen.",
            [("jpn", "humanitarian", "pledge", [(120_000_000_000, "jpy")], [])],
        ),
        (
            "Norway will fund air defence systems for Ukraine. The support is worth 2 billion Norwegian crowns.",
            [("nor", "military_equipment", "pledge", [(2_000_000_000, "nok")], [])],
        ),
        (
            "Canada announced new military aid for Ukraine. The aid totals 500 million Canadian dollars "
            "and includes 50 armoured vehicles.",
            [
                (
                    "can",
                    "military_equipment",
                    "pledge",
                    [(50, "vehicle"), (500_000_000, "cad")],
                    [],
                )
            ],
        ),
        (
            "Italy will send 20 howitzers to Ukraine. The package is worth 300 million euros, and Spain "
            "will add 10 more tanks.",
            [
                ("ita", "military_equipment", "pledge", [(20, "howitzer")], []),
                ("esp", "military_equipment", "pledge", [(10, "tank")], []),
            ],
        ),
        (
            "Belgium will deliver 30 F-16 jets to Ukraine by 2028. Deliveries will start only if Ukraine has "
            "the airfields to host them.",
            [
                (
                    "bel",
                    "military_equipment",
                    "pledge",
                    [(30, "jet")],
                    ["only if Ukraine has the airfields to host them"],
                )
            ],
        ),
        (
            "The US will provide Patriot missiles to Ukraine. The missiles will be delivered provided "
            "Congress approves the funding.",
            [
                (
                    "usa",
                    "military_equipment",
                    "pledge",
                    [],
                    ["provided Congress approves the funding"],
                )
            ],
        ),
        (
            "Germany will send 40 tanks to Ukraine. Ukraine will receive them by May, and Poland will "
            "provide 20 Leopard tanks.",
            [
                ("deu", "military_equipment", "pledge", [(40, "tank")], []),
                ("pol", "military_equipment", "pledge", [(20, "tank")], []),
            ],
        ),
        (
            "South Korea will provide a new aid package to Ukraine. It is worth 120 billion won.",
            [("kor", "humanitarian", "pledge", [(120_000_000_000, "krw")], [])],
        ),
        (
            "Britain will train Ukrainian marines. The training will take place in Scotland and involve "
            "several hundred troops.",
            [("gbr", "training", "pledge", [(None, "troop")], [])],
        ),
        (
            "Germany will deliver tanks to Ukraine. Delivery will start once crews are trained.",
            [("deu", "military_equipment", "pledge", [], ["once crews are trained"])],
        ),
        (
            "Germany will deliver tanks to Ukraine. Ukraine's army said it was short of 5,000 soldiers.",
            [("deu", "military_equipment", "pledge", [], [])],
        ),
        # vague counts and head-noun units in the object
        (
            "Poland will send dozens of tanks to Ukraine.",
            [("pol", "military_equipment", "pledge", [(None, "tank")], [])],
        ),
        (
            "Britain will deploy several thousand soldiers to Estonia.",
            [("gbr", "troops", "pledge", [(None, "soldier")], [])],
        ),
        (
            "Norway will deliver two NASAMS air defence batteries to Ukraine.",
            [("nor", "military_equipment", "pledge", [(2, "battery")], [])],
        ),
        # a condition in the following sentence about the same undertaking
        (
            "The United States will sell 40 F-16 jets to Turkey. The sale will go ahead if Congress raises "
            "no objection within 30 days.",
            [
                (
                    "usa",
                    "military_equipment",
                    "pledge",
                    [(40, "jet")],
                    ["if Congress raises no objection within 30 days"],
                )
            ],
        ),
        (
            "Germany will send more tanks to Ukraine. The deliveries will begin once the crews have "
            "finished their training.",
            [
                (
                    "deu",
                    "military_equipment",
                    "pledge",
                    [],
                    ["once the crews have finished their training"],
                )
            ],
        ),
        (
            "The EU will release 4 billion euros to Egypt, conditional on progress in economic reforms.",
            [
                (
                    "eu",
                    "financial",
                    "pledge",
                    [(4_000_000_000, "eur")],
                    ["conditional on progress in economic reforms"],
                )
            ],
        ),
        (
            "Germany will deliver the tanks to Ukraine pending approval by the Bundestag.",
            [("deu", "military_equipment", "pledge", [], ["pending approval by the Bundestag"])],
        ),
        # modality of the undertaking's own verb, not of another phrase
        (
            "Beijing condemned the proposed arms sale and said it would impose sanctions on the companies.",
            [("chn", "sanctions", "pledge", [], [])],
        ),
        (
            "Russia condemned the proposed sale and said it would take retaliatory measures.",
            [("rus", "other", "pledge", [], [])],
        ),
        (
            "China said it would take firm countermeasures if the sale went ahead.",
            [("chn", "other", "pledge", [], ["if the sale went ahead"])],
        ),
        (
            "Moscow denounced the planned deployment and vowed to retaliate.",
            [("rus", "other", "pledge", [], [])],
        ),
    ],
)
def test_details_join_the_row(text: str, expected: list[tuple]) -> None:
    assert _details(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine will use the new loan to rebuild its own power grid.",
        "Germany will spend more on its own armed forces.",
        "France will strengthen its own air defences.",
    ],
)
def test_committer_is_not_its_own_recipient(text: str) -> None:
    assert [c for c in run(text) if c["committer"] == c["recipient"]] == []


# ---------------------------------------------------------------- category keyword scan


def _category_by_each_pattern(lex, text: str) -> str | None:  # noqa: ANN001
    """The reference: search every keyword pattern of categories.tsv on its own."""
    from pipeline.extract.commitments import _purpose_end

    text = text[: _purpose_end(text)]
    best = None
    for rx, cat, strength in lex.categories:
        m = rx.search(text)
        if m:
            key = ({"strong": 0, "weak": 1}.get(strength, 2), m.start(), cat)
            best = key if best is None or key < best else best
    return best[2] if best else None


def test_category_scan_equals_searching_each_keyword() -> None:
    """_keyword_category finds keyword starts in one scan; on every sentence of the seed and the
    held-out articles it picks the same category as searching each keyword's pattern."""
    from pipeline.extract.commitments import _category_hits, _keyword_category, _lex

    lex = _lex()
    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((root / "tests/fixtures/heldout/input").glob("*.txt"))
    ]
    sentences = [s for t in texts for s in t.replace("\n", " ").split(". ") if s.strip()]
    assert len(sentences) > 100
    found = 0
    for s in sentences:
        expected = _category_by_each_pattern(lex, s)
        assert _keyword_category(lex, s) == expected, s
        found += expected is not None
    assert found > 20  # the comparison saw real keywords, not only sentences without one
    # a keyword inside a word does not count; one at a word start after a hyphen does not either
    assert _category_hits(lex, "prehumanitarian help", 0) == []
    hits = _category_hits(lex, "air defence systems and humanitarian aid")
    assert [h[1] for h in hits][:1] == ["military_equipment"]
    assert any(c == "humanitarian" for _p, c, _s in hits)


# ---------------------------------------------------------------- recipients and categories (session 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "US$" is a currency: the United States is not the recipient
        (
            "Japan will provide US$8 million in emergency assistance to Mozambique.",
            [("jpn", "humanitarian", "pledge", "positive", "moz")],
        ),
        # a demonym no hand list names, from the countryinfo package
        (
            "Portugal is ready to train up to 150 Mozambican police officers a year.",
            [("prt", "training", "offer", "positive", "moz")],
        ),
        # an agency the money goes through is a channel, not the recipient
        (
            "After the floods in Pakistan, Norway pledged $20 million through the World Food Programme.",
            [("nor", "humanitarian", "pledge", "positive", "pak")],
        ),
        # food staples are relief; repayments are money
        (
            "Argentina will donate 30,000 tonnes of rice to Haiti.",
            [("arg", "humanitarian", "pledge", "positive", "hti")],
        ),
        (
            "Italy pledged to reschedule Somalia's repayments over ten years.",
            [("ita", "financial", "pledge", "positive", "som")],
        ),
        (
            "Kuwait will pay for the rehabilitation of clinics in Yemen.",
            [("kwt", "humanitarian", "pledge", "positive", "yem")],
        ),
    ],
)
def test_recipients_and_categories_of_new_text(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_currency_prefix_is_not_a_country_mention() -> None:
    doc = get_nlp()("Seoul gave US$3 million and A$2 million; the US said nothing.")
    actors = [(m.text, m.actor) for m in ActorResolver(doc).mentions if m.kind == "country"]
    assert actors == [("Seoul", "kor"), ("US", "usa")]


def test_terms_told_by_the_committers_side_join_its_undertaking() -> None:
    """A later sentence in which the committer's own speaker states the terms ("X told donors
    that the money would be paid in two tranches, provided that ...") adds its quantities and
    conditions to that undertaking, even after another donor's pledge; someone else's account
    does not."""
    text = (
        "Oman has pledged $300 million to rebuild schools in Yemen, while Jordan said it would "
        "send $5 million in food aid.\n\n"
        "The pledges came at a conference in Muscat.\n\n"
        "\u201cWe are proud to help,\u201d the minister said.\n\n"
        "Omani Foreign Minister Salim al-Harthy told donors that the money would be paid in two "
        "tranches, provided that Sanaa allows independent audits."
    )
    rows = {c["committer"]: c for c in run(text)}
    oman = rows["omn"]
    assert [c["text"] for c in oman["conditions"]] == ["provided that Sanaa allows independent audits"]
    assert {(q["value"], q["unit"]) for q in oman["quantities"]} == {(300000000, "usd"), (2, "tranche")}
    assert rows["jor"]["conditions"] == []
    other = text.replace("Omani Foreign Minister Salim al-Harthy", "A Yemeni official")
    assert {c["committer"]: c["conditions"] for c in run(other)}["omn"] == []


def test_a_veto_is_never_the_vetoed_pledge() -> None:
    """A veto of someone else's money is at most the vetoing state's refusal (the training
    corpus annotates it so), never a positive commitment of the body whose aid it blocks."""
    got = rows("Hungary has vetoed the EU's 50 billion euro aid package for Ukraine.")
    assert all(r[0] == "hun" and r[3] == "negative" for r in got), got


def test_bare_crowns_are_the_committers_own_currency() -> None:
    """ "250 million crowns" names no country: Norway's crowns are nok, Sweden's sek; a
    country whose money is not a crown keeps a count."""
    [nor] = run("Norway will give 250 million crowns a year to Malawi.")
    assert [(q["value"], q["unit"], q["per"]) for q in nor["quantities"]] == [(250000000, "nok", "year")]
    assert nor["category"] == "financial"
    [swe] = run("Sweden pledged 300 million crowns to Ukraine.")
    assert swe["quantities"][0]["unit"] == "sek"
    # no crown is Germany's: the money is kept, its currency unknown and flagged, never a
    # Norwegian or Swedish figure (issue 16: an unknown currency never drops the row)
    for row in run("Germany will give 100 million crowns to Malawi."):
        assert row["committer"] == "deu"
        assert all(q["unit"] not in ("nok", "sek", "dkk") for q in row["quantities"])
        assert not row.get("amount") or row["amount"]["currency"] is None


@pytest.mark.parametrize(
    ("text", "committer"),
    [
        ("Finance ministers from the G7 have promised to complete Ethiopia's debt restructuring.", "g7"),
        ("Leaders of the European Union pledged 2 billion euros to Jordan.", "eu"),
        # a prepositional aside is still no subject
        ("After talks with officials from Kenya, Japan pledged $20 million to Somalia.", "jpn"),
        ("After the floods in Pakistan, Norway pledged $20 million to Pakistan.", "nor"),
    ],
)
def test_members_of_a_body_commit_for_it(text: str, committer: str) -> None:
    assert [c["committer"] for c in run(text)] == [committer]


def test_enumerated_terms_after_a_colon_are_separate_conditions() -> None:
    """ "only if two conditions are met: first, A, and second, B" gives A and B (not the whole
    list as a third); "the fund wants two things: first, ...; second, ..." too, where "the
    fund" is the International Monetary Fund named before."""
    [can] = run(
        "Ottawa will lend Kyiv C$500 million, but only if two conditions are met: first, "
        "that the IMF programme stays on track, and second, that the loan is spent on "
        "energy repairs."
    )
    assert [c["text"] for c in can["conditions"]] == [
        "that the IMF programme stays on track",
        "that the loan is spent on energy repairs",
    ]
    [imf] = run(
        "The International Monetary Fund will release $190 million to Ghana. In return, "
        "the fund wants two things: first, for Ghana to raise tax revenue; and second, "
        "for the government to stop taking on commercial loans."
    )
    assert [c["text"] for c in imf["conditions"]] == [
        "for Ghana to raise tax revenue",
        "for the government to stop taking on commercial loans",
    ]
    # a list of things with no ordinals is no list of conditions
    [gbr] = run(
        "Britain will send $10 million to Chad. The aid covers three things: food, water and shelter."
    )
    assert gbr["conditions"] == []


def test_the_fund_and_the_bank_refer_back_to_the_body_named_before() -> None:
    doc = get_nlp()(
        "The World Bank and the Asian Development Bank met. The bank said it would "
        "help. The Commission agreed, the fund did not."
    )
    got = [(m.text, m.actor) for m in ActorResolver(doc).mentions]
    assert ("The bank", "adb") in got  # the last bank named
    assert ("The Commission", "eu") in got
    assert all(text != "the fund" for text, _ in got)  # no fund was named


def test_money_paid_into_a_named_fund() -> None:
    """A fund no gazetteer lists is a grouping with its slug, also when named again as "the
    Facility"; money paid into it is financial even in an article about a disaster."""
    text = (
        "After the cyclone, Australia pledged A$30 million in emergency relief to Tonga. "
        "Canberra has also committed A$50 million over five years to the Pacific Climate "
        "Facility, and Japan aims to contribute 1 billion yen per year to the Facility."
    )
    got = [(c["committer"], c["recipient"], c["category"]) for c in run(text)]
    assert got == [
        ("aus", "ton", "humanitarian"),
        ("aus", "pacific_climate_facility", "financial"),
        ("jpn", "pacific_climate_facility", "financial"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Danish instructors will continue to train Ukrainian pilots.", ("dnk", "continuation")),
        ("Portugal vowed to supply six patrol boats to the Senegalese navy.", ("prt", "military_equipment")),
    ],
)
def test_agents_of_a_state_and_equipment_words(text: str, expected: tuple) -> None:
    [c] = run(text)
    assert (c["committer"], c["modality"] if expected[1] == "continuation" else c["category"]) == expected


def test_a_second_donor_in_a_coordinated_clause_is_its_own_row() -> None:
    """ "A promised X, and B will provide Y": two rows, each with its own money; neither donor
    is the other's recipient, and a prepositional object is no list of committers."""
    got = [
        (c["committer"], c["recipient"], [q["unit"] for q in c["quantities"]])
        for c in run(
            "Britain promised £40m for food in the camps, and Japan will provide "
            "2.5 billion yen for food aid in Darfur."
        )
    ]
    assert got == [("gbr", None, ["gbp"]), ("jpn", None, ["jpy"])]
    got = [
        (c["committer"], c["category"])
        for c in run("Germany will send tanks to Ukraine and Poland, and France will train pilots.")
    ]
    assert got == [("deu", "military_equipment"), ("fra", "training")]
    got = [
        c["committer"]
        for c in run("After talks in Rome and Paris, Italy and France pledged $5 million each to Sudan.")
    ]
    assert got == ["ita", "fra"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's organ after its possessive speaks for it
        (
            "Russia's defence ministry vowed to impose sanctions on the Latvian firms involved.",
            [("rus", "sanctions", "pledge", "positive", "lva")],
        ),
        # an adverb between the cue and "to"
        (
            "Madrid intends instead to pay for air-defence systems for Kyiv this year.",
            [("esp", "military_equipment", "intention", "positive", "ukr")],
        ),
        # health and vaccines are relief
        (
            "Brazil announced a health assistance package of two million vaccine doses for Angola.",
            [("bra", "humanitarian", "pledge", "positive", "ago")],
        ),
    ],
)
def test_organs_adverbs_and_health_aid(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_a_refusal_to_take_part_concerns_the_effort_just_named() -> None:
    text = (
        "Kuwait pledged $500 million for Yemen's reconstruction. "
        "Oman, however, has declined to contribute for now."
    )
    got = [(c["committer"], c["recipient"], c["category"], c["polarity"]) for c in run(text)]
    assert got == [("kwt", "yem", "humanitarian", "positive"), ("omn", "yem", "humanitarian", "negative")]
    # declining to give a figure is no refusal of aid; nor is a refusal far from any pledge
    assert [
        c["committer"]
        for c in run(
            "Kuwait pledged $500 million for Yemen's reconstruction. The minister declined to give "
            "a precise figure for next year."
        )
    ] == ["kwt"]
    far = (
        "Kuwait pledged $500 million for Yemen's reconstruction. The weather was hot. "
        "Markets rose. Prices fell. Oil rose. Oman has declined to contribute."
    )
    assert [c["committer"] for c in run(far)] == ["kwt"]


def test_a_capital_from_the_library_is_the_recipient() -> None:
    assert rows("The IMF is set to release a further $190m to Lusaka.") == [
        ("imf", "financial", "plan", "positive", "zmb")
    ]


def test_spending_targets_as_a_share_of_gdp() -> None:
    """ "raise defence spending to 3 percent of GDP" is an undertaking (category other, no
    recipient); "raise concerns" and "reach an agreement" stay no commitments."""
    assert rows("Lisbon intends to reach 2.5 percent of GDP next year.") == [
        ("prt", "other", "intention", "positive", None)
    ]
    assert rows("Belgium agreed to raise its defence spending to 3% of GDP by 2030.") == [
        ("bel", "other", "pledge", "positive", None)
    ]
    assert run("Germany will raise concerns with Beijing.") == []
    assert run("The two sides will reach an agreement on aid.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an absolute clause: "with A, B and C each set to deploy" is one row per state
        (
            "Allies agreed to a mission to protect Polish airspace, with Spain, the Netherlands and "
            "Portugal each set to deploy six fighter jets on rotation.",
            [
                ("esp", "troops", "plan", "positive", "pol"),
                ("nld", "troops", "plan", "positive", "pol"),
                ("prt", "troops", "plan", "positive", "pol"),
            ],
        ),
        # ... and its next member ends the object: "and Greece, as host, agreeing to provide"
        (
            "Ministers approved the plan, with Sweden and Norway each set to deploy two fighter jets to "
            "Lithuania and Greece, as the host of the meeting, agreeing to provide a hospital ship.",
            [
                ("swe", "troops", "plan", "positive", "ltu"),
                ("nor", "troops", "plan", "positive", "ltu"),
                ("grc", "humanitarian", "pledge", "positive", "ltu"),
            ],
        ),
        # "with" in a finite clause is still a preposition: Chile is not a committer
        (
            "After talks with Chile, Peru and Brazil will send 40 tonnes of food to Bolivia.",
            [
                ("per", "humanitarian", "pledge", "positive", "bol"),
                ("bra", "humanitarian", "pledge", "positive", "bol"),
            ],
        ),
        # a country inside a parenthetical relative clause is not the subject
        (
            "Japan and Korea, which jointly chair the committee of Ethiopia's government lenders, each "
            "pledged to cut Ethiopia's repayments by 20% over the next decade.",
            [
                ("jpn", "financial", "pledge", "positive", "eth"),
                ("kor", "financial", "pledge", "positive", "eth"),
            ],
        ),
    ],
)
def test_absolute_clauses_and_relative_asides(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_channels_and_programmes_are_not_recipients() -> None:
    """Money "through A and B" goes through channels; "to fund UN programmes in Tunisia" or
    "to U.N. agencies working in Sudan" benefits the place named after "in"."""
    got = rows(
        "Korea will provide US$5 million in humanitarian assistance through the World Food "
        "Programme and UNICEF."
    )
    assert got == [("kor", "humanitarian", "pledge", "positive", None)]
    assert rows(
        "The European Union will continue to fund United Nations programmes that shelter and "
        "protect migrants in Tunisia."
    ) == [("eu", "humanitarian", "continuation", "positive", "tun")]
    assert rows("Norway will give $4 million in relief aid to U.N. agencies working in Sudan.") == [
        ("nor", "humanitarian", "pledge", "positive", "sdn")
    ]
    assert rows("Norway will give $5 million to the United Nations in New York.")[0][4] == "un"


def test_who_built_it_does_not_decide_the_category() -> None:
    assert rows(
        "Sweden will deliver 500 reconnaissance and strike drones built by Swedish manufacturers to Ukraine."
    ) == [("swe", "military_equipment", "pledge", "positive", "ukr")]
    # production as the undertaking itself stays industrial
    assert (
        rows(
            "Germany will help Ukraine with missiles that would be manufactured in Ukraine with "
            "German financial assistance."
        )[0][1]
        == "industrial"
    )


def test_kroner_and_a_follow_up_naming_the_thing_given() -> None:
    """ "kroner" is the committer's own currency; "The 155mm shells, worth 1.5 billion Danish
    crowns, will be made by a Danish-Czech venture" joins the shells' row (a demonym that only
    modifies a noun is no new committer)."""
    got = run(
        "Denmark will pay for 10,000 artillery shells for Ukraine, the minister said. The 155mm "
        "shells, worth 1.5 billion Danish crowns ($200 million), will be made by a Danish-Czech "
        "joint venture and shipped from May. Norway will give 300 million kroner to Moldova."
    )
    assert [(c["committer"], sorted((q["value"], q["unit"]) for q in c["quantities"])) for c in got] == [
        ("dnk", [(10000, "shell"), (1_500_000_000, "dkk")]),
        ("nor", [(300_000_000, "nok")]),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # category words for housing, vaccination, monitoring and restrictive measures
        (
            "Turkey offered to build 10,000 prefabricated homes in Syria.",
            [("tur", "humanitarian", "offer", "positive", "syr")],
        ),
        (
            "Canada, which joined the mission last year, will send 12 more monitors to Georgia.",
            [("can", "other", "pledge", "positive", "geo")],
        ),
        (
            "Seoul will freeze the assets of 11 individuals and four entities linked to Iran.",
            [("kor", "sanctions", "pledge", "positive", "irn")],
        ),
        (
            "Japan will extend a ban on Iranian port calls by two years.",
            [("jpn", "sanctions", "pledge", "positive", "irn")],
        ),
        # "WHO" is the World Health Organization, not a relative pronoun; a descriptor may
        # stand before the second of two coordinated bodies
        (
            "The WHO will send 2 million doses of vaccine to Haiti.",
            [("who", "humanitarian", "pledge", "positive", "hti")],
        ),
        (
            "The World Health Organization and the vaccine alliance Gavi will ship 2 million doses "
            "of vaccine to Haiti.",
            [
                ("who", "humanitarian", "pledge", "positive", "hti"),
                ("gavi", "humanitarian", "pledge", "positive", "hti"),
            ],
        ),
        ("Officials who will send aid to Haiti met on Monday.", []),
        # the other side of a border is not the beneficiary; "to help X's army" names it
        (
            "Donors pledged nearly $1.1 billion to help Jordan's armed forces deploy along the "
            "border with Syria.",
            [("donors", "financial", "pledge", "positive", "jor")],
        ),
        # a joint recipient of three states
        (
            "Japan will send tents to Turkey, Syria, and Lebanon.",
            [("jpn", "humanitarian", "pledge", "positive", "turkey_syria_and_lebanon")],
        ),
    ],
)
def test_categories_bodies_and_recipients_from_devset3_patterns(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_amounts_respectively_go_to_each_committer() -> None:
    got = run("Kuwait and Qatar pledged $80 million and $40 million, respectively, for relief in Sudan.")
    assert [(c["committer"], [q["value"] for q in c["quantities"]]) for c in got] == [
        ("kwt", [80_000_000]),
        ("qat", [40_000_000]),
    ]
    # without "respectively" both amounts stay on the one undertaking each committer shares
    got = run("Kuwait and Qatar pledged $80 million each for Sudan.")
    assert [(c["committer"], [q["value"] for q in c["quantities"]]) for c in got] == [
        ("kwt", [80_000_000]),
        ("qat", [80_000_000]),
    ]


def test_cfa_francs() -> None:
    got = run("Senegal and Mali had each promised 50 billion CFA francs for the force.")
    assert {(q["value"], q["unit"]) for c in got for q in c["quantities"]} == {(50_000_000_000, "xof")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive pledge with its agent: the agent commits, the subject is what is given
        (
            "$300 million was pledged by the United States for Lebanon.",
            [("usa", "financial", "pledge", "positive", "lbn")],
        ),
        (
            "A further $40 million was pledged by Ottawa for emergency shelter in Haiti.",
            [("can", "humanitarian", "pledge", "positive", "hti")],
        ),
        # ... and it ends the object of the pledge before it
        (
            "Britain pledged $30 million in relief for Somalia last week. Sweden pledged $10 million "
            "in relief for Somalia, and $20 million was pledged by Norway.",
            [
                ("gbr", "humanitarian", "pledge", "positive", "som"),
                ("swe", "humanitarian", "pledge", "positive", "som"),
                ("nor", "humanitarian", "pledge", "positive", "som"),
            ],
        ),
        # a refusal of money without a purpose concerns the effort just named
        (
            "Sweden pledged $30 million in relief for Somalia. Germany declined to commit fresh money.",
            [
                ("swe", "humanitarian", "pledge", "positive", "som"),
                ("deu", "humanitarian", "refusal", "negative", "som"),
            ],
        ),
        ("Germany declined to commit new funds.", [("deu", "financial", "refusal", "negative", None)]),
    ],
)
def test_passive_pledges_and_refusals_of_money(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_a_passive_pledge_keeps_its_amount_once() -> None:
    got = run("$300 million was pledged by the United States for Lebanon.")
    assert [(q["value"], q["unit"]) for q in got[0]["quantities"]] == [(300_000_000, "usd")]
    assert got[0]["object"] == "$300 million for Lebanon"


def test_a_joint_package_itemised_in_the_next_sentences_is_one_row_per_committer() -> None:
    """extraction.md: a package announced in one sentence and itemised in the next is one
    commitment; targets "involved in the missile programme" do not make it equipment."""
    got = run(
        "South Korea, Japan and the United States announced coordinated sanctions against North "
        "Korean individuals and entities involved in the missile programme. Seoul will freeze the "
        "assets of 11 individuals and four entities, the ministry said. Tokyo would add nine "
        "entities to its asset-freeze list."
    )
    assert [
        (c["committer"], c["category"], sorted((q["value"], q["unit"]) for q in c["quantities"])) for c in got
    ] == [
        ("kor", "sanctions", [(4, "entity"), (11, "individual")]),
        ("jpn", "sanctions", [(9, "entity")]),
        ("usa", "sanctions", []),
    ]
    # an undertaking marked as new is its own row
    assert [
        c["action"]
        for c in run(
            "Britain announced sanctions on Russian banks. Britain will also ban imports of Russian steel."
        )
    ] == ["announce", "ban"]


def test_speaking_on_condition_of_anonymity_is_no_condition() -> None:
    got = run("Germany will send 20 tanks to Ukraine, an official said, speaking on condition of anonymity.")
    assert got[0]["conditions"] == []


def test_humanitarian_agencies_deliver_for_the_country() -> None:
    """Money "to UNICEF for water chlorination" benefits the country it is spent in (the gold
    sets' convention), here the one the article is about."""
    got = rows(
        "Cholera is spreading in Yemen. Saudi Arabia pledged $25 million to UNICEF for water chlorination."
    )
    assert got == [("sau", "humanitarian", "pledge", "positive", "yem")]


def test_continuing_a_named_facility_and_time_limits() -> None:
    """ "Riyadh will continue a facility" is the actor's continuation (the subject is not the
    thing continued); "until the end of the year" is a time limit, not a condition, while
    "until our F-35s are operational" is one."""
    got = run(
        "Riyadh will also continue a deferred-payment oil facility for Pakistan worth $1.2 "
        "billion a year, the minister said."
    )
    assert [(c["committer"], c["recipient"], c["modality"], c["quantities"][0]["per"]) for c in got] == [
        ("sau", "pak", "continuation", "year")
    ]
    got = run(
        "Germany said it would continue funding 40 cholera treatment centres in Yemen until the end "
        "of the year."
    )
    assert got[0]["conditions"] == [] and got[0]["modality"] == "continuation"
    got = run("Finland ruled out sending its jets until our F-35s are operational.")
    assert [c["text"] for c in got[0]["conditions"]] == ["until our F-35s are operational"]


def test_a_channel_name_is_no_purpose() -> None:
    """ "through the Saudi Fund for Development" names the vehicle, not the purpose: the bare
    amount shares the purpose of the pledges just before it; a channel that is a purpose
    strongly (the World Food Programme) still counts."""
    got = rows(
        "Donors pledged $5 billion for the reconstruction of Gaza. Qatar pledged $500 million, "
        "while Saudi Arabia pledged $750 million to be disbursed over five years through the Saudi "
        "Fund for Development."
    )
    assert [(c, cat) for c, cat, *_ in got] == [
        ("donors", "humanitarian"),
        ("qat", "humanitarian"),
        ("sau", "humanitarian"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forces named after "for" benefit; the things given decide the category
        (
            "France would provide 75 million euros in vehicles, fuel and communications equipment "
            "for Lebanese troops over the next two years.",
            [("fra", "military_equipment", "pledge", "positive", "lbn")],
        ),
        # recruiting one's own soldiers is domestic, not an undertaking to another actor
        ("The government would recruit 6,000 soldiers for deployment in the south.", []),
        # monitors sent have a beneficiary; a spending target has none
        (
            "Tension is rising on the border of Armenia. Canada will send 10 more monitors.",
            [("can", "other", "pledge", "positive", "arm")],
        ),
        (
            "Tension is rising on the border of Armenia. Belgium intends to reach 2.5 percent of GDP "
            "next year.",
            [("bel", "other", "intention", "positive", None)],
        ),
    ],
)
def test_beneficiary_forces_domestic_recruiting_and_other(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's organ that says "it would ..." commits for the state
        (
            "Germany's development ministry said it would send 40 tents to Yemen.",
            [("deu", "humanitarian", "pledge", "positive", "yem")],
        ),
        # forces and units a state deploys or refuses
        (
            "France ruled out any return of combat forces to the region.",
            [("fra", "troops", "refusal", "negative", None)],
        ),
        (
            "ECOWAS said it will activate a 5,000-strong standby force against terrorism.",
            [("ecowas", "troops", "pledge", "positive", None)],
        ),
        # "a similar package" is of the kind just named
        (
            "The EU will give Tunisia 100 million euros for border control. The Commission also "
            "intends to offer a similar package to Senegal before the end of the year.",
            [
                ("eu", "financial", "pledge", "positive", "tun"),
                ("eu", "financial", "intention", "positive", "sen"),
            ],
        ),
    ],
)
def test_organs_forces_and_similar_packages(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_a_giving_verb_without_a_category_word_takes_the_articles_kind() -> None:
    got = rows(
        "Japan will provide $20 million in relief to Jamaica. Tokyo will also send 40 engineers to Jamaica."
    )
    assert got == [
        ("jpn", "humanitarian", "pledge", "positive", "jam"),
        ("jpn", "humanitarian", "pledge", "positive", "jam"),
    ]
    # alone in an article, a thing with no category word stays no commitment
    assert run("Tokyo will send 40 engineers to Jamaica.") == []


def test_bare_money_takes_the_purpose_most_of_the_articles_money_has() -> None:
    """At a reconstruction conference, "Norway will give 2 billion kroner" (no purpose named,
    none just before) is of the kind most of the article's money is; a credit line stays
    financial whatever the article."""
    text = (
        "Donors pledged $5 billion for the reconstruction of Gaza. Qatar pledged $500 million for "
        "rebuilding homes. The talks were long. Officials were tired. Diplomats met again. "
        "Norway will give 2 billion Norwegian kroner this year. India will extend a line of credit "
        "of $1 billion to the Palestinian Authority."
    )
    assert [(c, cat) for c, cat, *_ in rows(text)] == [
        ("donors", "humanitarian"),
        ("qat", "humanitarian"),
        ("nor", "humanitarian"),
        ("ind", "financial"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an infinitive of purpose decides: training, not the patrol the advisers belong to
        (
            "Washington will also send 50 Border Patrol advisers to train Guatemalan police.",
            [("usa", "training", "pledge", "positive", "gtm")],
        ),
        (
            "Germany pledged 15 million euros to train coast guards from Djibouti.",
            [("deu", "training", "pledge", "positive", "dji")],
        ),
        # what a weapon is for is still a weapon
        (
            "Britain will send 40 missiles to Ukraine to strike Russian supply lines.",
            [("gbr", "military_equipment", "pledge", "positive", "ukr")],
        ),
        # hunger makes the money humanitarian
        (
            "Donors pledged $480 million to help more than 4 million Kenyans facing hunger.",
            [("donors", "humanitarian", "pledge", "positive", "ken")],
        ),
    ],
)
def test_purpose_infinitives_and_hunger(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_brussels_is_the_eu_and_short_country_names() -> None:
    """In international news "Brussels" is the EU, not Belgium; "Bosnia" is Bosnia and
    Herzegovina."""
    assert rows("Brussels would release a further 1.5 million euros for Bosnia.") == [
        ("eu", "financial", "pledge", "positive", "bih")
    ]


def test_percentages_respectively_escorts_and_people() -> None:
    got = run(
        "Japan and India will lower the interest rates on their loans to Sri Lanka to 2.1 percent "
        "and 2.5 percent respectively."
    )
    assert [(c["committer"], c["action"], [q["value"] for q in c["quantities"]]) for c in got] == [
        ("jpn", "lower", [2.1]),
        ("ind", "lower", [2.5]),
    ]
    # a state's own ships sent to escort are its forces at work
    got = rows("The Italian navy will send a second frigate to the Red Sea to escort merchant ships.")
    assert [r[:2] for r in got] == [("ita", "troops")]
    # a demonym counts people
    got = run("Donors pledged $480 million to help more than 4 million Kenyans facing hunger.")
    assert (4_000_000, "person") in {(q["value"], q["unit"]) for q in got[0]["quantities"]}


def test_sharing_data_is_other_and_the_osce_by_name() -> None:
    assert rows("The Canadian government is ready to share imagery from its satellites with Manila.") == [
        ("can", "other", "offer", "positive", "phl")
    ]
    got = rows(
        "The Organization for Security and Co-operation in Europe plans to deploy 300 observers "
        "for the vote in Bosnia."
    )
    assert [r[0] for r in got] == ["osce"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "amounting to" is no absolute clause: the joint recipient and the amount stay
        (
            "Japan will provide aid to Turkey and Syria amounting to $50 million.",
            [("jpn", "turkey_and_syria", [(50_000_000, "usd")])],
        ),
        # a relative clause with "by" is no new passive pledge
        (
            "Germany will send 50 tanks and artillery shells that were produced by Rheinmetall to Ukraine.",
            [("deu", "ukr", [(50, "tank")])],
        ),
        # "during" is no absolute participle: France is not a committer
        (
            "Together with France, Germany during the summit pledged 20 tanks to Ukraine.",
            [("deu", "ukr", [(20, "tank")])],
        ),
        # "respectively" with one part per committer
        (
            "Kuwait and Oman pledged $100 million for Yemen and $50 million for Sudan, respectively.",
            [("kwt", "yem", [(100_000_000, "usd")]), ("omn", "sdn", [(50_000_000, "usd")])],
        ),
        # joint recipients are named from the states, without the committer
        (
            "Japan will send aid to the U.S. and Canada.",
            [("jpn", "united_states_and_canada", [])],
        ),
    ],
)
def test_review_cases(text: str, expected: list[tuple]) -> None:
    got = run(text)
    assert [
        (c["committer"], c["recipient"], [(q["value"], q["unit"]) for q in c["quantities"]]) for c in got
    ] == expected


def test_an_itemised_package_keeps_a_row_for_another_recipient() -> None:
    got = rows("Britain announced a humanitarian aid package for Sudan. Britain will send food aid to Chad.")
    assert [(r[0], r[4]) for r in got] == [("gbr", "sdn"), ("gbr", "tcd")]


def test_the_giving_fallback_never_makes_sanctions() -> None:
    got = rows("Poland announced sanctions on Russia. Poland will send 40 engineers to Ukraine.")
    assert [r[1] for r in got][:1] == ["sanctions"]
    # the engineers are no sanctions, whether the rules leave them out or the decision layer
    # keeps them under another category
    assert all(r[1] != "sanctions" and r[4] == "ukr" for r in got[1:])


def test_a_place_after_inside_is_no_committer() -> None:
    """ "... for relief inside Sudan, and Norway said it would give ...": Sudan is the object
    of "inside", not a second giver; Norway's crowns are then its own currency."""
    got = run(
        "Saudi Arabia and Qatar pledged $50 million each for relief inside Sudan, and Norway said "
        "it would give 250 million crowns a year to U.N. agencies working in both countries."
    )
    assert [(c["committer"], [q["unit"] for q in c["quantities"]]) for c in got] == [
        ("sau", ["usd"]),
        ("qat", ["usd"]),
        ("nor", ["nok"]),
    ]
    # knowledge shared is no undertaking; imagery shared is one ("other")
    assert run("We want to share that knowledge with Angola, the minister said.") == []


def test_cash_transfers_and_a_demonyms_warships() -> None:
    assert rows(
        "The World Food Programme plans to expand cash transfers to 2.4 million people in Kenya."
    ) == [("wfp", "humanitarian", "plan", "positive", "ken")]
    got = rows("Japanese frigates will escort merchant ships through the Red Sea.")
    assert [r[:2] for r in got] == [("jpn", "troops")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cuts of aid given before are refusals (extraction.md), whatever the tense
        (
            "Norway said it was suspending all budget aid to Burundi after the vote.",
            [("nor", "financial", "refusal", "negative", "bdi")],
        ),
        (
            "The Netherlands has halted disbursements to Chad, a ministry spokeswoman said.",
            [("nld", "financial", "refusal", "negative", "tcd")],
        ),
        (
            "Canada will stop funding the programme in Laos from next year.",
            [("can", "financial", "refusal", "negative", "lao")],
        ),
        (
            "Belgium froze 40 million euros in development aid to Burkina Faso on Friday.",
            [("bel", "financial", "refusal", "negative", "bfa")],
        ),
        # "frozen" before a noun is an adjective
        ("The talks are about ways to release frozen funds held abroad.", []),
        # the same verbs with another object are no cut of aid
        ("Police halted the march before it reached the square.", []),
        (
            "Austria will freeze the assets of 30 officials.",
            [("aut", "sanctions", "pledge", "positive", None)],
        ),
        # suspending what the recipient owes is relief
        (
            "The Asian Development Bank will suspend Nepal's debt-service payments for a year.",
            [("adb", "financial", "pledge", "positive", "npl")],
        ),
        # the recipient as subject: the giver after "from" commits
        (
            "Moldova will receive 12 armoured vehicles from Romania, the defence ministry said.",
            [("rou", "military_equipment", "pledge", "positive", "mda")],
        ),
        (
            "Nauru is to get a further $20 million from New Zealand over three years for sea walls.",
            [("nzl", "financial", "plan", "positive", "nru")],
        ),
        # refusing a permission is a refusal; granting one is no undertaking here (the one
        # allowed acts, the one the arms would go to benefits)
        (
            "Austria refused to let Hungary re-export Austrian-made ammunition to Ukraine.",
            [("aut", "military_equipment", "refusal", "negative", "ukr")],
        ),
        # with no giver named, receiving is no undertaking of the subject
        ("Moldova will receive 12 armoured vehicles next month.", []),
    ],
)
def test_cuts_and_receiving(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a donor ranking told without a pledge verb: each giver pledged its figure
        (
            "Oman topped the list with a pledge of $90 million, followed by Bahrain with $40 million "
            "and Jordan with $15 million.",
            [
                ("omn", "financial", "pledge", "positive", None),
                ("bhr", "financial", "pledge", "positive", None),
                ("jor", "financial", "pledge", "positive", None),
            ],
        ),
        (
            "Ireland made the largest pledge, 80 million euros over four years.",
            [("irl", "financial", "pledge", "positive", None)],
        ),
        # a ranking of something else is no pledge
        ("Chile led the medal table with 12 golds, followed by Peru with 9.", []),
    ],
)
def test_donor_rankings(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain past giving with money right after it, in a main clause: a pledge
        ("Finland gave 6mn euros to the appeal.", [("fin", "financial", "pledge", "positive", None)]),
        (
            "Chile put in $3 million, the foreign ministry said.",
            [("chl", "financial", "pledge", "positive", None)],
        ),
        # with a past time, or in a relative clause, it is background
        ("Finland gave 6mn euros to the appeal last year.", []),
        ("Finland, which gave 6mn euros in 2019, has not decided.", []),
        # as many coordinated figures as givers: one each, in order
        (
            "Iceland and Estonia put in 2 million euros and 30 million crowns.",
            [
                ("isl", "financial", "pledge", "positive", None),
                ("est", "financial", "pledge", "positive", None),
            ],
        ),
    ],
)
def test_plain_past_giving(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_coordinated_figures_go_one_per_giver() -> None:
    got = [
        (c["committer"], c["amount"]["value"])
        for c in run("Iceland and Estonia put in 2 million euros and 30 million crowns.")
    ]
    assert got == [("isl", 2_000_000), ("est", 30_000_000)]


def test_names_listed_after_a_clause_all_commit() -> None:
    """ "..., and Norway and Sweden pledged": both give (the parse may take the first name into
    the clause before), and neither is what the first clause's money is for."""
    got = rows("Canada promised C$675 million, and Finland and Sweden pledged $300 million apiece.")
    assert got == [
        ("can", "financial", "pledge", "positive", None),
        ("fin", "financial", "pledge", "positive", None),
        ("swe", "financial", "pledge", "positive", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body's board speaks for the body
        (
            "The Caribbean Development Bank's board on Monday approved a $40 million loan for Guyana.",
            [("cdb", "financial", "pledge", "positive", "guy")],
        ),
        # holding back aid is a cut
        (
            "Canada held back $12 million of its development aid to Mali.",
            [("can", "financial", "refusal", "negative", "mli")],
        ),
    ],
)
def test_boards_and_held_back_aid(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_a_recipient_as_subject_takes_the_articles_one_giver() -> None:
    text = (
        "Japan will commit $90 million over three years to a regional coast guard programme. "
        "Palau will receive $15 million of it in patrol boats, the ministry said."
    )
    assert rows(text)[-1][0] == "jpn" and rows(text)[-1][4] == "plw"
    # with two givers named before, the rules do not guess
    two = "Japan and Australia pledged aid to the region. Palau will receive $15 million in patrol boats."
    assert all(r[0] != "plw" for r in rows(two)) and len([r for r in rows(two) if r[4] == "plw"]) == 0


def test_money_sent_to_a_named_beneficiary_is_a_part() -> None:
    text = (
        "Chile pledged US$30 million to the region. Of the total, US$20 million will go to Peru "
        "and US$10 million to Bolivia, the ministry said."
    )
    got = [(c["committer"], c["recipient"], c["amount"]["value"], c["part_of"]) for c in run(text)]
    assert got[1:] == [("chl", "per", 20_000_000, 0), ("chl", "bol", 10_000_000, 0)]
    # a purpose, not a beneficiary: no row of its own
    purpose = "Chile pledged US$30 million. Of the total, US$20 million will go to desalination plants."
    assert len(run(purpose)) == 1


def test_a_funds_name_is_no_purpose() -> None:
    """Money paid into a fund is financial; the disease in the fund's name is no purpose."""
    got = rows(
        "Britain pledged 850 million pounds to the Global Fund to Fight AIDS, Tuberculosis and Malaria."
    )
    assert got == [("gbr", "financial", "pledge", "positive", "global_fund")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pledges at a fund's launch go to the fund when the clause names no recipient
        (
            "SUVA, Fiji -- Pacific leaders launched the Ocean Shield Facility on Monday. The facility hopes to "
            "raise $1 billion by 2030.\n\nJapan pledged $40 million, and Canada committed C$25 million.",
            [("jpn", "ocean_shield_facility"), ("can", "ocean_shield_facility")],
        ),
        # a body raising money ("said it had secured ... in pledges") is the default recipient
        (
            "Gavi, the Vaccine Alliance, said it had secured $6 billion in pledges at a summit in Madrid. "
            "Gavi thanked its donors.\n\nNorway committed 2 billion kroner.",
            [("donors", "gavi"), ("nor", "gavi")],
        ),
        # a lender named "Fund" is no fund raised for: the country stays the beneficiary
        (
            "COLOMBO -- The International Monetary Fund approved a $300 million tranche for Sri Lanka. "
            "The IMF said reforms were on track.\n\nJapan pledged $100 million in budget support.",
            [("imf", "lka"), ("jpn", "lka")],
        ),
        # a giver of its own in a gapped list is not what the first giver's money is for
        (
            "The Halden Foundation pledged $1.6 billion over five years, the European Commission "
            "€360 million and Britain £1.25 billion to the Global Fund.",
            [("halden_foundation", "global_fund"), ("eu", "global_fund"), ("gbr", "global_fund")],
        ),
    ],
)
def test_default_recipient(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["recipient"]) for c in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named after a state is not that state
        (
            "Australia will send a frigate to patrol the South China Sea.",
            [("aus", None)],
        ),
        # a giver of a gapped clause is no recipient; "give Ukraine $1bn" still gives to Ukraine
        (
            "Among Caribbean states, Jamaica offered 200 soldiers to the mission in Haiti, and the Bahamas 150.",
            [("jam", "hti"), ("bhs", "hti")],
        ),
        ("Germany will give Ukraine 40 more Marder vehicles.", [("deu", "ukr")]),
        # "along the Syrian border" is where, not whom
        (
            "Lebanon's army will get help: Jordan said it was ready to share intelligence on smuggling "
            "along the Syrian border with Lebanon.",
            [("jor", "lbn")],
        ),
    ],
)
def test_recipient_is_no_place_or_giver(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["recipient"]) for c in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # money given to an agency goes to it; through an agency or for a country, to the country
        ("Norway said it would give $20 million to UNRWA this year.", "unrwa"),
        ("Japan will give $5 million to UNICEF for children in Yemen.", "yem"),
        ("Britain will send $10 million through the World Food Programme to Sudan.", "sdn"),
    ],
)
def test_agency_given_to_or_through(text: str, recipient: str) -> None:
    assert [c["recipient"] for c in run(text)] == [recipient]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # money to run a mission or force is financial, even in an article about relief
        (
            "Aid agencies say 600,000 people need food in Haiti. The United States has pledged "
            "US$300 million to the mission.",
            "financial",
        ),
        ("Canada said it would provide up to C$60 million to fund the security force.", "financial"),
        # troops offered with money stay troops; weapons for a force stay weapons
        ("Nigeria pledged 1,500 troops to the standby force.", "troops"),
        ("Britain will provide $100 million in military equipment for the force.", "military_equipment"),
        # "peacekeeping training centres": the training is what the money is for
        ("Germany would provide 25 million euros to peacekeeping training centres in Africa.", "training"),
    ],
)
def test_money_for_a_mission_is_financial(text: str, category: str) -> None:
    assert [c["category"] for c in run(text)] == [category]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a parenthetical set off by commas between the modal and its verb
        ("Germany would, however, send 500 soldiers to Lithuania.", [("deu", "troops", "pledge")]),
        ("Japan will, in turn, provide $50 million to the fund.", [("jpn", "financial", "pledge")]),
        (
            "Riyadh will, however, keep funding a joint humanitarian fund with France.",
            [("sau", "humanitarian", "continuation")],
        ),
    ],
)
def test_parenthetical_after_the_modal(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["category"], c["modality"]) for c in run(text)] == expected


def test_a_force_made_of_contingents_is_one_row_per_sending_state() -> None:
    """ "The force will include 1,000 Kenyan police officers, some 400 from Guatemala and about
    250 from El Salvador": each contingent is its sending state's undertaking; the force's own
    state benefits."""
    got = [
        (c["committer"], c["recipient"], c["category"], [q["value"] for q in c["quantities"]])
        for c in run(
            "The Slovak battlegroup will include 1,000 Kenyan police officers, some 400 from Guatemala "
            "and about 250 from El Salvador, an official said."
        )
    ]
    assert got == [
        ("ken", "svk", "troops", [1000]),
        ("gtm", "svk", "troops", [400]),
        ("slv", "svk", "troops", [250]),
    ]
    # a package's list names no states: no rows from it
    assert run("The package will include 40 tanks and 20 howitzers.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body that "raised concerns" or says a state "had secured" pledges raises no money
        (
            "Donors met in Brussels to help Syria. The UN raised concerns about access in Syria. "
            "Germany pledged €1 billion, and France pledged €500 million. The UN welcomed the money.",
            [("deu", "syr"), ("fra", "syr")],
        ),
        (
            "Pakistan is seeking a $7 billion loan from the IMF. The IMF said Pakistan had secured pledges "
            "from its allies. Saudi Arabia pledged $2 billion. The IMF board will meet next week.",
            [("sau", "pak")],
        ),
        # "give Ukraine $4.5bn and Moldova $100m": Moldova receives, it gives nothing
        (
            "Japan will give Ukraine $4.5 billion and Moldova $100 million.",
            [("jpn", "ukr"), ("jpn", "mda")],
        ),
        # an agency given money for its work in a country: the country
        ("Japan gave $5 million to UNICEF in Sudan.", [("jpn", "sdn")]),
    ],
)
def test_default_and_double_object_recipients(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["recipient"]) for c in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # turning down a request for an undertaking refuses it; the one it was asked for benefits
        (
            "China has turned down Kenya's request for a $3.68 billion loan to extend the railway.",
            [("chn", "ken", "financial", "refusal", "negative")],
        ),
        (
            "The Swiss government has turned down a request from Denmark to pass on 22 armoured "
            "personnel carriers to Ukraine.",
            [("che", "ukr", "military_equipment", "refusal", "negative")],
        ),
        # rejecting claims or calls for talks is no refused undertaking
        ("Russia rejected the claims as lies.", []),
        ("The government rejected calls for a ceasefire.", []),
    ],
)
def test_a_request_turned_down_is_a_refusal(text: str, expected: list[tuple]) -> None:
    assert [
        (c["committer"], c["recipient"], c["category"], c["modality"], c["polarity"]) for c in run(text)
    ] == (expected)


def test_a_bare_sum_in_a_gapped_clause_takes_the_money_before_it() -> None:
    """ "Norway pledged 500 million crowns, Denmark 300 million": Denmark's 300 million are
    crowns too, its own (Danish) ones; the euros named after it are no model for it."""
    got = [
        (c["committer"], (c["amount"] or {}).get("value"), (c["amount"] or {}).get("currency"))
        for c in run(
            "Norway pledged 500 million crowns, Denmark 300 million, while Ireland gave 12 million euros."
        )
    ]
    assert got == [("nor", 500000000, "nok"), ("dnk", 300000000, "dkk"), ("irl", 12000000, "eur")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refusing an action that withholds support: the kind its sentence names
        (
            "Austria said it would not approve the fund unless its financial risks were shared.",
            [("aut", "financial", "refusal", "negative")],
        ),
        (
            "Chile, whose soldiers served in the peacekeeping force for a decade, has refused to take part.",
            [("chl", "troops", "refusal", "negative")],
        ),
        # the kind of the undertaking just before it
        (
            "Portugal will keep its 200 soldiers in the force but would not increase them.",
            [("prt", "troops", "continuation", "positive"), ("prt", "troops", "refusal", "negative")],
        ),
        # refusals of other actions stay no undertaking, whatever the sentence names
        ("Hungary, which hosts 30,000 refugees, said it would not accept diktats.", []),
        ("Ghana, which has 800 troops in the force, will not bow to pressure.", []),
    ],
)
def test_a_refused_action_without_a_kind_takes_its_sentences(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["category"], c["modality"], c["polarity"]) for c in run(text)] == expected


_WEAPONS_MEETING = (
    "Defence ministers met in Brussels to coordinate deliveries of air defence systems, artillery "
    "shells, tanks and drones. Ukraine asked for more missiles and ammunition before the winter, "
    "and the allies discussed fighter jets and armoured vehicles. "
)
_RELIEF_APPEAL = (
    "Donors met in Geneva after the earthquake to answer the UN's humanitarian appeal. Aid agencies "
    "said displaced families needed shelter, food aid and medical supplies, and refugees in the "
    "camps faced famine. "
)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (_WEAPONS_MEETING, "military_equipment"),
        (_RELIEF_APPEAL, "humanitarian"),
        ("Ministers met in Brussels on Monday. ", "financial"),
    ],
)
def test_a_bare_sum_is_for_the_purpose_its_article_is_about(context: str, expected: str) -> None:
    """A sum whose clause names no purpose is for the one its article names far more than any
    other (a weapons meeting, a relief appeal); with none, money is financial."""
    got = [(c["committer"], c["category"]) for c in run(context + "Norway pledged 500 million crowns.")]
    assert got == [("nor", expected)]


def test_money_for_soldiers_pay_is_financial() -> None:
    got = [
        (c["committer"], c["category"])
        for c in run("Qatar pledged $20 million for the salaries of soldiers.")
    ]
    assert got == [("qat", "financial")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # warships sent, contributed or kept, aircraft for a mission: the giver's forces deployed
        ("Greece and Portugal will each contribute one frigate from April.", ["troops", "troops"]),
        ("Chile will not send a warship to the naval coalition.", ["troops"]),
        ("Poland will deploy four fighter jets for the air-policing mission.", ["troops"]),
        # handed over, or aircraft sent with no deployment named: equipment
        ("Norway will send F-16 fighter jets to Ukraine.", ["military_equipment"]),
        ("Japan will supply two frigates to Indonesia.", ["military_equipment"]),
    ],
)
def test_platforms_deployed_are_troops_handed_over_equipment(text: str, expected: list[str]) -> None:
    assert [c["category"] for c in run(text)] == expected


def test_a_lenders_bare_sum_is_financing_whatever_the_article() -> None:
    got = [
        (c["committer"], c["category"])
        for c in run(
            _RELIEF_APPEAL + "Norway pledged 500 million crowns. The Asian Development Bank said it would "
            "provide $1.5 billion."
        )
    ]
    assert got == [("nor", "humanitarian"), ("adb", "financial")]


def test_a_giver_first_misread_as_recipient_is_nobodys_beneficiary() -> None:
    """ "Norway put in 5 billion crowns and Switzerland CHF 90 million": Switzerland, first read
    as what Norway's money is for, gives; neither Norway's row nor the rows after it that took
    Switzerland as the article's beneficiary keep it."""
    got = [
        (c["committer"], c["recipient"])
        for c in run(
            "Donor governments pledged $9 billion to the Adaptation Fund on Friday. Japan pledged up to "
            "¥100 billion, while Norway put in 5 billion crowns and Switzerland CHF 90 million. Denmark "
            "promised 900 million Danish kroner."
        )
    ]
    assert got == [
        ("donors", "adaptation_fund"),
        ("jpn", "adaptation_fund"),
        ("nor", "adaptation_fund"),
        ("che", "adaptation_fund"),
        ("dnk", "adaptation_fund"),
    ]


def test_a_sum_of_backers_named_among_others_is_the_donors_and_holds_their_pledges() -> None:
    """ "with Canada, Norway and Kuwait among the first backers and early pledges of about
    US$180 million": a total of givers some of whom are named, not a joint pledge of the ones
    named; the pledges listed after it are its parts."""
    got = [
        (c["committer"], c["recipient"], (c["amount"] or {}).get("value"), c["part_of"])
        for c in run(
            "SUVA, May 3, 2026 -- Caribbean leaders on Monday launched the Storm Recovery Facility, a "
            "regional fund for storm recovery, with Canada, Norway and Kuwait among the first backers and "
            "early pledges of about US$180 million. The Storm Recovery Facility will make grants for sea "
            "walls and shelters. Canada pledged C$100 million. Norway committed 200 million crowns."
        )
    ]
    assert got == [
        ("donors", "storm_recovery_facility", 180000000, None),
        ("can", "storm_recovery_facility", 100000000, 0),
        ("nor", "storm_recovery_facility", 200000000, 0),
    ]


def test_the_same_sum_from_the_same_giver_told_twice_is_one_row() -> None:
    got = [
        ((c["amount"] or {}).get("value"), len(c.get("mentions", [])))
        for c in run(
            "Belgium will give 40 million euros to Chad for flood relief, the minister said. The "
            "minister told parliament on Tuesday that Belgium had promised 40 million euros in aid."
        )
        if c["committer"] == "bel"
    ]
    assert got == [(40000000, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In addition, 150 anti-tank missiles will be supplied by Finland from its own stocks.",
            [("fin", "military_equipment", None)],
        ),
        (
            "A further 300 tonnes of food will be shipped by Egypt to Gaza next week.",
            [("egy", "humanitarian", "pse")],
        ),
    ],
)
def test_a_future_passive_with_an_agent_is_the_agents(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["category"], c["recipient"]) for c in run(text)] == expected


def test_a_body_raising_money_named_with_an_apposition_is_the_default_recipient() -> None:
    text = (
        "IFAD, the U.N. agency that lends to farmers in poor countries, hopes to raise $1.5 billion this "
        "year. Norway pledged 200 million crowns, and Spain said it would give €25 million. The United "
        "States is still reviewing its contribution, and IFAD said talks with Gulf states would go on."
    )
    assert [(c["committer"], c["recipient"]) for c in run(text)] == [("nor", "ifad"), ("esp", "ifad")]


def test_the_beneficiary_by_default_is_not_the_dateline_nor_the_maker() -> None:
    """With no recipient in its clause, a pledge goes to the state the article names most as a
    beneficiary: the place the article is filed from and the maker of a weapon ("German-made")
    do not count, a state things go "to" counts twice."""
    text = (
        "BERLIN, Germany, March 3, 2026 (AP) - Allies met in Germany on Friday as Moldova and the "
        "Moldovan army asked for German-made tanks. Norway will supply artillery shells, and Finland "
        "will send 20 armoured vehicles."
    )
    assert [(c["committer"], c["recipient"]) for c in run(text)] == [("nor", "mda"), ("fin", "mda")]


def test_a_ranking_with_possessive_sums_gives_each_giver_its_own() -> None:
    """ "Norway led with 10 billion crowns, followed by Japan's ¥100 billion and Canada's C$300
    million": each giver named in the ranking pledged its figure, and none of them is what the
    money before was given to."""
    got = [
        (c["committer"], (c["amount"] or {}).get("value"), c["recipient"])
        for c in run(
            "Donor governments pledged $5 billion to the fund on Friday. Norway led with 10 billion "
            "crowns, followed by Japan's ¥100 billion and Canada's C$300 million."
        )
    ]
    assert got == [
        ("donors", 5000000000, None),
        ("nor", 10000000000, None),
        ("jpn", 100000000000, None),
        ("can", 300000000, None),
    ]


def test_disbursements_that_continue_are_financing() -> None:
    got = [
        (c["committer"], c["category"], c["modality"], c["recipient"])
        for c in run("The Asian Development Bank said its disbursements to Laos would continue.")
    ]
    assert got == [("adb", "financial", "continuation", "lao")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a running total to date is background, not an undertaking
        ("Norway has committed around 30 billion crowns in military aid to Ukraine since 2022.", []),
        ("Japan has now pledged more than $2 billion in budget support to Fiji so far.", []),
        # a new total, or an undertaking, stays
        ("Participating countries have pledged a total of $3 billion for the appeal.", ["donors"]),
        ("Norway will give 30 billion crowns in military aid to Ukraine, its largest since 2022.", ["nor"]),
    ],
)
def test_a_running_total_to_date_is_no_undertaking(text: str, expected: list[str]) -> None:
    assert [c["committer"] for c in run(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kenya would seek grants rather than loans for the railway, the minister said.",
        "Zambia will not borrow on commercial terms again, the finance ministry said.",
    ],
)
def test_asking_for_money_or_borrowing_it_is_no_undertaking(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's office-holder pledges for the state
        ("Peru's premier on Friday pledged $20 million in loans to Bolivia.", [("per", 20000000)]),
        ("Norway's foreign minister pledged 50 million crowns for Sudan.", [("nor", 50000000)]),
        # "pledged at least": a bound, not a preposition
        ("Donor countries pledged at least $2 billion for Yemen on Tuesday.", [("donors", 2000000000)]),
        # plain past giving with the money right after it, at a pledging event
        ("The World Bank also contributed $75 million in grants.", [("world_bank", 75000000)]),
        ("Ireland donated 5 million euros to the appeal.", [("irl", 5000000)]),
        # a running total with the perfect is background
        ("Canada has already provided over $2 billion to the region.", []),
        # world leaders are the donors
        ("World leaders pledged $1.2 billion to rebuild the port city.", [("donors", 1200000000)]),
    ],
)
def test_givers_and_past_giving(text: str, expected: list[tuple]) -> None:
    got = [(c["committer"], (c["amount"] or {}).get("value")) for c in run(text)]
    assert got == expected


def test_a_contrast_with_another_givers_figure_is_no_condition() -> None:
    got = run(
        "Germany announced 40 million euros in new funds while Italy pledged about 12 million euros "
        "and Spain about 8 million euros."
    )
    assert [(c["committer"], c["amount"]["value"], c["conditions"]) for c in got] == [
        ("deu", 40000000, []),
        ("ita", 12000000, []),
        ("esp", 8000000, []),
    ]
    # "while" + a clause without a figure stays a condition
    held = run("The EU will not impose new sanctions while peace talks continue.")
    assert [c["text"] for r in held for c in r["conditions"]] == ["while peace talks continue"]


def test_figures_listed_with_their_givers_after_from() -> None:
    got = run(
        "Donors pledged a combined $2.1 billion for the malaria programme in Ghana on Monday. Pledges "
        "came from many donors, including $1.2 billion from the Carnegie Foundation, $450 million from "
        "Rotary International and 300 million euros in loans and grants from Italy."
    )
    assert [(c["committer"], c["amount"]["value"], c["recipient"]) for c in got] == [
        ("donors", 2100000000, "gha"),
        ("carnegie_foundation", 1200000000, "gha"),
        ("rotary_international", 450000000, "gha"),
        ("ita", 300000000, "gha"),
    ]
    # a figure received from someone, alone, is no list of pledges
    assert [c["committer"] for c in run("Imports worth $2 billion from China fell last year.")] == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # money for a force: the weapons the object names decide, else it is money
        (
            "Japan will provide $100 million in military assistance to a regional standby force.",
            "military_equipment",
        ),
        ("The US will give $20 million for the salaries of soldiers.", "financial"),
        ("Kenya will pay $3 million toward housing for the foreign troops.", "financial"),
    ],
)
def test_money_for_a_force_takes_the_weapons_it_names(text: str, category: str) -> None:
    assert [c["category"] for c in run(text)] == [category]


def test_money_pledged_by_a_giver_in_a_reduced_passive() -> None:
    got = run("Ghana will use the $2 billion credit line already pledged by China to build roads.")
    assert [(c["committer"], c["amount"]["value"]) for c in got] == [("chn", 2000000000)]
    got = run("The $500 million offered by Japan will go to schools in Laos.")
    assert [(c["committer"], c["modality"], c["amount"]["value"]) for c in got] == [
        ("jpn", "offer", 500000000)
    ]
    # a refusal of that money stays the refuser's
    got = run("Nepal will not accept foreign aid, including the $30 million offered by Qatar.")
    assert sorted((c["committer"], c["polarity"]) for c in got) == [
        ("npl", "negative"),
        ("qat", "positive"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Canada said it would not invest public money in the scheme for now.",
        "Mexico said it had no plans to invest in the facility.",
    ],
)
def test_refusing_to_invest_withholds_money(text: str) -> None:
    assert [(c["category"], c["polarity"]) for c in run(text)] == [("financial", "negative")]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Korea will provide $5 billion in loans to African countries by 2030.", "africa"),
        ("Sweden pledged $20 million in relief for the Horn of Africa.", "horn_of_africa"),
        ("Britain pledged $60 million in aid for Rohingya refugees.", "rohingya_refugees"),
        # a state named in the clause stays the recipient
        ("Korea will provide $5 billion in loans to South Africa.", "zaf"),
    ],
)
def test_a_region_or_people_in_the_clause_is_the_recipient(text: str, recipient: str) -> None:
    assert [c["recipient"] for c in run(text)] == [recipient]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # giving now, with the money right after the verb
        ("Norway is donating another $80 million to the vaccine facility.", [("nor", 80000000)]),
        ("Sweden is contributing $5 million to the appeal.", [("swe", 5000000)]),
        ("Canada is contributing troops to the mission.", []),
        # a ranking of givers: "X followed with $Y"
        ("Germany followed with $100 million.", [("deu", 100000000)]),
        # "the foundation" is the foundation named before
        (
            "The Rockefeller Foundation hosted the talks. The foundation committed $15 million to the fund.",
            [("rockefeller_foundation", 15000000)],
        ),
    ],
)
def test_giving_now_rankings_and_the_foundation(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], (c["amount"] or {}).get("value")) for c in run(text)] == expected


def test_a_package_itemised_by_beneficiary() -> None:
    got = run(
        "Japan will provide $90 million in loans to three Pacific states. The money will be "
        "allocated as follows: Fiji - $40 million, Samoa - $30 million, Tonga - $20 million."
    )
    assert [(c["committer"], c["recipient"], c["amount"]["value"], c["part_of"]) for c in got][1:] == [
        ("jpn", "fji", 40000000, 0),
        ("jpn", "wsm", 30000000, 0),
        ("jpn", "ton", 20000000, 0),
    ]
    split = run("Canada pledged $90 million split among Chad ($50 million) and Niger ($40 million).")
    assert [(c["recipient"], c["amount"]["value"]) for c in split][1:] == [
        ("tcd", 50000000),
        ("ner", 40000000),
    ]
    # givers listed with their own pledges are no beneficiaries
    givers = run(
        "Donors pledged $300 million for Sudan, including Japan ($50 million) and Norway ($30 million)."
    )
    assert [c["recipient"] for c in givers if c["committer"] == "donors"] == ["sdn"]
    assert all(c["recipient"] not in ("jpn", "nor") for c in givers)


def test_a_parenthetical_between_dashes_keeps_the_subject() -> None:
    got = run(
        "Qatar, which was hit by the blockade - a dispute that lasted three years - offered $300 million "
        "in new money."
    )
    assert [(c["committer"], c["amount"]["value"]) for c in got] == [("qat", 300000000)]


def test_a_giver_raising_its_own_pledge_to_a_sum() -> None:
    got = run(
        "Denmark raised its contribution by 30 percent to 2 billion crowns, while Ireland increased "
        "its pledge to 90 million euros."
    )
    assert [(c["committer"], c["amount"]["value"], c["amount"]["currency"]) for c in got] == [
        ("dnk", 2000000000, "dkk"),
        ("irl", 90000000, "eur"),
    ]
    assert run("The central bank raised interest rates to 5 percent.") == []


def test_an_itemised_list_cut_at_the_end_of_the_text() -> None:
    got = run("Canada pledged $90 million split among Chad ($50 million) and Niger ($40 million")
    assert [(c["recipient"], c["amount"]["value"]) for c in got][1:] == [("tcd", 50000000), ("ner", 40000000)]


def test_a_bare_sum_takes_an_appeal_articles_purpose() -> None:
    # relief words of weight 7 (three strong, one weak) and nothing else: a relief article
    text = (
        "Drought has left millions facing hunger across the region, officials said.\n\n"
        "The humanitarian response is short of money, and relief convoys have slowed.\n\n"
        "Ministers met in Geneva on Tuesday.\n\n"
        "Japan pledged $50 million, its foreign ministry said."
    )
    assert [(c["committer"], c["category"]) for c in run(text)] == [("jpn", "humanitarian")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # letting go of what the recipient owes is debt relief, in any tense
        (
            "Norway cancelled Malawi's $400 million debt in an effort to ease its budget crisis.",
            ("pledge", "positive"),
        ),
        ("Ireland will cancel $3 billion of Chad's debt.", ("pledge", "positive")),
        # ... unless refused, and a programme cancelled is aid withheld
        ("Ireland refused to cancel Chad's $3 billion debt.", ("refusal", "negative")),
        ("Ireland cancelled its $30 million aid programme for Chad after the coup.", ("refusal", "negative")),
    ],
)
def test_debt_cancelled_is_relief(text: str, expected: tuple[str, str]) -> None:
    assert [(c["modality"], c["polarity"]) for c in run(text)] == [expected]


def test_a_collective_total_of_many_givers_keeps_its_money() -> None:
    got = run(
        "Participating countries have collectively pledged a total of more than 2 billion dollars for Sudan."
    )
    assert [(c["committer"], (c["amount"] or {}).get("value")) for c in got] == [("donors", 2000000000)]
    # one giver's total to date is background
    got = run("Canada has now pledged a total of $2 billion to the region.")
    assert [(c["amount"] or {}).get("value") for c in got] == []


def test_recipients_listed_before_the_money_are_no_gapped_givers() -> None:
    got = run("The European Union will give Chad, Niger and Mali 40 million euros in military equipment.")
    assert [(c["committer"], c["recipient"], c["amount"]["value"]) for c in got] == [
        ("eu", "chad_niger_and_mali", 40000000)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every giver of a gapped list keeps its own figure, the last one too
        ("France gave €5m, Germany €3m and Italy €2m.", [("fra", 5e6), ("deu", 3e6), ("ita", 2e6)]),
        (
            "Sweden pledged 300 million crowns, Norway 200 million and Denmark 150 million to the fund.",
            [("swe", 3e8), ("nor", 2e8), ("dnk", 1.5e8)],
        ),
    ],
)
def test_each_giver_of_a_gapped_list_keeps_its_figure(text: str, expected: list[tuple]) -> None:
    got = [(c["committer"], c["amount"]["value"]) for c in run(text)]
    assert got == expected
    assert [c["recipient"] for c in run(text)] == [None] * len(expected)


def test_a_bulleted_list_of_givers_after_a_lead_in() -> None:
    got = run(
        "Rich nations pledged $6 billion to help Ghana close its coal plants.\n"
        "The initial $6 billion funding package includes:\n- $2 billion through the Green Climate Fund\n"
        "- $1 billion from France\n- $1 billion from Germany\n- $1.8 billion from the UK\n- $1 billion from the EU\n"
    )
    assert [(c["committer"], c["amount"]["value"], c["recipient"], c["evidence"]["text"]) for c in got] == [
        ("donors", 6000000000, "gha", "Rich nations pledged $6 billion to help Ghana close its coal plants"),
        ("fra", 1000000000, "gha", "$1 billion from France"),
        ("deu", 1000000000, "gha", "$1 billion from Germany"),
        ("gbr", 1800000000, "gha", "$1.8 billion from the UK"),
        ("eu", 1000000000, "gha", "$1 billion from the EU"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # many unnamed givers announce a collective sum, wherever they met
        (
            "Officials, foundations and partners announced on Tuesday in Doha a collective $2.3 billion to "
            "fight malaria.",
            [("donors", 2300000000)],
        ),
        # named givers share theirs; a deal's worth is nobody's pledge
        (
            "Spain, Italy and the EU pledged a combined €3bn for the camps.",
            [("esp", 3000000000), ("ita", 3000000000), ("eu", 3000000000)],
        ),
        ("The two contracts are worth a combined $3.1 billion and were signed on Friday.", []),
    ],
)
def test_a_collective_sum_of_unnamed_givers_is_the_donors(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["amount"]["value"]) for c in run(text)] == expected


def test_givers_joined_by_and_in_a_list_each_keep_their_figure() -> None:
    got = run(
        "The event was hosted by the Al Noor Foundation in partnership with WHO. Pledges were made from a "
        "diverse group of donors and countries, including: $300 million from the Ford Foundation; $140 "
        "million from Peru and $52 million from Chile; $36 million from Canada; and $2 million from Malta."
    )
    assert [(c["committer"], c["amount"]["value"], c["evidence"]["text"]) for c in got][1:3] == [
        ("per", 140000000, "$140 million from Peru"),
        ("chl", 52000000, "$52 million from Chile"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # money told right after an undertaking that names none of its own is its money
        ("Portugal will pay for barracks and housing at a cost of around €2 billion.", 2000000000),
        (
            "Austria will continue to provide mine-clearing equipment to Ukraine, with 20 million euros "
            "earmarked for this year.",
            20000000,
        ),
        (
            "Sweden said it would channel its development aid to Kenya - about 300 million kronor a year - "
            "through civil society groups.",
            300000000,
        ),
        # the package an undertaking without money of its own is part of
        (
            "Australia will send a further 30 armoured vehicles to Ukraine as part of a $245 million military "
            "assistance package.",
            245000000,
        ),
        # (an undertaking with its own money keeps it)
        ("Japan will lend Kenya $500 million as part of a $2 billion package for East Africa.", 500000000),
        # a cost that is no money stays none
        ("Germany will send 40 tanks to Ukraine at a cost of its own readiness.", None),
    ],
)
def test_money_told_right_after_an_undertaking_is_its_own(text: str, value: int | None) -> None:
    assert [(c["amount"] or {}).get("value") for c in run(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        # where the story is filed from is no giver
        "Tokyo/Hanoi – Japan will provide a credit line of 40 billion yen to support development in Vietnam.",
        "Hanoi, March 3, 2022, VNA -- The Government of Japan has pledged 40 billion yen in assistance to Vietnam.",
        # a plural's possessive in an apposition is no second giver
        "Japan, the Philippines' largest development partner, will provide five patrol boats under a 40 billion "
        "yen soft loan.",
        # nor is the speaker of an aside inside the subject
        "Pakistan's finance minister Ali Khan spoke to reporters on Monday. Japan, he said, would place a "
        "fresh deposit of 40 billion yen with the central bank.",
    ],
)
def test_datelines_possessives_and_asides_are_no_co_givers(text: str) -> None:
    got = [(c["committer"], c["amount"]["value"], c["amount"]["basis"]) for c in run(text)]
    assert got == [("jpn", 40000000000, "own")]


def test_a_gapped_clause_takes_its_figure_from_every_row_before_it() -> None:
    got = run(
        "Jamaica will contribute 150 soldiers. The United States will pay for the force's logistics with "
        "$380 million in its first year, and Canada C$60 million for a police academy outside the capital."
    )
    assert [(c["committer"], (c["amount"] or {}).get("value")) for c in got] == [
        ("jam", None),
        ("usa", 380000000),
        ("can", 60000000),
    ]


@pytest.mark.parametrize(
    ("text", "committer"),
    [
        # a name described by an apposition gives, not the names inside it
        (
            "Japan, Laos's largest bilateral lender after China, has resumed its projects and will lend a "
            "further 40 billion yen for a railway.",
            "jpn",
        ),
        (
            "Norway, one of Sudan's largest bilateral donors, said it would keep its aid budget unchanged.",
            "nor",
        ),
    ],
)
def test_the_name_an_apposition_describes_gives(text: str, committer: str) -> None:
    assert [c["committer"] for c in run(text)] == [committer]


def test_a_beneficiary_guessed_before_a_forces_contingents_were_known_is_guessed_again() -> None:
    got = run(
        "The UN-backed Security Force for Chad will include 500 Kenyan police officers, some 200 from Ghana "
        "and about 100 from Togo when it is complete, officials said on Monday.\n\nBelize and Malta, which "
        "both sent small teams to the earlier Kenyan-led mission, will contribute a further 90 soldiers "
        "between them."
    )
    assert sorted((c["committer"], c["recipient"]) for c in got) == [
        ("blz", "tcd"),
        ("gha", "tcd"),
        ("ken", "tcd"),
        ("mlt", "tcd"),
        ("tgo", "tcd"),
    ]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Donors pledged $2.6 billion to the Global Polio Eradication Initiative.", "gpei"),
        ("Sweden pledged 50 million crowns to the Adaptation Fund at the summit.", "adaptation_fund"),
        ("Nepal will contribute $1 million to a relief fund set up by SAARC.", "saarc"),
    ],
)
def test_funds_and_groupings_money_is_pledged_to(text: str, recipient: str) -> None:
    assert [c["recipient"] for c in run(text)] == [recipient]


@pytest.mark.parametrize(
    "text",
    ["Peru has decided not to send troops to Haiti.", "Peru agreed not to sell the jets to Russia."],
)
def test_a_decision_not_to_act_is_a_refusal(text: str) -> None:
    assert [(c["modality"], c["polarity"]) for c in run(text)] == [("refusal", "negative")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a recipient secures from a giver is the giver's pledge to it
        (
            "Kenyan President William Ruto secured 46 million dollars in military aid from the United States.",
            [("usa", "ken", 46000000)],
        ),
        ("Gavi secured $9 billion from donors for its next strategy.", [("donors", "gavi", 9000000000)]),
        # no giver named: a total, or nothing
        ("Police secured the area before the minister arrived.", []),
    ],
)
def test_what_a_recipient_secures_from_a_giver_is_the_givers(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["recipient"], c["amount"]["value"]) for c in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opening that runs past the undertaking's cue to a dash is no dateline
        (
            "UK Prime Minister Rishi Sunak said Britain will send Ukraine 14 tanks - a first for a Western country.",
            [("gbr", "ukr")],
        ),
        ("NATO will give Ukraine $1 billion - the largest package yet.", [("nato", "ukr")]),
        # a real one is
        ("WASHINGTON (Reuters) - The United States will give Ukraine $1 billion.", [("usa", "ukr")]),
    ],
)
def test_an_opening_that_runs_past_the_cue_is_no_dateline(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["recipient"]) for c in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # whoever pays off a debt does it for the one who owes it, not for the lender
        ("Qatar and Kuwait will jointly pay off Chad's $20 million in arrears to the World Bank.", "tcd"),
        ("Oman said it would settle Yemen's debt to the IMF, about $30 million.", "yem"),
    ],
)
def test_the_debtor_whose_debt_is_paid_is_the_recipient(text: str, recipient: str) -> None:
    assert [c["recipient"] for c in run(text)][:1] == [recipient]


def test_where_a_meeting_took_place_is_not_the_guessed_recipient() -> None:
    text = (
        "Norway pledged $40 million on Monday. The fund was set up last year at the conference in Egypt "
        "and is now hosted by the World Bank."
    )
    assert [(c["committer"], c["recipient"]) for c in run(text)] == [("nor", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a giver's rank told with a copula, its money after "with"
        ("Italy was the largest single donor with a pledge of 90 million euros.", [("ita", 90000000)]),
        (
            "Canada was the second-biggest contributor, with $700 million, followed by Japan with $500 million.",
            [("can", 700000000), ("jpn", 500000000)],
        ),
        # a rank without money of this round is no pledge
        ("Brazil, which was the largest contributor to the last round, gave no figure.", []),
    ],
)
def test_a_giver_ranked_with_a_copula_pledged_its_money(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["amount"]["value"]) for c in run(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway's pledge also grew by 20% to 3 billion crowns.", [("nor", 3000000000)]),
        ("Korea's contribution rose to $900 million, the ministry said.", [("kor", 900000000)]),
        # growth of something not pledged is none
        ("The fund's assets grew to $5 billion.", []),
    ],
)
def test_a_givers_own_pledge_that_grew_is_its_undertaking(text: str, expected: list[tuple]) -> None:
    assert [(c["committer"], c["amount"]["value"]) for c in run(text)] == expected


def test_a_later_sentence_of_terms_gives_its_conditions() -> None:
    """Issue 15: a later sentence that states only terms ("The assistance will be subject to
    ...", "The text will need to be adopted ...") joins every row of the undertaking it follows;
    the committer's own restatement with the same action ("the minister said Norway would consider
    sending troops only if ...") joins that row. Made-up sentences."""
    text = (
        "The European Union will lend Moldova 90 million euros and Armenia 70 million euros. "
        "The loans will have a maturity of 15 years. "
        "The assistance will be subject to a memorandum of understanding with each country. "
        "The text will need to be adopted by the European Parliament before it can enter into force."
    )
    got = [(c["recipient"], [x["text"] for x in c["conditions"]]) for c in run(text)]
    assert got and all(
        any("memorandum of understanding" in x for x in conds)
        and any("adopted by the European Parliament" in x for x in conds)
        for _r, conds in got
    ), got
    refusal = (
        "Norway will not send troops to the stabilisation force, the defence minister said on Monday. "
        "The decision was taken at a cabinet meeting. "
        "The minister said Norway would consider sending troops only if the force had a UN mandate."
    )
    (nor,) = [c for c in run(refusal) if c["committer"] == "nor"]
    assert [x["text"] for x in nor["conditions"]] == ["only if the force had a UN mandate"]
    # another side's terms are not the giver's
    other = (
        "Japan will donate 50,000 doses of vaccine to Kenya, the foreign ministry said. "
        "Kenya's health minister told reporters that the doses would be used only once cold storage is ready."
    )
    (jpn,) = [c for c in run(other) if c["committer"] == "jpn"]
    assert jpn["conditions"] == []


def test_a_refusal_object_ends_before_where() -> None:
    """ "will not fund rebuilding in areas where ...": the clause is the refusal's condition."""
    (c,) = run(
        "Sweden will not fund rebuilding in Syria in areas where the land titles of returnees are not recognised."
    )
    assert c["polarity"] == "negative" and "where" not in c["evidence"]["text"]
    assert [x["text"] for x in c["conditions"]] == ["where the land titles of returnees are not recognised"]


def test_an_agent_after_by_is_no_beneficiary() -> None:
    text = "In all, $80 million was pledged by Canada and $30 million by Denmark."
    assert [(c["committer"], c["recipient"]) for c in run(text)][:1] == [("can", None)]


@pytest.mark.parametrize(
    "text",
    [
        # a later sentence with a condition about something else gives the undertaking none
        "Japan pledged $100 million to Kenya for food aid. The match will be played only if the rain stops.",
        # another actor's past act is no condition ("provided" as a verb)
        "Japan will give $100 million to Kenya. The Netherlands provided tanks to Ukraine in May.",
        # two actors as subjects: whose terms they are is not clear
        "India will send 500 troops to Nepal. India said Pakistan would consider sending troops only if the UN asked.",
    ],
)
def test_a_later_sentence_about_something_else_gives_no_condition(text: str) -> None:
    assert [c["conditions"] for c in run(text)][:1] == [[]]


def test_the_terms_go_to_the_undertaking_told_last_not_the_row_added_last() -> None:
    text = (
        "Saudi Arabia made the biggest pledge, $500 million. Britain will provide $20 million to Chad. "
        "The money will be released only once an audit is done."
    )
    got = {c["committer"]: [x["text"] for x in c["conditions"]] for c in run(text)}
    assert got == {"sau": [], "gbr": ["only once an audit is done"]}


def test_aid_a_country_received_that_grew_is_no_pledge_of_its_own() -> None:
    assert run("Ukraine's military aid grew to $40 billion last year, the institute said.") == []
