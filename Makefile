# Everything sets itself up: a venv in .venv, the project installed into it, then the command.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Compiled with mypyc at install (setup.py): a change to them needs a new build.
COMPILED := $(wildcard briefing/core/tagging/catalog.py briefing/core/tagging/entities.py \
	briefing/core/tagging/quotations.py briefing/core/tagging/symbols.py)

.PHONY: run test bench lint setup clean

$(STAMP): pyproject.toml setup.py $(COMPILED)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/briefing $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info
	find briefing -name '*.so' -delete
	rm -f briefing_tagging__mypyc*.so
