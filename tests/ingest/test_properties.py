"""Property-based: any bytes under any input name go through discover() and parse_document()
without an exception; every file yields at least one document or is skipped by its suffix."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import RunConfig
from pipeline.ingest import discover
from pipeline.models import Article, Rejection
from pipeline.parse import parse_document

NAMES = st.sampled_from(
    ["a.txt", "b.html", "c.json", "d.jsonl", "e.xml", "f.rss", "g.atom", "h.sources", "sources.txt", "i.htm"]
)
CONTENT = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    st.sampled_from(
        [
            b"<rss><channel><item><title>x</title></item>",
            b'{"title": 1}\n[]\n{',
            b"javascript:alert(1)\nfile:///etc/passwd\nnot a url\n",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content>x",
        ]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(NAMES, CONTENT), min_size=1, max_size=4, unique_by=lambda f: f[0]))
def test_any_bytes_under_any_name(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in files:
            if name.endswith(".sources") or name == "sources.txt":
                # never let random text become a URL to the internet: refusals only
                content = b"# list\njavascript:alert(1)\nfile:///etc/passwd\nnot a url\n"
            (Path(tmp) / name).write_bytes(content)
        docs = list(discover([tmp], RunConfig(http_timeout=0.5, max_bytes=100_000)))
        for doc in docs:
            result = parse_document(doc)
            assert isinstance(result, (Article, Rejection))
            if isinstance(result, Rejection):
                assert not result.reason.startswith(("parse failed:", "ingest failed:"))
            if doc.error:
                assert isinstance(result, Rejection) and result.reason == doc.error
