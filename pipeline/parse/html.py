"""HTML to an article: one lxml tree per page, metadata and body both read from it.

The page is parsed once, the way trafilatura parses it (`trafilatura.load_html`); that tree
is read for the metadata and handed to trafilatura for the body (trafilatura works on a copy
of it, so the tree stays intact for the reads after).

Metadata comes from what publishers declare, most reliable first: JSON-LD
(schema.org Article), OpenGraph / article:* meta tags, other meta tags,
`<time datetime>`, `<link rel=canonical>`, `<html lang>`; trafilatura's own
metadata fills the gaps (computed only when a field is missing). The body is
trafilatura's main-content extraction (boilerplate: menus, ads, comments, scripts
left behind), as plain text with one paragraph per line.

Guards (each a Rejection reason, never an exception):

- nesting deeper than `MAX_NESTING_DEPTH` or more than `MAX_ELEMENTS` tags, found
  by a cheap linear tag scan before any tree is built (a 100,000-deep document is
  refused in a fraction of a second, before lxml or trafilatura see it);
- a front page or listing (see `pipeline.parse.listing`);
- no article body left after extraction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from pipeline.parse.errors import ParseError
from pipeline.parse.listing import listing_reason

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

MAX_NESTING_DEPTH = 512
"""Deepest element nesting accepted; the 24 reference news pages nest 5 to 34 deep."""

MAX_ELEMENTS = 10_000
"""Most start tags accepted; the 24 reference pages have at most 2,600 (yahoo-2, 1.6 MB). Tens
of thousands of elements (e.g. 100,000 unclosed <p>) make tree building and trafilatura take
many seconds (about 15 s for 100,000)."""

MIN_BODY_WORDS = 5
"""An extracted body with fewer words is "no article body" (a page of navigation only)."""

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?=[\s/>])[^<>]*>")
"""A start or end tag (self-closing when the character before its `>` is a `/`). `[^<>]` keeps
every match attempt short, so the scan stays linear on hostile input such as 100,000 "<a"
without a ">" (a `[^>]*` pattern is quadratic there); greedy, as a lazy `[^<>]*?` costs a
backtracking step per character (it made the scan twice as slow)."""
_RAW_TEXT_START = re.compile(r"<(script|style)(?=[\s/>])[^<>]*>", re.IGNORECASE)
"""A start tag of an element whose content is raw text (not markup)."""
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
_NOT_NESTING = _VOID | _OPTIONAL_END


def scan_tags(
    html: str, depth_limit: int = MAX_NESTING_DEPTH, count_limit: int = MAX_ELEMENTS
) -> tuple[int, int]:
    """(approximate nesting depth, number of start tags) by one linear scan; stops past a limit.

    Comments and the insides of <script>/<style> are skipped, as a browser does. The markup
    between two of those is scanned in one `finditer` pass; the next comment and the next
    <script>/<style> are each looked up once per occurrence, so the scan stays linear.
    """
    depth = deepest = count = pos = 0
    end_of_text = len(html)
    comment = html.find("<!--")
    raw = _RAW_TEXT_START.search(html)
    while True:
        if 0 <= comment < pos:
            comment = html.find("<!--", pos)
        if raw is not None and raw.start() < pos:
            raw = _RAW_TEXT_START.search(html, pos)
        next_comment = comment if comment >= 0 else end_of_text
        next_raw = raw.start() if raw is not None else end_of_text
        cut = min(next_comment, next_raw)
        for m in _TAG.finditer(html, pos, cut):
            closing, name = m.groups()
            if html[m.end() - 2] == "/":
                if not closing:
                    count += 1
                    if count > count_limit:
                        return deepest, count
                continue
            if closing:
                if depth and name.lower() not in _NOT_NESTING:
                    depth -= 1
                continue
            count += 1
            if count > count_limit:
                return deepest, count
            if name.lower() in _NOT_NESTING:
                continue
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > depth_limit:
                    return deepest, count
        if cut == end_of_text:
            return deepest, count
        if next_comment < next_raw:
            end = html.find("-->", next_comment + 4)
            if end < 0:
                return deepest, count  # an unclosed comment runs to the end of the document
            pos = end + 3
            continue
        assert raw is not None
        count += 1
        if count > count_limit:
            return deepest, count
        pos = raw.end()
        if html[pos - 2] != "/":
            found = _RAW_TEXT_END[raw.group(1).lower()].search(html, pos)
            if found is None:
                return deepest, count
            pos = found.end()


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


def _tags(root: HtmlElement, name: str) -> Iterator[HtmlElement]:
    """The elements called `name` in document order (the root included)."""
    return cast("Iterator[HtmlElement]", root.iter(name))


def _text(el: HtmlElement, separator: str = "") -> str:
    """The text inside an element (its descendants' text and tails, not its own tail)."""
    return separator.join(el.itertext())


def _json_ld_items(root: HtmlElement) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in _tags(root, "script"):
        if not _LD_JSON.search(script.get("type") or ""):
            continue
        try:
            data = json.loads(script.text or "")
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


_LD_JSON = re.compile(r"ld\+json", re.IGNORECASE)


def _types(item: dict[str, Any]) -> list[str]:
    t = item.get("@type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


class _MetaTags:
    """The page's <meta property|name|itemprop=key content=...>: the first non-empty content per key.

    Read in one pass over the <meta> elements; keys are compared in lower case.
    """

    def __init__(self, root: HtmlElement) -> None:
        self._content: dict[str, str] = {}
        for tag in _tags(root, "meta"):
            content = tag.get("content")
            if not content or not content.strip():
                continue
            for attr in ("property", "name", "itemprop"):
                key = tag.get(attr)
                if key:
                    self._content.setdefault(key.lower(), content)

    def get(self, *keys: str) -> str | None:
        """The content of the first key (in the order given) the page declares."""
        for key in keys:
            content = self._content.get(key.lower())
            if content is not None:
                return _clean(content)
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


def _byline(root: HtmlElement) -> str | None:
    """A visible byline: itemprop=author, rel=author, or an element classed "byline"/"author"."""
    by_itemprop: list[HtmlElement] = []
    by_rel: list[HtmlElement] = []
    by_class: list[HtmlElement] = []
    for el in _tags(root, "*"):
        if el.get("itemprop") == "author":
            name = next((d for d in el.iterdescendants() if d.get("itemprop") == "name"), None)
            by_itemprop.append(el if name is None else name)
        if el.tag == "a" and "author" in (el.get("rel") or "").split():
            by_rel.append(el)
        if _BYLINE_CLASS.search(el.get("class") or ""):
            by_class.append(el)
    for el in by_itemprop + by_rel + by_class:
        content = el.get("content")
        text = _clean(content if content is not None else _text(el, " "))
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


_DATE_META = (
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
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")


def read_fields(root: HtmlElement) -> HtmlFields:
    """Title, author, date, language, canonical URL and site name as the page declares them."""
    f = HtmlFields()
    meta = _MetaTags(root)
    ld = _json_ld_items(root)
    article_ld = next(
        (i for i in ld if any(t.endswith(("Article", "BlogPosting", "Report")) for t in _types(i))),
        None,
    )
    for item in ld:
        f.schema_types.extend(_types(item))
    f.og_type = meta.get("og:type")
    title_tag = next(_tags(root, "title"), None)
    f.html_title = _clean(_text(title_tag)) if title_tag is not None else None

    f.title = (
        meta.get("og:title")
        or (_clean(article_ld.get("headline")) if article_ld else None)
        or meta.get("twitter:title", "headline", "dc.title")
        or f.html_title
    )
    f.author = (_author_names(article_ld.get("author")) if article_ld else None) or meta.get(*_AUTHOR_META)
    f.author = clean_author(f.author)

    date_text = (_clean(article_ld.get("datePublished")) if article_ld else None) or meta.get(*_DATE_META)
    if not date_text:
        for t in _tags(root, "time"):
            datetime_attr = t.get("datetime")
            if datetime_attr is not None:
                date_text = str(datetime_attr)
                break
    f.published_at = iso_date(date_text)

    html_tag = next(_tags(root, "html"), None)
    lang = html_tag.get("lang") if html_tag is not None else None
    if not isinstance(lang, str) or not lang.strip():
        lang = meta.get("content-language", "og:locale", "language", "dc.language")
    if isinstance(lang, str) and lang.strip():
        f.language = re.split(r"[-_]", lang.strip())[0].lower() or None

    canonical = None
    for link in _tags(root, "link"):
        rels = (link.get("rel") or "").lower().split()
        href = link.get("href")
        if "canonical" in rels and href and href.strip():
            canonical = href.strip()
            break
    ld_url = _clean(article_ld.get("url")) if article_ld else None
    f.url = canonical or meta.get("og:url") or ld_url

    publisher = article_ld.get("publisher") if article_ld else None
    f.site_name = meta.get("og:site_name", "application-name") or (
        _author_names(publisher) if publisher else None
    )
    f.title = strip_site_suffix(f.title, f.site_name)
    return f


@dataclass
class _Missing:
    """Which of our fields are still empty after reading what the page declares."""

    title: bool
    author: bool
    date: bool
    site_name: bool

    def any(self) -> bool:
        return self.title or self.author or self.date or self.site_name


def _trafilatura_metadata(root: HtmlElement, missing: _Missing) -> dict[str, str | None]:
    """trafilatura's title / author / date / site name for the fields we miss, as its
    `extract_metadata` computes them (trafilatura 2.3, `bare_extraction(with_metadata=True)`).

    The same steps, on the page's tree (trafilatura copies what it prunes), but only those a
    missing field needs: its author search (regex XPaths) and its date search (htmldate)
    cost as much as building the tree, and its categories, tags and licence are not used.
    """
    from html import unescape

    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import DEFAULT_CONFIG, set_date_params
    from trafilatura.utils import line_processing

    found = examine_meta(root)
    if found.author and " " not in found.author:
        found.author = None
    try:
        found = extract_meta_json(root, found)
    except Exception:  # trafilatura guards its JSON-LD reading the same way
        pass
    out: dict[str, str | None] = {}
    if missing.title:
        out["title"] = found.title or extract_title(root)
    if missing.author:
        out["author"] = found.author or extract_author(root)
    url: str | None = None
    if missing.date or (missing.site_name and not found.sitename):
        url = found.url or extract_url(root, None)  # trafilatura's metadata.url
        if missing.date:
            date_params = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
            out["date"] = find_date(root, **{**date_params, "url": url})
    if missing.site_name:
        site = found.sitename or extract_sitename(root)
        if site:
            site = site.lstrip("@")
            if site and "." not in site and not site[0].isupper():
                site = site.title()
        elif url and (m := META_URL.match(url)):
            site = m[1]
        out["site_name"] = site
    for key, value in out.items():  # trafilatura's Document.clean_and_trim
        if isinstance(value, str):
            out[key] = line_processing(unescape(value if len(value) <= 10000 else value[:9999] + "…"))
    return out


_FURNITURE = (
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
)


def _normalise_body(text: str, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if any(ch.isalnum() for ch in line)]
    if lines and title and lines[0].casefold() == " ".join(title.split()).casefold():
        lines = lines[1:]
    return "\n".join(lines)


def _fallback_text(root: HtmlElement) -> str:
    """Visible text of the page without scripts and page furniture, one block per line.

    Used only when trafilatura keeps nothing (it skips very short documents and
    bare fragments such as a feed entry's content). Removes the furniture from `root`:
    call it last.
    """
    from lxml import etree

    etree.strip_elements(root, *_FURNITURE, with_tail=False)
    body = next(_tags(root, "body"), None)
    return _text(root if body is None else body, "\n")


def _page_tree(html: str) -> tuple[HtmlElement | None, bool]:
    """The page's one tree, built as trafilatura builds it, and whether trafilatura took it.

    trafilatura refuses some bare fragments (one `<p>...</p>`, text with a tag or two: not
    HTML to it); those are parsed as a document body instead, for the declared metadata and
    the fallback text, and trafilatura is not run on them (as when it is handed the string).
    None when nothing parses at all.
    """
    from lxml import etree
    from lxml.html import document_fromstring
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is not None:
        return cast("HtmlElement", tree), True
    try:
        return cast("HtmlElement", document_fromstring(html, parser=_fallback_parser())), False
    except (etree.LxmlError, ValueError):
        return None, False


def _fallback_parser() -> Any:
    from lxml.html import HTMLParser

    return HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)


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

    root, for_trafilatura = _page_tree(html)
    if root is None:
        raise ParseError("no article body found in the HTML")
    fields = read_fields(root)
    if not fragment:
        reason = listing_reason(
            root,
            fields.og_type,
            fields.schema_types,
            [fields.html_title, fields.title],
            fields.url,
        )
        if reason:
            raise ParseError(f"not an article: listing/front page ({reason})")

    text = ""
    extracted = None
    if for_trafilatura:
        extracted = trafilatura.bare_extraction(
            root,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
            deduplicate=False,
            favor_precision=False,
        )
    if extracted is not None:
        text = getattr(extracted, "text", None) or ""
    # trafilatura's metadata fills our gaps, computed only when there is one (its date and
    # author searches cost as much as a parse); not for a page it found no body in
    missing = _Missing(
        title=not fields.title,
        author=not fields.author,
        date=not fields.published_at,
        site_name=not fields.site_name,
    )
    if extracted is not None and missing.any():
        found = _trafilatura_metadata(root, missing)
        fields.title = fields.title or _clean(found.get("title"))
        fields.author = fields.author or clean_author(_clean(found.get("author")))
        fields.published_at = fields.published_at or iso_date(found.get("date"))
        fields.site_name = fields.site_name or _clean(found.get("site_name"))
    fields.author = fields.author or clean_author(_byline(root))
    if fields.title is None:
        h1 = next(_tags(root, "h1"), None)
        if h1 is not None:
            fields.title = _clean(_text(h1, " "))
    body = _normalise_body(text, fields.title)
    if len(body.split()) < MIN_BODY_WORDS:
        fallback = _normalise_body(_fallback_text(root), fields.title)
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
