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
	rm -rf $(DEMO) && $(BIN)/judging-app demo $(DEMO)
	cd $(DEMO) && ../$(BIN)/judging-app init contest.jdb --config contest.toml \
	  && ../$(BIN)/judging-app import-cases contest.jdb cases.xlsx \
	  && ../$(BIN)/judging-app import-judges contest.jdb judges.xlsx \
	  && ../$(BIN)/judging-app import-scores contest.jdb scores_written.xlsx --round written \
	  && ../$(BIN)/judging-app advance contest.jdb --round written \
	  && ../$(BIN)/judging-app import-scores contest.jdb scores_presentation.xlsx --round presentation \
	  && ../$(BIN)/judging-app advance contest.jdb --round presentation \
	  && ../$(BIN)/judging-app import-votes contest.jdb votes.xlsx \
	  && ../$(BIN)/judging-app rank contest.jdb \
	  && ../$(BIN)/judging-app report contest.jdb --out report.xlsx

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
