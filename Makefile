# Lion Rock: the two set-up commands are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint typecheck system-deps install deps bench clean soak

# pyicu (needed by followthemoney) has no wheel: it builds against Debian's ICU.
system-deps:
	@pkg-config --exists icu-uc 2>/dev/null && command -v g++ >/dev/null || { \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libicu-dev pkg-config build-essential python3-venv >/dev/null; }

$(STAMP): pyproject.toml | system-deps
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The system packages and tools each stage's tests need (.ci/deps.d/*.sh: chromium,
# zim-tools, minisign, npm packages...), installed once per version of those scripts.
DEPS_STAMP := $(VENV)/.deps-$(shell cat .ci/deps.d/*.sh 2>/dev/null | sha256sum | cut -c1-12)
$(DEPS_STAMP):
	SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; $$SUDO apt-get update -qq
	for script in .ci/deps.d/*.sh; do echo "== $$script"; bash "$$script" || exit 1; done
	mkdir -p $(VENV) && touch $(DEPS_STAMP)

deps: $(DEPS_STAMP)

# Install, load the bundled record into the default SQLite store, and serve the app.
run: install
	$(VENV)/bin/lionrock init
	$(VENV)/bin/lionrock serve --host $(HOST) --port $(PORT)

# Install with the dev extras, make sure PostgreSQL is up, and run the whole suite.
test: install deps
	scripts/ensure-postgres.sh
	$(PY) -m pytest -n 2 --durations=25 --reruns 1 --only-rerun 'from pytest-timeout' $(PYTEST_ARGS)

# The long reliability runs (issue #18; not in CI): 20 kill trials per command and many
# more fuzzed inputs per importer than `make test` tries. Figures: docs/reliability.md.
# The web attacks (schemathesis as each role, stored XSS on both backends) run longer too.
SOAK_TRIALS ?= 20
SOAK_FUZZ ?= 200
SOAK_TAMPER ?= 70
SOAK_WEB ?= 6
soak: install deps
	scripts/ensure-postgres.sh
	LIONROCK_SOAK_TRIALS=$(SOAK_TRIALS) LIONROCK_SOAK_FUZZ=$(SOAK_FUZZ) \
	  LIONROCK_SOAK_TAMPER=$(SOAK_TAMPER) LIONROCK_SOAK_WEB=$(SOAK_WEB) \
	  LIONROCK_SOAK_REPORT=$(CURDIR)/soak-report.jsonl \
	  $(PY) -m pytest -n 2 -p no:cacheprovider --timeout=7200 --faulthandler-timeout=7000 tests/reliability \
	  tests/web/test_api_schemathesis.py tests/web/test_stored_xss.py $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check lionrock tests bench scripts
	$(VENV)/bin/ruff format --check lionrock tests bench scripts

typecheck: install
	$(VENV)/bin/mypy

check: lint typecheck test

bench: install
	$(PY) bench/load.py
	$(PY) bench/search.py
	$(PY) bench/publish.py
	$(PY) bench/matching.py
	$(PY) bench/screening.py

clean:
	rm -rf $(VENV) lionrock-data .pytest_cache .mypy_cache .ruff_cache
