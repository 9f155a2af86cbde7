"""Issue 8, item 6: labels, residual segments, negative losses, explorer ranges and slider sync."""

import matplotlib

matplotlib.use("Agg")  # noqa: E402 - unit tests only draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import data, models, plots  # noqa: E402
from helpers.widgets import LearningRateExplorer, LinearExplorer, LogisticExplorer  # noqa: E402

X_LIN, Y_LIN = data.make_linear_data(n=20, seed=1)
X_LOG, Y_LOG = data.make_logistic_data(n=40, seed=2)


@pytest.mark.parametrize("labels", [np.array([0.0, 0.5, 1.0]), np.array([0.0, 2.0, 1.0]), np.array([-1.0, 1.0, 1.0])])
def test_logistic_gradients_and_plot_logistic_want_labels_0_or_1(labels):
    x = np.array([0.5, 1.0, 2.0])
    with pytest.raises(ValueError, match="y must hold class labels, exactly 0 or 1"):
        models.logistic_gradients(x, labels, 1.0, 0.0)
    with pytest.raises(ValueError, match="y must hold class labels, exactly 0 or 1"):
        models.logistic_gradients(np.column_stack([x, x]), labels, np.ones(2), 0.0)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="y must hold class labels, exactly 0 or 1"):
        plots.plot_logistic(x, labels, 1.0, 0.0, ax=ax)
    plt.close(fig)


@pytest.mark.parametrize("args, error, words", [
    ((np.ones(3), np.ones(2), np.ones(3)), ValueError, "x and y must have the same shape"),
    ((np.ones(3), np.ones(3), np.ones(4)), ValueError, "x and y_hat must have the same shape"),
    ((np.ones(3), np.ones(3), np.array([1.0, np.nan, 2.0])), ValueError, "y_hat contains NaN"),
    (("abc", np.ones(3), np.ones(3)), TypeError, "x must be a NumPy array"),
    ((np.ones((3, 1)), np.ones(3), np.ones(3)), ValueError, r"x must be shape \(n,\)"),
    ((np.array([]), np.array([]), np.array([])), ValueError, "x is empty"),
])
def test_residual_segments_validates_its_input(args, error, words):
    with pytest.raises(error, match=words):
        plots.residual_segments(*args)


def test_plot_loss_contour_draws_a_loss_that_is_negative_somewhere():
    ws, bs = np.linspace(-2, 2, 21), np.linspace(-1, 3, 17)
    W, B = np.meshgrid(ws, bs)
    Z = (W - 0.6) ** 2 + (B - 1.0) ** 2 - 3.0  # minimum −3
    fig, ax = plt.subplots()
    best = plots.plot_loss_contour(ws, bs, Z, ax=ax)
    assert best.get_xdata()[0] == pytest.approx(0.6) and best.get_ydata()[0] == pytest.approx(1.0)
    levels = ax.collections[0].levels if ax.collections else None
    assert levels is not None and levels.min() > Z.min() and levels.max() <= Z.max()
    plt.close(fig)


@pytest.mark.parametrize("make, kwargs, words", [
    (lambda **k: LinearExplorer(X_LIN, Y_LIN, **k), {"w": 9.0}, r"w = 9 is outside w_range = \(-1, 7\)"),
    (lambda **k: LinearExplorer(X_LIN, Y_LIN, **k), {"b": -5.0}, r"b = -5 is outside b_range"),
    (lambda **k: LogisticExplorer(X_LOG, Y_LOG, **k), {"w": 6.0}, r"w = 6 is outside w_range = \(-5, 5\)"),
    (lambda **k: LearningRateExplorer(**k), {"learning_rate": 2.0},
     r"learning_rate = 2 is outside learning_rate_range"),
])
def test_a_start_outside_the_sliders_is_refused_not_clamped(make, kwargs, words):
    with pytest.raises(ValueError, match=words):
        make(**kwargs)


@pytest.mark.parametrize("make, kwargs, words", [
    (lambda **k: LinearExplorer(X_LIN, Y_LIN, **k), {"w_range": (7.0, -1.0)}, "w_range must be .* reversed"),
    (lambda **k: LinearExplorer(X_LIN, Y_LIN, **k), {"b_range": (1.0, 1.0)}, "b_range must be"),
    (lambda **k: LogisticExplorer(X_LOG, Y_LOG, **k), {"b_range": (15.0, -10.0)}, "b_range must be .* reversed"),
    (lambda **k: LinearExplorer(X_LIN, Y_LIN, **k), {"w_range": (0.0, np.nan)}, "w_range must be finite"),
    (lambda **k: LinearExplorer(X_LIN, Y_LIN, **k), {"w_range": 5.0}, r"w_range must be a pair"),
    (lambda **k: LearningRateExplorer(**k), {"w_range": (11.0, -14.0)}, "w_range must be .* reversed"),
    (lambda **k: LearningRateExplorer(**k), {"learning_rate_range": (1.5, 1e-3)},
     "learning_rate_range must be .* reversed"),
])
def test_a_reversed_range_names_the_argument(make, kwargs, words):
    with pytest.raises((ValueError, TypeError), match=words):
        make(**kwargs)


@pytest.mark.parametrize("make", [lambda: LinearExplorer(X_LIN, Y_LIN), lambda: LogisticExplorer(X_LOG, Y_LOG)])
def test_update_moves_the_sliders_so_they_agree_with_the_readout(make):
    explorer = make()
    calls = []
    explorer.loss_at = (lambda original: lambda w, b: calls.append((w, b)) or original(w, b))(explorer.loss_at)
    explorer.update(1.23, -0.77)
    assert (explorer.w_slider.value, explorer.b_slider.value) == pytest.approx((1.23, -0.77), abs=0.005)
    assert "w = 1.23, b = -0.77" in explorer.readout.value
    assert calls == [(1.23, -0.77)]  # moving the sliders did not trigger a second, rounded update
    with pytest.raises(ValueError, match="w = 99 is outside w_range"):
        explorer.update(99.0, 0.0)
    explorer.w_slider.value = 2.0  # the sliders still drive it
    assert "w = 2.00" in explorer.readout.value


def test_the_learning_rate_explorer_refuses_an_update_outside_its_slider():
    explorer = LearningRateExplorer()
    with pytest.raises(ValueError, match="learning_rate = 3 is outside learning_rate_range"):
        explorer.update(3.0)
