"""HTML to an article: metadata from the document (beautifulsoup4 + lxml), body from trafilatura.

Metadata comes from what publishers declare, most reliable first: JSON-LD
(schema.org Article), OpenGraph / article:* meta tags, other meta tags,
`<time datetime>`, `<link rel=canonical>`, `<html lang>`; trafilatura's own
metadata fills the gaps. The body is trafilatura's main-content extraction
(boilerplate: menus, ads, comments, scripts left behind), as plain text with one
paragraph per line.

Guards (each a Rejection reason, never an exception):

- nesting deeper than `MAX_NESTING_DEPTH` or more than `MAX_ELEMENTS` tags, found
  by a cheap linear tag scan before any tree is built (a 100,000-deep document is
  refused in a fraction of a second, before lxml, bs4 or trafilatura see it);
- a front page or listing (see `pipeline.parse.listing`);
- no article body left after extraction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from pipeline.parse.errors import ParseError
from pipeline.parse.listing import listing_reason

MAX_NESTING_DEPTH = 512
"""Deepest element nesting accepted; the 24 reference news pages nest 5 to 34 deep."""

MAX_ELEMENTS = 10_000
"""Most start tags accepted; the 24 reference pages have at most 2,600 (yahoo-2, 1.6 MB). Tens
of thousands of elements (e.g. 100,000 unclosed <p>) make tree building and trafilatura take
many seconds (about 15 s for 100,000)."""

MIN_BODY_WORDS = 5
"""An extracted body with fewer words is "no article body" (a page of navigation only)."""

_TOKEN = re.compile(r"<!--|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?=[\s/>])[^<>]*?(/?)>")
"""A comment start or a tag. `[^<>]` keeps every match attempt short, so the scan stays linear
on hostile input such as 100,000 "<a" without a ">" (a `[^>]*` pattern is quadratic there)."""
_RAW_TEXT_END = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame keygen".split()
)
_OPTIONAL_END = frozenset(
    "p li dt dd tr td th option optgroup tbody thead tfoot colgroup caption rb rt rp".split()
)
"""Elements whose end tag HTML lets authors omit: not counted, so unclosed <p>s do not look deep."""


def scan_tags(
    html: str, depth_limit: int = MAX_NESTING_DEPTH, count_limit: int = MAX_ELEMENTS
) -> tuple[int, int]:
    """(approximate nesting depth, number of start tags) by one linear scan; stops past a limit.

    Comments and the insides of <script>/<style> are skipped, as a browser does.
    """
    depth = deepest = count = pos = 0
    while True:
        m = _TOKEN.search(html, pos)
        if m is None:
            break
        pos = m.end()
        if m.group(0) == "<!--":
            end = html.find("-->", pos)
            if end < 0:
                break  # an unclosed comment runs to the end of the document
            pos = end + 3
            continue
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if not closing:
            count += 1
            if count > count_limit:
                break
            raw_end = _RAW_TEXT_END.get(name)
            if raw_end is not None and not self_closing:
                found = raw_end.search(html, pos)
                if found is None:
                    break
                pos = found.end()
                continue
        if self_closing or name in _VOID or name in _OPTIONAL_END:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > depth_limit:
                    break
    return deepest, count


def nesting_depth(html: str, limit: int = MAX_NESTING_DEPTH) -> int:
    """Approximate element nesting depth by a linear scan of tags; stops once past `limit`."""
    return scan_tags(html, depth_limit=limit)[0]


@dataclass
class HtmlFields:
    """What the HTML says about itself, before the body is extracted."""

    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    language: str | None = None
    url: str | None = None
    site_name: str | None = None
    og_type: str | None = None
    schema_types: list[str] = field(default_factory=list)
    html_title: str | None = None


def iso_date(value: str | None) -> str | None:
    """A date or date-time as ISO 8601 (`2015-07-24T05:36:09+01:00`, `2019-04-28`), or None."""
    if not value:
        return None
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            return None
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return datetime.fromisoformat(candidate).isoformat()
    except ValueError:
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    try:
        from htmldate.validators import convert_date

        converted = convert_date(text, "%Y-%m-%d", "%Y-%m-%d")
        return str(converted) if converted else None
    except Exception:
        return None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(v for v in (_clean(x) for x in value) if v)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _json_ld_items(soup: BeautifulSoup) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        raw = script.string or script.get_text()
        try:
            data = json.loads(raw)
        except (ValueError, TypeError):
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                items.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return items


def _types(item: dict[str, Any]) -> list[str]:
    t = item.get("@type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    """The first non-empty content of <meta property|name|itemprop=key> for the keys in order."""
    wanted = [k.lower() for k in keys]
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        if not isinstance(tag, Tag):
            continue
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key.lower() in wanted and key.lower() not in found:
                found[key.lower()] = content
    for k in wanted:
        if k in found:
            return _clean(found[k])
    return None


def _author_names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_author_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    return _clean(value)


_PLACEHOLDER_AUTHORS = frozenset({"username", "admin", "staff", "author", "unknown", "by"})


def clean_author(value: str | None) -> str | None:
    """An author name without a leading "By", or None for URLs and placeholders ("Username")."""
    if not value:
        return None
    text = re.sub(r"^\s*by[:\s]+", "", " ".join(value.split()), flags=re.I).strip(" ,|-")
    if not text or text.startswith(("http://", "https://")) or text.lower() in _PLACEHOLDER_AUTHORS:
        return None
    if len(text) > 120:
        return None
    return text


_BYLINE_CLASS = re.compile(r"(^|[\s_-])(byline|author-name|author)($|[\s_-])", re.I)


def _byline(soup: BeautifulSoup) -> str | None:
    """A visible byline: itemprop=author, rel=author, or an element classed "byline"/"author"."""
    candidates: list[Tag] = []
    for el in soup.find_all(itemprop="author"):
        if isinstance(el, Tag):
            name = el.find(itemprop="name")
            candidates.append(name if isinstance(name, Tag) else el)
    candidates.extend(el for el in soup.find_all("a", rel="author") if isinstance(el, Tag))
    candidates.extend(el for el in soup.find_all(class_=_BYLINE_CLASS) if isinstance(el, Tag))
    for el in candidates:
        content = el.get("content")
        text = _clean(content if isinstance(content, str) else el.get_text(" "))
        if text and len(text.split()) <= 8:
            return text
    return None


def strip_site_suffix(title: str | None, site_name: str | None) -> str | None:
    """ "Headline - BBC News" -> "Headline" when the suffix is the site's name."""
    if not title or not site_name:
        return title
    for sep in (" - ", " | ", " – ", " — ", " :: "):
        suffix = f"{sep}{site_name}"
        if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def read_fields(soup: BeautifulSoup) -> HtmlFields:
    """Title, author, date, language, canonical URL and site name as the page declares them."""
    f = HtmlFields()
    ld = _json_ld_items(soup)
    article_ld = next(
        (i for i in ld if any(t.endswith(("Article", "BlogPosting", "Report")) for t in _types(i))),
        None,
    )
    for item in ld:
        f.schema_types.extend(_types(item))
    f.og_type = _meta(soup, "og:type")
    title_tag = soup.find("title")
    f.html_title = _clean(title_tag.get_text()) if isinstance(title_tag, Tag) else None

    f.title = (
        _meta(soup, "og:title")
        or (_clean(article_ld.get("headline")) if article_ld else None)
        or _meta(soup, "twitter:title", "headline", "dc.title")
        or f.html_title
    )
    f.author = (_author_names(article_ld.get("author")) if article_ld else None) or _meta(
        soup, "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"
    )
    f.author = clean_author(f.author)

    date_text = (_clean(article_ld.get("datePublished")) if article_ld else None) or _meta(
        soup,
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "dc.date.issued",
        "dc.date",
        "sailthru.date",
        "parsely-pub-date",
        "dcterms.created",
    )
    if not date_text:
        for t in soup.find_all("time"):
            if isinstance(t, Tag) and isinstance(t.get("datetime"), str):
                date_text = str(t["datetime"])
                break
    f.published_at = iso_date(date_text)

    html_tag = soup.find("html")
    lang = html_tag.get("lang") if isinstance(html_tag, Tag) else None
    if not isinstance(lang, str) or not lang.strip():
        lang = _meta(soup, "content-language", "og:locale", "language", "dc.language")
    if isinstance(lang, str) and lang.strip():
        f.language = re.split(r"[-_]", lang.strip())[0].lower() or None

    canonical = None
    for link in soup.find_all("link"):
        if not isinstance(link, Tag):
            continue
        rel: Any = link.get("rel") or []
        rels = [rel] if isinstance(rel, str) else list(rel)
        href = link.get("href")
        if "canonical" in [r.lower() for r in rels] and isinstance(href, str) and href.strip():
            canonical = href.strip()
            break
    ld_url = _clean(article_ld.get("url")) if article_ld else None
    f.url = canonical or _meta(soup, "og:url") or ld_url

    publisher = article_ld.get("publisher") if article_ld else None
    f.site_name = _meta(soup, "og:site_name", "application-name") or (
        _author_names(publisher) if publisher else None
    )
    f.title = strip_site_suffix(f.title, f.site_name)
    return f


def _normalise_body(text: str, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if any(ch.isalnum() for ch in line)]
    if lines and title and lines[0].casefold() == " ".join(title.split()).casefold():
        lines = lines[1:]
    return "\n".join(lines)


def _fallback_text(soup: BeautifulSoup) -> str:
    """Visible text of the page without scripts and page furniture, one block per line.

    Used only when trafilatura keeps nothing (it skips very short documents and
    bare fragments such as a feed entry's content).
    """
    for tag in soup.find_all(
        [
            "script",
            "style",
            "noscript",
            "template",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "iframe",
            "svg",
        ]
    ):
        if isinstance(tag, Tag):
            tag.decompose()
    root = soup.body or soup
    return root.get_text("\n")


@dataclass
class HtmlArticle:
    title: str | None
    body: str
    author: str | None
    published_at: str | None
    language: str | None
    url: str | None
    site_name: str | None


def extract_html(html: str, *, fragment: bool = False) -> HtmlArticle:
    """Metadata and main text of an HTML page (or a fragment, e.g. a feed entry's content).

    Raises ParseError with the reason when the page is too deep, a listing, or has no body.
    """
    depth, count = scan_tags(html)
    if depth > MAX_NESTING_DEPTH:
        raise ParseError(f"HTML nested too deeply (element depth over {MAX_NESTING_DEPTH} by tag scan)")
    if count > MAX_ELEMENTS:
        raise ParseError(f"HTML has too many elements (over {MAX_ELEMENTS} tags)")
    import trafilatura  # heavy import, only when HTML is parsed

    soup = BeautifulSoup(html, "lxml")
    fields = read_fields(soup)
    if not fragment:
        reason = listing_reason(
            soup, fields.og_type, fields.schema_types, [fields.html_title, fields.title], fields.url
        )
        if reason:
            raise ParseError(f"not an article: listing/front page ({reason})")

    extracted = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
        favor_precision=False,
    )
    text = ""
    if extracted is not None:
        text = getattr(extracted, "text", None) or ""
        fields.title = fields.title or _clean(getattr(extracted, "title", None))
        fields.author = fields.author or clean_author(_clean(getattr(extracted, "author", None)))
        fields.published_at = fields.published_at or iso_date(getattr(extracted, "date", None))
        fields.site_name = fields.site_name or _clean(getattr(extracted, "sitename", None))
    fields.author = fields.author or clean_author(_byline(soup))
    if fields.title is None:
        h1 = soup.find("h1")
        if isinstance(h1, Tag):
            fields.title = _clean(h1.get_text(" "))
    body = _normalise_body(text, fields.title)
    if len(body.split()) < MIN_BODY_WORDS:
        fallback = _normalise_body(_fallback_text(soup), fields.title)
        if len(fallback.split()) > len(body.split()):
            body = fallback
    if not body.strip():
        raise ParseError("no article body found in the HTML")
    if len(body.split()) < MIN_BODY_WORDS and not fragment:
        raise ParseError(f"no article body found in the HTML (only {len(body.split())} words of text)")
    return HtmlArticle(
        title=fields.title,
        body=body,
        author=fields.author,
        published_at=fields.published_at,
        language=fields.language,
        url=fields.url,
        site_name=fields.site_name,
    )
