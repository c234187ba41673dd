"""The shared spaCy pipeline's helpers (pipeline/nlp.py)."""

from __future__ import annotations


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
    assert ours.pipe_names == ["sentencizer", "paragraphs", "lemmatizer"]
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
