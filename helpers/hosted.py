"""The first cell of every student notebook: the course on a hosted notebook service (Colab, Kaggle).

A service that opens one notebook straight from GitHub has neither the ``helpers`` folder beside
it nor the data. Only there, the cell installs the course package (which carries the data) next
to the service's own libraries: pyproject.toml states ranges that the services' versions meet, so
pip adds what is missing and moves nothing; if it had to, the cell says to restart. On a laptop,
Binder or a JupyterHub (``helpers`` importable, no service) it does nothing and prints nothing.

helpers/build.py writes ``setup_cell_source()`` into the student copies; tests/test_hosted.py
runs it in a fresh venv that plays the service. ``HOW_MODELS_LEARN_SOURCE`` replaces the pip
source (a tag, a fork, or a local checkout in the test).
"""

from __future__ import annotations

from .links import DEFAULT_REF, pip_source

TAG = "hosted-setup"
SOURCE_VARIABLE = "HOW_MODELS_LEARN_SOURCE"
# How each service shows itself to a kernel: a module only it has, or an environment variable.
SERVICE_MODULES = ("google.colab",)
SERVICE_VARIABLES = ("KAGGLE_KERNEL_RUN_TYPE",)

_TEMPLATE = '''\
# Hosted notebooks (Colab, Kaggle) only: install the course package and its data, leaving the
# service's own libraries as they are. On your laptop, Binder or a JupyterHub this does nothing.
import importlib.metadata, importlib.util, os, subprocess, sys


def _found(module):
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _versions():  # {{name: version}} of each installed library, the copy that Python imports
    found = {{}}
    for distribution in importlib.metadata.distributions():
        found.setdefault((distribution.metadata["Name"] or "").lower(), distribution.version)
    return found


HOSTED = {detection}
if HOSTED and not _found("helpers"):
    before = _versions()
    source = os.environ.get("{source_variable}", "{source}")
    print("Installing the course from", source, "...")
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", source], capture_output=True, text=True)
    if pip.returncode:
        raise RuntimeError("Installing the course failed; check the connection and run this cell again.\\n" + pip.stderr[-2000:])
    importlib.invalidate_caches()
    after = _versions()
    moved = sorted(f"{{n}} {{v}} -> {{after[n]}}" for n, v in before.items() if after.get(n, v) != v)
    if moved:
        print("Changed:", ", ".join(moved))
        print("RESTART NOW (Colab: Runtime > Restart session), then run the notebook from the top.")
    else:
        import helpers
        data = ", ".join(sorted(path.name for path in helpers.data.DATA_DIR.glob("*.csv")))
        print(f"Course {{importlib.metadata.version('how-models-learn')}} installed (data: {{data}}); "
              "nothing else changed. Carry on.")
'''


def setup_cell_source(ref: str = DEFAULT_REF) -> str:
    """The source of the hosted-setup cell, installing the course at ``ref`` (a branch or tag)."""
    detection = " or ".join([*(f"_found({m!r})" for m in SERVICE_MODULES), *(f"{v!r} in os.environ" for v in SERVICE_VARIABLES)])
    return _TEMPLATE.format(detection=detection, source_variable=SOURCE_VARIABLE, source=pip_source(ref))
