# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
OUT    ?= out

.PHONY: demo test lint bench install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev,peers,serve,browser,spark,live]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	@mkdir -p $(OUT)
	$(BIN)/akhbar summarize
	$(BIN)/akhbar summarize --format html --out $(OUT)/report.html
	$(BIN)/akhbar summarize --format json --out $(OUT)/report.json
	@echo "open $(OUT)/report.html in a browser"

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check akhbar tests benchmarks scripts
	$(BIN)/mypy akhbar

bench: install-dev
	$(BIN)/python benchmarks/bench_summarize.py $(if $(DATA),--ant $(DATA),)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache .mypy_cache
