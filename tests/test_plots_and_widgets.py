import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers import data, losses, plots
from helpers.landscape import loss_grid
from helpers.widgets import LinearExplorer, linear_explorer
from helpers.widgets.base import _layer_png

X, Y = data.make_linear_data(n=20, seed=1)


def test_plot_fit_composes_into_subplots_and_returns_artists():
    fig, (left, right) = plt.subplots(1, 2)
    artists = plots.plot_fit(X, Y, 1.0, 0.5, ax=right)
    assert artists["line"].axes is right and not left.lines
    xs, ys = artists["line"].get_data()
    np.testing.assert_allclose(ys, 1.0 * np.asarray(xs) + 0.5)
    assert len(artists["residuals"].get_segments()) == len(X)


def test_plot_fit_falls_back_to_current_axes_and_can_skip_residuals():
    fig, ax = plt.subplots()
    artists = plots.plot_fit(X, Y, 3.0, 2.0, residuals=False)
    assert artists["line"].axes is ax and "residuals" not in artists


def test_residual_segments_run_from_point_to_prediction():
    segments = plots.residual_segments(np.array([1.0, 2.0]), np.array([5.0, 6.0]), np.array([4.0, 7.0]))
    assert segments.shape == (2, 2, 2)
    np.testing.assert_array_equal(segments[1], [[2.0, 6.0], [2.0, 7.0]])


def test_plot_fit_bad_input():
    with pytest.raises(ValueError, match="x and y must have the same shape"):
        plots.plot_fit(X, Y[:-1], 1.0, 0.0)
    with pytest.raises(TypeError, match="w must be a single real number"):
        plots.plot_fit(X, Y, None, 0.0)


def test_plot_loss_contour_marks_the_grid_minimum():
    ws, bs = np.linspace(0, 6, 31), np.linspace(-1, 6, 36)
    Z = loss_grid(lambda w, b: losses.mse(Y, w * X + b), ws, bs)
    fig, ax = plt.subplots()
    best = plots.plot_loss_contour(ws, bs, Z, ax=ax)
    (w_best,), (b_best,) = best.get_data()
    assert Z.min() == pytest.approx(losses.mse(Y, w_best * X + b_best))
    with pytest.raises(ValueError, match=r"Z must have shape \(len\(bs\), len\(ws\)\)"):
        plots.plot_loss_contour(ws, bs, Z.T, ax=ax)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("w", "b")  # the default labels
    fig, ax = plt.subplots()
    plots.plot_loss_contour(ws, bs, Z, ax=ax, xlabel="w₁", ylabel="w₂")  # other parameters, named
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("w₁", "w₂")


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_explorer_update_moves_artists_and_reports_the_loss():
    explorer = linear_explorer(X, Y, w=1.0, b=0.5)
    first_png = explorer.canvas.layer_png
    value = explorer.update(3.0, 2.5)
    assert value == pytest.approx(losses.mse(Y, 3.0 * X + 2.5))
    assert f"MSE = {value:.4f}" in explorer.readout.value and "lower than before" in explorer.readout.value
    xs, ys = explorer._fit["line"].get_data()
    np.testing.assert_allclose(ys, 3.0 * np.asarray(xs) + 2.5)
    assert explorer._marker.get_data() == ([3.0], [2.5])
    assert explorer.canvas.layer_png != first_png
    assert png_size(explorer.canvas.layer_png) == png_size(first_png)  # fixed size: nothing jumps
    explorer.update(6.0, 2.5)
    assert "higher than before" in explorer.readout.value


@pytest.mark.parametrize("shape", [(320, 768), (7, 13), (1, 1)])
def test_the_moving_layer_png_decodes_to_its_pixels(shape):
    rng = np.random.default_rng(sum(shape))
    pixels = rng.integers(0, 256, size=(*shape, 4), dtype=np.uint8)
    pixels[: shape[0] // 2] = 0  # transparent rows, as most of a layer is
    decoded = Image.open(io.BytesIO(_layer_png(memoryview(pixels))))
    assert decoded.mode == "RGBA" and decoded.size == shape[::-1]
    np.testing.assert_array_equal(np.asarray(decoded), pixels)


def test_the_two_layers_show_what_a_full_redraw_shows():
    """Background + moving layer, composited as the browser does, against the figure drawn in one
    buffer (the still artists, then the moving ones over them)."""
    explorer = LinearExplorer(X, Y, w=1.0, b=0.5)
    explorer.update(2.2, 1.4)
    layered = np.asarray(Image.open(io.BytesIO(explorer.canvas.picture())).convert("RGB"), dtype=float)
    canvas = explorer.canvas.figure.canvas
    canvas.draw()  # leaves out the animated (moving) artists
    for artist in explorer.canvas._moving:
        explorer.canvas.figure.draw_artist(artist)
    whole = np.asarray(canvas.buffer_rgba())[..., :3].astype(float)
    assert layered.shape == whole.shape
    assert np.abs(layered - whole).max() <= 3  # rounding of the blend at anti-aliased edges only
    moved = explorer.canvas.layer_png
    assert len(moved) < len(explorer.canvas.background.value) / 3  # a slider event sends a small picture


def test_explorer_sliders_drive_the_update():
    explorer = LinearExplorer(X, Y, w=1.0, b=0.5)
    explorer.w_slider.value = 2.0
    assert f"MSE = {losses.mse(Y, 2.0 * X + 0.5):.4f}" in explorer.readout.value
    explorer.b_slider.value = 1.0
    assert f"MSE = {losses.mse(Y, 2.0 * X + 1.0):.4f}" in explorer.readout.value


def test_explorer_uses_the_loss_it_is_given():
    def mae(y, y_hat):
        return float(np.mean(np.abs(y - y_hat)))

    explorer = LinearExplorer(X, Y, loss=mae, w=1.0, b=0.0)
    assert explorer.update(2.0, 1.0) == pytest.approx(mae(Y, 2.0 * X + 1.0))


def test_explorer_bad_input():
    with pytest.raises(ValueError, match="x and y must have the same shape"):
        LinearExplorer(X, Y[:5])
    with pytest.raises(TypeError, match="loss must be a function"):
        LinearExplorer(X, Y, loss="mse")
    with pytest.raises(ValueError, match="y contains NaN"):
        LinearExplorer(X, np.full_like(Y, np.nan))


def test_readout_never_shows_negative_zero():
    explorer = LinearExplorer(X, Y, w=1.0, b=0.5)
    explorer.update(-0.001, -0.004)
    assert "w = 0.00, b = 0.00" in explorer.readout.value
