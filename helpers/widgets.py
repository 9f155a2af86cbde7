"""Interactive explorers built with ipywidgets.

The figure is built once and its static parts (axes, data, contours) are rendered once.
Each slider event only moves the few artists that change, draws them over the cached
background (blitting), encodes one PNG and swaps it into a fixed-size Image widget, so
nothing flickers or jumps.
"""

from __future__ import annotations

import io
from typing import Callable

import ipywidgets as widgets
import numpy as np
from PIL import Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import losses
from .landscape import loss_grid
from .plots import plot_fit, plot_loss_contour, residual_segments
from .validation import as_finite_float, as_float_array, check_same_shape

Loss = Callable[[np.ndarray, np.ndarray], float]


class BlitImage:
    """A matplotlib Figure shown as a fixed-size PNG Image widget, redrawn by blitting.

    Build the figure, then call ``freeze(moving)`` once with the artists that change:
    everything else is rendered once into a cached background. ``render()`` draws the
    moving artists over that background and pushes one PNG into ``self.image``.
    """

    def __init__(self, figsize: tuple[float, float], dpi: int = 80) -> None:
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.figure)
        width, height = (self.figure.get_size_inches() * dpi).astype(int)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self._moving: list = []
        self._background = None

    def freeze(self, moving: list) -> None:
        """Render everything but ``moving`` once; from now on only ``moving`` is redrawn."""
        self._moving = list(moving)
        for artist in self._moving:
            artist.set_animated(True)  # left out of the full draw: drawn per event instead
        self.figure.canvas.draw()
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)

    def render(self) -> None:
        """Draw the moving artists over the cached background and update the image widget."""
        if self._background is None:
            raise RuntimeError("call freeze(moving_artists) before render()")
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
        self.image.value = buffer.getvalue()


def trend_html(value: float, previous: float | None) -> str:
    """' ▼ lower than before' (green) or ' ▲ higher than before' (red); '' when unchanged."""
    if previous is None or value == previous:
        return ""
    arrow, colour = ("▼ lower", "green") if value < previous else ("▲ higher", "firebrick")
    return f' <span style="color:{colour}">{arrow} than before</span>'


class LinearExplorer:
    """Sliders for w and b over data x (n,), y (n,): the line, its residuals and the loss.

    Left panel: data, the line ŷ = w·x + b and the residuals. Right panel: contour lines
    of the loss over (w, b) with the current (w, b) marked. Display it as the last
    expression of a cell; ``update(w, b)`` moves it from code and returns the loss.
    """

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
        if not callable(loss):
            raise TypeError(f"loss must be a function loss(y, y_hat) -> float, got {type(loss).__name__}")
        self.loss = loss
        w, b = as_finite_float(w, "w"), as_finite_float(b, "b")
        self.canvas = BlitImage(figsize=(9.6, 4.0))
        ax_fit, ax_loss = self.canvas.figure.subplots(1, 2)
        self._fit = plot_fit(self.x, self.y, w, b, ax=ax_fit)
        ax_fit.set_ylim(min(self.y.min(), 0) - 2, self.y.max() + 4)
        ax_fit.legend(loc="upper left", fontsize=8)
        ax_fit.set_title("The model and its residuals")
        ws, bs = np.linspace(*w_range, 61), np.linspace(*b_range, 61)
        Z = loss_grid(lambda w_, b_: loss(self.y, w_ * self.x + b_), ws, bs)
        plot_loss_contour(ws, bs, Z, ax=ax_loss)
        (self._marker,) = ax_loss.plot([w], [b], "o", color="tab:red", ms=9, label="current (w, b)")
        ax_loss.legend(loc="upper right", fontsize=8)
        ax_loss.set_title("MSE over (w, b)")
        self._xs = np.array([self.x.min(), self.x.max()])
        self._previous: float | None = None
        self.canvas.freeze([self._fit["line"], self._fit["residuals"], self._marker])

        slider = dict(step=0.01, continuous_update=True, readout_format=".2f",
                      layout=widgets.Layout(width="420px"))
        self.w_slider = widgets.FloatSlider(value=w, min=w_range[0], max=w_range[1], description="w", **slider)
        self.b_slider = widgets.FloatSlider(value=b, min=b_range[0], max=b_range[1], description="b", **slider)
        self.readout = widgets.HTML(layout=widgets.Layout(height="28px"))
        for s in (self.w_slider, self.b_slider):
            s.observe(self._on_slider, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.w_slider, self.b_slider]), self.readout, self.canvas.image])
        self.update(w, b)

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure."""
        return self.canvas.image

    def update(self, w: float, b: float) -> float:
        """Move the line, residuals and marker to (w, b), redraw, and return the loss there."""
        y_hat = w * self.x + b
        value = float(self.loss(self.y, y_hat))
        self._fit["line"].set_data(self._xs, w * self._xs + b)
        self._fit["residuals"].set_segments(residual_segments(self.x, self.y, y_hat))
        self._marker.set_data([w], [b])
        self.readout.value = f"<b>w = {w:.2f}, b = {b:.2f} → MSE = {value:.4f}</b>{trend_html(value, self._previous)}"
        self._previous = value
        self.canvas.render()
        return value

    def _on_slider(self, change: dict) -> None:
        self.update(self.w_slider.value, self.b_slider.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return self.widget._repr_mimebundle_(**kwargs)


def linear_explorer(x: np.ndarray, y: np.ndarray, loss: Loss = losses.mse, **start: float) -> LinearExplorer:
    """One call for the notebook: the w/b explorer for data x (n,), y (n,) under ``loss``."""
    return LinearExplorer(x, y, loss=loss, **start)
