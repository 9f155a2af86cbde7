"""Shared test set-up: plots render off-screen and every test's figures are closed; a whole-suite
run records how long it took (test-artifacts/test-run.json, which `make benchmark` prints)."""

import datetime
import json
import os
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # this process only; notebook kernels keep the inline backend

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

STARTED = pytest.StashKey[float]()

ROOT = Path(__file__).resolve().parent.parent
TEST_RUN = ROOT / "test-artifacts" / "test-run.json"


def pytest_sessionstart(session):
    session.config.stash[STARTED] = time.monotonic()


def pytest_sessionfinish(session, exitstatus):
    """After a run of the default test paths (make test), not of chosen files (make matrix) nor in an xdist worker."""
    config = session.config
    if hasattr(config, "workerinput") or config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return
    stats = config.pluginmanager.get_plugin("terminalreporter").stats
    TEST_RUN.parent.mkdir(exist_ok=True)
    TEST_RUN.write_text(json.dumps({
        "seconds": round(time.monotonic() - config.stash[STARTED], 1),
        "workers": getattr(config.option, "numprocesses", None) or 1,
        "ignored": config.getoption("ignore") or [],
        "counts": {kind: len(stats.get(kind, [])) for kind in ("passed", "failed", "error", "skipped")},
        "finished": datetime.datetime.now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
    }, indent=1))


# The files that take minutes (they start servers, browsers, kernels or other environments), longest
# first: pytest-xdist (make test) hands out whole files in collection order, so these start at once
# instead of finishing alone at the end of the run. test_python_versions.py leaves them out.
SLOW_FILES = ["test_grading.py", "test_browser.py", "test_website.py", "test_portability.py", "test_python_versions.py",
              "test_hosted.py", "test_packaging.py", "test_notebook_outputs.py"]


def pytest_collection_modifyitems(session, config, items):
    def rank(item) -> int:
        name = item.path.name
        return SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES)
    items.sort(key=rank)  # stable: each file keeps its own order


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def full_draws(monkeypatch):
    """Counts full renders of any Agg figure: an explorer's slider event must blit, never redraw all.

    (How fast an update is, in milliseconds, is `make benchmark`'s business, not a unit test's:
    a timed assertion fails on a busy machine.)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    calls = []
    original = FigureCanvasAgg.draw

    def counting_draw(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FigureCanvasAgg, "draw", counting_draw)
    return calls
