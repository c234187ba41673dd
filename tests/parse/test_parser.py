"""The dependency parser extraction asks for (pipeline.nlp): the shipped pipeline loads from
the package with no network, parses only the sentences asked for, lines its tokens up with
the article's, and can be replaced or switched off by configuration."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest

from pipeline import nlp
from pipeline.cli import main as cli_main
from pipeline.extract.syntax import agent_of
from pipeline.extract.version import NO_PARSER_SUFFIX, RULES_VERSION, rules_version

if TYPE_CHECKING:
    from pathlib import Path


def test_the_shipped_model_is_in_the_package_and_small() -> None:
    meta = json.loads((nlp.SHIPPED_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "pledgewatch_ud" and "parser" in meta["pipeline"]
    assert "CC BY-SA 4.0" in meta["license"]
    size = sum(p.stat().st_size for p in nlp.SHIPPED_MODEL.rglob("*") if p.is_file())
    assert size < 25 * 1024 * 1024
    parser = nlp.get_parser()
    assert parser is not None and parser.pipe_names[-1] == "parser"
    assert nlp.parser_label() == "en_pledgewatch_ud-0.1.0"


def test_only_the_sentences_asked_for_are_parsed() -> None:
    text = "The weather was mild. Sweden and Spain will contribute troops, officials said."
    doc = nlp.get_nlp()(text)
    sents = list(doc.sents)
    assert len(sents) == 2
    nlp.parse_sentences(doc, [sents[1]])
    cache = doc.user_data[nlp.PARSES_KEY]
    assert list(cache) == [(sents[1].start, sents[1].end)]
    parsed = nlp.sentence_parse(doc, sents[1])
    assert parsed is not None
    # token k of the parse is token k of the sentence: same words, offsets from its start
    assert [t.text for t in parsed] == [t.text for t in sents[1]]
    assert all(sents[1].start_char + t.idx == sents[1][t.i].idx for t in parsed)
    assert {t.dep_ for t in parsed} > {"nsubj", "conj", "aux"}  # UD labels, a real tree


@pytest.mark.parametrize(
    ("sentence", "cue", "agents"),
    [
        ("Sweden and Spain will contribute troops to the mission.", "will", ["Sweden", "Spain"]),
        ("The German government pledged to send 40 tanks.", "send", ["The German government"]),
        ("Japan is donating another $800 million to the fund.", "donating", ["Japan"]),
    ],
)
def test_the_shipped_parser_names_the_agent(sentence: str, cue: str, agents: list[str]) -> None:
    doc = nlp.get_nlp()(sentence)
    parsed = nlp.sentence_parse(doc, doc[:])
    assert parsed is not None
    tok = next(t for t in parsed if t.text == cue)
    agent = agent_of(tok)
    assert agent is not None
    assert [parsed[a:b].text for a, b in agent.phrases] == agents


def test_parser_off_and_replaced_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp.MODEL_ENV, "off")
    assert nlp.get_parser() is None
    doc = nlp.get_nlp()("France will send jets.")
    assert nlp.sentence_parse(doc, doc[:]) is None
    assert rules_version().startswith(RULES_VERSION) and NO_PARSER_SUFFIX in rules_version()
    # another installed pipeline by path: the shipped folder under another name works too
    monkeypatch.setenv(nlp.MODEL_ENV, str(nlp.SHIPPED_MODEL) + "/")
    assert nlp.get_parser() is not None
    monkeypatch.setenv(nlp.MODEL_ENV, "en_no_such_pipeline")
    with pytest.raises(nlp.ParserError, match="en_no_such_pipeline"):
        nlp.get_parser()


def test_cli_option_sets_the_parser_for_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Title\nNorway and Denmark will send 40 troops to Ghana.", encoding="utf-8")
    monkeypatch.setenv(nlp.MODEL_ENV, "")  # restored after the test, whatever the CLI sets
    out = tmp_path / "p.jsonl"
    assert cli_main(["extract", str(src), "--out", str(out), "--spacy-model", "off"]) == 0
    assert os.environ[nlp.MODEL_ENV] == "off"  # worker processes inherit it
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(c["committer"] for c in doc["commitments"]) == ["dnk", "nor"]
