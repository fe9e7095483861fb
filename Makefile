# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo serve test lint bench clean pdf lock

# Every package of the environment, test tools included, comes from requirements.lock
# (exact versions and their hashes); `make lock` writes it again from pyproject.toml.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "requirements.lock ne couvre pas pyproject.toml : lancez « make lock » puis relancez." >&2; exit 1; }
	touch $(STAMP)

lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --universal \
	  --python-version 3.11.5 --quiet --output-file requirements.lock

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
	$(BIN)/kit serve $${KIT_CLIENT:-demo} $${KIT_AUDIENCE:+--audience $$KIT_AUDIENCE}

# The other supported Pythons first (a short check), then the whole suite on 3.11.
test: $(STAMP)
	bash tools/setup-test-deps.sh
	bash tools/check-pythons.sh
	$(BIN)/python -m pytest

# Figures of the kit on this machine (medians): table printed and written to bench/results/latest.md.
bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check macros tests

clean:
	rm -rf site build
