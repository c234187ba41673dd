"""Check HTML extraction on the reference pages of shared/data/html-pages.

For each page: does our title / date / author match expected-metadata.json, and
how well does our body agree with expected.html (token F1)? Non-English pages
and the front page are reported with what the parser did with them. Then the
speed, in pages per CPU second: our parser (`parse_document`: decoding, tag scan,
metadata, listing check, trafilatura's body, language) against trafilatura's
extractor alone (`trafilatura.extract`) on the same pages, each run `--repeat`
times after a warm-up (0: no speed measurement).

    uv run python scripts/check_html_pages.py [PAGES_DIR] [--json OUT] [--repeat N]

(the command line is scripts/check_html_pages.py; tests/parse/test_html_pages.py imports
`check_page` from here)

PAGES_DIR defaults to $PLEDGEWATCH_SHARED/data/html-pages (PLEDGEWATCH_SHARED
defaults to <project root>/../shared).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from pipeline.config import PROJECT_ROOT
from pipeline.models import Article, RawDocument
from pipeline.parse import parse_document
from pipeline.parse.decode import declared_charset, decode_bytes

NON_ENGLISH = ("lemonde-1", "la-nacion", "rtl-1")
FRONT_PAGES = ("yahoo-2",)


def default_pages_dir() -> Path:
    shared = Path(os.environ.get("PLEDGEWATCH_SHARED", PROJECT_ROOT.parent / "shared"))
    return shared / "data" / "html-pages"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def token_f1(ours: str, expected: str) -> float:
    a, b = Counter(tokens(ours)), Counter(tokens(expected))
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def _norm(s: str | None) -> str:
    return " ".join(tokens(s or ""))


def title_match(ours: str | None, expected: str | None) -> str:
    if not expected:
        return "n/a"
    if (ours or "").strip() == expected.strip():
        return "yes"
    if _norm(ours) == _norm(expected):
        return "yes (normalised)"
    if _norm(ours) and (_norm(ours) in _norm(expected) or _norm(expected) in _norm(ours)):
        return "partial"
    return "no"


def date_match(ours: str | None, expected: str | None) -> str:
    if not expected:
        return "n/a" if not ours else f"n/a (ours {ours[:10]})"
    if not ours:
        return "missing"
    return "yes" if ours[:10] == expected[:10] else f"no ({ours[:10]})"


def author_match(ours: str | None, expected: str | None) -> str:
    if not expected:
        return "n/a" if not ours else "n/a (ours set)"
    if not ours:
        return "missing"
    o, e = _norm(ours), _norm(re.sub(r"^\s*by\s+", "", expected, flags=re.I))
    if o == e:
        return "yes"
    if o in e or e in o:
        return "partial"
    return "no"


def page_document(folder: Path) -> RawDocument:
    source = folder / "source.html"
    return RawDocument(
        source=str(source), content=source.read_bytes(), source_kind="html", fetched_at="", doc_id=folder.name
    )


def check_page(folder: Path) -> dict[str, Any]:
    raw = page_document(folder)
    expected_meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    expected_body = BeautifulSoup((folder / "expected.html").read_bytes(), "lxml").get_text(" ")
    started = time.perf_counter()
    parsed = parse_document(raw)
    seconds = time.perf_counter() - started
    row: dict[str, Any] = {"page": folder.name, "seconds": round(seconds, 3)}
    if isinstance(parsed, Article):
        row.update(
            outcome="article",
            language=parsed.language,
            title=parsed.title,
            title_match=title_match(parsed.title, expected_meta.get("title")),
            date=parsed.published_at,
            date_match=date_match(parsed.published_at, expected_meta.get("publishedTime")),
            author=parsed.author,
            author_match=author_match(parsed.author, expected_meta.get("byline")),
            site_name=parsed.site_name,
            url=parsed.url,
            body_f1=round(token_f1(parsed.body, expected_body), 3),
            body_words=len(parsed.body.split()),
        )
    else:
        row.update(outcome="rejected", reason=parsed.reason)
    return row


def cpu_speed(folders: list[Path], repeat: int) -> dict[str, Any]:
    """Pages per CPU second (this process, user + system) of `parse_document` and of
    `trafilatura.extract` alone on the same pages, each over all pages `repeat` times."""
    import trafilatura

    raws = [page_document(d) for d in folders]
    texts = [decode_bytes(r.content, declared_charset(r.content))[0] for r in raws]
    for raw, text in zip(raws, texts, strict=True):  # warm-up: imports, models, caches
        parse_document(raw)
        trafilatura.extract(text)
    started = time.process_time()
    for _ in range(repeat):
        for raw in raws:
            parse_document(raw)
    ours = time.process_time() - started
    started = time.process_time()
    for _ in range(repeat):
        for text in texts:
            trafilatura.extract(text)
    reference = time.process_time() - started
    n = len(raws) * repeat
    return {
        "pages": len(raws),
        "repeat": repeat,
        "parse_pages_per_cpu_second": n / ours if ours else None,
        "trafilatura_pages_per_cpu_second": n / reference if reference else None,
        "parse_cpu_seconds": round(ours, 3),
        "trafilatura_cpu_seconds": round(reference, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="?", type=Path, default=None)
    ap.add_argument("--json", type=Path, help='also write {"rows": [...], "speed": {...}} as JSON')
    ap.add_argument(
        "--repeat", type=int, default=3, help="passes over the pages for the speed figures (0: none)"
    )
    args = ap.parse_args(argv)
    pages_dir: Path = args.pages or default_pages_dir()
    if not pages_dir.is_dir():
        print(f"no pages folder at {pages_dir}", file=sys.stderr)
        return 2
    folders = [d for d in sorted(pages_dir.iterdir()) if (d / "source.html").is_file()]
    rows = [check_page(d) for d in folders]

    english = [r for r in rows if r["page"] not in NON_ENGLISH + FRONT_PAGES]
    print(f"{'page':16} {'title':17} {'date':17} {'author':15} {'body F1':>7} {'lang':>4} {'sec':>5}")
    for r in english:
        if r["outcome"] == "article":
            print(
                f"{r['page']:16} {r['title_match']:17} {r['date_match']:17} "
                f"{r['author_match']:15} {r['body_f1']:7.3f} {r['language'] or '-':>4} "
                f"{r['seconds']:5.2f}"
            )
        else:
            print(f"{r['page']:16} REJECTED: {r['reason']}")
    f1s = [r["body_f1"] for r in english if r["outcome"] == "article"]
    if f1s:
        print(
            f"\nEnglish pages: {len(f1s)}/{len(english)} parsed, mean body F1 "
            f"{sum(f1s) / len(f1s):.3f}, min {min(f1s):.3f}"
        )
    print("\nNon-English pages and front pages:")
    for r in rows:
        if r["page"] in NON_ENGLISH + FRONT_PAGES:
            if r["outcome"] == "article":
                print(
                    f"  {r['page']:14} article, language={r['language']} "
                    f"(title {r['title_match']}, body F1 {r['body_f1']:.3f}): "
                    "recorded; the run stage skips English-only extraction"
                )
            else:
                print(f"  {r['page']:14} rejected: {r['reason']}")
    speed = cpu_speed(folders, args.repeat) if args.repeat > 0 and folders else None
    if speed:
        ours, ref = speed["parse_pages_per_cpu_second"], speed["trafilatura_pages_per_cpu_second"]
        print(
            f"\nSpeed on the {speed['pages']} pages ({speed['repeat']} passes): parse_document "
            f"{ours:.1f} pages/s of CPU, trafilatura.extract alone {ref:.1f} pages/s of CPU "
            f"(ours at {ours / ref:.2f} of its rate)"
        )
    if args.json:
        out = {"rows": rows, "speed": speed}
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0
