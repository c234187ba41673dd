"""pipeline/devtools/polnear_view.py (scripts/polnear_contract_view.py): PolNeAR gold re-cut to extraction.md's conventions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


from pipeline.devtools import polnear_view as view

TITLE = "Title line\n"
BODY = (
    '"We will win," Smith said. "The polls are wrong."\n'
    '"It is over," Jones said, "and we lost."\n'
    "The plan is seen as a failure.\n"
)


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TITLE + BODY, encoding="utf-8")
    o = len(TITLE)

    def at(text: str, start: int = 0) -> tuple[int, int]:
        s = BODY.index(text, start)
        return s + o, s + o + len(text)

    lines = []
    spans = {
        "T1": ("Source", [at("Smith")]),
        "T2": ("Cue", [at("said")]),
        "T3": ("Content", [at("We will win"), at("The polls are wrong.")]),
        "T4": ("Source", [at("Jones")]),
        "T5": ("Cue", [at("said", BODY.index("Jones"))]),
        "T6": ("Content", [at("It is over"), at("and we lost.")]),
        "T7": ("Cue", [at("is seen as")]),
        "T8": ("Content", [at("a failure")]),
    }
    for tid, (kind, pieces) in spans.items():
        rng = ";".join(f"{a} {b}" for a, b in pieces)
        lines.append(f"{tid}\t{kind} {rng}\tx")
    lines += ["E1\tCue:T2 Source:T1 Content:T3", "E2\tCue:T5 Source:T4 Content:T6", "E3\tCue:T7 Content:T8"]
    (tmp_path / "attributions" / "doc_a1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _contents(docs: dict) -> list[str]:
    return [s["content"]["text"] for s in docs["doc"]["statements"]]


def test_as_annotated_keeps_split_quotes_whole_and_sourceless(tmp_path: Path) -> None:
    docs = view.load_contract_view(_folder(tmp_path), split_quotes=False, need_source=False)
    assert _contents(docs) == [
        'We will win," Smith said. "The polls are wrong.',
        'It is over," Jones said, "and we lost.',
        "a failure",
    ]


def test_contract_view_cuts_at_sentence_ends_and_drops_sourceless(tmp_path: Path) -> None:
    docs = view.load_contract_view(_folder(tmp_path), split_quotes=True, need_source=True)
    # the quote continued in the next sentence is its own statement (same cue and source);
    # the one continued inside the sentence stays one; "is seen as" has no source
    assert _contents(docs) == [
        "We will win",
        "The polls are wrong.",
        'It is over," Jones said, "and we lost.',
    ]
    assert {s["cue"]["text"] for s in docs["doc"]["statements"][:2]} == {"said"}
    assert {s["source"]["text"] for s in docs["doc"]["statements"][:2]} == {"Smith"}
