"""Import Great Expectations without the libraries a pandas validation of our suites never runs.

`import great_expectations` imports every expectation GX ships and every optional backend it
finds installed. Three of those cost a run's main process ~2-2.5 cpu-s of its ~10 (docs/benchmark.md,
session 10) and are never used by what `pipeline.quality` does (the four column-map expectations
of expectations/*.json, on GX's pandas datasource, and their Data Docs pages):

- `scipy.stats` (~1.3 cpu-s) and `altair` (~0.5 cpu-s with narwhals): imported by
  `expect_column_kl_divergence_to_be_less_than` and two Kolmogorov-Smirnov metrics, at module
  level, for their computations and charts. They are imported *deferred* here
  (`importlib.util.LazyLoader`): the module object exists, and runs on its first attribute read,
  so an expectation that does use them still gets the real module, only later.
- `sqlalchemy` (~0.5 cpu-s): GX's SQL datasources. GX supports being installed without it
  (`great_expectations.compatibility.sqlalchemy` falls back to a placeholder); while GX is
  imported, it is hidden when nothing in the process has imported it yet, and visible again
  afterwards, so the rest of the process imports it as usual. A process that already has it
  (e.g. an Airflow task) gives GX the real one.

What GX validates, how it decides and what its Data Docs show do not depend on these: the
pandas execution engine computes our expectations with pandas alone
(tests/quality/test_gx_import.py compares every outcome with a plain import's).
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

DEFERRED = ("scipy.stats", "altair")
"""Modules GX imports at its own import time that run only on first use (see the module doc)."""
HIDDEN = ("sqlalchemy",)
"""Optional GX backends hidden from GX's import when not imported yet (see the module doc)."""

_LOCK = threading.Lock()


class _DeferredFinder:
    """A meta path finder that finds `names` as the path finder does, with a LazyLoader."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec  # not found, or not a plain module: imported as usual
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


@contextlib.contextmanager
def _deferred(names: Sequence[str]) -> Iterator[None]:
    finder = _DeferredFinder([n for n in names if n not in sys.modules])
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)


@contextlib.contextmanager
def _hidden(names: Sequence[str]) -> Iterator[None]:
    hidden = [n for n in names if n not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, "") is None:
                del sys.modules[name]


def import_gx(*, lean: bool = True) -> ModuleType:
    """`great_expectations`, imported (once per process) without the libraries in DEFERRED
    and HIDDEN when `lean`; a plain `import great_expectations` otherwise."""
    with _LOCK:
        module = sys.modules.get("great_expectations")
        if module is not None:
            return module
        if not lean:
            import great_expectations

            return great_expectations
        with _deferred(DEFERRED), _hidden(HIDDEN):
            import great_expectations

            # what GX imports on first use during a validation and its Data Docs, imported
            # here while the backends are hidden, so GX sees the same libraries throughout
            from great_expectations.render.renderer import site_builder  # noqa: F401
        return great_expectations
