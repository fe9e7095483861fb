# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo serve test lint bench clean pdf

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The demo kit: review site with its PDF handbooks, and the public site. `kit build`
# builds elsewhere and swaps, so a failed build keeps the last good one.
demo: $(STAMP)
	$(PDF_ENV) $(BIN)/kit build demo
	$(PDF_ENV) $(BIN)/kit build demo --audience public --no-pdf
	@echo "Kit de démonstration : site/interne/demo/index.html (livrets PDF dans site/interne/demo/livrets/)"
	@echo "Site public : site/public/demo/index.html ; make serve pour relire le kit avec rechargement"

# PDF handbooks (élus, agents) and the A3 worksheet of one client, in site/interne/<client>/livrets/.
# The cover date is SOURCE_DATE_EPOCH, by default the date of the last commit.
PDF_ENV = SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}
pdf: $(STAMP)
	$(PDF_ENV) $(BIN)/kit build $${KIT_CLIENT:-demo}

serve: $(STAMP)
	KIT_CLIENT=$${KIT_CLIENT:-demo} $(BIN)/mkdocs serve

test: $(STAMP)
	bash tools/setup-test-deps.sh
	$(BIN)/python -m pytest

# Figures of the kit on this machine (medians): table printed and written to bench/results/latest.md.
bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check macros tests

clean:
	rm -rf site build
