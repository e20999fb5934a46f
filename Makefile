# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsloom.db

.PHONY: setup demo test lint bench

$(BIN)/newsloom: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(BIN)/newsloom

## Ingest the bundled demo corpus into ./newsloom.db and show what was found.
demo: setup
	$(BIN)/newsloom ingest demo/corpus --db $(DB)
	$(BIN)/newsloom docs --db $(DB)
	$(BIN)/newsloom relations --db $(DB)
	$(BIN)/newsloom stories --db $(DB)

## Run the whole test suite (tests read ../shared when it is there, else skip those parts).
test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .
