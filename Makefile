# Two commands for a fresh clone on a fresh machine:
#   make run    install everything, build the graph into the embedded store, serve the app
#   make test   install the test needs and run the whole suite (what CI runs)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FRONTEND := webapp/frontend
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8000

.PHONY: run test install install-test lint chromium virtuoso clean
# the compiled gettext catalogues (the app also compiles them at start when missing or stale)
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard webapp/translations/*/LC_MESSAGES/messages.po))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# front-end libraries from the npm registry, served by the app itself
$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	npm ci --prefix $(FRONTEND) --no-audit --no-fund --loglevel=error
	touch $@

var/lsh-kg.nt: $(VENV)/.installed $(wildcard graph/data/*.yaml) graph/store/gallery.yaml $(wildcard ontology/*.ttl)
	$(BIN)/lshkg build

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

install: $(VENV)/.installed $(FRONTEND)/node_modules/.installed $(CATALOGUES)

install-test: install $(VENV)/.installed-test chromium virtuoso

# Debian's Chromium for the browser tests
chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Debian's Virtuoso: the remote-store tests run on it as well as on the oxigraph server (the tests
# start their own instance on free loopback ports)
virtuoso:
	@[ -x /usr/bin/virtuoso-t ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq virtuoso-opensource >/dev/null; }

run: install var/lsh-kg.nt
	$(BIN)/lshkg stats | head -4
	$(BIN)/lshkg serve --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

test: install-test lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var $(FRONTEND)/node_modules
