"""The checks on meaning in the core scope (`validate_core`): the broken rows of
test_meaning.py, published to core, fail the same way, and only those checks fail. A file of its
own so that the two halves run on different test workers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from pipeline.quality import validate_core
from tests.quality.qa_rows import good_rows, insert_all
from tests.quality.test_meaning import BROKEN, failures

if TYPE_CHECKING:
    from collections.abc import Callable

    import duckdb

    from pipeline.config import RunConfig


@pytest.mark.parametrize(("case", "breakage", "expected"), BROKEN, ids=[c[0] for c in BROKEN])
def test_each_meaning_check_fails_on_its_broken_core_rows(
    warehouse: duckdb.DuckDBPyConnection,
    config: RunConfig,
    case: str,
    breakage: Callable[[dict[str, list[dict[str, Any]]]], None],
    expected: set[tuple[str, str]],
) -> None:
    rows = good_rows("r1")
    breakage(rows)
    insert_all(warehouse, "core", rows)
    assert failures(validate_core(warehouse, config=config)) == expected, case
