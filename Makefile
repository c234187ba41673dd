# pledgewatch: `make run` runs the daily job on seeds/, `make test` runs the tests.
# Both set everything up first (uv, the locked environment) when it is missing.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
VENV := .venv
STAMP := $(VENV)/.synced

.PHONY: setup run test test-fast lint bench clean

$(UV):
	python3 -m pip install --user --quiet uv || python3 -m pip install --quiet uv

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-extras
	touch $(STAMP)

# Debian's chromium renders the run report in a browser test; best effort (root + apt needed)
CHROMIUM_STAMP := $(VENV)/.chromium
$(CHROMIUM_STAMP): | $(STAMP)
	-@sh scripts/ensure_chromium.sh >/dev/null 2>&1 || echo "note: chromium not installed; the report's browser test will be skipped"
	@touch $(CHROMIUM_STAMP)

setup: $(STAMP)

run: setup
	$(UV) run --frozen pledgewatch run $(ARGS)

test: setup $(CHROMIUM_STAMP)
	$(UV) run --frozen pytest $(PYTEST_ARGS)

test-fast: setup
	$(UV) run --frozen pytest -m "not slow" $(PYTEST_ARGS)

lint: setup
	$(UV) run --frozen ruff check pipeline dags tests
	$(UV) run --frozen mypy pipeline

bench: setup
	$(UV) run --frozen pledgewatch bench $(ARGS)

clean:
	rm -rf warehouse reports .pytest_cache
