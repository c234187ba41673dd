"""What made extraction cheaper in session 13 (docs/benchmark.md) changes no output:

- `pipeline.lexicon.alternation` written as a trie matches what the flat, longest-first list
  matched (spans and groups, with and without re.IGNORECASE, with a constraint after it that
  makes the engine backtrack into the alternation), for every word list of the resources;
- the category model's log-probabilities (numpy `cumsum` over the weights) are the very
  floats of the per-class sums taken in the features' order, and its keyword scans kept per
  document give the features of a fresh scan.

No timing is asserted: speed is measured by `scripts/profile_extract.py`.
"""

from __future__ import annotations

import json
import math
import random
import re
from typing import Any

import pytest

from pipeline.config import PROJECT_ROOT, RESOURCES_DIR
from pipeline.extract import category_model as cm
from pipeline.lexicon import alternation, data_lines, data_rows


def _flat(words: list[str]) -> str:
    """The alternation as it was written before the trie."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _word_lists() -> list[list[str]]:
    """Every resource list a pattern could be built from: each .txt file's entries and each
    .tsv file's first column."""
    lists = []
    for path in sorted(RESOURCES_DIR.rglob("*")):
        if path.suffix == ".txt":
            words = data_lines(path)
        elif path.suffix == ".tsv":
            words = [r[0] for r in data_rows(path) if r and r[0]]
        else:
            continue
        if 1 < len(words) < 5000:
            lists.append(words)
    return lists


def _bodies() -> list[str]:
    bodies = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    for p in sorted((PROJECT_ROOT / "tests" / "fixtures" / "devset4").glob("*.json"))[:20]:
        bodies.append(json.loads(p.read_text(encoding="utf-8"))["body"])
    return bodies


def _made_up(words: list[str], n: int, seed: int) -> list[str]:
    """Texts of a list's own words in random case, glued, spaced or broken over lines: where a
    trie and a flat list could part ways (prefixes of one another, case, whitespace runs)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for w in rng.choices(words, k=rng.randint(2, 8)):
            w = rng.choice((w, w.upper(), w.title(), w[:-1] if len(w) > 2 else w))
            w = w.replace(" ", rng.choice((" ", "  ", "\n", " ")))
            parts.append(w + rng.choice((" ", " ", "", "-", ", ", "s ", "\t")))
        out.append("".join(parts))
    return out


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


def test_trie_alternation_matches_as_the_flat_list() -> None:
    bodies = _bodies()
    lists = _word_lists()
    assert len(lists) > 20
    tries = 0
    found = 0
    for k, words in enumerate(lists):
        trie, flat = alternation(words), _flat(words)
        tries += trie != flat
        texts = bodies + _made_up(words, 150, k)
        for flags in (0, re.IGNORECASE):
            for shape in (r"(?<!\w)(?P<w>{})(?!\w)", r"(?P<w>{})(?P<rest>\s+\w+)", r"(?P<w>{})s\b"):
                a = re.compile(shape.format(trie), flags)
                b = re.compile(shape.format(flat), flags)
                for text in texts:
                    got = _matches(a, text)
                    assert got == _matches(b, text), (words[:5], shape, flags, text[:80])
                    found += len(got)
    assert tries > 20  # the lists are written as tries
    assert found > 10_000


def test_trie_alternation_prefers_the_longest_and_backtracks_as_the_list() -> None:
    words = ["pledge", "pledged", "pledged to", "pledges", "Pledge", "US", "us", "u.s."]
    trie = alternation(words)
    assert trie != _flat(words)
    for text in ("pledged to send", "Pledged  to", "PLEDGES", "pledgeds", "the US and us", "U.S."):
        for flags in (0, re.IGNORECASE):
            for shape in (r"(?P<w>{})", r"(?P<w>{})(?=\s+to)", r"(?P<w>{})d"):
                a, b = re.compile(shape.format(trie), flags), re.compile(shape.format(_flat(words)), flags)
                assert _matches(a, text) == _matches(b, text), (text, shape, flags)
    # a character that matches two branches without regard to case: those words stay flat
    mixed = alternation(["ſeven", "seven", "six"])
    assert mixed.startswith("(?:") and sorted(mixed[3:-1].split("|")) == sorted(
        _flat(["ſeven", "seven", "six"]).split("|")
    )
    assert alternation([]) == ""


def _reference_log_probabilities(model: cm.CategoryModel, feats: dict[str, float]) -> dict[str, float]:
    """The log-probabilities as they were computed before (a Python sum per class)."""
    sums = [0.0] * len(model.classes)
    for k, v in feats.items():
        for i, w in enumerate(model.weights):
            if k in w:
                sums[i] += w[k] * v
    scores = [b + acc for b, acc in zip(model.bias, sums, strict=True)]
    top = max(scores)
    log_z = top + math.log(sum(math.exp(s - top) for s in scores))
    return {c: s - log_z for c, s in zip(model.classes, scores, strict=True)}


def test_category_log_probabilities_are_the_same_floats() -> None:
    model = cm.get_model()
    if model is None:
        pytest.skip("no category model shipped")
    names = sorted({k for w in model.weights for k in w})
    rng = random.Random(13)
    for _ in range(300):
        feats = {
            k: rng.choice((1.0, 1.0, rng.random(), 1 / 3)) for k in rng.sample(names, rng.randint(0, 120))
        }
        feats.update({f"unknown={rng.random()}": 1.0})  # a feature the model does not weigh
        assert model.log_probabilities(feats) == _reference_log_probabilities(model, feats)


def test_keyword_scans_kept_per_document_give_the_same_features() -> None:
    body = (
        "Norway pledged 40 million crowns in food aid and medical supplies. The grant follows "
        "an earthquake.\nDenmark will send 200 troops and two Patriot missile batteries."
    )
    rows = [
        {
            "category": "humanitarian",
            "action": "pledge",
            "object": "40 million crowns in food aid",
            "evidence": {"span": [0, 66]},
            "committer": "NOR",
            "amount": {"value": 4e7},
        },
        {
            "category": "military",
            "action": "send",
            "object": "200 troops and two Patriot missile batteries",
            "evidence": {"span": [112, 178]},
            "committer": "DNK",
        },
    ]
    ctx = cm.DocContext.of(body, rows, "Donors after the earthquake")
    first = [cm.features(body, r, rows, ctx) for r in rows]
    assert ctx.hits  # the short texts' scans are kept on the document's context
    again = [cm.features(body, r, rows, ctx) for r in rows]
    fresh = [
        cm.features(body, r, rows, cm.DocContext.of(body, rows, "Donors after the earthquake")) for r in rows
    ]
    assert first == again == fresh
    assert list(first[0]) == list(fresh[0])  # the same order too (the sums follow it)
    assert first[0]["okw=humanitarian"] == 1.0
