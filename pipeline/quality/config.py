"""Quality configuration: the suites (expectations/*.json) and which failures block publishing.

Both are data the code loads: analysts change an expectation or move it between blocking and
warn-only by editing JSON under `expectations/`, not Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUITE_NAMES: tuple[str, ...] = (
    "articles",
    "sentences",
    "actors",
    "statements",
    "commitments",
    "commitment_conditions",
    "commitment_quantities",
    "volume",
)
"""The suites, in the order they run and are reported: one per core table, then volume."""


class QualityError(Exception):
    """The quality configuration or a suite file is unusable (a bug to fix, not a data failure)."""


@dataclass(frozen=True)
class Rule:
    """One entry of blocking.json's `warn` / `block` lists: matches when every key given agrees."""

    suite: str | None = None
    """Suite name (e.g. `volume`)."""
    name: str | None = None
    """The expectation's `meta.name` within its suite (e.g. `language_known`)."""
    type: str | None = None
    """GX expectation type (e.g. `expect_column_values_to_be_between`)."""
    column: str | None = None
    """The column the expectation checks."""

    def matches(self, suite: str, name: str, type_: str, column: str | None) -> bool:
        return (
            (self.suite is None or self.suite == suite)
            and (self.name is None or self.name == name)
            and (self.type is None or self.type == type_)
            and (self.column is None or self.column == column)
        )


@dataclass
class BlockingConfig:
    """Which failed expectations block publishing (expectations/blocking.json)."""

    default_blocking: bool = True
    """True: every expectation blocks unless a `warn` rule matches it."""
    warn: list[Rule] = field(default_factory=list)
    """Expectations that only warn (when the default is to block)."""
    block: list[Rule] = field(default_factory=list)
    """Expectations that block even when the default is to warn; wins over `warn`."""
    quarantine: list[Rule] = field(default_factory=list)
    """Row-level expectations whose failing rows are set aside instead of blocking: the
    articles they belong to go to core.quarantine with the reason, the rest publishes.
    `block` wins over it."""
    sample_rows: int = 5
    """Failing rows kept per expectation (report, core.quality_results, CLI)."""
    suites_dir: Path = Path(".")
    """The folder holding the suite files (the folder of blocking.json)."""

    def is_quarantine(self, suite: str, name: str, type_: str, column: str | None) -> bool:
        """Failing rows are quarantined (by article) rather than blocking the run."""
        return not any(r.matches(suite, name, type_, column) for r in self.block) and any(
            r.matches(suite, name, type_, column) for r in self.quarantine
        )

    def is_blocking(self, suite: str, name: str, type_: str, column: str | None) -> bool:
        if any(r.matches(suite, name, type_, column) for r in self.block):
            return True
        if any(r.matches(suite, name, type_, column) for r in self.quarantine):
            return False
        if any(r.matches(suite, name, type_, column) for r in self.warn):
            return False
        return self.default_blocking

    @classmethod
    def load(cls, path: Path) -> BlockingConfig:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise QualityError(f"cannot read quality config {path}: {exc}") from exc
        default = data.get("default", "block")
        if default not in ("block", "warn"):
            raise QualityError(f"{path}: `default` must be 'block' or 'warn', not {default!r}")
        return cls(
            default_blocking=default == "block",
            warn=[_rule(r, path) for r in data.get("warn", [])],
            block=[_rule(r, path) for r in data.get("block", [])],
            quarantine=[_rule(r, path) for r in data.get("quarantine", [])],
            sample_rows=int(data.get("sample_rows", 5)),
            suites_dir=Path(path).parent,
        )


def _rule(entry: dict[str, Any], path: Path) -> Rule:
    known = {"suite", "name", "type", "column"}
    keys = set(entry) - {"why"}
    if not keys or keys - known:
        raise QualityError(
            f"{path}: a rule needs some of {sorted(known)} (and optionally `why`), got {entry}"
        )
    return Rule(**{k: entry[k] for k in keys})


def load_suite_dict(suites_dir: Path, name: str) -> dict[str, Any]:
    """The suite `name` as a dict GX's ExpectationSuite takes, `{"$file": ...}` values resolved.

    A kwarg value `{"$file": "languages.json"}` is replaced by the list in that file (its
    `languages`/`values` key, or the file itself when it is a list), so shared lists stay one file;
    `{"$threshold": "confidence.min"}` by that value of pipeline/resources/quality/thresholds.json.
    """
    path = suites_dir / f"{name}.json"
    try:
        suite = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QualityError(f"cannot read suite {path}: {exc}") from exc
    if suite.get("name") != name:
        raise QualityError(f"{path}: suite name {suite.get('name')!r} != file name {name!r}")
    for exp in suite.get("expectations", []):
        exp.setdefault("meta", {})
        if not exp["meta"].get("name"):
            raise QualityError(f"{path}: every expectation needs meta.name ({exp.get('type')})")
        for key, value in list(exp.get("kwargs", {}).items()):
            if isinstance(value, dict) and "$file" in value:
                exp["kwargs"][key] = _list_file(suites_dir / value["$file"])
            elif isinstance(value, dict) and "$threshold" in value:
                exp["kwargs"][key] = _threshold(path, str(value["$threshold"]))
    return dict(suite)


def _threshold(path: Path, key: str) -> Any:
    """A `{"$threshold": "confidence.min"}` kwarg: the value of pipeline/resources/quality/thresholds.json."""
    from pipeline.quality.meaning import ThresholdError, threshold

    try:
        return threshold(key)
    except (ThresholdError, OSError, ValueError) as exc:
        raise QualityError(f"{path}: {exc}") from exc


def _list_file(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QualityError(f"cannot read list {path}: {exc}") from exc
    if isinstance(data, dict):
        for key in ("languages", "values"):
            if isinstance(data.get(key), list):
                return list(data[key])
        raise QualityError(f"{path}: expected a list under `languages` or `values`")
    if not isinstance(data, list):
        raise QualityError(f"{path}: expected a JSON list")
    return data
