"""Is this HTML page a front page or a listing of articles rather than one article?

The cues live in `pipeline/resources/parse/listing_cues.json` (analysts extend
them without touching code). Rules, in the spirit of Readability's
`isProbablyReaderable` but on what publishers declare:

1. A page that declares itself an article (og:type article, JSON-LD
   NewsArticle ...) is an article.
2. A page that declares a non-article type (og:type website, JSON-LD
   CollectionPage/WebSite ...) is a listing when one more cue agrees: a title
   cue ("Latest News & Headlines"), a canonical URL at the site root or a
   section front (`/news/`), or very many headline links (anchors whose text
   is a headline-length phrase; article pages carry dozens in their sidebars).
3. A page that declares nothing is a listing only when its title has a cue
   and it carries many headline links.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from pipeline.config import RESOURCES_DIR

if TYPE_CHECKING:
    from lxml.html import HtmlElement

CUES_FILE = RESOURCES_DIR / "parse" / "listing_cues.json"


@cache
def load_cues() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    return data


def _headline_links(tree: HtmlElement, min_words: int) -> int:
    """Anchors with an href whose text is a headline-length phrase."""
    return sum(
        1
        for a in tree.iter("a")
        if a.get("href") is not None and len(" ".join(a.itertext()).split()) >= min_words
    )


def _url_cue(url: str | None, max_segments: int) -> str | None:
    """ "canonical URL is the site root" / "... a section front (/news/)", or None."""
    if not url:
        return None
    path = urlparse(url).path
    if path in ("", "/"):
        return "canonical URL is the site root"
    segments = [s for s in path.split("/") if s]
    if len(segments) <= max_segments and all(s.replace("-", "").replace("_", "").isalpha() for s in segments):
        return f"canonical URL is a section front ({path})"
    return None


def listing_reason(
    tree: HtmlElement,
    og_type: str | None,
    schema_types: list[str],
    titles: list[str | None],
    url: str | None,
) -> str | None:
    """Why the page looks like a listing/front page (a short, readable reason), or None."""
    cues = load_cues()
    og = (og_type or "").strip().lower()
    article_schema = set(cues["article_schema_types"])
    listing_schema = set(cues["listing_schema_types"])
    if og in cues["article_og_types"] or any(t in article_schema for t in schema_types):
        return None
    declared: list[str] = []
    if og in cues["listing_og_types"]:
        declared.append(f"og:type={og}")
    declared.extend(f"schema.org {t}" for t in dict.fromkeys(schema_types) if t in listing_schema)

    more: list[str] = []
    lowered = " | ".join(t.lower() for t in titles if t)
    cue = next((c for c in cues["title_cues"] if c in lowered), None)
    if cue:
        more.append(f"title cue {cue!r}")
    url_cue = _url_cue(url, int(cues["section_max_path_segments"]))
    if url_cue:
        more.append(url_cue)
    links = _headline_links(tree, int(cues["headline_link_min_words"]))
    if links >= int(cues["many_headline_links"]):
        more.append(f"{links} headline links")

    if declared and (cue or url_cue or links >= int(cues["very_many_headline_links"])):
        return "; ".join(declared + more)
    if not declared and cue and links >= int(cues["many_headline_links"]):
        return "; ".join(more)
    return None
