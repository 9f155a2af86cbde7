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
from matplotlib.ticker import MaxNLocator

from . import losses, models
from .calculus import parabola, parabola_derivative
from .landscape import loss_grid
from .optimizers import classify_descent, gradient_descent_1d
from .plots import plot_descent_path, plot_fit, plot_logistic, plot_loss_contour, residual_segments
from .validation import (as_finite_float, as_float_array, check_function, check_labels, check_positive_int,
                         check_same_shape)

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


DESCENT_VERDICTS = {  # verdict of optimizers.classify_descent (also the headline) -> (colour, explanation)
    "too small": ("darkorange", "every step goes downhill on the same side of the minimum, but the steps are so "
                                "small that it creeps: not converged yet"),
    "good": ("green", "every step went downhill on the same side of the minimum, and it has converged "
                      "(|f'(w)| is below 1/1000 of its start)"),
    "zigzag, converged": ("green", "each step overshot the minimum to the other side, by less every time, "
                                   "and it has converged (|f'(w)| is below 1/1000 of its start)"),
    "zigzag, not there yet": ("darkorange", "each step overshoots the minimum to the other side, by less every "
                                           "time, but it has not converged yet"),
    "bouncing": ("firebrick", "each step overshoots by exactly as much as it was off: it flips between the same "
                              "two points for ever"),
    "diverging": ("firebrick", "each step overshoots further than the last: w grows without bound"),
}


class LearningRateExplorer:
    """A log-scale slider for the learning rate η (and one for the steps) of gradient descent on f(w).

    Left panel: the curve f(w) with the path of gradient descent from w0 drawn on it.
    Right panel: w at each step, with the minimum as a dashed line. The readout gives
    the final w and a verdict (too small, good, zigzag, bouncing, diverging; it depends on
    the number of steps: see ``optimizers.classify_descent``). The steps slider reaches
    ``max_steps`` (1000), enough for η = 0.01 to converge (342 steps on the parabola).
    ``update(learning_rate, steps)`` moves it from code.
    """

    PRESETS = (("too small", 0.01), ("good", 0.1), ("zigzag", 0.8), ("bouncing", 1.0), ("diverging", 1.05))

    def __init__(
        self,
        f: Callable[[float], float] = parabola,
        derivative: Callable[[float], float] = parabola_derivative,
        w0: float = 3 * np.pi,
        learning_rate: float = 0.01,
        steps: int = 50,
        w_range: tuple[float, float] = (-14.0, 11.0),
        learning_rate_range: tuple[float, float] = (1e-3, 1.5),
        max_steps: int = 1000,
    ) -> None:
        if not callable(f) or not callable(derivative):
            raise TypeError("f and derivative must be functions of one number w")
        self.f, self.derivative = f, derivative
        self.w0 = as_finite_float(w0, "w0")
        low, high = (as_finite_float(v, "w_range") for v in w_range)
        lr_low, lr_high = (as_finite_float(v, "learning_rate_range") for v in learning_rate_range)
        if not low < high:
            raise ValueError(f"w_range must be (low, high) with low < high, got {w_range}")
        if not 0 < lr_low < lr_high:
            raise ValueError(f"learning_rate_range must be (low, high) with 0 < low < high, got {learning_rate_range}")
        max_steps = check_positive_int(max_steps, "max_steps")
        self.w_range = (low, high)
        learning_rate, steps = self._valid(learning_rate, steps)

        self.canvas = BlitImage(figsize=(9.6, 4.2))
        ax_curve, self._ax_steps = self.canvas.figure.subplots(1, 2)
        ws = np.linspace(low, high, 401)
        with np.errstate(all="ignore"):
            fs = np.array([float(f(w)) for w in ws])
        w_min = float(ws[np.nanargmin(fs)])  # the lowest point on the grid
        artists = plot_descent_path(f, np.array([self.w0]), ax=ax_curve, w_range=(low, high))
        self._curve_path, self._curve_end = artists["path"], artists["end"]
        span = np.nanmax(fs) - np.nanmin(fs)
        ax_curve.set_ylim(np.nanmin(fs) - 0.08 * span, np.nanmax(fs) + 0.12 * span)
        # legends below the axes, where the path (clipped to the axes) never covers them
        below = dict(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False)
        ax_curve.legend(ncol=4, **below)
        ax_curve.set_title("The path on the curve f(w)")
        ax = self._ax_steps
        ax.axhline(w_min, color="tab:blue", ls="--", lw=1, label=f"minimum (w ≈ {w_min:.3g})")
        (self._steps_line,) = ax.plot([], [], "-o", color="tab:orange", ms=3, lw=1, label="w after each step")
        ax.set_ylim(low, high)
        ax.set_xlabel("step k")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # steps are whole numbers, even for 1 step
        ax.set_ylabel("w")
        ax.legend(ncol=2, **below)
        ax.set_title("w at each step")
        self._moving = [self._curve_path, self._curve_end, self._steps_line]

        self.learning_rate_slider = widgets.FloatLogSlider(
            value=learning_rate, base=10, min=np.log10(lr_low), max=np.log10(lr_high), step=0.01,
            description="η (step size)", readout_format=".3g", continuous_update=True,
            style={"description_width": "90px"}, layout=widgets.Layout(width="420px"))
        self.steps_slider = widgets.IntSlider(value=steps, min=1, max=max(max_steps, steps), description="steps",
                                              continuous_update=True, layout=widgets.Layout(width="360px"))
        self.buttons = []
        for name, value in self.PRESETS:
            if lr_low <= value <= lr_high:
                button = widgets.Button(description=f"{name}: η = {value:g}", layout=widgets.Layout(width="auto"))
                button.on_click(lambda _, value=value: setattr(self.learning_rate_slider, "value", value))
                self.buttons.append(button)
        self.readout = widgets.HTML(layout=widgets.Layout(height="48px"))
        self.learning_rate_slider.observe(self._on_slider, names="value")
        self.steps_slider.observe(self._on_slider, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.learning_rate_slider, self.steps_slider]),
                                    widgets.HBox(self.buttons), self.readout, self.canvas.image])
        self._steps, self._syncing = -1, False
        self.update(learning_rate, steps)

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure."""
        return self.canvas.image

    def _valid(self, learning_rate: float, steps: int) -> tuple[float, int]:
        learning_rate = as_finite_float(learning_rate, "learning_rate")
        if learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
        return learning_rate, check_positive_int(steps, "steps")

    def update(self, learning_rate: float, steps: int | None = None) -> dict[str, object]:
        """Run gradient descent with this η (and number of steps), redraw, and return
        {"w": the final w, "verdict": one of optimizers.VERDICTS, "path": the path (steps + 1,)}."""
        steps = self._steps if steps is None else steps
        learning_rate, steps = self._valid(learning_rate, steps)
        path = gradient_descent_1d(self.derivative, self.w0, learning_rate, steps)
        verdict = classify_descent(path, self.derivative)
        low, high = self.w_range
        span = high - low
        shown = np.clip(path, low - 10 * span, high + 10 * span)  # keep far-off points drawable
        with np.errstate(all="ignore"):
            fs = np.array([float(self.f(w)) if np.isfinite(w) else np.nan for w in shown])
        self._curve_path.set_data(shown, fs)
        last = np.flatnonzero(np.isfinite(shown))[-1]
        self._curve_end.set_data(shown[last:last + 1], fs[last:last + 1])
        self._steps_line.set_data(np.arange(steps + 1), shown)
        if steps != self._steps:  # new x-axis for the right panel: re-render the background once
            pad = max(0.02 * steps, 0.2)
            self._ax_steps.set_xlim(-pad, steps + pad)
            self._steps = steps
            self.canvas.freeze(self._moving)
        final = float(path[-1])
        colour, explanation = DESCENT_VERDICTS[verdict]
        slope = float(self.derivative(final)) if np.isfinite(final) and abs(final) < 1e150 else float("nan")
        where = f"w = {final:.6g}, f'(w) = {slope:.3g}" if np.isfinite(slope) else "w has overflowed (it is not a number any more)"
        self.readout.value = (f"<b>η = {learning_rate:.3g}, {steps} step{'' if steps == 1 else 's'} → {where}</b><br>"
                              f'<span style="color:{colour}"><b>{verdict}</b></span>: {explanation}.')
        self.canvas.render()
        self._syncing = True  # show the values used on the sliders, without a second update
        try:
            self.learning_rate_slider.value, self.steps_slider.value = learning_rate, steps
        finally:
            self._syncing = False
        return {"w": final, "verdict": verdict, "path": path}

    def _on_slider(self, change: dict) -> None:
        if not self._syncing:
            self.update(self.learning_rate_slider.value, self.steps_slider.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return self.widget._repr_mimebundle_(**kwargs)


def learning_rate_explorer(**options: object) -> LearningRateExplorer:
    """One call for the notebook: the learning-rate explorer (by default on f(w) = w² + 3w − 5 from 3π)."""
    return LearningRateExplorer(**options)


class ParameterExplorer:
    """Base of the w/b explorers: the model on the left, loss contours over (w, b) on the right.

    A subclass draws its model (``_draw_model``, returning the artists that move), moves it
    (``_move_model``, returning extra readout text) and evaluates the loss (``loss_at``).
    This class adds the contour panel with the current (w, b), the two sliders, the live
    readout with its ▼/▲ trend, and the blitted redraw. ``update(w, b)`` returns the loss.
    """

    loss_name = "loss"

    def __init__(self, w: float, b: float, w_range: tuple[float, float], b_range: tuple[float, float]) -> None:
        w, b = as_finite_float(w, "w"), as_finite_float(b, "b")
        self.canvas = BlitImage(figsize=(9.6, 4.0))
        ax_model, ax_loss = self.canvas.figure.subplots(1, 2)
        moving = self._draw_model(ax_model, w, b)
        ws, bs = np.linspace(*w_range, 61), np.linspace(*b_range, 61)
        plot_loss_contour(ws, bs, loss_grid(self.loss_at, ws, bs), ax=ax_loss)
        (self._marker,) = ax_loss.plot([w], [b], "o", mfc="none", mec="tab:red", mew=2.5, ms=13,
                                       label="current (w, b)")
        ax_loss.legend(loc="upper right", fontsize=8)
        ax_loss.set_title(f"{self.loss_name} over (w, b): contour labels are {self.loss_name} values")
        self._previous: float | None = None
        self.canvas.freeze([*moving, self._marker])

        slider = dict(step=0.01, continuous_update=True, readout_format=".2f",
                      layout=widgets.Layout(width="420px"))
        self.w_slider = widgets.FloatSlider(value=w, min=w_range[0], max=w_range[1], description="w", **slider)
        self.b_slider = widgets.FloatSlider(value=b, min=b_range[0], max=b_range[1], description="b", **slider)
        self.readout = widgets.HTML(layout=widgets.Layout(height="28px"))
        for s in (self.w_slider, self.b_slider):
            s.observe(self._on_slider, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.w_slider, self.b_slider]), self.readout, self.canvas.image])
        self.update(w, b)

    def _draw_model(self, ax, w: float, b: float) -> list:  # noqa: ANN001 - a matplotlib Axes
        raise NotImplementedError

    def _move_model(self, w: float, b: float) -> str:
        raise NotImplementedError

    def loss_at(self, w: float, b: float) -> float:
        """The loss of the model with parameters (w, b) on the explorer's data."""
        raise NotImplementedError

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure."""
        return self.canvas.image

    def update(self, w: float, b: float) -> float:
        """Move the model and the marker to (w, b), redraw, and return the loss there."""
        value = float(self.loss_at(w, b))
        extra = self._move_model(w, b)
        self._marker.set_data([w], [b])
        self.readout.value = (f"<b>w = {_two_places(w)}, b = {_two_places(b)} → {extra}{self.loss_name} = {value:.4f}</b>"
                              f"{trend_html(value, self._previous)}")
        self._previous = value
        self.canvas.render()
        return value

    def _on_slider(self, change: dict) -> None:
        self.update(self.w_slider.value, self.b_slider.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return self.widget._repr_mimebundle_(**kwargs)


def _two_places(value: float) -> str:
    """value with two decimals, never "-0.00"."""
    return f"{round(value, 2) + 0.0:.2f}"


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


class LogisticExplorer(ParameterExplorer):
    """Sliders for w and b over 0/1 labels y (n,) at inputs x (n,): the logistic curve and the BCE.

    Left panel: the labels, the curve ŷ = σ(w·x + b) and the decision threshold
    x = −b/w (where ŷ = 0.5). Right panel: contour lines of the binary cross-entropy
    over (w, b) with the current (w, b) marked. ``loss(y, y_hat)`` takes probabilities;
    ``sigmoid`` maps logits to them. ``update(w, b)`` moves it from code and returns the loss.
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
        check_labels(self.y)
        check_function(loss, "loss", "loss(y, y_hat) -> float")
        check_function(sigmoid, "sigmoid", "z -> σ(z)")
        self.loss, self.sigmoid = loss, sigmoid
        super().__init__(w, b, w_range, b_range)

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
        shown = round(threshold, 2) + 0.0  # + 0.0 turns −0.0 (e.g. −0/1, or −0.001 rounded) into 0.0
        return f"threshold x = −b/w = {shown:.2f}, "


def logistic_explorer(
    x: np.ndarray,
    y: np.ndarray,
    loss: Loss = losses.binary_cross_entropy,
    sigmoid: Callable[[np.ndarray], np.ndarray] = models.sigmoid,
    **start: float,
) -> LogisticExplorer:
    """One call for the notebook: the w/b explorer for 0/1 labels y (n,) at x (n,) under ``loss``."""
    return LogisticExplorer(x, y, loss=loss, sigmoid=sigmoid, **start)
