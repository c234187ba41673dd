"""Report stage: reports/<run_id>/index.html + report.json + GX Data Docs, reports/latest.

`write_report(con, run_id, report_dir, run_info, quality)` is what the run stage calls.
"""

from __future__ import annotations

from pipeline.report.report import (
    ReportConfig,
    ReportError,
    collect_facts,
    point_latest,
    render_html,
    write_report,
)

__all__ = [
    "ReportConfig",
    "ReportError",
    "collect_facts",
    "point_latest",
    "render_html",
    "write_report",
]
