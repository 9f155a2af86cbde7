"""Notebook 04: sliders for w and b over the logistic curve and the BCE landscape."""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets
import numpy as np

from .. import losses, models
from ..plots import plot_logistic
from ..validation import as_float_array, check_binary_labels, check_function, check_same_shape
from .base import Loss, ParameterExplorer


class LogisticExplorer(ParameterExplorer):
    """Sliders for w and b over 0/1 labels y (n,) at inputs x (n,): the logistic curve and the BCE.

    Left panel: the labels, the curve ŷ = σ(w·x + b) and the decision threshold
    x = −b/w (where ŷ = 0.5). Right panel: contour lines of the binary cross-entropy
    over (w, b) with the current (w, b) marked. ``loss(y, y_hat)`` takes probabilities;
    ``sigmoid`` maps logits to them. ``update(w, b)`` moves it from code and returns the loss.

    A third slider sets the threshold directly (b = −w · threshold for the current w), and
    with **keep threshold** ticked, moving w moves b along, so the curve steepens or flattens
    about a fixed threshold.
    """

    loss_name = "BCE"

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        loss: Loss = losses.binary_cross_entropy,
        sigmoid: Callable[[np.ndarray], np.ndarray] = models.sigmoid,
        w: float = 1.0,
        b: float = 0.0,
        w_range: tuple[float, float] = (-5.0, 5.0),
        b_range: tuple[float, float] = (-10.0, 15.0),
    ) -> None:
        self.x, self.y = as_float_array(x, "x"), as_float_array(y, "y")
        check_same_shape(self.x, self.y, "x", "y")
        check_binary_labels(self.y)
        check_function(loss, "loss", "loss(y, y_hat) -> float")
        check_function(sigmoid, "sigmoid", "z -> σ(z)")
        self.loss, self.sigmoid = loss, sigmoid
        self._quiet = False  # True while a slider is moved from code: no second update
        low, high = np.floor(self.x.min()) - 1.0, np.ceil(self.x.max()) + 1.0  # a margin of whole units around x
        self.threshold_slider = widgets.FloatSlider(
            value=(low + high) / 2, min=low, max=high, step=0.01, description="threshold", readout_format=".2f",
            continuous_update=True, style={"description_width": "70px"}, layout=widgets.Layout(width="420px"))
        self.keep_threshold = widgets.Checkbox(value=False, description="keep threshold when w moves", indent=False)
        super().__init__(w, b, w_range, b_range)
        self.threshold_slider.observe(self._on_threshold, names="value")
        sliders, *rest = self.widget.children
        self.widget.children = (sliders, widgets.HBox([self.threshold_slider, self.keep_threshold]), *rest)

    def loss_at(self, w: float, b: float) -> float:
        return self.loss(self.y, self.sigmoid(w * self.x + b))

    def _draw_model(self, ax, w: float, b: float) -> list:  # noqa: ANN001 - a matplotlib Axes
        self._fit = plot_logistic(self.x, self.y, w, b, ax=ax, sigmoid=self.sigmoid)
        self._xs = self._fit["curve"].get_xdata()
        # below the axes: inside, a flat curve (w = 0) at any height could end up under the legend
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
        ax.set_title("The model and its decision threshold")
        return [self._fit["curve"], self._fit["threshold"]]

    def _move_model(self, w: float, b: float) -> str:
        self._fit["curve"].set_ydata(self.sigmoid(w * self._xs + b))
        self._fit["threshold"].set_visible(w != 0)
        if w == 0:
            return "no threshold (w = 0: a flat curve), "
        threshold = -b / w
        self._fit["threshold"].set_xdata([threshold, threshold])
        if self.threshold_slider.min <= threshold <= self.threshold_slider.max:
            self._set_quietly(self.threshold_slider, threshold)
        shown = round(threshold, 2) + 0.0  # + 0.0 turns −0.0 (e.g. −0/1, or −0.001 rounded) into 0.0
        return f"threshold x = −b/w = {shown:.2f}, "


    def _set_quietly(self, slider: widgets.FloatSlider, value: float) -> None:
        """Show ``value`` on ``slider`` without triggering another update."""
        self._quiet = True
        try:
            slider.value = value
        finally:
            self._quiet = False

    def _on_threshold(self, change: dict) -> None:
        """The threshold slider moved: b = −w · threshold for the current w (no threshold while w = 0)."""
        if self._quiet or self.w_slider.value == 0:
            return
        self.b_slider.value = -self.w_slider.value * change["new"]  # the b slider's observer redraws

    def _on_slider(self, change: dict) -> None:
        if self._quiet or self._syncing:  # moved from code: by _set_quietly, or by update() showing (w, b)
            return
        w = self.w_slider.value
        if change.get("owner") is self.w_slider and self.keep_threshold.value and w != 0:
            self._set_quietly(self.b_slider, -w * self.threshold_slider.value)  # b follows w
        super()._on_slider(change)


def logistic_explorer(
    x: np.ndarray,
    y: np.ndarray,
    loss: Loss = losses.binary_cross_entropy,
    sigmoid: Callable[[np.ndarray], np.ndarray] = models.sigmoid,
    **start: float,
) -> LogisticExplorer:
    """One call for the notebook: the w/b explorer for 0/1 labels y (n,) at x (n,) under ``loss``."""
    return LogisticExplorer(x, y, loss=loss, sigmoid=sigmoid, **start)
