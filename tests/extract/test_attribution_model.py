"""The trained attribution tagger (pipeline/extract/attribution_model.py) and its training script.

The shipped model is real (trained on PolNeAR train); these tests run it, the CRFsuite
trainer and the statement rules that merge its output, with nothing mocked.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.devtools import attribution_training as train_attribution
from pipeline.extract import attribution_model as am
from pipeline.extract.actors import ActorResolver
from pipeline.extract.statements import find_statements
from pipeline.extract.version import MODEL_SHA256, RULES_VERSION, rules_version
from pipeline.nlp import get_nlp

if TYPE_CHECKING:
    from pathlib import Path


def statements(text: str) -> list[tuple[str, str, str]]:
    doc = get_nlp()(text)
    return [
        (s["source"]["text"], s["cue"]["text"], s["content"]["text"])
        for s in find_statements(doc, ActorResolver(doc))
    ]


def test_shipped_model_is_the_one_the_version_names():
    """Retraining changes what the extractor outputs: it must come with a new rules version."""
    digest = hashlib.sha256(am.MODEL_PATH.read_bytes()).hexdigest()
    assert digest == MODEL_SHA256


def test_token_labels_bio_with_cue_over_source_over_content():
    text = "Trump said Clinton claimed that taxes rose."
    doc = get_nlp()(text)

    def span(sub: str) -> dict:
        s = text.index(sub)
        return {"span": [s, s + len(sub)], "text": sub}

    outer = {"source": span("Trump"), "cue": span("said"), "content": span("Clinton claimed that taxes rose")}
    inner = {"source": span("Clinton"), "cue": span("claimed"), "content": span("that taxes rose")}
    labels = train_attribution.token_labels(doc, [outer, inner])
    assert labels == ["B-SRC", "B-CUE", "B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O"]


def test_features_mark_quotes_cue_classes_and_distances():
    doc = get_nlp()('"We will win," Merz said.')
    tok = am.tokens_of(doc)
    (seq,) = am.sequences(tok)
    feats = dict(zip([tok.text[i] for i in seq], am.token_features(tok, seq), strict=True))
    assert "c=speech" in feats["said"]
    assert "q=q" in feats["win"] and "q=-" in feats["Merz"]
    assert "R=speech:1" in feats["Merz"]  # the cue is the next token
    assert "L=speech:1" in feats["."]
    first, last = am.token_features(tok, seq)[0], am.token_features(tok, seq)[-1]
    assert "BOS" in first and "EOS" in last and "EOS" not in feats["Merz"]


def test_sequences_are_paragraphs_without_space_tokens():
    doc = get_nlp()("First paragraph here.\n\nSecond one, he said.")
    tok = am.tokens_of(doc)
    seqs = am.sequences(tok)
    assert [[tok.text[i] for i in s] for s in seqs] == [
        ["First", "paragraph", "here", "."],
        ["Second", "one", ",", "he", "said", "."],
    ]


def test_runs_read_bio_tags():
    labels = ["O", "B-CON", "I-CON", "B-CON", "O", "I-CUE", "I-CUE", "B-SRC"]
    assert am.runs(labels) == {"CON": [(1, 3), (3, 4)], "CUE": [(5, 7)], "SRC": [(7, 8)]}
    assert am.runs(["I-CON", "I-CON", "I-SRC", "O"]) == {"CON": [(0, 2)], "CUE": [], "SRC": [(2, 3)]}


def test_missing_model_or_switch_off_means_rules_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    text = "Scholars have long debated the salience of ethnic ties in voters’ preferences."
    assert am.load_tagger(str(tmp_path / "none.crfsuite")) is None
    assert rules_version() == RULES_VERSION
    assert [s[1] for s in statements(text)] == ["have long debated"]
    monkeypatch.setenv(am.SWITCH, "off")
    assert am.load_tagger() is None
    assert am.tag(get_nlp()(text)) == []
    assert statements(text) == []  # no lexicon lists "debate": only the tagger finds it
    assert rules_version() == RULES_VERSION + "+rules-only"  # rows say how they were made


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PolNeAR dev sentences (the model was trained on train only); the rules find neither
        (
            "Trump charges that countries that stand to benefit from the deal donated millions of "
            "dollars to the Clinton Foundation.",
            (
                "Trump",
                "charges",
                "that countries that stand to benefit from the deal donated millions "
                "of dollars to the Clinton Foundation",
            ),
        ),
        (
            "Scholars have long debated the salience of ethnic ties in voters’ preferences.",
            ("Scholars", "have long debated", "the salience of ethnic ties in voters’ preferences"),
        ),
    ],
)
def test_tagger_adds_what_the_rules_miss(monkeypatch: pytest.MonkeyPatch, text: str, expected: tuple):
    """PolNeAR annotates stances of verbs no lexicon lists (or in forms the rules refuse:
    "charges" is mostly a noun); the tagger learned them."""
    assert statements(text) == [expected]
    monkeypatch.setenv(am.SWITCH, "off")
    assert statements(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Germany and several other NATO partners have agreed to jointly procure air defense systems for Ukraine.",
        "The United States today announced additional sanctions on Iran.",
        "Such a move is seen as a significant step in Berlin's continued support for Ukraine.",
    ],
)
def test_undertakings_and_sourceless_passives_are_not_statements(text: str):
    """extraction.md: "Statements need a claim" (an undertaking is a commitment) and a
    statement has a source in the text."""
    assert statements(text) == []


def test_training_script_trains_a_model_that_tags(tmp_path: Path):
    """The real CRFsuite trainer on a small PolNeAR-shaped folder, then the real tagger."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    sentences = [
        ("Smith", "said", "the plan would fail"),
        ("Jones", "said", "taxes must rise"),
        ("The mayor", "said", "the bridge will open soon"),
        ("Lee", "said", "nobody saw the memo"),
    ]
    for n, (src, cue, content) in enumerate(sentences * 3):
        title = f"Article {n}\n"
        body = f"{src} {cue} {content}. The weather was fine.\n"
        (tmp_path / "text" / f"a{n}.txt").write_text(title + body, encoding="utf-8")
        o = len(title)
        s_cue = o + len(src) + 1
        s_con = s_cue + len(cue) + 1
        ann = (
            f"T1\tSource {o} {o + len(src)}\t{src}\n"
            f"T2\tCue {s_cue} {s_cue + len(cue)}\t{cue}\n"
            f"T3\tContent {s_con} {s_con + len(content)}\t{content}\n"
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        )
        (tmp_path / "attributions" / f"a{n}_ann1.ann").write_text(ann, encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    assert train_attribution.main([str(tmp_path), str(out), "--iterations", "30"]) == 0
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    doc = get_nlp()("Brown said the road was closed.")
    tok = am.tokens_of(doc)
    (seq,) = am.sequences(tok)
    labels = tagger.tag(am.token_features(tok, seq))
    assert labels[:6] == ["B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "I-CON"]


def test_statement_finder_gives_the_tagger_the_tokens_it_was_trained_on():
    """The extractor reuses its own token arrays; they must equal `tokens_of` (training)."""
    from pipeline.extract.statement_lexicon import load_lexicon
    from pipeline.extract.statements import _Finder

    text = (
        "WASHINGTON ― “It’s gutless leadership,” Warren said.\n\n"
        "According to Reuters, the U.S. Treasury “will not” act. Asked why, he smiled."
    )
    doc = get_nlp()(text)
    finder = _Finder(doc, ActorResolver(doc), load_lexicon())
    tokens = finder.tagger_tokens()
    assert tokens == am.tokens_of(doc)
    assert any(tokens.in_quote) and sum(tokens.sent_start) >= 3


def test_statement_finder_arrays_equal_the_tokens_attributes():
    """The finder reads the Doc's arrays (Doc.to_array) instead of Token objects; every array
    must hold what the Token attributes say, on real articles with quotes, dashes, line
    breaks and double spaces."""
    from pipeline.extract.statement_lexicon import load_lexicon
    from pipeline.extract.statements import _Finder

    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    texts.append("Odd  spacing \u2014 and a\u00a0break.\n\n\u201cQuoted,\u201d she said.  \n")
    checked = 0
    for text in texts:
        doc = get_nlp()(text)
        finder = _Finder(doc, ActorResolver(doc), load_lexicon())
        t = finder.t
        assert t.text == [x.text for x in doc]
        # the tagger reads the tokens' own lower-case forms; the rules keep an acronym's capitals
        # in a mixed-case sentence ("WHO" is no "who", "US" no "us")
        assert finder.tagger_lower == [x.lower_ for x in doc]
        assert t.lower == [
            x.text
            if x.text.isupper()
            and x.is_alpha
            and len(x) > 1
            and any(y.is_alpha and not y.text.isupper() for y in x.sent)
            else x.lower_
            for x in doc
        ]
        assert finder.raw_lemma == [x.lemma_.lower() for x in doc]
        assert t.start == [x.idx for x in doc]
        assert t.end == [x.idx + len(x.text) for x in doc]
        assert t.alpha == [x.is_alpha for x in doc]
        assert t.space == [x.is_space for x in doc]
        assert [s for s, _ in finder.sents] == [s.start for s in doc.sents]
        assert [e for _, e in finder.sents] == [s.end for s in doc.sents]
        assert t.sent == [next(k for k, s in enumerate(doc.sents) if s.start <= x.i < s.end) for x in doc]
        checked += len(doc)
    assert checked > 500
