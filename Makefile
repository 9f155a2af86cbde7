# The README's two commands: `make lab` (set up, then start JupyterLab on the course)
# and `make test` (set up, then run every test). Everything else here serves those two.

# The first supported Python found (3.11, 3.12 or 3.13); override with `make lab PYTHON=/path/to/python3.12`.
PYTHON ?= $(shell for v in 3.11 3.12 3.13; do command -v python$$v >/dev/null && python$$v -c '' 2>/dev/null && { echo python$$v; exit; }; done; echo python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
GRADING_VENV := .venv-grading
GRADING_INSTALLED := $(GRADING_VENV)/.installed
SITE_VENV := .venv-site
SITE_INSTALLED := $(SITE_VENV)/.installed
SITE_NODE := website/node_modules/.installed
COURSE_DIR ?= build/grading
FIRST_NOTEBOOK := notebooks/student/01_linear_regression_and_mse.ipynb
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# JupyterLab settings the course ships (no "Jupyter news" pop-up), copied into the environment.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
# Re-executing notebooks without per-cell timing keeps their diffs to what really changed.
EXECUTE := $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False

.PHONY: lab test matrix compat install browser student outputs benchmark grading site clean

lab: $(INSTALLED)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK)

# Every test but the slow extras below, on every core (pytest-xdist; WORKERS=1 for one). The site is
# built first (Sphinx with warnings as errors); only its visit in Chromium waits for `make matrix`.
WORKERS ?= logical
MATRIX := tests/test_portability.py tests/test_python_versions.py tests/test_hosted.py tests/test_website.py
test: $(TEST_INSTALLED) $(GRADING_INSTALLED) browser site
	$(BIN)/python -m pytest -n $(WORKERS) $(addprefix --ignore=,$(MATRIX))

# The extras that do not fit in make test's five minutes: the cross-environment matrix (the
# instructor notebooks under other OpenBLAS kernels and thread counts and on Python 3.12 and 3.13,
# the course beside other libraries' versions as on hosted services), which re-runs in other
# environments what make test checks, and every page of the built website in Chromium (axe-core
# and MathJax on each). About 5 minutes on 2 cores; .ci/run runs it after make test.
matrix: $(TEST_INSTALLED) browser site
	$(BIN)/python -m pytest -n $(WORKERS) $(MATRIX)

install: $(INSTALLED)

# Every notebook (student and instructor) executed, errors only, against the oldest versions
# pyproject.toml allows and the newest the index serves, on Python 3.12 and 3.13 (tests/compat.py;
# venvs cached in .venvs/). A few minutes; .ci/run runs it after `make test`.
compat: $(TEST_INSTALLED)
	nice $(BIN)/python -m tests.compat

# The learners' virtual environment: the course package and JupyterLab at the exact versions of
# the lock file, no test tooling (`make lab`).
LOCK := constraints.txt
PIP_INSTALL = python -m pip install --quiet --disable-pip-version-check -c $(LOCK)
$(INSTALLED): pyproject.toml $(LOCK) binder/jupyterlab-overrides.json
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v <= (3, 13) else "The course needs Python 3.11, 3.12 or 3.13; $(PYTHON) is " + sys.version.split()[0] + ". Install one of them (e.g. from python.org, or pyenv install 3.12) and run: make lab PYTHON=python3.12. No install at all: use the Binder link in README.md.")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/$(PIP_INSTALL) --no-compile -e '.[lab]'
	@# byte-compiled as pip would, except the libraries' own test suites (60 MB nobody imports here)
	$(BIN)/python -m compileall -q -j 0 -x '/tests?/' $(VENV)/lib >/dev/null
	mkdir -p $(dir $(LAB_OVERRIDES)) && cp binder/jupyterlab-overrides.json $(LAB_OVERRIDES)
	$(BIN)/python -c 'import matplotlib.pyplot'  # build the font cache once, not inside a notebook
	touch $@

# `make test` adds the test extras (pytest, nbval, Playwright's driver, ...) to the same environment.
$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/$(PIP_INSTALL) -e '.[lab,test]'
	touch $@

# nbgrader in its own environment (the course package plus the `grading` extra), so the
# learners' .venv and `make lab` never see it; the grading tests drive it from there.
$(GRADING_INSTALLED): pyproject.toml $(LOCK)
	test -x $(GRADING_VENV)/bin/python || $(PYTHON) -m venv $(GRADING_VENV)
	$(GRADING_VENV)/bin/$(PIP_INSTALL) -e '.[grading]'
	touch $@

# The nbgrader course directory for instructors who grade (docs/grading.md); with
# NBGITPULLER=DIR, also the repository a graded nbgitpuller workshop pulls, laid out in DIR.
grading: $(GRADING_INSTALLED)
	$(GRADING_VENV)/bin/python -m helpers.grading --course-dir $(COURSE_DIR) --release $(if $(NBGITPULLER),--nbgitpuller $(NBGITPULLER))

# The course website in build/website/html (website/README.md): Sphinx + MyST-NB (the `site` extra
# of pyproject.toml, without the course's own dependencies) in their own environment, MathJax and
# axe-core from website/package-lock.json; the notebooks are not executed.
site: $(SITE_INSTALLED) $(SITE_NODE)
	$(SITE_VENV)/bin/python -m website.prepare
	$(SITE_VENV)/bin/sphinx-build -q -W --keep-going -b html -c website build/website/src build/website/html
	@echo "the site is in build/website/html (open build/website/html/index.html)"

$(SITE_INSTALLED): pyproject.toml $(LOCK)
	test -x $(SITE_VENV)/bin/python || $(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/$(PIP_INSTALL) $$($(SITE_VENV)/bin/python -c \
	  'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["site"]))')
	touch $@

$(SITE_NODE): website/package.json website/package-lock.json
	cd website && npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium for the real-browser test (never a browser download).
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else echo "chromium is not installed and this is not root: the browser test will be skipped (install Debian's chromium to run it)"; fi

# Regenerate the student copies from the instructor sources.
student: $(INSTALLED)
	$(BIN)/python -m helpers.build

# Re-execute the instructor notebooks (refreshing their stored outputs), then the student copies.
outputs: $(INSTALLED)
	$(EXECUTE) notebooks/instructor/*.ipynb
	$(BIN)/python -m helpers.build

benchmark: $(TEST_INSTALLED) browser
	$(BIN)/python tests/benchmarks/slider_update.py
	$(BIN)/python tests/benchmarks/notebook_times.py
	$(BIN)/python tests/benchmarks/neural_network.py
	$(BIN)/python tests/benchmarks/optimizers.py
	$(BIN)/python tests/benchmarks/explorer_latency.py
	$(BIN)/python tests/benchmarks/install_size.py
	$(BIN)/python tests/benchmarks/suite_time.py

clean:
	rm -rf $(VENV) $(GRADING_VENV) $(SITE_VENV) website/node_modules build/website test-artifacts .pytest_cache
