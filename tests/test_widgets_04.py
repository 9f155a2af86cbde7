"""The logistic explorer of notebook 04: blitted updates, the threshold, the live BCE, the learner's functions."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers import data, losses, models
from helpers.widgets import LogisticExplorer, logistic_explorer

X, Y = data.make_logistic_data(n=60, seed=2)


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_update_moves_curve_threshold_and_marker_and_reports_the_bce():
    explorer = logistic_explorer(X, Y, w=1.0, b=0.0)
    first_png = explorer.canvas.layer_png
    value = explorer.update(-2.0, 5.0)
    assert value == pytest.approx(losses.binary_cross_entropy(Y, models.sigmoid(-2.0 * X + 5.0)))
    assert f"BCE = {value:.4f}" in explorer.readout.value and "lower than before" in explorer.readout.value
    assert "threshold x = −b/w = 2.50" in explorer.readout.value
    xs, ys = explorer._fit["curve"].get_data()
    np.testing.assert_allclose(ys, models.sigmoid(-2.0 * np.asarray(xs) + 5.0))
    assert explorer._fit["threshold"].get_visible() and list(explorer._fit["threshold"].get_xdata()) == [2.5, 2.5]
    assert explorer._marker.get_data() == ([-2.0], [5.0])
    assert explorer.canvas.layer_png != first_png
    assert png_size(explorer.canvas.layer_png) == png_size(first_png)  # fixed size: nothing jumps
    explorer.update(3.0, 5.0)
    assert "higher than before" in explorer.readout.value


def test_a_flat_curve_has_no_threshold():
    explorer = LogisticExplorer(X, Y, w=1.0, b=0.0)
    value = explorer.update(0.0, 2.0)
    assert not explorer._fit["threshold"].get_visible() and "no threshold" in explorer.readout.value
    assert value == pytest.approx(losses.binary_cross_entropy(Y, np.full_like(Y, models.sigmoid(np.array([2.0]))[0])))
    explorer.update(-1.0, 2.0)
    assert explorer._fit["threshold"].get_visible()


def test_sliders_drive_the_update():
    explorer = LogisticExplorer(X, Y, w=1.0, b=0.0)
    explorer.w_slider.value = -2.0
    assert f"BCE = {losses.binary_cross_entropy(Y, models.sigmoid(-2.0 * X)):.4f}" in explorer.readout.value
    explorer.b_slider.value = 5.0
    assert f"BCE = {losses.binary_cross_entropy(Y, models.sigmoid(-2.0 * X + 5.0)):.4f}" in explorer.readout.value


def test_the_learners_sigmoid_and_loss_are_used():
    calls = {"sigmoid": 0, "loss": 0}

    def my_sigmoid(z):
        calls["sigmoid"] += 1
        return 1 / (1 + np.exp(-z))

    def my_bce(y, p):
        calls["loss"] += 1
        p = np.clip(p, 1e-12, 1 - 1e-12)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    explorer = LogisticExplorer(X, Y, loss=my_bce, sigmoid=my_sigmoid)
    before = dict(calls)
    assert explorer.update(-1.5, 4.0) == pytest.approx(my_bce(Y, my_sigmoid(-1.5 * X + 4.0)))
    assert calls["loss"] > before["loss"] and calls["sigmoid"] > before["sigmoid"]


def test_update_blits(full_draws):
    explorer = LogisticExplorer(X, Y)
    explorer.update(-2.0, 5.0)  # warm-up
    full_draws.clear()
    pictures = set()
    for i in range(12):
        explorer.update(-2.0 + 0.05 * i, 5.0 - 0.1 * i)
        pictures.add(explorer.canvas.layer_png)
    assert full_draws == [], "a slider event redrew the whole figure instead of blitting"
    assert len(pictures) > 10, "the picture did not follow the sliders"


def test_bad_input():
    with pytest.raises(ValueError, match="x and y must have the same shape"):
        LogisticExplorer(X, Y[:5])
    with pytest.raises(ValueError, match="y must hold class labels, exactly 0 or 1"):
        LogisticExplorer(X, Y + 1)
    with pytest.raises(TypeError, match="loss must be a function"):
        LogisticExplorer(X, Y, loss="bce")
    with pytest.raises(TypeError, match="sigmoid must be a function"):
        LogisticExplorer(X, Y, sigmoid=None)
    with pytest.raises(TypeError, match="w must be a single real number"):
        LogisticExplorer(X, Y, w="1")


def test_readout_never_shows_a_negative_zero_threshold():
    explorer = LogisticExplorer(X, Y, w=1.0, b=0.0)  # −b/w = −0.0
    assert "threshold x = −b/w = 0.00," in explorer.readout.value, explorer.readout.value
    explorer.update(-2.0, 0.004)  # −b/w = −0.002, which rounds to −0.00
    assert "−b/w = 0.00," in explorer.readout.value and "−b/w = -0.00" not in explorer.readout.value


def test_model_legend_sits_below_the_axes_where_no_curve_can_hide_under_it():
    explorer = LogisticExplorer(X, Y, w=0.0, b=0.0)  # a flat curve at ŷ = 0.5
    ax = explorer._fit["curve"].axes
    legend = ax.get_legend()
    canvas = explorer.canvas.figure.canvas
    legend_box = legend.get_window_extent(canvas.get_renderer())
    assert legend_box.y1 < ax.get_window_extent().y0  # entirely below the plotting area
    labels = [text.get_text() for text in legend.get_texts()]
    assert "data: y = 0" in labels and "data: y = 1" in labels
