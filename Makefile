# The README's two commands: `make lab` (set up, then start JupyterLab on the course)
# and `make test` (set up, then run every test). Everything else here serves those two.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FIRST_NOTEBOOK := notebooks/student/01_linear_regression_and_mse.ipynb
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install browser student outputs benchmark clean

lab: $(INSTALLED)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK)

test: $(INSTALLED) browser
	$(BIN)/python -m pytest

install: $(INSTALLED)

# A virtual environment with the course package and its pinned dependencies.
$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "the course needs Python 3.11, found " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -c 'import matplotlib.pyplot'  # build the font cache once, not inside a notebook
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
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/instructor/*.ipynb
	$(BIN)/python -m helpers.build

benchmark: $(INSTALLED)
	$(BIN)/python tests/benchmarks/slider_update.py && $(BIN)/python tests/benchmarks/neural_network.py

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
