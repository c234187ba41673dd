"""`pledgewatch validate`: run the suites over the current core tables and print what failed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pipeline.config import RunConfig
from pipeline.quality.validate import validate_core
from pipeline.warehouse import WarehouseError, connect

if TYPE_CHECKING:
    import argparse


def validate_command(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Open the warehouse read-only, validate core; exit 1 on a blocking failure, else 0.

    Every failing expectation is printed with a few failing rows; blocking ones are named again
    on the last line. A missing warehouse file or schema exits 2.
    """
    out = out or sys.stdout
    config = RunConfig()
    if getattr(args, "warehouse", None):
        from pipeline.warehouse.lake import warehouse_location

        config.warehouse = warehouse_location(args.warehouse)
    if isinstance(config.warehouse, Path) and not config.warehouse.exists():
        print(f"validate: no warehouse at {config.warehouse}", file=out)
        return 2
    try:
        con = connect(config.warehouse, read_only=True)
    except WarehouseError as exc:
        print(f"validate: {exc}", file=out)
        return 2
    try:
        try:
            result = validate_core(con, config=config)
        except Exception as exc:  # a missing table: not a pledgewatch warehouse (yet)
            if "does not exist" in str(exc):
                print(f"validate: {config.warehouse} has no pledgewatch schema: {exc}", file=out)
                return 2
            raise
    finally:
        con.close()

    for o in result.failed():
        label = "FAIL (blocking)" if o.is_blocking else "WARN"
        print(f"{label} {o.expectation}", file=out)
        if o.unexpected_count is not None:
            print(f"    {o.unexpected_count} of {o.element_count} rows unexpected", file=out)
        if o.observed_value is not None:
            print(f"    observed: {json.dumps(o.observed_value, default=str)[:500]}", file=out)
        for row in o.sample_rows:  # the checked column first, then the rest of the row
            ordered = {o.column: row[o.column]} if o.column in row else {}
            ordered.update(row)
            text = json.dumps(ordered, ensure_ascii=False, default=str)
            print(f"    row: {text[:1000]}", file=out)
    print(result.summary(), file=out)
    if not result.success:
        names = ", ".join(f"{o.suite}.{o.name}" for o in result.failed_blocking())
        print(f"validate: blocking failure(s): {names}", file=out)
        return 1
    return 0
