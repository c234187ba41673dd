"""What made extraction cheaper (docs/benchmark.md, session 11) changes no output:

- the word alternations of `quantities` written as a character trie match what the flat,
  longest-first list matched (same spans, same groups), pattern by pattern;
- the filters that skip a quantity pattern on a text (no digit, no number word, no vague or
  period word) never skip a text the pattern finds something in;
- within a `document_scope`, `find_quantities` answers a text it has seen from memory: the
  same quantities, at the caller's offset, in new dicts, forgotten when the scope ends.

No timing is asserted: speed is measured by `scripts/profile_extract.py` and `pledgewatch bench`.
"""

from __future__ import annotations

import json
import random
import re
from typing import TYPE_CHECKING, Any

from pipeline.config import PROJECT_ROOT
from pipeline.extract import quantities
from pipeline.extract.quantities import document_scope, find_quantities

if TYPE_CHECKING:
    import pytest

PATTERNS = ("money_pre", "money_post", "number", "vague", "per_re", "period_re", "part_of_whole")

EDGE_TEXTS = [
    "fourmillion dollars were pledged, and a quarter of the funds, half a million euros",
    "SEVERAL HUNDRED TROOPS and TWO BILLION DOLLARS over the NEXT DECADE",
    "a fortnight later, within a decade, over the coming decade, for a decade",
    "It will send a dozen tanks, dozens more drones and tens of thousands of shells.",
    "The thouſand pledges (ſeveral hundred) of İki and ıt with a Kelvin K: ſix billion euros",
    "The İMF gave $5bn; Germany gave two hundred and fifty million euros.",
    "one-off payment of nine-point-five million pounds, three and a half billion rupees",
    "Leopard 2 tanks, Article 5, the Group of Seven, COP29, RS 3, the N1 road, R50 million",
    "between $1bn and $2bn, 17 and 10 million dollars, $15-$20bn, 2 to 3 billion dollars",
    "20% annually, 5 percent a year, 7 per cent, 4mn euros, US$8,5 billion",
    "money, someone, often, network: no numbers here, none at all",
    "",
    "   ",
]


def _bodies() -> list[str]:
    bodies = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    for folder in ("heldout", "devset4"):
        for p in sorted((PROJECT_ROOT / "tests" / "fixtures" / folder).glob("*.json")):
            bodies.append(json.loads(p.read_text(encoding="utf-8"))["body"])
    return bodies


def _texts() -> list[str]:
    """Sentence-sized pieces of real articles, whole bodies, and the edge cases."""
    texts: list[str] = []
    for body in _bodies():
        texts.append(body)
        texts += [s for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip()]
    return texts + EDGE_TEXTS


def _made_up(n: int) -> list[str]:
    """Texts made of the lexicons' own words in random case, glued or spaced: the places where
    a trie and a flat list could part ways (prefixes of one another, case, separators)."""
    lex = quantities._lex()
    words = (
        list(lex.numbers)
        + list(lex.mult)
        + list(lex.currency)
        + list(lex.units)
        + list(lex.per)
        + list(lex.periods)
        + list(lex.decimal_words)
        + ["more than", "up to", "hundreds of", "several", "the next", "over a", "of the", "and", "to"]
        + ["5", "1,100", "4.5", "$", "€", "US$", "NOK", "1998", "(", ")", "%"]
    )
    rng = random.Random(11)
    out = []
    for _ in range(n):
        parts = []
        for w in rng.choices(words, k=rng.randint(2, 9)):
            w = rng.choice((w, w.upper(), w.title()))
            parts.append(w + rng.choice((" ", " ", " ", "-", "", ", ")))
        out.append("".join(parts))
    return out


def _flat_alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


def test_trie_alternations_match_as_the_flat_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    trie = quantities._lex.__wrapped__()
    monkeypatch.setattr(quantities, "_alt", _flat_alt)
    flat = quantities._lex.__wrapped__()
    assert trie.number.pattern != flat.number.pattern  # two ways of writing the alternations
    found = 0
    for text in _texts() + _made_up(3000):
        for name in PATTERNS:
            got = _matches(getattr(trie, name), text)
            assert got == _matches(getattr(flat, name), text), (name, text)
            found += len(got)
    assert found > 1000


def test_trie_alternation_of_prefixes_prefers_the_longest() -> None:
    rx = re.compile(rf"(?i:{quantities._alt(['ten', 'tens', 'tenth', 'te', 'Tens of'])})(?P<rest>\w*)")
    for text in ("tenths", "TENS OF", "tens", "ten", "te", "TeNtH", "tensor"):
        flat = re.compile(rf"(?i:{_flat_alt(['ten', 'tens', 'tenth', 'te', 'Tens of'])})(?P<rest>\w*)")
        assert _matches(rx, text) == _matches(flat, text)
    # two edges one character matches without regard to case: the flat list is kept
    assert quantities._alt(["ı", "i"]) == _flat_alt(["ı", "i"])


def test_filters_never_skip_a_quantity() -> None:
    texts = _texts() + _made_up(1500)
    found = 0
    for text in texts:
        filtered = quantities._find_quantities(text)
        assert filtered == quantities._find_quantities(text, filters=False), text
        found += len(filtered)
    assert found > 500
    # what the filters rest on: a text without a digit has no money before a figure, and
    # the characters re.I folds to ASCII letters turn the word filters off
    assert quantities._find_quantities("ſeveral hundred tanks") == quantities._find_quantities(
        "ſeveral hundred tanks", filters=False
    )
    assert quantities._may_hold("ſix".lower(), "ſix", ("six",))
    assert not quantities._may_hold("five", "five", ("six",))


def test_document_scope_answers_as_without() -> None:
    texts = [t for t in _texts() if t.strip()][:400]
    plain = [find_quantities(t, offset=k) for k, t in enumerate(texts)]
    assert any(plain)
    with document_scope():
        first = [find_quantities(t, offset=k) for k, t in enumerate(texts)]
        for qs in first:  # callers may change what they get
            for q in qs:
                q["unit"] = "changed"
                q["span"][0] = -1
        again = [find_quantities(t, offset=k) for k, t in enumerate(texts)]
        shifted = [find_quantities(t, offset=k + 1000) for k, t in enumerate(texts)]
        seen = quantities._SCOPE.get()
        assert seen is not None and len(seen) <= len(set(texts))
    assert again == plain
    assert [[q["span"] for q in qs] for qs in shifted] == [
        [[q["span"][0] + 1000, q["span"][1] + 1000] for q in qs] for qs in plain
    ]
    assert [[{k: v for k, v in q.items() if k != "span"} for q in qs] for qs in shifted] == [
        [{k: v for k, v in q.items() if k != "span"} for q in qs] for qs in plain
    ]
    assert quantities._SCOPE.get() is None  # forgotten: the next document starts empty


def test_extraction_is_the_same_in_one_scope_or_many() -> None:
    """Two documents extracted one after the other: each its own scope; the second's
    quantities are those it gets alone."""
    from pipeline.extract import extract_document

    bodies = _bodies()[:3]
    alone = [extract_document(b, doc_id=f"d{k}") for k, b in enumerate(bodies)]
    together = [extract_document(b, doc_id=f"d{k}") for k, b in reversed(list(enumerate(bodies)))][::-1]
    assert json.dumps(alone, sort_keys=True, default=str) == json.dumps(together, sort_keys=True, default=str)
