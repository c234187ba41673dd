"""Front page / listing detection (pipeline/parse/listing.py, cues in resources/parse/)."""

from __future__ import annotations

import json

import pytest

from pipeline.models import Article, RawDocument, Rejection
from pipeline.parse import parse_document

BODY = (
    "<article><p>The finance minister promised on Monday to cut the deficit by half within "
    "three years, in a speech to parliament that opposition leaders called unrealistic.</p>"
    "<p>She said the plan would be published in full next week.</p></article>"
)


def _page(
    *,
    title: str,
    og_type: str | None = None,
    schema: str | None = None,
    canonical: str | None = None,
    links: int = 0,
) -> bytes:
    head = [f"<title>{title}</title>"]
    if og_type:
        head.append(f'<meta property="og:type" content="{og_type}">')
    if schema:
        head.append(
            '<script type="application/ld+json">'
            + json.dumps({"@context": "https://schema.org", "@type": schema})
            + "</script>"
        )
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    items = "".join(
        f'<li><a href="/news/story-{i}">Story number {i} about the economy and jobs</a></li>'
        for i in range(links)
    )
    return (
        f"<html><head>{''.join(head)}</head><body>{BODY}<aside><ul>{items}</ul></aside></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (dict(title="Latest news", og_type="article", links=80), None),
        (dict(title="Latest news", schema="NewsArticle", links=80), None),
        (
            dict(
                title="Deficit plan",
                og_type="website",
                canonical="https://x.example/2024/03/04/deficit-plan",
                links=35,
            ),
            None,
        ),
        (dict(title="Deficit plan", links=80), None),
        (
            dict(
                title="Deficit plan",
                og_type="website",
                canonical="https://x.example/2024/03/04/deficit-plan",
                links=70,
            ),
            "og:type=website; 70 headline links",
        ),
        (
            dict(title="Example Post", og_type="website", canonical="https://x.example/"),
            "og:type=website; canonical URL is the site root",
        ),
        (
            dict(title="Politics", schema="CollectionPage", canonical="https://x.example/politics/"),
            "schema.org CollectionPage; canonical URL is a section front (/politics/)",
        ),
        (dict(title="Example Post | Top stories", links=40), "title cue 'top stories'; 40 headline links"),
        (dict(title="Example Post | Top stories", links=10), None),
    ],
)
def test_listing_rules(page: dict[str, object], reason: str | None) -> None:
    raw = RawDocument(
        source="t",
        content=_page(**page),
        source_kind="html",  # type: ignore[arg-type]
        fetched_at="",
        doc_id="t",
    )
    result = parse_document(raw)
    if reason is None:
        assert isinstance(result, Article), getattr(result, "reason", "")
        assert result.body.startswith("The finance minister promised")
    else:
        assert isinstance(result, Rejection)
        assert result.reason == f"not an article: listing/front page ({reason})"
