"""Shared fixtures: a warehouse built once from seeds/ by the real pipeline.

The tests run in several processes at once (`make test-fast`: pytest-xdist); everything a test
writes goes under its own tmp_path, and a session fixture is built once per process.
"""

from __future__ import annotations

import atexit
import dataclasses
import fcntl
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline.config import PROJECT_ROOT, RunConfig

if TYPE_CHECKING:
    from pipeline.runstate import RunResult

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


def _run_seeds(folder: Path) -> tuple[RunConfig, RunResult]:
    from pipeline.run import run_pipeline

    cfg = make_config(folder)
    result = run_pipeline(cfg)
    assert result.status == "published", result.summary()
    return cfg, result


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunConfig, RunResult]:
    """(config, RunResult) of one `run` over seeds/ into a fresh warehouse.

    Under pytest-xdist the run is made once for the whole session: the first worker to ask
    builds it in the session's shared temporary folder (under a lock), and every worker gets
    its own copy of the warehouse and reports, so no test of one worker can see another's."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _run_seeds(tmp_path_factory.mktemp("seeded"))
    session = tmp_path_factory.getbasetemp().parent  # this session's, shared by its workers
    built, done = session / "seeded", session / "seeded.pickle"
    with (session / "seeded.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(built, ignore_errors=True)  # a worker that died building it left half
            _, result = _run_seeds(built)
            done.write_bytes(pickle.dumps(result))
    result = pickle.loads(done.read_bytes())
    mine = tmp_path_factory.mktemp("seeded")
    shutil.copytree(built, mine, dirs_exist_ok=True)
    cfg = make_config(mine)
    assert Path(result.warehouse) == built / "w.duckdb"
    report = None if result.report_path is None else mine / result.report_path.relative_to(built)
    return cfg, dataclasses.replace(result, warehouse=cfg.warehouse, report_path=report)
