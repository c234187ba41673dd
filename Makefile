# pledgewatch: `make run` runs the daily job on seeds/, `make test` runs the tests.
# Both set everything up first (uv, the locked environment) when it is missing.
SHELL := /bin/bash
# uv from PATH, else the one pip installs into this Python (`python3 -m uv`)
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
VENV := .venv
STAMP := $(VENV)/.synced

.PHONY: setup run test test-fast lint bench clean model train-extract

$(STAMP): pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-extras --compile-bytecode
	touch $(STAMP)

# Debian's chromium renders the run report in a browser test; best effort (root + apt needed)
CHROMIUM_STAMP := $(VENV)/.chromium
$(CHROMIUM_STAMP): | $(STAMP)
	-@sh scripts/ensure_chromium.sh >/dev/null 2>&1 || echo "note: chromium not installed; the report's browser test will be skipped"
	@touch $(CHROMIUM_STAMP)

setup: $(STAMP)

run: setup
	$(UV) run --frozen --all-extras pledgewatch run $(ARGS)

# The fast tests run on both cores (pytest-xdist, PYTEST_WORKERS=N to change; 0: one process), a
# test file per worker so that its module fixtures are built once; then the slow ones (Airflow's
# scheduler, Celery with its own PostgreSQL and Redis, runs in worker pools or fresh CLI
# interpreters whose logic a fast test covers), also on both cores but a test at a time per
# worker (--dist loadgroup): the tests of one `xdist_group` mark share a worker (the Airflow DAG
# tests, which migrate one metadata DB; the Celery tests, which start one PostgreSQL and Redis),
# every other slow test goes to whichever worker is free. Each worker has its own AIRFLOW_HOME,
# every test its own temporary folders and ports; `seeded` (tests/conftest.py) is built once.
# Exit 5 is "no test selected" (PYTEST_ARGS picked only fast or only slow tests).
PYTEST_WORKERS ?= 2
PARALLEL := -n $(PYTEST_WORKERS) --dist loadfile
SLOW_PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup
# The tests' processes (the xdist workers, a run's worker processes, the CLIs the tests start)
# share one bytecode cache, kept out of the source tree (.venv/pycache), also when the shell sets
# PYTHONDONTWRITEBYTECODE: without it every process compiles the package again and pytest
# rewrites every test module's asserts again (~10 cpu-s per worker before its first test).
test test-fast: export PYTHONDONTWRITEBYTECODE :=
test test-fast: export PYTHONPYCACHEPREFIX := $(CURDIR)/$(VENV)/pycache

test: setup $(CHROMIUM_STAMP)
	$(UV) run --frozen --all-extras pytest -m "not slow" $(PARALLEL) $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(UV) run --frozen --all-extras pytest -m slow $(SLOW_PARALLEL) $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-fast: setup
	$(UV) run --frozen --all-extras pytest -m "not slow" $(PARALLEL) $(PYTEST_ARGS)

# what CI runs before the tests: the format, the lint rules, strict typing of the package
lint: setup
	$(UV) run --frozen --all-extras ruff format --check pipeline dags tests scripts
	$(UV) run --frozen --all-extras ruff check pipeline dags tests scripts
	$(UV) run --frozen --all-extras mypy --strict pipeline

bench: setup
	$(UV) run --frozen --all-extras pledgewatch bench $(ARGS)

# retrain the shipped parser (pipeline/resources/models/en_pledgewatch_ud) from ../shared/data/ud
# (or $$PLEDGEWATCH_SHARED/data/ud); about an hour on two cores; ARGS="--max-steps N" to change
model: setup
	$(UV) run --frozen --all-extras python scripts/train_parser.py $(ARGS)

# retrain the learned decision layer (pipeline/resources/commitments/decision_model.json) on the
# annotated training sets, parsed with the shipped parser (a few minutes), the learned category of
# every row (pipeline/resources/commitments/category_model.json), then the rows'
# confidence (pipeline/resources/confidence.json) on the training corpus
train-extract: setup
	$(UV) run --frozen --all-extras python scripts/train_commitments.py $(ARGS)
	$(UV) run --frozen --all-extras python scripts/train_category.py
	$(UV) run --frozen --all-extras python scripts/calibrate_confidence.py

clean:
	rm -rf warehouse reports .pytest_cache
