# Two commands for a fresh clone on a fresh machine:
#   make run    install everything, build the graph into the embedded store, show it
#   make test   install the test needs and run the whole suite (what CI runs)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/lshkg build
	$(BIN)/lshkg stats

lint: install-test
	$(BIN)/ruff check .

test: install-test lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var
