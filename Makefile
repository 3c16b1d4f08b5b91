# Two commands do everything: `make reproduce` and `make test`.
# Both build .venv from requirements.lock when it is missing or stale.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.reelib-installed
# Packages kept out of the environment on purpose (see README, "Environment").
LOCK_EXCLUDE := rfc3987-syntax|lark
NBVAL_WORKERS ?= 2

.PHONY: reproduce test lab lock benchmark clean help
.DEFAULT_GOAL := help

help:
	@echo "make reproduce   run every notebook (figures/, reports/, build/)"
	@echo "make test        unit tests and nbval on every notebook"
	@echo "make lab         open the notebooks in JupyterLab"
	@echo "make benchmark   time the Monte Carlo and the loaders"
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

test: $(STAMP)
	$(BIN)/python -m pytest tests
	# nbval re-executes the notebooks; outside the runner they write to build/scratch, never over figures/.
	$(BIN)/python -m pytest --nbval-lax -n $(NBVAL_WORKERS) --dist loadfile notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

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
