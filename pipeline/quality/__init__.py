"""Quality stage: the GX suites in expectations/ over a run's staging rows or the core tables.

`validate_run` (this run, before publish) and `validate_core` (the warehouse as it is) return a
`QualityResult`; `store_results` writes it to core.quality_results; `build_data_docs` renders GX
Data Docs; `validate_command` is `pledgewatch validate`. Which failures block publishing is
configuration: expectations/blocking.json.
"""

from __future__ import annotations

from pipeline.quality.command import validate_command
from pipeline.quality.config import SUITE_NAMES, BlockingConfig, QualityError, Rule
from pipeline.quality.docs import build_data_docs
from pipeline.quality.store import store_results
from pipeline.quality.validate import Outcome, QualityResult, validate_core, validate_run

__all__ = [
    "SUITE_NAMES",
    "BlockingConfig",
    "Outcome",
    "QualityError",
    "QualityResult",
    "Rule",
    "build_data_docs",
    "store_results",
    "validate_command",
    "validate_core",
    "validate_run",
]
