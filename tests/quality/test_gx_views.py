"""Data Docs built with GX's page views on one shared, precompiled Jinja environment
(`pipeline.quality.gx_views`) are the pages GX's own views build."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.quality import build_data_docs, validate_run
from pipeline.quality import docs as quality_docs
from tests.quality.qa_rows import good_rows, insert_all

if TYPE_CHECKING:
    from pathlib import Path

    import duckdb
    import pytest

    from pipeline.config import RunConfig

_VARYING = [
    (re.compile(r"\?d=\d{8}T\d{6}\.\d+Z"), "?d=<now>"),  # GX stamps links with the build time
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),  # random ids
    (re.compile(r"pledgewatch_report_\d+"), "<site>"),  # a new site name per build
]


def _pages(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", "replace")
        for pattern, repl in _VARYING:
            text = pattern.sub(repl, text)
        out[str(path.relative_to(root))] = text
    return out


def test_shared_views_build_the_pages_gx_views_build(
    warehouse: duckdb.DuckDBPyConnection, config: RunConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.quality import gx_views

    rows = good_rows("r1")
    rows["articles"][0]["language"] = "<script>alert(1)</script>"
    insert_all(warehouse, "staging", rows)
    result = validate_run(warehouse, "r1", config=config)
    assert not result.success or result.failed()

    assert gx_views.precompile() > 20  # GX's HTML page templates
    ours = build_data_docs(result, tmp_path / "ours")
    with monkeypatch.context() as m:  # GX's own views, as the site config had them before
        m.setattr(
            quality_docs,
            "_view",
            lambda name: {
                "module_name": "great_expectations.render.view",
                "class_name": name.replace("Shared", "Default"),
            },
        )
        theirs = build_data_docs(result, tmp_path / "theirs")
    assert ours is not None and theirs is not None
    pages, expected = _pages(tmp_path / "ours"), _pages(tmp_path / "theirs")
    assert sorted(p for p in pages if p.startswith("validations")) == sorted(
        p for p in expected if p.startswith("validations")
    )
    assert sum(p.startswith("validations") and p.endswith(".html") for p in pages) == 8
    assert pages == expected
    text = "".join(pages.values())
    assert "<script>alert(1)</script>" not in text  # still escaped
