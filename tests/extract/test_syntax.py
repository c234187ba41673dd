"""Roles from a dependency tree (pipeline.extract.syntax), on trees written by hand in both
label sets (Universal Dependencies and ClearNLP), so the rules are tested apart from any
parser's accuracy."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.extract.syntax import agent_of, conjuncts, phrase, predicate, token_at

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num)


def tree(rows: list[tuple[str, int, str]]) -> Doc:
    """rows: (word, head index, dep) per token; the root points to itself."""
    words = [w for w, _, _ in rows]
    return Doc(VOCAB, words=words, heads=[h for _, h, _ in rows], deps=[d for _, _, d in rows])


def text(doc: Doc, span: tuple[int, int]) -> str:
    return doc[span[0] : span[1]].text


def test_coordinated_subjects_are_all_agents() -> None:
    # Sweden and Spain will contribute troops
    doc = tree(
        [
            ("Sweden", 4, "nsubj"),
            ("and", 2, "cc"),
            ("Spain", 0, "conj"),
            ("will", 4, "aux"),
            ("contribute", 4, "ROOT"),
            ("troops", 4, "obj"),
        ]
    )
    agent = agent_of(doc[3])  # from the cue word "will"
    assert agent is not None and not agent.passive
    assert [text(doc, p) for p in agent.phrases] == ["Sweden", "Spain"]
    assert predicate(doc[3]).text == "contribute"


def test_to_infinitive_takes_the_governing_verbs_subject() -> None:
    # The German government pledged to send 40 tanks
    doc = tree(
        [
            ("The", 2, "det"),
            ("German", 2, "amod"),
            ("government", 3, "nsubj"),
            ("pledged", 3, "ROOT"),
            ("to", 5, "mark"),
            ("send", 3, "xcomp"),
            ("40", 7, "nummod"),
            ("tanks", 5, "obj"),
        ]
    )
    agent = agent_of(doc[5])
    assert agent is not None
    assert [text(doc, p) for p in agent.phrases] == ["The German government"]


def test_passive_agent_ud_and_clearnlp() -> None:
    # $300 million was pledged by Canada (UD: obl:agent / obl + case "by")
    ud = tree(
        [
            ("$", 2, "nsubj:pass"),
            ("300", 2, "nummod"),
            ("million", 4, "nsubj:pass"),
            ("was", 4, "aux:pass"),
            ("pledged", 4, "ROOT"),
            ("by", 6, "case"),
            ("Canada", 4, "obl"),
        ]
    )
    agent = agent_of(ud[4])
    assert agent is not None and agent.passive
    assert [text(ud, p) for p in agent.phrases] == ["Canada"]
    # ClearNLP: agent -> pobj
    cn = tree(
        [
            ("Aid", 2, "nsubjpass"),
            ("was", 2, "auxpass"),
            ("sent", 2, "ROOT"),
            ("by", 2, "agent"),
            ("Japan", 3, "pobj"),
        ]
    )
    agent = agent_of(cn[2])
    assert agent is not None and [text(cn, p) for p in agent.phrases] == ["Japan"]


def test_passive_without_agent_names_nobody() -> None:
    # $3bn was pledged
    doc = tree(
        [("$", 1, "compound"), ("3bn", 3, "nsubj:pass"), ("was", 3, "aux:pass"), ("pledged", 3, "ROOT")]
    )
    assert agent_of(doc[3]) is None


def test_phrase_leaves_out_relative_clause_and_conjuncts() -> None:
    # France , which chairs the group , and Italy will lend
    doc = tree(
        [
            ("France", 9, "nsubj"),
            (",", 3, "punct"),
            ("which", 3, "nsubj"),
            ("chairs", 0, "acl:relcl"),
            ("the", 5, "det"),
            ("group", 3, "obj"),
            (",", 7, "punct"),
            ("and", 7, "cc"),
            ("Italy", 0, "conj"),
            ("lend", 9, "ROOT"),
        ]
    )
    assert [t.text for t in conjuncts(doc[0])] == ["France", "Italy"]
    assert text(doc, phrase(doc[0])) == "France"


@pytest.mark.parametrize(("offset", "word"), [(0, "Sweden"), (7, "and"), (11, "Spain"), (6, None)])
def test_token_at(offset: int, word: str | None) -> None:
    doc = Doc(VOCAB, words=["Sweden", "and", "Spain"])
    tok = token_at(doc, offset)
    assert (tok.text if tok is not None else None) == word
