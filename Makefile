# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo serve test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	KIT_CLIENT=demo $(BIN)/mkdocs build --strict --site-dir site/demo
	@echo "Kit de démonstration construit dans site/demo/index.html (make serve pour le servir)"

serve: $(STAMP)
	KIT_CLIENT=$${KIT_CLIENT:-demo} $(BIN)/mkdocs serve

test: $(STAMP)
	bash tools/setup-test-deps.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check macros tests

clean:
	rm -rf site build
