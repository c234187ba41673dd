"""Great Expectations imported lean (`pipeline.quality.gx_import`): the libraries our suites never
run are deferred or hidden during the import only, and every verdict, count and failing row is the
same as with a plain `import great_expectations`. Each check runs in a fresh interpreter: GX is
imported once per process, and this test process may have imported it already."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from pipeline.config import PROJECT_ROOT
from tests.quality.qa_rows import good_rows, insert_all

if TYPE_CHECKING:
    from pathlib import Path

    import duckdb


def _python(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=PROJECT_ROOT, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


_IMPORT = """
import sys
from pipeline.quality.gx_import import import_gx
gx = import_gx()
from great_expectations.compatibility import sqlalchemy as compat
print(type(sys.modules["scipy.stats"]).__name__, type(sys.modules["altair"]).__name__)
print("sqlalchemy" in sys.modules, bool(compat.sqlalchemy), gx is import_gx())
import scipy.stats
import sqlalchemy
print(scipy.stats.norm.cdf(0.0), sqlalchemy.__name__, type(sys.modules["scipy.stats"]).__name__)
"""


def test_the_lean_import_defers_and_hides_during_the_import_only() -> None:
    deferred, hidden, used = _python(_IMPORT).splitlines()
    assert deferred == "_LazyModule _LazyModule"  # there, not run
    assert hidden == "False False True"  # GX saw no sqlalchemy, and it is not left hidden
    # the deferred module runs on first use; sqlalchemy imports as usual afterwards
    assert used == "0.5 sqlalchemy module"


def test_a_process_that_has_sqlalchemy_gives_gx_the_real_one() -> None:
    code = (
        "import sqlalchemy\n"
        "from pipeline.quality.gx_import import import_gx\n"
        "import_gx()\n"
        "from great_expectations.compatibility import sqlalchemy as compat\n"
        "print(compat.sqlalchemy is sqlalchemy)\n"
    )
    assert _python(code).strip() == "True"


_VALIDATE = """
import json, sys
from pathlib import Path
from pipeline.config import RunConfig
from pipeline.quality import build_data_docs, validate_run
from pipeline.quality.gx_import import import_gx
from pipeline.warehouse import connect

import_gx(lean=sys.argv[2] == "lean")
config = RunConfig()
config.report_dir = Path(sys.argv[3])
con = connect(Path(sys.argv[1]), read_only=True)
result = validate_run(con, "r1", config=config)
out = result.to_dict()
out.pop("checked_at")
out["review_rows"] = result.review_rows
index = build_data_docs(result, Path(sys.argv[3]) / "data_docs")
pages = sorted(p.relative_to(index.parent).parts[0] for p in index.parent.rglob("*.html"))
out["data_docs_pages"] = pages
print(json.dumps(out, sort_keys=True, default=str))
"""


def _validated(path: Path, mode: str, out: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(_python(_VALIDATE, str(path), mode, str(out)))
    return result


def test_a_lean_import_validates_exactly_as_a_plain_one(
    warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    rows = good_rows("r1")
    rows["articles"][0]["language"] = "<script>alert(1)</script>"  # a failing row, escaped in Data Docs
    rows["commitments"][0].update(category="weapons", committer_actor_id="fra")  # blocking failures
    insert_all(warehouse, "staging", rows)
    path = tmp_path / "w.duckdb"
    warehouse.close()

    lean = _validated(path, "lean", tmp_path / "lean")
    plain = _validated(path, "plain", tmp_path / "plain")
    assert lean == plain
    assert lean["expectations"] > 50 and not lean["success"]
    assert {o["name"] for o in lean["outcomes"] if o["level"] == "fail"} >= {
        "category_in_contract",
        "committer_fk",
    }
    assert lean["data_docs_pages"].count("validations") == 8  # a page per suite
