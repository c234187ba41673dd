"""Batches for a scheduler: which drop-folder files a data interval takes, and extraction
results as Parquet files (one folder per batch, one file per staging table).

The DAG's mapped extraction tasks call `extract_batch` (no warehouse: any worker can run it);
the single loader reads the folders back with `read_batch` (`pipeline.steps.extracted`, called
by `pipeline.run.load_batches`).
Nothing here imports Airflow.

Interval rule (`interval_files`): a file *arrives* at the date of its dated folder when one of
the folders between the drop folder and the file is named `YYYY-MM-DD` (that day, 00:00 UTC),
otherwise at its modification time. A run takes the files that arrived in
[start, end); a run without an interval (or `whole_folder`) takes every file. Inputs already in
the warehouse are skipped by content hash at load time, so taking a file twice changes nothing.

Batch folders may live on a local path or, for workers on several machines, behind an fsspec
URL (`s3://bucket/pledgewatch/batches`, `gs://...`): the path is the only thing passed on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import RunConfig

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pipeline.process import BatchResult

DATED_FOLDER = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
"""A drop-folder subfolder named after the day its files arrived (e.g. `2026-11-24/`)."""

META_FILE = "batch.json"
"""Written last in a batch folder: its presence means the batch is complete."""


SCHEDULER_LOCK_WAIT = 6 * 3600.0
"""Seconds a scheduler's warehouse step waits for the lock (another run's step, a CLI run)."""


@dataclass
class SchedulerConfig(RunConfig):
    """RunConfig plus where a scheduler's runs keep their batch folders."""

    batch_root: str | None = None
    """Path or fsspec URL for batch folders, seen by every worker (default: beside the warehouse,
    `<warehouse dir>/batches`)."""


def run_config(
    *,
    drop_folder: str | None = None,
    warehouse: str | None = None,
    report_dir: str | None = None,
    batch_size: int | None = None,
    batch_root: str | None = None,
    quality_config: str | None = None,
) -> SchedulerConfig:
    """The CLI's defaults (RunConfig()), overridden by the values that are set (not None).

    One process per step and a single writer: no progress lines, one worker per task, and the
    warehouse steps wait for the lock instead of giving up.
    """
    config = SchedulerConfig(batch_root=batch_root or None)
    config.lock_timeout = SCHEDULER_LOCK_WAIT
    if drop_folder:
        config.inputs = [drop_folder]
    if warehouse:
        from pipeline.warehouse.lake import warehouse_location

        config.warehouse = warehouse_location(warehouse)
    if report_dir:
        config.report_dir = Path(report_dir)
    if batch_size:
        config.batch_size = int(batch_size)
    if quality_config:
        config.quality_config = Path(quality_config)
    config.show_progress = False
    config.workers = 1
    return config


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def arrival_time(path: Path, root: Path) -> datetime:
    """When a drop-folder file arrived: its dated folder's day (00:00 UTC), else its mtime."""
    for part in path.relative_to(root).parts[:-1]:
        m = DATED_FOLDER.match(part)
        if m:
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def _is_input(path: Path) -> bool:
    from pipeline.ingest.discover import KIND_BY_SUFFIX, is_sources_file

    return is_sources_file(path) or path.suffix.lower() in KIND_BY_SUFFIX


def interval_files(drop_folder: str | Path, start: datetime | None, end: datetime | None) -> list[str]:
    """Absolute paths of the input files that arrived in [start, end), sorted; all if no interval.

    Hidden files and folders are ignored, and so are files the ingest stage cannot read.
    """
    root = Path(drop_folder).resolve()
    if root.is_file():
        return [str(root)]
    if not root.is_dir():
        from pipeline.ingest import IngestError

        raise IngestError(f"drop folder not found: {drop_folder}")
    lo = _utc(start) if start is not None else None
    hi = _utc(end) if end is not None else None
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if any(p.startswith(".") for p in rel) or not path.is_file() or not _is_input(path):
            continue
        if lo is not None and hi is not None and not lo <= arrival_time(path, root) < hi:
            continue
        found.append(str(path))
    return found


def run_root(config: RunConfig, dag_run_id: str) -> str:
    """The folder (or URL) holding one scheduler run's batches, named after its run id."""
    from pipeline.warehouse.lake import default_batch_root

    root = getattr(config, "batch_root", None) or default_batch_root(config.warehouse)
    return join(root, re.sub(r"[^A-Za-z0-9_.-]+", "_", dag_run_id))


@dataclass
class BatchPlan:
    """One unit of extraction work: the files it reads and the folder it writes."""

    files: list[str]
    dir: str

    def to_dict(self) -> dict[str, Any]:
        return {"files": list(self.files), "dir": self.dir}


def plan_batches(files: list[str], size: int, root: str) -> list[dict[str, Any]]:
    """Split files into batches of `size`, each with its folder under `root`; never empty
    (no files still gives one empty batch, so the load step always runs and records the run)."""
    size = max(1, int(size))
    chunks = [files[i : i + size] for i in range(0, len(files), size)] or [[]]
    return [BatchPlan(chunk, join(root, f"batch-{n:05d}")).to_dict() for n, chunk in enumerate(chunks)]


def join(root: str, *parts: str) -> str:
    """Join path parts onto a local path or an fsspec URL."""
    if "://" in root:
        return "/".join([root.rstrip("/"), *parts])
    return str(Path(root, *parts))


def _fs(path: str) -> tuple[Any, str]:
    """(pyarrow filesystem or None, path) for a local path or an fsspec URL."""
    if "://" not in path:
        return None, path
    import fsspec
    from pyarrow.fs import FSSpecHandler, PyFileSystem

    fs, inner = fsspec.core.url_to_fs(path)
    return PyFileSystem(FSSpecHandler(fs)), inner


def _write_bytes(path: str, data: bytes) -> None:
    if "://" in path:
        import fsspec

        with fsspec.open(path, "wb") as fh:
            fh.write(data)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(data)


def write_bytes(path: str, data: bytes) -> None:
    """Write a file on a local path or an fsspec URL (folders created)."""
    _write_bytes(path, data)


def read_bytes(path: str) -> bytes | None:
    """A file's bytes from a local path or an fsspec URL; None if it does not exist."""
    try:
        return _read_bytes(path)
    except FileNotFoundError:
        return None


def _read_bytes(path: str) -> bytes:
    if "://" in path:
        import fsspec

        with fsspec.open(path, "rb") as fh:
            data: bytes = fh.read()
            return data
    return Path(path).read_bytes()


def write_batch(result: BatchResult, batch_dir: str) -> dict[str, int]:
    """Write a BatchResult's rows as `<table>.parquet` (typed like the staging tables), then
    `batch.json`. Rewriting a batch (a retried task) replaces its files. Returns rows per table."""
    import duckdb
    import pyarrow.parquet as pq

    from pipeline.warehouse import init_schema, read_sql
    from pipeline.warehouse.load import stage_rows

    con = duckdb.connect(":memory:")
    try:
        init_schema(con)
        counts = stage_rows(con, result.rows)  # typed and coerced exactly as the loader will
        fs, base = _fs(batch_dir)
        if fs is None:
            Path(base).mkdir(parents=True, exist_ok=True)
        for name in counts:
            table = con.sql(
                read_sql("core/staging_rows.sql").format(staging=f"staging.{name}")
            ).to_arrow_table()
            pq.write_table(table, f"{base}/{name}.parquet", filesystem=fs)
    finally:
        con.close()
    meta = {
        "tables": counts,
        "skipped_language": result.skipped_language,
        "seconds": {k: round(v, 4) for k, v in result.seconds.items()},
    }
    _write_bytes(join(batch_dir, META_FILE), json.dumps(meta).encode())
    return counts


def read_batch(batch_dir: str) -> BatchResult:
    """Read a batch folder written by `write_batch` back into a BatchResult."""
    import pyarrow.parquet as pq

    from pipeline.process import BatchResult

    meta = json.loads(_read_bytes(join(batch_dir, META_FILE)))
    result = BatchResult()
    result.skipped_language = int(meta.get("skipped_language", 0))
    result.seconds.update(meta.get("seconds", {}))
    fs, base = _fs(batch_dir)
    for name in meta.get("tables", {}):
        result.rows[name] = pq.read_table(f"{base}/{name}.parquet", filesystem=fs).to_pylist()
    return result


def extract_batch(files: Iterable[str], batch_dir: str, run_id: str, config: RunConfig | None = None) -> str:
    """Ingest + parse + extract the given files into a batch folder; returns the folder.

    No warehouse access: any worker can run it. Every input gets a row (rejections included).
    """
    from pipeline.ingest import discover
    from pipeline.process import process_batch

    config = config or RunConfig()
    files = list(files)
    raws = list(discover(files, config)) if files else []
    recorded_at = datetime.now(UTC).isoformat()
    from pipeline.budget import DocumentLimits

    limits = DocumentLimits.from_config(config)
    result = process_batch(raws, run_id, recorded_at, limits) if raws else _empty()
    write_batch(result, batch_dir)
    return batch_dir


def _empty() -> BatchResult:
    from pipeline.process import BatchResult

    return BatchResult()


def remove_batches(root: str) -> None:
    """Delete a run's batch folders (after the run has been loaded and finished)."""
    if "://" in root:
        import fsspec

        fs, inner = fsspec.core.url_to_fs(root)
        if fs.exists(inner):
            fs.rm(inner, recursive=True)
        return
    import shutil

    shutil.rmtree(root, ignore_errors=True)
