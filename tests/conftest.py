"""Shared test set-up: plots render off-screen and every test's figures are closed."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # this process only; notebook kernels keep the inline backend

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


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
