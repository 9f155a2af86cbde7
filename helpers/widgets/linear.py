"""Notebook 01: sliders for w and b over a line, its residuals and the MSE landscape."""

from __future__ import annotations


import numpy as np

from .. import losses
from ..plots import plot_fit, residual_segments
from ..validation import as_float_array, check_function, check_same_shape
from .base import Loss, ParameterExplorer


class LinearExplorer(ParameterExplorer):
    """Sliders for w and b over data x (n,), y (n,): the line ŷ = w·x + b, its residuals and the MSE.

    Display it as the last expression of a cell; ``update(w, b)`` moves it from code.
    """

    loss_name = "MSE"

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        loss: Loss = losses.mse,
        w: float = 0.0,
        b: float = 0.0,
        w_range: tuple[float, float] = (-1.0, 7.0),
        b_range: tuple[float, float] = (-3.0, 9.0),
    ) -> None:
        self.x, self.y = as_float_array(x, "x"), as_float_array(y, "y")
        check_same_shape(self.x, self.y, "x", "y")
        check_function(loss, "loss", "loss(y, y_hat) -> float")
        self.loss = loss
        self._xs = np.array([self.x.min(), self.x.max()])
        super().__init__(w, b, w_range, b_range)

    def loss_at(self, w: float, b: float) -> float:
        return self.loss(self.y, w * self.x + b)

    def _draw_model(self, ax, w: float, b: float) -> list:  # noqa: ANN001 - a matplotlib Axes
        self._fit = plot_fit(self.x, self.y, w, b, ax=ax)
        ax.set_ylim(min(self.y.min(), 0) - 2, self.y.max() + 4)
        ax.legend(loc="upper left", fontsize=8)
        ax.set_title("The model and its residuals")
        return [self._fit["line"], self._fit["residuals"]]

    def _move_model(self, w: float, b: float) -> str:
        self._fit["line"].set_data(self._xs, w * self._xs + b)
        self._fit["residuals"].set_segments(residual_segments(self.x, self.y, w * self.x + b))
        return ""


def linear_explorer(x: np.ndarray, y: np.ndarray, loss: Loss = losses.mse, **start: float) -> LinearExplorer:
    """One call for the notebook: the w/b explorer for data x (n,), y (n,) under ``loss``."""
    return LinearExplorer(x, y, loss=loss, **start)
