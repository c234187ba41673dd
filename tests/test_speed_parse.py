"""What made the default pipeline faster (docs/benchmark.md, session 9) changes no output:

- the parser's matrix products through numpy's OpenBLAS (held to one thread) give the parses
  thinc's BLIS gives, on the sentences of an annotated set;
- the text a Doc is made from is kept as its `doc_text`, and it is the Doc's text;
- the sentences sent to the parser carry the sentence's own words and spaces;
- the cheaper checks (`needs_normalising` over distinct characters, still saying whether
  `normalise` changes a text; the learned layer's
  sentence features and money test read off arrays, the learned trigger filter found once
  per Doc) answer as the slower ones did.

No timing is asserted: speed is measured by `pledgewatch bench`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.extract import extract_document, learned
from pipeline.extract.commitments import _Extractor
from pipeline.nlp import (
    SHIPPED_MODEL,
    TEXT_KEY,
    _openblas,
    doc_text,
    get_nlp,
    get_parser,
    parse_documents_sentences,
    sentence_parse,
)
from pipeline.parse.normalise import needs_normalising, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

HELDOUT = PROJECT_ROOT / "tests" / "fixtures" / "heldout"
SENTENCES = 120
"""sentences of held-out set 1 each check parses (enough trees, few seconds)"""


def _bodies() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8"))["body"] for p in sorted(HELDOUT.glob("*.json"))]


def _analyses(parse: Doc) -> list[tuple[str, int, str, str, str]]:
    return [(t.dep_, t.head.i, t.pos_, str(t.morph), t.lemma_) for t in parse]


@pytest.mark.skipif(get_parser() is None, reason="parsing is off")
def test_openblas_parses_are_blis_parses() -> None:
    import spacy
    from spacy.tokens import Doc as SpacyDoc

    parser = get_parser()
    assert parser is not None
    reference = spacy.load(SHIPPED_MODEL)  # thinc's default ops: BLIS
    assert reference.get_pipe("tok2vec").model.ops.use_blis  # type: ignore[attr-defined]
    if _openblas() is not None:
        assert parser.get_pipe("tok2vec").model.ops.use_blis is False  # type: ignore[attr-defined]
    nlp = get_nlp()
    sentences = [
        ([t.text for t in s], [bool(t.whitespace_) for t in s])
        for body in _bodies()
        for s in nlp(body).sents
        if 0 < len(s) <= 200
    ][:SENTENCES]
    assert len(sentences) == SENTENCES
    ours = list(parser.pipe(SpacyDoc(parser.vocab, words=w, spaces=sp) for w, sp in sentences))
    theirs = list(reference.pipe(SpacyDoc(reference.vocab, words=w, spaces=sp) for w, sp in sentences))
    assert [_analyses(d) for d in ours] == [_analyses(d) for d in theirs]
    # and some of them are real trees, not all roots
    assert sum(t.dep_ == "nsubj" for d in ours for t in d) > 50


def test_a_process_that_parses_holds_openblas_to_one_thread() -> None:
    controller = _openblas()
    if controller is None:
        pytest.skip("numpy has no OpenBLAS whose threads can be set here")
    assert get_parser() is not None
    # numpy's OpenBLAS, the one the parser's matrix products run on (another copy loaded
    # later, e.g. scipy's, is not the parser's)
    threads = [i["num_threads"] for i in controller.select(internal_api="openblas").info()]
    assert threads and set(threads) == {1}
    # and a parse leaves it so (no per-batch raise that would wake spinning threads)
    nlp = get_nlp()
    doc = nlp("Norway will send 20 armoured vehicles to Ukraine. Denmark pledged €2bn.")
    parse_documents_sentences([(doc, list(doc.sents))])
    assert {i["num_threads"] for i in controller.select(internal_api="openblas").info()} == {1}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Germany will send 5,000 helmets.\n\nSpain  pledged €2bn .",
        "“We will not,” he said\u00a0on\u2009Monday.\n",
        "Ger\u200bmany pledged\tsupport ",
        "ﬁnance ministers of the Ｇ７ agreed",
    ],
)
def test_doc_keeps_its_text(text: str) -> None:
    doc = get_nlp()(text)
    assert doc.user_data.get(TEXT_KEY) == text
    assert doc_text(doc) == doc.text == text


@pytest.mark.skipif(get_parser() is None, reason="parsing is off")
def test_parsed_sentences_carry_their_own_words() -> None:
    nlp = get_nlp()
    docs = [nlp(body) for body in _bodies()[:4]]
    requests = [(doc, [s for s in doc.sents if len(s) <= 200]) for doc in docs]
    parse_documents_sentences(requests)
    n = 0
    for doc, sents in requests:
        for s in sents:
            parse = sentence_parse(doc, s)
            assert parse is not None
            assert [t.text for t in parse] == [t.text for t in s]
            assert [t.whitespace_ for t in parse[:-1]] == [t.whitespace_ for t in s[:-1]]
            assert parse.text.rstrip() == s.text.rstrip()
            n += 1
    assert n > 40


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII text",
        "curly “quotes” and – dashes",
        "zero\u200bwidth",
        "soft\u00adhyphen",
        "a BOM \ufeff inside",
        "full-width Ｇ７",
        "e\u0301 combining",
        "é composed",
        "non\u00a0breaking",
    ],
)
def test_needs_normalising_says_whether_normalise_changes_the_text(text: str) -> None:
    assert needs_normalising(text) is (normalise(text)[0] != text)


def _reference_sentence_features(parse: Doc) -> list[str]:
    """The Token-by-Token formula the array version replaced."""
    sent_lemmas = {t.lemma_.lower() for t in parse}
    keys = [
        f"sent_word={t.lemma_.lower()}"
        for t in parse
        if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "ADJ", "VERB")
    ]
    return keys + [f"sent_has={w}" for w in learned._words()["context_words"] & sent_lemmas]


@pytest.mark.skipif(get_parser() is None, reason="parsing is off")
def test_sentence_features_and_money_as_token_by_token() -> None:
    nlp = get_nlp()
    money_words = learned.money_words()
    checked = with_money = 0
    for body in _bodies():
        doc = nlp(body)
        for s in doc.sents:
            if not 0 < len(s) <= 200:
                continue
            parse = sentence_parse(doc, s)
            assert parse is not None
            assert learned._sentence_features(parse) == _reference_sentence_features(parse)
            money = learned._has_money(parse)
            assert money is any(t.is_currency or t.lower_ in money_words for t in parse)
            if not money:
                assert not any(learned._is_money(t) for t in parse)
            checked += 1
            with_money += money
            if checked == SENTENCES:
                break
        if checked == SENTENCES:
            break
    assert checked == SENTENCES
    assert 0 < with_money < checked


def test_learned_filter_found_once_same_rows() -> None:
    """`pipeline.process` asks for the parse requests before extraction; extraction then finds
    the learned layer's sentences kept on the Doc: the rows are those of a Doc never asked."""
    if learned.get_model() is None:
        pytest.skip("the decision layer is off")
    nlp = get_nlp()
    kept = 0
    for path in sorted(HELDOUT.glob("*.json"))[:5]:
        art = json.loads(path.read_text(encoding="utf-8"))
        asked = nlp(art["body"])
        _Extractor.parse_requests(asked)
        keys = [k for k in asked.user_data if str(k).startswith("pledgewatch.learned_sentences.")]
        assert len(keys) == 1
        kept += len(asked.user_data[keys[0]][1])
        fresh = nlp(art["body"])
        got = extract_document(art["body"], doc_id=art["doc_id"], title=art["title"], doc=asked)
        want = extract_document(art["body"], doc_id=art["doc_id"], title=art["title"], doc=fresh)
        assert got["commitments"] == want["commitments"]
        assert got["statements"] == want["statements"]
    assert kept > 0
