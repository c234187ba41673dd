"""Shared fixtures: a warehouse built once from seeds/ by the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT, RunConfig

SEEDS = PROJECT_ROOT / "seeds"
SHARED = Path(os.environ.get("PLEDGEWATCH_SHARED", PROJECT_ROOT.parent / "shared"))


def make_config(tmp: Path, inputs: list[str] | None = None, **kw: object) -> RunConfig:
    cfg = RunConfig(
        inputs=inputs or [str(SEEDS)],
        warehouse=tmp / "w.duckdb",
        report_dir=tmp / "reports",
        workers=1,
        show_progress=False,
    )
    for k, v in kw.items():
        setattr(cfg, k, v)
    return cfg


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunConfig, object]:
    """(config, RunResult) of one `run` over seeds/ into a fresh warehouse."""
    from pipeline.run import run_pipeline

    cfg = make_config(tmp_path_factory.mktemp("seeded"))
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    return cfg, result
