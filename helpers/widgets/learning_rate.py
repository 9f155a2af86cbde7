"""Notebook 02: the learning-rate explorer of gradient descent on a 1-D function."""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..calculus import parabola, parabola_derivative
from ..optimizers import classify_descent, gradient_descent_1d
from ..plots import plot_descent_path
from ..validation import as_finite_float, check_inside, check_positive_int, check_range
from .base import BlitImage, explorer_bundle


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
    """A slider for the learning rate η (and one for the steps) of gradient descent on f(w).

    The η slider moves through fixed stops, about evenly spaced on a log scale, that include
    the exact values 0.5 and 1 and every preset; a preset button sets η and the steps.

    Left panel: the curve f(w) with the path of gradient descent from w0 drawn on it.
    Right panel: w at each step, with the minimum as a dashed line. The readout gives
    the final w and a verdict (too small, good, zigzag, bouncing, diverging; it depends on
    the number of steps: see ``optimizers.classify_descent``). The steps slider reaches
    ``max_steps`` (1000), enough for η = 0.01 to converge (342 steps on the parabola).
    ``update(learning_rate, steps)`` moves it from code.
    """

    PRESETS = (("too small", 0.01), ("good", 0.1), ("zigzag", 0.8), ("bouncing", 1.0), ("diverging", 1.05))
    PRESET_STEPS = 50  # a preset also sets the steps: after 50 steps each preset shows the regime it names
    # the η slider's stops: about ten per decade up to 0.1, then every 0.05, with the exact values the
    # notebook talks about (0.5: one step to the minimum, 0.99, 1: bouncing, 1.01, 1.05)
    STOPS = tuple(sorted({round(m * 10.0**e, 6) for e in (-3, -2) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9)}
                         | {round(0.1 + 0.05 * k, 2) for k in range(29)} | {0.99, 1.01}))

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
        low, high = check_range(w_range, "w_range")
        lr_low, lr_high = check_range(learning_rate_range, "learning_rate_range", positive=True)
        max_steps = check_positive_int(max_steps, "max_steps")
        self.w_range, self.learning_rate_range = (low, high), (lr_low, lr_high)
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

        self._stops = sorted({lr_low, lr_high, learning_rate} | {v for v in self.STOPS if lr_low <= v <= lr_high})
        self.learning_rate_slider = widgets.SelectionSlider(
            options=self._options(), value=learning_rate, description="η (step size)", continuous_update=True,
            style={"description_width": "90px"}, layout=widgets.Layout(width="420px"))
        self.steps_slider = widgets.IntSlider(value=steps, min=1, max=max(max_steps, steps), description="steps",
                                              continuous_update=True, layout=widgets.Layout(width="360px"))
        self.buttons = []
        for name, value in self.PRESETS:
            if lr_low <= value <= lr_high:
                button = widgets.Button(description=f"{name}: η = {value:g}", layout=widgets.Layout(width="auto"))
                button.on_click(lambda _, value=value: self.update(value, self.PRESET_STEPS))
                self.buttons.append(button)
        self.readout = widgets.HTML(layout=widgets.Layout(height="48px"))
        self.learning_rate_slider.observe(self._on_slider, names="value")
        self.steps_slider.observe(self._on_slider, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.learning_rate_slider, self.steps_slider]),
                                    widgets.HBox(self.buttons), self.readout, self.canvas.widget])
        self._steps, self._syncing = -1, False
        self.update(learning_rate, steps)

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure's moving layer (it changes with every event)."""
        return self.canvas.image

    def _valid(self, learning_rate: float, steps: int) -> tuple[float, int]:
        learning_rate = as_finite_float(learning_rate, "learning_rate")
        if learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
        check_inside(learning_rate, self.learning_rate_range, "learning_rate", "learning_rate_range")
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
            if learning_rate not in self._stops:  # a value set from code becomes a stop of its own
                self._stops = sorted({*self._stops, learning_rate})
                self.learning_rate_slider.options = self._options()
            self.learning_rate_slider.value, self.steps_slider.value = learning_rate, steps
        finally:
            self._syncing = False
        return {"w": final, "verdict": verdict, "path": path}

    def _options(self) -> list[tuple[str, float]]:
        """The η slider's stops as (label, value) pairs."""
        return [(f"{value:.3g}", value) for value in self._stops]

    def _on_slider(self, change: dict) -> None:
        if not self._syncing:
            self.update(self.learning_rate_slider.value, self.steps_slider.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return explorer_bundle(self.widget, self.canvas, **kwargs)


def learning_rate_explorer(**options: object) -> LearningRateExplorer:
    """One call for the notebook: the learning-rate explorer (by default on f(w) = w² + 3w − 5 from 3π)."""
    return LearningRateExplorer(**options)
