# Two commands set everything up: `make serve` and `make test`. Each installs into .venv on
# first use (and again whenever pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080
SERVE_ARGS ?=
PYTEST_ARGS ?=
TEST_WORKERS ?= 2
BENCH_ARGS ?=

.PHONY: serve test validate bench bytecode clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# The project's own modules compiled ahead, as pip does for installed packages: where
# PYTHONDONTWRITEBYTECODE is set, every start would otherwise compile them all from source
# (about 0.4 s of the cold start, see docs/performance.md). Quick when nothing changed.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q mock_server

serve: bytecode
	$(BIN)/mock-server serve --host $(HOST) --port $(PORT) $(SERVE_ARGS)

test: bytecode
	scripts/install-browser
	$(BIN)/mock-server validate
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

validate: $(STAMP)
	$(BIN)/mock-server validate

bench: bytecode
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python scripts/update_readme.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
