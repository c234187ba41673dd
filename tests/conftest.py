"""Shared fixtures: a warehouse built once from seeds/ by the real pipeline.

The tests run in several processes at once (`make test-fast`: pytest-xdist); everything a test
writes goes under its own tmp_path, and a session fixture is built once per process.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT, RunConfig

SEEDS = PROJECT_ROOT / "seeds"
SHARED = Path(os.environ.get("PLEDGEWATCH_SHARED", PROJECT_ROOT.parent / "shared"))

# A run (or a CLI started by a test) that is not told where to write lands in this process's own
# throwaway folder, never in the project's warehouse/ or reports/ (which another test process, or
# the developer, is using), nor in a warehouse the caller's shell points at.
_SCRATCH = Path(tempfile.mkdtemp(prefix="pledgewatch-tests-"))
atexit.register(shutil.rmtree, _SCRATCH, True)
os.environ["PLEDGEWATCH_WAREHOUSE"] = str(_SCRATCH / "warehouse" / "pledgewatch.duckdb")
os.environ["PLEDGEWATCH_REPORT_DIR"] = str(_SCRATCH / "reports")


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
