"""Notebook 06: sliders for three scores and a temperature; softmax bars, cross-entropy and hinge loss."""

from __future__ import annotations

from typing import Callable, Sequence

import ipywidgets as widgets
import numpy as np

from .. import multiclass
from ..validation import as_finite_float, as_float_array, check_function
from .base import BlitImage, explorer_bundle

LOSS_AXIS_MAX = 10.0  # the loss bars are drawn up to here; larger values are written, with an arrow
SCORE_RANGE = (-10.0, 10.0)
TRUE_COLOUR, OTHER_COLOUR, VIOLATION_COLOUR = "tab:green", "tab:blue", "tab:red"


class SoftmaxExplorer:
    """Three class scores s (3,) and a temperature T: the probabilities softmax(s/T) and two losses.

    Left: the scores, with the hinge's margin line s_true − Δ (a wrong class scoring above it
    costs hinge loss, drawn red). Middle: the probabilities softmax(s / T). Right: the
    cross-entropy −log q_true of those probabilities and the hinge loss of the scores (the
    hinge loss has no temperature: it never looks at probabilities). ``softmax(scores (n, K))``,
    ``cross_entropy(y, scores)`` and ``hinge(y, scores)`` may be the learner's functions.
    ``update(scores, temperature, true_class)`` moves it from code and returns both losses.
    """

    def __init__(
        self,
        scores: Sequence[float] = (3.2, 5.1, -1.7),
        classes: Sequence[str] = ("cat", "car", "frog"),
        true_class: int = 0,
        temperature: float = 1.0,
        delta: float = 1.0,
        softmax: Callable[[np.ndarray], np.ndarray] = multiclass.softmax,
        cross_entropy: Callable[[np.ndarray, np.ndarray], float] = multiclass.cross_entropy_from_logits,
        hinge: Callable[..., float] = multiclass.hinge_loss,
    ) -> None:
        scores = as_float_array(scores, "scores")
        if scores.shape != (3,):
            raise ValueError(f"scores must be three numbers (one per class), got shape {scores.shape}")
        if len(classes) != 3 or not all(isinstance(c, str) for c in classes):
            raise ValueError(f"classes must be three class names, got {classes!r}")
        for fn, name, what in [(softmax, "softmax", "scores (n, K) -> probabilities (n, K)"),
                               (cross_entropy, "cross_entropy", "(y, scores) -> float"),
                               (hinge, "hinge", "(y, scores, delta) -> float")]:
            check_function(fn, name, what)
        self.classes, self.delta = list(classes), as_finite_float(delta, "delta")
        self.softmax, self.cross_entropy, self.hinge = softmax, cross_entropy, hinge
        self.canvas = BlitImage(figsize=(9.6, 3.4))
        self._draw()

        slider = dict(min=SCORE_RANGE[0], max=SCORE_RANGE[1], step=0.1, continuous_update=True,
                      readout_format=".1f", layout=widgets.Layout(width="300px"))
        self.score_sliders = [widgets.FloatSlider(value=float(v), description=f"s({c})", **slider)
                              for v, c in zip(scores, classes)]
        self.temperature_slider = widgets.FloatLogSlider(
            value=as_finite_float(temperature, "temperature"), base=10, min=-1, max=1, step=0.01,
            description="T", continuous_update=True, readout_format=".2f", layout=widgets.Layout(width="300px"))
        self.true_class = widgets.ToggleButtons(options=[(c, i) for i, c in enumerate(classes)],
                                                value=self._class_index(true_class), description="true class")
        self.readout = widgets.HTML(layout=widgets.Layout(height="28px"))
        for control in [*self.score_sliders, self.temperature_slider, self.true_class]:
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            widgets.HBox(self.score_sliders[:2]), widgets.HBox([self.score_sliders[2], self.temperature_slider]),
            self.true_class, self.readout, self.canvas.widget,
        ])
        self.update(scores, self.temperature_slider.value, self.true_class.value)

    def _class_index(self, true_class: int) -> int:
        if isinstance(true_class, bool) or not isinstance(true_class, (int, np.integer)) or not 0 <= true_class < 3:
            raise ValueError(f"true_class must be 0, 1 or 2 (the index of {self.classes}), got {true_class!r}")
        return int(true_class)

    def _draw(self) -> None:
        ax_scores, ax_probs, ax_loss = self.canvas.figure.subplots(1, 3, width_ratios=[1, 1, 1.1])
        x = np.arange(3)
        self._score_bars = ax_scores.bar(x, np.zeros(3), color=OTHER_COLOUR, width=0.6)
        ax_scores.axhline(0, color="black", lw=0.8)
        (self._margin,) = ax_scores.plot([-0.5, 2.5], [0, 0], "--", color=VIOLATION_COLOUR, lw=1.5,
                                         label="s_true − Δ: wrong classes above it cost hinge loss")
        ax_scores.set_ylim(SCORE_RANGE[0] - 1.5, SCORE_RANGE[1] + 1.5)
        ax_scores.set_title("scores s (hinge margin dashed)", fontsize=10)
        ax_scores.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, frameon=False)

        self._prob_bars = ax_probs.bar(x, np.zeros(3), color=OTHER_COLOUR, width=0.6)
        self._prob_texts = [ax_probs.text(i, 0, "", ha="center", va="bottom", fontsize=9) for i in x]
        ax_probs.set_ylim(0, 1.15)
        ax_probs.set_title("probabilities softmax(s / T)", fontsize=10)
        for ax in (ax_scores, ax_probs):
            ax.set_xticks(x, self.classes)

        self._loss_bars = ax_loss.barh([1, 0], [0, 0], color=["tab:purple", "tab:orange"], height=0.5)
        self._loss_texts = [ax_loss.text(0, y, "", va="center", fontsize=9) for y in (1, 0)]
        ax_loss.set_yticks([1, 0], ["cross-entropy\n−log q_true", f"hinge\n(Δ = {self.delta:g})"])
        ax_loss.set_xlim(0, LOSS_AXIS_MAX * 1.35)
        ax_loss.set_ylim(-0.6, 1.6)
        ax_loss.set_title("losses for the true class", fontsize=10)
        moving = [*self._score_bars, self._margin, *self._prob_bars, *self._prob_texts, *self._loss_bars,
                  *self._loss_texts]
        self.canvas.freeze(moving)

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure's moving layer (it changes with every event)."""
        return self.canvas.image

    def update(self, scores: Sequence[float], temperature: float, true_class: int) -> tuple[float, float]:
        """Show the scores (3,) at temperature T > 0 for the true class; returns (cross-entropy, hinge)."""
        s = as_float_array(scores, "scores")
        if s.shape != (3,):
            raise ValueError(f"scores must be three numbers (one per class), got shape {s.shape}")
        temperature = as_finite_float(temperature, "temperature")
        if temperature <= 0:
            raise ValueError(f"temperature must be > 0, got {temperature}")
        k = self._class_index(true_class)
        y = np.array([k])
        probs = np.asarray(self.softmax((s / temperature)[None, :]), dtype=float).reshape(3)
        ce = float(self.cross_entropy(y, (s / temperature)[None, :]))
        hinge = float(self.hinge(y, s[None, :], self.delta))  # the margin drawn is the margin used
        margin = s[k] - self.delta
        for i in range(3):
            violates = i != k and s[i] > margin
            colour = TRUE_COLOUR if i == k else VIOLATION_COLOUR if violates else OTHER_COLOUR
            self._score_bars[i].set_height(s[i])
            self._score_bars[i].set_color(colour)
            self._prob_bars[i].set_height(probs[i])
            self._prob_bars[i].set_color(colour if i == k else OTHER_COLOUR)
            self._prob_texts[i].set_position((i, probs[i] + 0.02))
            self._prob_texts[i].set_text(f"{probs[i]:.2f}")
        self._margin.set_ydata([margin, margin])
        for bar, text, value in zip(self._loss_bars, self._loss_texts, (ce, hinge)):
            bar.set_width(min(value, LOSS_AXIS_MAX))
            text.set_position((min(value, LOSS_AXIS_MAX) + 0.2, text.get_position()[1]))
            text.set_text(f"{value:.2f}" + (" ▶" if value > LOSS_AXIS_MAX else ""))
        shown = ", ".join(f"{c} {p:.3f}" for c, p in zip(self.classes, probs))
        self.readout.value = (f"<b>T = {temperature:.2f}, true class {self.classes[k]}: p = [{shown}] → "
                              f"cross-entropy = {ce:.4f}, hinge = {hinge:.4f}</b>")
        self.canvas.render()
        return ce, hinge

    def _on_change(self, change: dict) -> None:
        self.update([s.value for s in self.score_sliders], self.temperature_slider.value, self.true_class.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return explorer_bundle(self.widget, self.canvas, **kwargs)


def softmax_explorer(
    softmax: Callable[[np.ndarray], np.ndarray] = multiclass.softmax,
    cross_entropy: Callable[[np.ndarray, np.ndarray], float] = multiclass.cross_entropy_from_logits,
    hinge: Callable[..., float] = multiclass.hinge_loss,
    **start,  # noqa: ANN003 - scores, classes, true_class, temperature, delta
) -> SoftmaxExplorer:
    """One call for the notebook: the softmax explorer using the given (e.g. the learner's) functions."""
    return SoftmaxExplorer(softmax=softmax, cross_entropy=cross_entropy, hinge=hinge, **start)
