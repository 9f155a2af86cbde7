"""Notebook 08: a δ slider that redraws the Huber loss between its MSE-like and MAE-like limits and refits a line."""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets
import numpy as np

from .. import regression_losses
from ..validation import as_finite_float, as_float_array, check_function, check_same_shape
from .base import BlitImage, explorer_bundle

Pointwise = Callable[[np.ndarray, float], np.ndarray]


class HuberExplorer:
    """A δ slider over data x (n,), y (n,) with outliers (a boolean mask (n,)).

    Left: the Huber loss of a residual a for the current δ, between ½a² (what it is for a large δ:
    the squared loss of the MSE, halved) and δ|a| − ½δ² (what it is for a small δ: a scaled,
    shifted absolute loss). Right: the data, the MSE and MAE fits (fixed) and the Huber fit for the
    current δ (refitted per event by ``regression_losses.fit_line_irls``). ``update(delta)``
    moves it from code and returns the fitted (w, b).
    """

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        is_outlier: np.ndarray,
        delta: float = 1.0,
        huber_loss: Pointwise = regression_losses.huber_loss,
        delta_range: tuple[float, float] = (0.03, 30.0),
    ) -> None:
        self.x, self.y = as_float_array(x, "x"), as_float_array(y, "y")
        check_same_shape(self.x, self.y, "x", "y")
        mask = np.asarray(is_outlier)
        if mask.dtype != bool or mask.shape != self.x.shape:
            raise ValueError(f"is_outlier must be a boolean array of shape {self.x.shape}, one flag per point")
        check_function(huber_loss, "huber_loss", "huber_loss(a, delta) -> the loss of each residual")
        low, high = (as_finite_float(v, "delta_range") for v in delta_range)
        if not 0 < low < high:
            raise ValueError(f"delta_range must be (low, high) with 0 < low < high, got {delta_range}")
        delta = as_finite_float(delta, "delta")
        if not low <= delta <= high:
            raise ValueError(f"delta must lie in delta_range {delta_range}, got {delta}")
        self.huber_loss, self.is_outlier = huber_loss, mask
        self.mse_fit = regression_losses.fit_line_irls(self.x, self.y)
        self.mae_fit = regression_losses.fit_line_irls(self.x, self.y, delta=1e-4, steps=300)  # δ → 0: the MAE fit
        self.canvas = BlitImage(figsize=(9.6, 4.7))
        ax_loss, ax_fit = self.canvas.figure.subplots(1, 2)
        self._draw_losses(ax_loss)
        self._draw_fits(ax_fit)
        self.canvas.freeze([self._huber_curve, self._mae_curve, self._edges, self._huber_line])

        self.slider = widgets.FloatLogSlider(value=delta, base=10, min=np.log10(low), max=np.log10(high), step=0.02,
                                             description="δ", continuous_update=True, readout_format=".2f",
                                             layout=widgets.Layout(width="520px"))
        self.slider.observe(lambda change: self.update(change["new"]), names="value")
        self.readout = widgets.HTML(layout=widgets.Layout(height="48px"))
        self.widget = widgets.VBox([self.slider, self.readout, self.canvas.widget])
        self.update(delta)

    def _draw_losses(self, ax) -> None:  # noqa: ANN001 - a matplotlib Axes
        self._a = np.linspace(-4.0, 4.0, 401)
        ax.plot(self._a, 0.5 * self._a**2, color="tab:blue", ls="--", lw=1.5, zorder=3,
                label="½a²: Huber for a large δ (MSE-like)")
        (self._mae_curve,) = ax.plot([], [], color="tab:green", ls="--", lw=1.5, zorder=3,
                                     label="δ|a| − ½δ²: Huber for a small δ (scaled MAE)")
        (self._huber_curve,) = ax.plot([], [], color="tab:red", lw=2.5, label="Huber loss, current δ")
        self._edges = ax.vlines([-1.0, 1.0], 0, 8.5, colors="tab:gray", linestyles=":", lw=1.2, label="a = ±δ")
        ax.set_xlim(-4, 4)
        ax.set_ylim(-0.3, 8.5)
        ax.set_xlabel("residual a = ŷ − y")
        ax.set_ylabel("loss of one point")
        ax.set_title("The loss of one residual")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=7.5, frameon=False)

    def _draw_fits(self, ax) -> None:  # noqa: ANN001 - a matplotlib Axes
        inliers = ~self.is_outlier
        ax.scatter(self.x[inliers], self.y[inliers], s=16, color="tab:gray", zorder=3, label="data")
        ax.scatter(self.x[self.is_outlier], self.y[self.is_outlier], s=60, marker="X", color="black", zorder=3,
                   label="outliers")
        self._xs = np.array([self.x.min(), self.x.max()])
        for (w, b), colour, name in ((self.mse_fit, "tab:blue", "MSE fit"), (self.mae_fit, "tab:green", "MAE fit")):
            ax.plot(self._xs, w * self._xs + b, color=colour, ls="--", lw=1.5, label=f"{name} (w = {w:.2f})")
        (self._huber_line,) = ax.plot([], [], color="tab:red", lw=2.5, label="Huber fit, current δ")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title("Lines fitted under each loss")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=7.5, frameon=False)

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure's moving layer (it changes with every event)."""
        return self.canvas.image

    def update(self, delta: float) -> tuple[float, float]:
        """Redraw the curves for ``delta``, refit the Huber line, and return its (w, b)."""
        delta = as_finite_float(delta, "delta")
        if delta <= 0:
            raise ValueError(f"delta must be > 0, got {delta}")
        self._huber_curve.set_data(self._a, self.huber_loss(self._a, delta))
        self._mae_curve.set_data(self._a, delta * np.abs(self._a) - 0.5 * delta**2)
        self._edges.set_segments([[(-delta, 0), (-delta, 8.5)], [(delta, 0), (delta, 8.5)]])
        w, b = regression_losses.fit_line_irls(self.x, self.y, delta=delta)
        self._huber_line.set_data(self._xs, w * self._xs + b)
        inside = int(np.sum(np.abs(w * self.x + b - self.y) <= delta))
        nearer = "MSE" if abs(w - self.mse_fit[0]) < abs(w - self.mae_fit[0]) else "MAE"
        self.readout.value = (
            f"<b>δ = {delta:.2f} → Huber fit w = {_two(w)}, b = {_two(b)}</b> (MSE fit w = {_two(self.mse_fit[0])}, "
            f"MAE fit w = {_two(self.mae_fit[0])}: the slope is nearer the {nearer} fit)<br>"
            f"{inside} of {self.x.size} residuals inside ±δ (squared, like MSE), "
            f"{self.x.size - inside} outside (absolute, like MAE)")
        self.canvas.render()
        return w, b

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return explorer_bundle(self.widget, self.canvas, **kwargs)


def _two(value: float) -> str:
    """value with two decimals, never "-0.00"."""
    return f"{round(value, 2) + 0.0:.2f}"


def huber_explorer(x: np.ndarray, y: np.ndarray, is_outlier: np.ndarray,
                   huber_loss: Pointwise = regression_losses.huber_loss, delta: float = 1.0) -> HuberExplorer:
    """One call for the notebook: the δ explorer over data x (n,), y (n,) with outliers marked by is_outlier (n,)."""
    return HuberExplorer(x, y, is_outlier, delta=delta, huber_loss=huber_loss)
