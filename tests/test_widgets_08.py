"""The Huber explorer of notebook 08: blitted updates, the refit, the MSE/MAE limits, the learner's loss, bad input."""

import io
import time

import numpy as np
import pytest
from PIL import Image
from scipy.optimize import minimize

from helpers import regression_losses
from helpers.widgets import HuberExplorer, huber_explorer

X, Y, OUTLIER = regression_losses.make_line_with_outliers()


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def huber_minimum(delta):
    result = minimize(lambda p: regression_losses.huber(Y, p[0] * X + p[1], delta), [1.0, 1.0], method="Nelder-Mead",
                      options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000})
    return result.x


def test_update_refits_the_huber_line_and_redraws_at_a_fixed_size():
    explorer = huber_explorer(X, Y, OUTLIER, delta=1.0)
    first = explorer.canvas.layer_png
    w, b = explorer.update(0.4)
    np.testing.assert_allclose([w, b], huber_minimum(0.4), atol=1e-5)
    np.testing.assert_allclose(explorer._huber_line.get_ydata(), w * explorer._xs + b)
    a, curve = explorer._huber_curve.get_data()
    np.testing.assert_allclose(curve, regression_losses.huber_loss(a, 0.4))
    assert [list(s[:, 0]) for s in explorer._edges.get_segments()] == [[-0.4, -0.4], [0.4, 0.4]]
    inside = int(np.sum(np.abs(w * X + b - Y) <= 0.4))
    assert f"{inside} of 30 residuals inside ±δ" in explorer.readout.value
    assert explorer.canvas.layer_png != first and png_size(explorer.canvas.layer_png) == png_size(first)


def test_a_large_delta_gives_the_mse_fit_and_a_small_one_the_mae_fit():
    explorer = HuberExplorer(X, Y, OUTLIER)
    w_large, b_large = explorer.update(30.0)
    np.testing.assert_allclose([w_large, b_large], np.polyfit(X, Y, 1), atol=1e-9)
    assert "nearer the MSE fit" in explorer.readout.value and "30 of 30 residuals inside" in explorer.readout.value
    mae_best = minimize(lambda p: regression_losses.mae(Y, p[0] * X + p[1]), [3.0, 3.0], method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000}).x
    w_small, b_small = explorer.update(0.03)
    assert abs(w_small - mae_best[0]) < 0.05 and "nearer the MAE fit" in explorer.readout.value
    np.testing.assert_allclose(explorer.mae_fit, mae_best, atol=1e-3)


def test_the_slider_drives_the_update_and_the_learners_loss_is_drawn():
    calls = []

    def my_huber(a, delta):
        calls.append(delta)
        return np.where(np.abs(a) <= delta, 0.5 * a**2, delta * (np.abs(a) - 0.5 * delta))

    explorer = HuberExplorer(X, Y, OUTLIER, huber_loss=my_huber)
    explorer.slider.value = 2.0
    assert calls[-1] == pytest.approx(2.0) and "δ = 2.00" in explorer.readout.value


@pytest.mark.parametrize("kwargs, words", [
    ({"is_outlier": OUTLIER.astype(float)}, "is_outlier must be a boolean array"),
    ({"is_outlier": OUTLIER[:-1]}, "is_outlier must be a boolean array of shape (30,)"),
    ({"delta": 100.0}, "delta must lie in delta_range"),
    ({"delta_range": (2.0, 1.0)}, "delta_range must be (low, high)"),
    ({"huber_loss": 3}, "huber_loss must be a function"),
])
def test_bad_input_is_refused_clearly(kwargs, words):
    arguments = {"x": X, "y": Y, "is_outlier": OUTLIER, **kwargs}
    with pytest.raises((TypeError, ValueError), match=words.replace("(", r"\(").replace(")", r"\)")):
        HuberExplorer(**arguments)


def test_update_is_fast():
    explorer = HuberExplorer(X, Y, OUTLIER)
    times = []
    for delta in np.geomspace(0.03, 30.0, 30):
        start = time.perf_counter()
        explorer.update(delta)
        times.append(time.perf_counter() - start)
    assert np.median(times) < 0.05  # measured about 9-17 ms on a 2-core machine
