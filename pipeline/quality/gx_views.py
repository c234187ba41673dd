"""GX's Data Docs page views with one Jinja environment per process, compiled ahead.

GX's views (`great_expectations.render.view.DefaultJinjaPageView` and the index page's) each make
a new Jinja environment, so every Data Docs build compiles GX's page templates again (~25
templates, about half of a small run's Data Docs time). These views are GX's own, with the same
templates, filters and settings; only the environment is made once per process (per custom
styles and views folder) and shared by the views, so a template is compiled once, and
`precompile` compiles them ahead: the CLI run's warm-up thread does it while the documents are
extracted (`pipeline.quality.validate.prepare_session`). The pages are the same.

Imports Great Expectations: only GX's site builder imports this module, by its name in the site
configuration (`pipeline.quality.docs`), or the warm-up, after importing GX.
"""

from __future__ import annotations

import threading
from typing import Any

from great_expectations.render.view.view import DefaultJinjaIndexPageView, DefaultJinjaPageView

_LOCK = threading.Lock()
_SHARED: dict[tuple[str | None, str | None], DefaultJinjaPageView] = {}
"""(custom styles folder, custom views folder) -> the first view made for them, whose
environment (its filters bound to that view) every later view shares."""


def _shared_env(view: Any, custom_styles_directory: str | None, custom_views_directory: str | None) -> None:
    key = (custom_styles_directory, custom_views_directory)
    with _LOCK:
        first = _SHARED.get(key)
        if first is None:
            DefaultJinjaPageView.__init__(view, custom_styles_directory, custom_views_directory)
            _SHARED[key] = view
            return
    view.custom_styles_directory = custom_styles_directory
    view.custom_views_directory = custom_views_directory
    view.env = first.env


class SharedJinjaPageView(DefaultJinjaPageView):
    """DefaultJinjaPageView (a validation result's page) on the process's shared environment."""

    def __init__(
        self, custom_styles_directory: str | None = None, custom_views_directory: str | None = None
    ) -> None:
        _shared_env(self, custom_styles_directory, custom_views_directory)


class SharedJinjaIndexPageView(DefaultJinjaIndexPageView):
    """DefaultJinjaIndexPageView (the site's index) on the process's shared environment."""

    def __init__(
        self, custom_styles_directory: str | None = None, custom_views_directory: str | None = None
    ) -> None:
        _shared_env(self, custom_styles_directory, custom_views_directory)


def precompile() -> int:
    """Compile GX's HTML page templates into the shared environment (no custom styles or
    views, as the Data Docs sites of `pipeline.quality.docs` have); returns how many."""
    env = SharedJinjaPageView().env
    names = [
        n
        for n in env.list_templates()
        if (n.endswith(".j2") and not n.startswith("markdown")) or n.endswith("_styles.css")
    ]
    for name in names:
        env.get_template(name)
    return len(names)
