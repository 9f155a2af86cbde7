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
