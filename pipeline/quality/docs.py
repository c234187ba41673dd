"""GX Data Docs for a validation, built into a folder of the run's report."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.quality.validate import QualityResult

_site_counter = itertools.count(1)

VIEWS_MODULE = "pipeline.quality.gx_views"
"""GX's page views on one Jinja environment per process, its templates compiled ahead."""


def _view(class_name: str) -> dict[str, str]:
    return {"module_name": VIEWS_MODULE, "class_name": class_name}


def build_data_docs(result: QualityResult, target_dir: Path) -> Path | None:
    """Render the suites and validation results of `result` as GX Data Docs under `target_dir`.

    Returns the site's index.html, or None when the result holds no GX context (e.g. it was
    rebuilt from stored rows). Only this site is built (not the ephemeral context's temp site),
    and only its validation results (one page per suite; no separate suite pages).
    Values shown come from the frames GX saw, whose text was HTML-escaped before validation.
    Data Docs pages load their scripts and styles from public CDNs: without network they still
    show the results, unstyled.
    """
    context = result.gx_context
    if context is None:
        return None
    target_dir = Path(target_dir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    site = f"pledgewatch_report_{next(_site_counter)}"
    context.add_data_docs_site(
        site,
        {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(target_dir),
            },
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "view": _view("SharedJinjaIndexPageView"),
            },
            # the validation pages only: each lists every expectation of its suite with its
            # verdict; a page per suite definition as well would double the rendering, the
            # run's largest fixed cost after importing GX (the suites are expectations/*.json)
            "site_section_builders": {
                "expectations": "0",
                "profiling": "0",
                "validations": {"view": _view("SharedJinjaPageView")},
            },
        },
    )
    context.build_data_docs(site_names=[site])
    index = target_dir / "index.html"
    return index if index.exists() else None
