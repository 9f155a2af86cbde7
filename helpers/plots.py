"""Plotting helpers. Each takes ``ax=None`` (falling back to the current axes) so they compose."""

from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import LogNorm
from matplotlib.contour import QuadContourSet
from matplotlib.lines import Line2D
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from .models import sigmoid as stable_sigmoid
from .validation import (as_finite_float, as_float_array, check_binary_labels, check_function, check_positive_int,
                         check_same_shape)


def residual_segments(x: np.ndarray, y: np.ndarray, y_hat: np.ndarray) -> np.ndarray:
    """Vertical segments from each point (x_i, y_i) to the prediction (x_i, ŷ_i); shape (n, 2, 2).

    x, y and y_hat are shape (n,).
    """
    x, y, y_hat = as_float_array(x, "x"), as_float_array(y, "y"), as_float_array(y_hat, "y_hat")
    check_same_shape(x, y, "x", "y")
    check_same_shape(x, y_hat, "x", "y_hat")
    return np.stack([np.column_stack([x, y]), np.column_stack([x, y_hat])], axis=1)


def plot_fit(
    x: np.ndarray, y: np.ndarray, w: float, b: float, ax: Axes | None = None, residuals: bool = True
) -> dict[str, object]:
    """Scatter the data (n,), draw the line y = w·x + b and, optionally, the residuals.

    Returns the artists ({"points", "line", "residuals"}) so callers can update them in place.
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    w, b = as_finite_float(w, "w"), as_finite_float(b, "b")
    ax = ax if ax is not None else plt.gca()
    xs = np.array([x.min(), x.max()])
    artists: dict[str, object] = {
        "points": ax.scatter(x, y, s=18, color="tab:blue", zorder=3, label="data"),
        "line": ax.plot(xs, w * xs + b, color="tab:red", lw=2, label="model ŷ = w·x + b")[0],
    }
    if residuals:
        segments = LineCollection(residual_segments(x, y, w * x + b), colors="tab:gray", lw=1.2,
                                  alpha=0.8, label="residuals y − ŷ")
        artists["residuals"] = ax.add_collection(segments)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return artists


def plot_loss_contour(
    ws: np.ndarray, bs: np.ndarray, Z: np.ndarray, ax: Axes | None = None, levels: int = 15,
    xlabel: str = "w", ylabel: str = "b",
) -> Line2D:
    """Contour lines of a loss Z (len(bs), len(ws)) over (w, b), log-spaced; marks the grid minimum.

    The axes are labelled ``xlabel`` and ``ylabel`` (w and b by default; name them for other parameters).

    The levels are spaced logarithmically above the lowest value of Z, so a loss that is
    negative somewhere (e.g. a log-likelihood plus a constant) is drawn too. Returns the
    marker of the minimum (a Line2D).
    """
    ws, bs = as_float_array(ws, "ws"), as_float_array(bs, "bs")
    Z = as_float_array(Z, "Z", ndim=2)
    if Z.shape != (len(bs), len(ws)):
        raise ValueError(f"Z must have shape (len(bs), len(ws)) = {(len(bs), len(ws))}, got {Z.shape}")
    ax = ax if ax is not None else plt.gca()
    low, high = Z.min(), Z.max()
    levels = check_positive_int(levels, "levels")
    if high <= low:
        contour_levels = levels
    elif low > 0:  # the lowest line one log-step above the minimum: closer in, a narrow valley's innermost
        # ellipse is thinner than the grid and breaks into fragments around the star
        contour_levels = np.geomspace(low, high, levels + 1)[1:]
    else:  # log spacing of the height above the minimum
        contour_levels = low + np.geomspace(0.01 * (high - low), high - low, levels)
    contours = ax.contour(ws, bs, Z, levels=contour_levels, cmap="viridis", linewidths=1)
    # labelled from the outside in (the crowded innermost lines stay bare); at least 8 px at any dpi
    size = 8 * max(1.0, 100 / ax.figure.dpi)
    ax.clabel(contours, contours.levels[::-3], fmt="%.3g", fontsize=size)
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    (best,) = ax.plot(ws[j], bs[i], marker="*", ms=12, color="gold", mec="black", ls="none",
                      label="lowest loss on the grid")
    ax.set_xlabel(str(xlabel))
    ax.set_ylabel(str(ylabel))
    return best


def plot_descent_path(
    f: Callable[[np.ndarray], np.ndarray],
    path: np.ndarray,
    ax: Axes | None = None,
    w_range: tuple[float, float] | None = None,
) -> dict[str, Line2D]:
    """Draw the curve f(w) and a gradient-descent path (steps + 1,) on it, start and end marked.

    The points (w_k, f(w_k)) are joined in the order visited, so overshooting shows as
    a zigzag across the valley. Returns the artists {"curve", "path", "start", "end"}.
    """
    check_function(f, "f", "of w")
    path = as_float_array(path, "path")
    if w_range is None:
        low, high = path.min(), path.max()
        margin = max(0.15 * (high - low), 1.0)
        w_range = (low - margin, high + margin)
    low, high = (as_finite_float(v, "w_range") for v in w_range)
    if not low < high:
        raise ValueError(f"w_range must be (low, high) with low < high, got {w_range}")
    ax = ax if ax is not None else plt.gca()
    ws = np.linspace(low, high, 400)
    fs = np.array([float(f(w)) for w in path])
    artists = {
        "curve": ax.plot(ws, [float(f(w)) for w in ws], color="tab:blue", lw=2, label="f(w)")[0],
        "path": ax.plot(path, fs, "-o", color="tab:orange", ms=3.5, lw=1, alpha=0.85,
                        label="gradient-descent path")[0],
        "start": ax.plot(path[:1], fs[:1], "o", color="tab:green", ms=9, mec="black", label="start")[0],
        "end": ax.plot(path[-1:], fs[-1:], "*", color="tab:red", ms=14, mec="black", label="end")[0],
    }
    ax.set_xlim(low, high)
    ax.set_xlabel("w")
    ax.set_ylabel("f(w)")
    return artists


def plot_taylor_step(
    f: Callable[[float], float],
    derivative: Callable[[float], float],
    w0: float,
    learning_rate: float,
    ax: Axes | None = None,
    w_range: tuple[float, float] | None = None,
) -> dict[str, object]:
    """Picture one gradient step from w0: the tangent line at w0, the step along it, the new point.

    The step is w1 = w0 − η·f'(w0). The tangent line (the first-order Taylor approximation)
    predicts f(w1) ≈ f(w0) − η·f'(w0)²; the curve gives the actual f(w1). Returns the
    artists and the numbers {"w1", "predicted", "actual"}.
    """
    if not callable(f) or not callable(derivative):
        raise TypeError("f and derivative must be functions of one number")
    w0, learning_rate = as_finite_float(w0, "w0"), as_finite_float(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    f0, slope = float(f(w0)), float(derivative(w0))
    w1 = w0 - learning_rate * slope
    predicted, actual = f0 + (w1 - w0) * slope, float(f(w1))
    if w_range is None:
        span = max(abs(w1 - w0), 1.0)
        w_range = (min(w0, w1) - span, max(w0, w1) + span)
    low, high = (as_finite_float(v, "w_range") for v in w_range)
    ax = ax if ax is not None else plt.gca()
    ws = np.linspace(low, high, 300)
    artists: dict[str, object] = {
        "curve": ax.plot(ws, [float(f(w)) for w in ws], color="tab:blue", lw=2, label="f(w)")[0],
        "tangent": ax.plot(ws, f0 + (ws - w0) * slope, "--", color="tab:gray", lw=1.5,
                           label="tangent at w₀: f(w₀) + (w − w₀)·f'(w₀)")[0],
        "start": ax.plot([w0], [f0], "o", color="tab:green", ms=9, mec="black", label="w₀")[0],
        "predicted": ax.plot([w1], [predicted], "s", color="tab:gray", ms=7, mec="black",
                             label="what the tangent predicts at w₁")[0],
        "new": ax.plot([w1], [actual], "*", color="tab:red", ms=15, mec="black", label="new point (w₁, f(w₁))")[0],
    }
    artists["step"] = ax.annotate("", xy=(w1, predicted), xytext=(w0, f0),
                                  arrowprops=dict(arrowstyle="-|>", color="tab:green", lw=2))
    ax.annotate(f"step −η·f'(w₀) = {w1 - w0:.3g}", xy=((w0 + w1) / 2, (f0 + predicted) / 2),
                xytext=(-12, 0), textcoords="offset points", ha="right", va="center", color="tab:green", fontsize=9)
    ax.plot([w1, w1], [predicted, actual], ":", color="black", lw=1)
    ax.set_xlim(low, high)
    ax.set_xlabel("w")
    ax.set_ylabel("f(w)")
    artists.update(w1=w1, predicted=predicted, actual=actual)
    return artists


def _threshold(w: float, b: float) -> float:
    """The decision threshold x = −b/w where σ(w·x + b) = 0.5; NaN when w = 0 (no threshold)."""
    return -b / w if w != 0 else float("nan")


def plot_logistic(
    x: np.ndarray,
    y: np.ndarray,
    w: float,
    b: float,
    ax: Axes | None = None,
    sigmoid: Callable[[np.ndarray], np.ndarray] | None = None,
) -> dict[str, object]:
    """Scatter 0/1 labels y (n,) against x (n,), draw ŷ = σ(w·x + b) and the threshold x = −b/w.

    Class 0 is drawn blue and class 1 orange, with one legend entry each. ``sigmoid``
    defaults to the stable ``helpers.models.sigmoid``. Returns the artists
    ({"points", "curve", "threshold", "half"}) so callers can update them in place; the
    threshold line is hidden when w = 0 (the curve is flat and never crosses 0.5).
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    check_binary_labels(y)
    w, b = as_finite_float(w, "w"), as_finite_float(b, "b")
    sigmoid = stable_sigmoid if sigmoid is None else sigmoid
    check_function(sigmoid, "sigmoid", "z -> σ(z)")
    ax = ax if ax is not None else plt.gca()
    pad = 0.1 * (x.max() - x.min() or 1.0)
    xs = np.linspace(x.min() - pad, x.max() + pad, 200)
    colours = np.where(y >= 0.5, "tab:orange", "tab:blue")
    for colour, name in (("tab:blue", "data: y = 0"), ("tab:orange", "data: y = 1")):
        ax.scatter([], [], s=18, color=colour, alpha=0.6, label=name)  # empty: one legend entry per class
    artists: dict[str, object] = {
        "points": ax.scatter(x, y, s=18, c=colours, alpha=0.6, zorder=3),
        "half": ax.axhline(0.5, color="tab:gray", lw=1, ls=":"),
        "curve": ax.plot(xs, sigmoid(w * xs + b), color="tab:red", lw=2, label="model ŷ = σ(w·x + b)")[0],
    }
    threshold = _threshold(w, b)
    line = ax.axvline(0.0 if np.isnan(threshold) else threshold, color="tab:green", lw=1.5, ls="--",
                      label="threshold x = −b/w")
    line.set_visible(not np.isnan(threshold))
    artists["threshold"] = line
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(-0.08, 1.08)
    ax.set_xlabel("x")
    ax.set_ylabel("y   and   ŷ = P(y = 1 | x)")
    return artists


def _grid_inputs(xs: np.ndarray, ys: np.ndarray, Z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys = as_float_array(xs, "xs"), as_float_array(ys, "ys")
    Z = as_float_array(Z, "Z", ndim=2)
    if Z.shape != (len(ys), len(xs)):
        raise ValueError(f"Z must have shape (len(ys), len(xs)) = {(len(ys), len(xs))}, got {Z.shape}: "
                         "row i belongs to ys[i], column j to xs[j] (the layout of np.meshgrid(xs, ys))")
    return xs, ys, Z


def plot_loss_slice(
    values: np.ndarray,
    loss_values: np.ndarray,
    ax: Axes | None = None,
    label: str | None = None,
    xlabel: str = "parameter value",
) -> Line2D:
    """A 1-D slice of a loss: loss_values (n,) against one parameter's values (n,), minimum marked.

    Returns the curve (a Line2D); its colour is reused for the marker of the minimum.
    """
    values, loss_values = as_float_array(values, "values"), as_float_array(loss_values, "loss_values")
    check_same_shape(values, loss_values, "values", "loss_values")
    ax = ax if ax is not None else plt.gca()
    (curve,) = ax.plot(values, loss_values, lw=2, label=label)
    best = np.argmin(loss_values)
    ax.plot(values[best], loss_values[best], "o", color=curve.get_color(), ms=7, mec="black")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss")
    return curve


def plot_loss_contourf(
    xs: np.ndarray,
    ys: np.ndarray,
    Z: np.ndarray,
    ax: Axes | None = None,
    levels: int = 20,
    log: bool = False,
    colorbar: bool = True,
    xlabel: str = "w1",
    ylabel: str = "w2",
) -> QuadContourSet:
    """Filled contours of a loss Z (len(ys), len(xs)) over (xs, ys), with a colour bar by default.

    ``log=True`` spaces the levels geometrically (for losses spanning many orders of magnitude).
    """
    xs, ys, Z = _grid_inputs(xs, ys, Z)
    check_positive_int(levels, "levels")
    ax = ax if ax is not None else plt.gca()
    low, high = Z.min(), Z.max()
    if log and low <= 0:
        raise ValueError(f"log=True needs a loss above 0 everywhere, but Z reaches {low}")
    bounds = np.geomspace(low, high, levels + 1) if log and high > low else levels
    filled = ax.contourf(xs, ys, Z, levels=bounds, cmap="viridis",
                         norm=LogNorm(low, high) if log and high > low else None)
    if colorbar:
        bar = ax.figure.colorbar(filled, ax=ax, format="%.3g")
        if log and high > low:  # a few readable ticks at level boundaries, not 10^x labels
            bar.set_ticks(bounds[:: max(len(bounds) // 6, 1)])
            bar.ax.minorticks_off()
        bar.set_label("loss")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return filled


def plot_loss_surface(
    xs: np.ndarray,
    ys: np.ndarray,
    Z: np.ndarray,
    ax: Axes | None = None,
    cmap: str = "viridis",
    elev: float = 30,
    azim: float = -30,
    xlabel: str = "w1",
    ylabel: str = "w2",
) -> Poly3DCollection:
    """A 3-D surface of a loss Z (len(ys), len(xs)) over (xs, ys), seen from (elev, azim) degrees.

    ``ax`` must be a 3-D axes, e.g. ``fig.add_subplot(2, 2, 4, projection="3d")``.
    """
    xs, ys, Z = _grid_inputs(xs, ys, Z)
    elev, azim = as_finite_float(elev, "elev"), as_finite_float(azim, "azim")
    ax = ax if ax is not None else plt.gca()
    if getattr(ax, "name", None) != "3d":
        raise ValueError("ax must be a 3-D axes: create it with fig.add_subplot(..., projection='3d')")
    W1, W2 = np.meshgrid(xs, ys)
    # at most 30 × 30 facets: as smooth to the eye as more, and much cheaper to draw
    surface = ax.plot_surface(W1, W2, Z, cmap=cmap, linewidth=0, antialiased=True, alpha=0.95, rcount=30, ccount=30)
    ax.view_init(elev, azim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_zlabel("loss")
    return surface


def plot_trajectory(
    path: np.ndarray, ax: Axes | None = None, color: str = "tab:red", label: str = "gradient descent"
) -> Line2D:
    """Draw the points an optimizer visited, path (k, 2) as (x, y) rows: start ○, end ✕.

    Returns the path's Line2D (the start and end markers are separate, unlabelled artists).
    """
    path = as_float_array(path, "path", ndim=2)
    if path.shape[1] != 2:
        raise ValueError(f"path must be shape (k, 2), one (x, y) point per row, got {path.shape}")
    ax = ax if ax is not None else plt.gca()
    (line,) = ax.plot(path[:, 0], path[:, 1], "-", color=color, lw=1.5, marker=".", ms=4, label=label)
    ax.plot(*path[0], "o", color=color, ms=8, mfc="white", mew=2)
    ax.plot(*path[-1], "X", color=color, ms=9, mec="black")
    return line


def plot_path_on_landscape(
    xs: np.ndarray, ys: np.ndarray, Z: np.ndarray, path: np.ndarray, ax: Axes | None = None,
    label: str = "gradient descent", title: str = "", xlabel: str = "w1", ylabel: str = "w2", levels: int = 20,
) -> Line2D:
    """An optimizer's path (k, 2) over the contour lines of a loss Z (len(ys), len(xs)), equal axis scales.

    ``plot_loss_contour`` plus ``plot_trajectory``, labelled and with a legend; equal scales so that
    a round bowl looks round and a narrow valley narrow. Returns the path's Line2D.
    """
    ax = ax if ax is not None else plt.gca()
    plot_loss_contour(xs, ys, Z, ax=ax, levels=levels, xlabel=xlabel, ylabel=ylabel)
    line = plot_trajectory(path, ax=ax, label=label)
    ax.set_title(title)
    ax.set_aspect("equal")
    ax.legend(loc="upper right", fontsize=8)
    return line
