# `make run` and `make test` create .venv if missing and reinstall only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := $(CURDIR)/.demo

.PHONY: run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/judging-app demo-run $(DEMO)

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check judging_app tests bench
	$(BIN)/ruff format --check judging_app tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy judging_app

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO) build *.egg-info
