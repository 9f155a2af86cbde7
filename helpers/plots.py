"""Plotting helpers. Each takes ``ax=None`` (falling back to the current axes) so they compose."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from .validation import as_finite_float, as_float_array, check_same_shape


def residual_segments(x: np.ndarray, y: np.ndarray, y_hat: np.ndarray) -> np.ndarray:
    """Vertical segments from each point (x_i, y_i) to the prediction (x_i, ŷ_i); shape (n, 2, 2)."""
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
    ws: np.ndarray, bs: np.ndarray, Z: np.ndarray, ax: Axes | None = None, levels: int = 15
) -> Line2D:
    """Contour lines of a loss Z (len(bs), len(ws)) over (w, b), log-spaced; marks the grid minimum.

    Returns the marker of the minimum (a Line2D).
    """
    ws, bs = as_float_array(ws, "ws"), as_float_array(bs, "bs")
    Z = as_float_array(Z, "Z", ndim=2)
    if Z.shape != (len(bs), len(ws)):
        raise ValueError(f"Z must have shape (len(bs), len(ws)) = {(len(bs), len(ws))}, got {Z.shape}")
    ax = ax if ax is not None else plt.gca()
    low, high = Z.min(), Z.max()
    contour_levels = np.geomspace(max(low, 1e-12) * 1.05, high, levels) if high > low else levels
    contours = ax.contour(ws, bs, Z, levels=contour_levels, cmap="viridis", linewidths=1)
    ax.clabel(contours, contours.levels[::3], fmt="%.3g", fontsize=7)
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    (best,) = ax.plot(ws[j], bs[i], marker="*", ms=12, color="gold", mec="black", ls="none",
                      label="lowest loss on the grid")
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    return best
