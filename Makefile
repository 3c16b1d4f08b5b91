# Two commands do everything: `make reproduce` and `make test`.
# Both build .venv from requirements.lock when it is missing or stale.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.reelib-installed
# Packages kept out of the environment on purpose (see README, "Environment").
LOCK_EXCLUDE := rfc3987-syntax|lark
NBVAL_WORKERS ?= 2

.PHONY: reproduce test lint test-browser test-environment lab lock benchmark clean help
.DEFAULT_GOAL := help

help:
	@echo "make reproduce   run every notebook (figures/, reports/, build/)"
	@echo "make test        unit tests and nbval on every notebook"
	@echo "make test-browser the reports in headless Chromium, offline (installs chromium with apt)"
	@echo "make lint        ruff and mypy (also run by make test)"
	@echo "make test-environment  install environment.yml's pip part in a throwaway venv (needs PyPI)"
	@echo "make lab         open the compendium in JupyterLab"
	@echo "make benchmark   time the models, and reproduce and sweeps on a copy of the repository"
	@echo "make lock        re-resolve requirements.lock and environment.yml (needs network)"

# A stale or missing environment is rebuilt from scratch, so that packages
# dropped from the lock do not linger. --no-deps: the lock is complete.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

reproduce: $(STAMP)
	$(BIN)/reelib reproduce

test: $(STAMP) lint
	$(BIN)/python -m pytest tests --ignore=tests/browser
	# nbval re-executes the notebooks; outside the runner they write to build/scratch, never over figures/.
	$(BIN)/python -m pytest --nbval-lax -n $(NBVAL_WORKERS) --dist loadfile notebooks

# Lint and types: ruff (configured in pyproject.toml) and mypy on the package.
lint: $(STAMP)
	$(BIN)/ruff check reelib tests benchmarks tools notebooks
	$(BIN)/mypy

# The pip part of environment.yml, installed as conda would in a throwaway venv (needs PyPI).
test-environment: $(STAMP)
	$(BIN)/python tools/check_environment.py

# The reports in headless Chromium with the network cut off (Debian's chromium and chromium-driver,
# installed with apt-get when missing; that needs root or sudo).
test-browser: $(STAMP)
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver (Debian packages) for the browser test"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver' >/dev/null \
	  || { echo "error: could not install chromium; install 'chromium' and 'chromium-driver' and rerun"; exit 1; }; }
	$(BIN)/python -m pytest tests/browser -p no:cacheprovider

# The whole compendium (notebooks, data, figures, reports) in JupyterLab; --allow-root only where needed.
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/01_supply_concentration.ipynb

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py --runner

lock:
	rm -rf build/lockvenv
	$(PYTHON) -m venv build/lockvenv
	build/lockvenv/bin/python -m pip install --quiet --upgrade setuptools -e .
	build/lockvenv/bin/python -m pip freeze --all --exclude-editable \
	  | grep -viE '^(pip|$(LOCK_EXCLUDE))==' | LC_ALL=C sort -f > requirements.lock
	$(PYTHON) tools/write_environment_yml.py
	rm -rf build/lockvenv

# Scratch and the environment only: figures/, reports/ and notebooks/ are tracked results.
clean:
	rm -rf build $(VENV)
