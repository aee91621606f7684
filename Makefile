# Every target bootstraps itself: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test serve lint types contracts pytest addon-test browser-test chromium bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/scorecard demo

serve: $(STAMP)
	$(BIN)/scorecard serve --host 127.0.0.1 --port 8080

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term

addon-test:
	@if command -v node >/dev/null 2>&1; then node --test addon/tests/; \
	else echo "node not found: add-on tests skipped"; fi

# The browser tests need Debian's chromium and puppeteer-core (addon/package-lock.json).
CHROMIUM ?= /usr/bin/chromium

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y chromium || (apt-get update && apt-get install -y chromium) || \
	      echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "no $(CHROMIUM), and not root with apt-get: browser tests will be skipped"; fi; \
	fi

addon/node_modules/.installed: addon/package.json addon/package-lock.json
	cd addon && npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser-test: chromium
	@if ! command -v node >/dev/null 2>&1; then echo "node not found: browser tests skipped"; \
	else $(MAKE) --no-print-directory addon/node_modules/.installed || \
	  echo "npm ci failed: browser tests will be skipped"; \
	  CHROMIUM=$(CHROMIUM) node --test addon/browser/; fi

test: lint types contracts addon-test browser-test pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage addon/node_modules
