"""Landscape helpers (notebook 05) and the logistic / landscape plots: they compose through ax=."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import QuadContourSet

from helpers import data, losses, models, plots
from helpers.landscape import descent_path, loss_along_line, loss_grid
from helpers.optimizers import gradient_descent

X_RAW = data.load_data("breast_cancer")[["mean_radius", "mean_texture"]].to_numpy()
Y = data.load_data("breast_cancer")["malignant"].to_numpy(float)
X_STD = data.standardize(X_RAW)
W1S, W2S = np.linspace(-1, 8, 19), np.linspace(-3.5, 5.5, 13)
Z = loss_grid(lambda a, c: losses.binary_cross_entropy_from_logits(Y, X_STD @ np.array([a, c]) - 0.7), W1S, W2S)


def gradient(p):
    return {"w": models.logistic_gradients(X_STD, Y, p["w"], -0.7)["w"]}


def loss(p):
    return losses.binary_cross_entropy_from_logits(Y, X_STD @ p["w"] - 0.7)


# --- descent_path and loss_along_line ------------------------------------------------

def test_descent_path_records_every_point_and_agrees_with_gradient_descent():
    final, history, path = descent_path(gradient, {"w": np.zeros(2)}, 2.0, 25, loss=loss)
    plain_final, plain_history = gradient_descent(gradient, {"w": np.zeros(2)}, 2.0, 25, loss=loss)
    np.testing.assert_array_equal(final["w"], plain_final["w"])
    assert history == plain_history
    assert path["w"].shape == (26, 2)
    np.testing.assert_array_equal(path["w"][0], [0.0, 0.0])
    np.testing.assert_array_equal(path["w"][-1], final["w"])
    assert [loss({"w": point}) for point in path["w"]] == pytest.approx(history)


def test_descent_path_with_float_parameters_and_early_stop(capsys):
    final, history, path = descent_path(lambda p: {"w": 2 * p["w"]}, {"w": 1.0}, 0.25, 4,
                                        loss=lambda p: p["w"] ** 2)
    np.testing.assert_allclose(path["w"], [1.0, 0.5, 0.25, 0.125, 0.0625])
    assert isinstance(final["w"], float)
    _, history, path = descent_path(lambda p: {"w": 2 * p["w"]}, {"w": 1.0}, 1e3, 500,
                                    loss=lambda p: p["w"] ** 2)
    assert len(path["w"]) == len(history) < 501 and "Stopped at step" in capsys.readouterr().out


def test_descent_path_bad_input():
    with pytest.raises(TypeError, match="gradient must be a function"):
        descent_path("grad", {"w": 0.0}, 0.1, 3)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        descent_path(gradient, {"w": np.zeros(2)}, -1.0, 3)


def test_loss_along_line_hits_both_ends_and_is_convex_for_logistic_regression():
    start, end = {"w": np.array([3.7, 0.9]), "b": -0.7}, {"w": np.array([-3.7, -0.9]), "b": 0.7}

    def logistic_loss(p):
        assert isinstance(p["b"], float) and p["w"].shape == (2,)
        return losses.binary_cross_entropy_from_logits(Y, X_STD @ p["w"] + p["b"])

    ts = np.linspace(-0.5, 1.5, 41)
    values = loss_along_line(logistic_loss, start, end, ts)
    assert values.shape == (41,)
    assert values[10] == pytest.approx(logistic_loss(start)) and values[30] == pytest.approx(logistic_loss(end))
    assert np.all(np.diff(values, 2) >= -1e-12)  # convex: second differences never negative


def test_loss_along_line_bad_input():
    with pytest.raises(ValueError, match=r"start has keys \['w'\] but end has \['b'\]"):
        loss_along_line(loss, {"w": 1.0}, {"b": 1.0}, np.linspace(0, 1, 3))
    with pytest.raises(ValueError, match=r"start\['w'\] has shape \(2,\) but end\['w'\] has \(3,\)"):
        loss_along_line(loss, {"w": np.zeros(2)}, {"w": np.zeros(3)}, np.linspace(0, 1, 3))
    with pytest.raises(TypeError, match="loss must be a function"):
        loss_along_line(None, {"w": 1.0}, {"w": 2.0}, np.linspace(0, 1, 3))
    with pytest.raises(TypeError, match="start must be a non-empty dict"):
        loss_along_line(loss, [1.0], {"w": 2.0}, np.linspace(0, 1, 3))
    with pytest.raises(ValueError, match="ts contains NaN"):
        loss_along_line(loss, {"w": 1.0}, {"w": 2.0}, np.array([0.0, np.nan]))


# --- plot_logistic -------------------------------------------------------------------

X1, Y1 = data.make_logistic_data(n=40, seed=1)


def test_plot_logistic_composes_and_marks_the_threshold():
    fig, (left, right) = plt.subplots(1, 2)
    artists = plots.plot_logistic(X1, Y1, -2.0, 5.0, ax=right)
    assert artists["curve"].axes is right and not left.lines
    xs, ys = artists["curve"].get_data()
    np.testing.assert_allclose(ys, models.sigmoid(-2.0 * np.asarray(xs) + 5.0))
    assert artists["threshold"].get_visible() and artists["threshold"].get_xdata()[0] == pytest.approx(2.5)
    assert right.get_ylim() == pytest.approx((-0.08, 1.08))


def test_plot_logistic_falls_back_to_current_axes_uses_the_given_sigmoid_and_hides_a_missing_threshold():
    fig, ax = plt.subplots()
    calls = []

    def my_sigmoid(z):
        calls.append(z.shape)
        return 1 / (1 + np.exp(-z))

    artists = plots.plot_logistic(X1, Y1, 0.0, 1.0, sigmoid=my_sigmoid)
    assert artists["curve"].axes is ax and calls and not artists["threshold"].get_visible()


def test_plot_logistic_legend_shows_both_classes_in_their_colours():
    fig, ax = plt.subplots()
    plots.plot_logistic(X1, Y1, -2.0, 5.0, ax=ax)
    legend = ax.legend()
    entries = dict(zip([t.get_text() for t in legend.get_texts()], legend.legend_handles))
    assert list(entries)[:2] == ["data: y = 0", "data: y = 1"]
    blue, orange = (tuple(entries[k].get_facecolor()[0][:3]) for k in ("data: y = 0", "data: y = 1"))
    assert blue == pytest.approx(plt.matplotlib.colors.to_rgb("tab:blue"))
    assert orange == pytest.approx(plt.matplotlib.colors.to_rgb("tab:orange"))


def test_plot_logistic_bad_input():
    with pytest.raises(ValueError, match="x and y must have the same shape"):
        plots.plot_logistic(X1, Y1[:-1], 1.0, 0.0)
    with pytest.raises(TypeError, match="sigmoid must be a function"):
        plots.plot_logistic(X1, Y1, 1.0, 0.0, sigmoid="expit")
    with pytest.raises(TypeError, match="b must be a single real number"):
        plots.plot_logistic(X1, Y1, 1.0, None)


# --- landscape plots -----------------------------------------------------------------

def test_the_four_views_compose_into_one_figure():
    fig = plt.figure(figsize=(8, 7))
    ax_slice, ax_lines = fig.add_subplot(2, 2, 1), fig.add_subplot(2, 2, 2)
    ax_filled, ax_surface = fig.add_subplot(2, 2, 3), fig.add_subplot(2, 2, 4, projection="3d")
    curve = plots.plot_loss_slice(W1S, Z[6], ax=ax_slice, label="vary w1", xlabel="w1")
    best = plots.plot_loss_contour(W1S, W2S, Z, ax=ax_lines)
    filled = plots.plot_loss_contourf(W1S, W2S, Z, ax=ax_filled, log=True)
    surface = plots.plot_loss_surface(W1S, W2S, Z, ax=ax_surface)
    assert curve.axes is ax_slice and best.axes is ax_lines
    assert isinstance(filled, QuadContourSet) and filled.axes is ax_filled
    assert surface.axes is ax_surface and (ax_surface.elev, ax_surface.azim) == (30, -30)
    assert len(fig.axes) == 5  # four panels and the colour bar
    assert ax_filled.get_xlabel() == "w1" and ax_filled.get_ylabel() == "w2"
    assert ax_surface.get_zlabel() == "loss"


def test_plot_loss_slice_marks_the_minimum_in_the_curves_colour():
    fig, ax = plt.subplots()
    values = (W1S - 2.0) ** 2
    curve = plots.plot_loss_slice(W1S, values)
    assert curve.axes is ax
    marker = ax.lines[-1]
    assert marker.get_xdata()[0] == pytest.approx(W1S[np.argmin(values)])
    assert marker.get_color() == curve.get_color()


def test_plot_loss_contourf_linear_levels_and_no_colour_bar():
    fig, ax = plt.subplots()
    filled = plots.plot_loss_contourf(W1S, W2S, Z, levels=8, colorbar=False, xlabel="a", ylabel="b")
    assert filled.axes is ax and len(fig.axes) == 1 and ax.get_xlabel() == "a"


def test_landscape_plots_bad_input():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"Z must have shape \(len\(ys\), len\(xs\)\) = \(13, 19\), got \(19, 13\)"):
        plots.plot_loss_contourf(W1S, W2S, Z.T, ax=ax)
    with pytest.raises(ValueError, match="log=True needs a loss above 0 everywhere"):
        plots.plot_loss_contourf(W1S, W2S, Z - Z.mean(), ax=ax, log=True)
    with pytest.raises(ValueError, match="ax must be a 3-D axes"):
        plots.plot_loss_surface(W1S, W2S, Z, ax=ax)
    with pytest.raises(ValueError, match="Z contains NaN"):
        plots.plot_loss_contourf(W1S, W2S, np.full_like(Z, np.nan), ax=ax)
    with pytest.raises(ValueError, match="values and loss_values must have the same shape"):
        plots.plot_loss_slice(W1S, Z[0, :5], ax=ax)
    with pytest.raises(ValueError, match=r"path must be shape \(k, 2\)"):
        plots.plot_trajectory(np.zeros((5, 3)), ax=ax)
    with pytest.raises(ValueError, match=r"path must be shape \(n, k\)"):
        plots.plot_trajectory(np.zeros(5), ax=ax)
    with pytest.raises(ValueError, match="levels must be at least 1"):
        plots.plot_loss_contourf(W1S, W2S, Z, ax=ax, levels=0)


def test_plot_trajectory_draws_the_path_with_start_and_end_on_a_contour_plot():
    fig, ax = plt.subplots()
    _, _, path = descent_path(gradient, {"w": np.zeros(2)}, 2.0, 20)
    plots.plot_loss_contour(W1S, W2S, Z, ax=ax)
    line = plots.plot_trajectory(path["w"], ax=ax, label="GD")
    np.testing.assert_array_equal(np.column_stack(line.get_data()), path["w"])
    start, end = ax.lines[-2], ax.lines[-1]
    assert (start.get_xdata()[0], start.get_ydata()[0]) == (0.0, 0.0)
    assert end.get_xdata()[0] == pytest.approx(path["w"][-1, 0])
    assert line.get_label() == "GD"


def test_plot_path_on_landscape_draws_the_path_over_labelled_equal_axes():
    import matplotlib.pyplot as plt

    from helpers.plots import plot_path_on_landscape

    xs, ys = np.linspace(-1, 1, 21), np.linspace(-2, 2, 41)
    Z = xs[None, :] ** 2 + 0.5 * ys[:, None] ** 2 + 0.1
    path = np.array([[0.9, 1.8], [0.4, 0.9], [0.0, 0.0]])
    fig, ax = plt.subplots()
    line = plot_path_on_landscape(xs, ys, Z, path, ax=ax, label="GD", title="bowl", xlabel="a", ylabel="c")
    np.testing.assert_array_equal(line.get_xydata(), path)
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("a", "c", "bowl")
    assert ax.get_aspect() == 1.0 and "GD" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(ValueError, match="path must be shape"):
        plot_path_on_landscape(xs, ys, Z, np.zeros((3, 3)), ax=ax)
    plt.close(fig)
