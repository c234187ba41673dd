"""Run configuration: one dataclass, defaults relative to the project root, overridable by env or CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The repository root (the folder holding pipeline/, sql/, seeds/)."""

SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
RESOURCES_DIR = Path(__file__).resolve().parent / "resources"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def _env_warehouse(name: str, default: Path) -> Path | str:
    """A DuckDB file (Path) or a DuckLake URL (`ducklake:...`, a str) from the environment."""
    value = os.environ.get(name)
    if not value:
        return default
    from pipeline.warehouse.lake import warehouse_location

    return warehouse_location(value)


def _env_flag(name: str) -> bool:
    """A yes/no environment variable: 1/true/yes/on or 0/false/no/off (unset or empty: no)."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{name}: not a yes/no value (1/true/yes/on or 0/false/no/off): {value!r}")


@dataclass
class RunConfig:
    """Everything a run needs to know; the CLI and the DAG build one of these."""

    inputs: list[str] = field(default_factory=lambda: [str(PROJECT_ROOT / "seeds")])
    """Folders, files, URLs or sources files (`*.sources`, one URL per line) to ingest."""
    warehouse: Path | str = field(
        default_factory=lambda: _env_warehouse(
            "PLEDGEWATCH_WAREHOUSE", PROJECT_ROOT / "warehouse" / "pledgewatch.duckdb"
        )
    )
    """The DuckDB file (a Path), or a DuckLake: a `ducklake:` URL, a str (catalog in PostgreSQL
    or a local catalog file, data in a folder or object store; pipeline.warehouse.lake)."""
    report_dir: Path = field(
        default_factory=lambda: _env_path("PLEDGEWATCH_REPORT_DIR", PROJECT_ROOT / "reports")
    )
    """Where reports/<run_id>/ and reports/latest go."""
    max_bytes: int = 5 * 1024 * 1024
    """Inputs larger than this are rejected (files) or cut off and rejected (URLs)."""
    http_timeout: float = 10.0
    """Seconds before a URL fetch gives up."""
    max_redirects: int = 5
    """Redirects followed before a URL fetch gives up."""
    allow_private_hosts: bool = field(default_factory=lambda: _env_flag("PLEDGEWATCH_ALLOW_PRIVATE_HOSTS"))
    """Fetch URLs (and redirects) whose host is or resolves to a loopback, private, link-local,
    multicast or reserved address; off by default: such URLs are refused (SSRF guard)."""
    follow_symlinks: bool = False
    """Read symlinks in an input folder that point outside it (off: such a link is rejected,
    "refused: symlink to a file outside the input folder"; links inside it are read)."""
    doc_seconds: float = 60.0
    """Wall-clock seconds one document may take to parse, tokenise and extract; over that it
    is rejected ("over the time budget") and the run goes on (0: no limit)."""
    http_run_seconds: float = 600.0
    """Wall-clock seconds all URL fetches of one run may take together; once spent, the
    remaining URLs are rejected ("fetch skipped: ...") (0: no limit)."""
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Processes for parsing and extraction."""
    batch_size: int = 200
    """Articles per parse/extract batch (streamed; the corpus is never held whole)."""
    lock_timeout: float = 0.0
    """Seconds a run waits for another run on the same warehouse before giving up (0: exit at once)."""
    show_progress: bool = True
    """Per-stage progress on stderr."""
    quality_config: Path = field(default_factory=lambda: EXPECTATIONS_DIR / "blocking.json")
    """Which expectations block publishing (configuration, not code)."""
