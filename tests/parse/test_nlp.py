"""The shared spaCy pipeline's helpers (pipeline/nlp.py)."""

from __future__ import annotations

import pytest


def test_doc_text_is_built_once_and_equals_the_body() -> None:
    """doc_text keeps the first doc.text of a Doc, so parsing, actors and statements do not
    each rebuild it from every token."""
    from pipeline.nlp import TEXT_KEY, doc_text, get_nlp

    body = "Kyiv said on Monday that it \u201cwelcomes\u201d the offer.\n\nBerlin declined.  "
    doc = get_nlp()(body)
    # (the paragraph component may have read it already: then it is the body itself)
    assert doc.user_data.get(TEXT_KEY, body) == body
    assert doc_text(doc) == body == doc.text
    doc.user_data[TEXT_KEY] = "kept"  # the second read is the kept one, not a rebuild
    assert doc_text(doc) == "kept"


def test_lemmas_equal_spacys_own_lookup_lemmatizer() -> None:
    """The array lemmatizer gives every token the lemma spaCy's lookup lemmatizer gives it
    (same table), on the seed articles and words the table lacks or spells oddly."""
    import spacy

    from pipeline.config import PROJECT_ROOT
    from pipeline.nlp import get_nlp

    ours = get_nlp()
    assert ours.pipe_names == ["sentencizer", "abbreviations", "paragraphs", "lemmatizer"]
    theirs = spacy.blank("en")
    theirs.add_pipe("sentencizer")
    theirs.add_pipe("lemmatizer", config={"mode": "lookup"})
    theirs.initialize()
    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    texts.append("Zelenskyy's allies were pledging Gepards; they'd SAID it. Went, gone, mice \u2014 1,000.")
    n = 0
    for text in texts:
        a, b = ours(text), theirs(text)
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        n += len(a)
    assert n > 500
    doc = ours("The ministers were pledging more mice.")
    assert [t.lemma_ for t in doc][1:5] == ["minister", "be", "pledge", "much"]  # the table's own


def test_a_line_break_after_a_sentence_end_starts_a_sentence() -> None:
    """ "... wrote on X.\\nSpain plans ..." is two sentences although the sentencizer reads
    "X." as an initial; a hard-wrapped line in mid-sentence stays one sentence."""
    from pipeline.nlp import get_nlp

    doc = get_nlp()(
        "Mexico will extend it, Ramos wrote on X.\nSpain plans to offer visas, the embassy "
        "said.\n\nThe minister said the plan\nwould work."
    )
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "Mexico will extend it, Ramos wrote on X.",
        "Spain plans to offer visas, the embassy said.",
        "The minister said the plan\nwould work.",
    ]


def _sentences(text: str) -> list[str]:
    from pipeline.nlp import get_nlp

    return [s.text.strip() for s in get_nlp()(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "Switzerland will spend Fr. 100 million on demining.",
        "Bern added SFr. 40 million and Fr. 1.5 billion for the reconstruction.",
        "India released Rs. 500 crore and Nepal NRs. 35 crore for relief.",
        "The aide at No. 10 said Mr. Smith would visit St. Petersburg with Gen. Syrskyi.",
        "The army sent approx. 500 troops under Art. 5 of the treaty.",
        "Lt. Col. Jane Smith and Maj. Gen. Tom Brown met Amb. Yusuf Tanko-Bello.",
        "Capt. Kirk said Sgt. Pepper had served ca. 20 years.",
    ],
)
def test_an_abbreviation_before_a_figure_or_a_name_ends_no_sentence(text: str) -> None:
    """spaCy's tokenizer splits "Fr." into "Fr" and "." and the sentencizer ends a sentence
    there; after an abbreviation of resources/sentences/abbreviations.tsv followed by a figure
    or a name (as that file says) the sentence goes on."""
    assert _sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a real end after an abbreviation: a function word, a figure after a word that takes
        # names only, a lower-case "no", a line break
        ("He was a Lt. The army said so.", ["He was a Lt.", "The army said so."]),
        (
            "They promoted him to Col. 20 officers objected.",
            ["They promoted him to Col.", "20 officers objected."],
        ),
        ("The answer was no. 50 people left.", ["The answer was no.", "50 people left."]),
        ("It cost Fr.\n100 million went elsewhere.", ["It cost Fr.", "100 million went elsewhere."]),
        # ends the sentencizer already found stay
        (
            "Aid came from Kyiv. 500 troops left. Then Berlin spoke.",
            ["Aid came from Kyiv.", "500 troops left.", "Then Berlin spoke."],
        ),
        (
            "The money came from the U.S.\nBerlin declined.",
            ["The money came from the U.S.", "Berlin declined."],
        ),
    ],
)
def test_a_sentence_still_ends_after_an_abbreviation_that_ends_it(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def _seed_bodies() -> list[str]:
    from pipeline.config import PROJECT_ROOT

    return [
        p.read_text(encoding="utf-8").split("\n", 1)[1]
        for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
        if "\n" in p.read_text(encoding="utf-8")
    ]


def test_the_parsers_rule_lemmas_equal_spacys_own_rule_lemmatizer() -> None:
    """The parser's rule lemmatizer, made to read and write the Doc's arrays, gives every
    token the lemma spaCy's own component gives it (same pipeline loaded afresh)."""
    import spacy

    from pipeline.nlp import SHIPPED_MODEL, get_parser

    ours = get_parser()
    assert ours is not None
    assert type(ours.get_pipe("lemmatizer")).__name__.startswith("Array")
    theirs = spacy.load(SHIPPED_MODEL)
    assert type(theirs.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    texts = _seed_bodies() + ["They'd SAID it: Germany was pledging 1,000 mice, geese and Gepards."]
    n = 0
    for text in texts:
        a, b = ours(text), theirs(text)
        assert [(t.lemma_, t.pos_, t.dep_, t.head.i) for t in a] == [
            (t.lemma_, t.pos_, t.dep_, t.head.i) for t in b
        ]
        n += len(a)
    assert n > 2000
    doc = ours("The donors were pledging more funds and sent mice.")
    assert [t.lemma_ for t in doc][1:6:2] == ["donor", "pledge", "fund"]


def test_sentences_of_several_documents_parse_as_one_document_at_a_time() -> None:
    """Parsing the asked sentences of several articles in one batch (each sentence once, even
    when asked twice) keeps on each Doc the parses it gets alone."""
    from pipeline.nlp import PARSES_KEY, get_nlp, parse_documents_sentences, parse_sentences

    bodies = _seed_bodies()[:4]
    alone, together = [get_nlp()(b) for b in bodies], [get_nlp()(b) for b in bodies]
    for doc in alone:
        parse_sentences(doc, list(doc.sents))
    parse_documents_sentences([(doc, list(doc.sents) + list(doc.sents)[:3]) for doc in together])

    def read(doc: object) -> list[tuple[tuple[int, int], list[tuple[str, str, str, str, int]]]]:
        cache = doc.user_data[PARSES_KEY]  # type: ignore[attr-defined]
        return [
            (k, [(t.text, t.lemma_, t.pos_, t.dep_, t.head.i) for t in p]) for k, p in sorted(cache.items())
        ]

    for a, b in zip(alone, together, strict=True):
        assert len(a.user_data[PARSES_KEY]) == len([s for s in a.sents if 0 < len(s) <= 200]) > 3
        assert read(a) == read(b)


def test_a_batch_gives_the_rows_of_one_document_at_a_time() -> None:
    """process_batch parses the candidate sentences of a group of documents in one batch; the
    rows (and the outcome of each input, in input order, a rejected one among them) are those
    of extracting the documents one at a time."""
    import pytest

    from pipeline import process
    from pipeline.config import PROJECT_ROOT
    from pipeline.ingest.discover import discover
    from pipeline.models import RawDocument

    raws = list(discover([str(PROJECT_ROOT / "seeds")]))
    raws.insert(3, RawDocument("empty.txt", b"", "txt", "2024-01-01T00:00:00+00:00", "empty"))
    assert len(raws) > 8
    grouped = process.process_batch(raws, "r", "2024-01-01T00:00:00+00:00")
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(process, "PARSE_GROUP", 1)
        single = process.process_batch(raws, "r", "2024-01-01T00:00:00+00:00")
    finally:
        mp.undo()
    assert [r["outcome"] for r in grouped.rows["inputs"]][2:5] == ["loaded", "rejected", "loaded"]
    assert [r["raw_id"] for r in grouped.rows["inputs"]] == [r.raw_id for r in raws]
    assert len(grouped.rows["commitments"]) > 20
    for table in ("inputs", "documents", "articles", "statements", "commitments", "commitment_quantities"):
        assert grouped.rows[table] == single.rows[table], table
