"""Notebook 07: a playground in the spirit of the TensorFlow Playground, all NumPy in the kernel.

Left: the network's P(y = 1) over the plane as a heat map (one vectorised forward pass
over a grid), with the training points (filled) and test points (hollow). Right: train
and test loss against the step. Controls: the data shape, hidden units, tanh or ReLU,
the learning rate; ▶ play/pause (an ipywidgets Play widget: the browser asks for one
frame at a time, so the page never freezes), a train button for a burst of frames, and
reset. A frame computes everything first and only then moves the artists and swaps one
complete PNG into the image, so an error can never leave a half-drawn figure.
"""

from __future__ import annotations

import html
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ..playground import EXTENT, SHAPES, Playground
from .base import BlitImage, explorer_bundle

LEARNING_RATES = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
LOSS_TOP = 1.2
CLASS_COLOURS = np.array(["tab:blue", "tab:orange"])
BLUE_WHITE_ORANGE = LinearSegmentedColormap.from_list("blue_white_orange", ["tab:blue", "white", "tab:orange"])  # the loss axis is fixed so that the background never has to be redrawn


class PlaygroundExplorer:
    """Train a 2 → hidden → 1 network on a 2-D shape and watch its decision boundary move.

    ``frame()`` runs ``steps_per_frame`` gradient-descent steps and redraws; ``train_button``
    runs ``frames_per_click`` frames; ``reset()`` starts again from new random weights.
    """

    def __init__(self, shape: str = "moons", hidden: int = 4, activation: str = "tanh",
                 learning_rate: float = 1.0, steps_per_frame: int = 25, frames_per_click: int = 8,
                 resolution: int = 60, seed: int = 0) -> None:
        if learning_rate not in LEARNING_RATES:
            raise ValueError(f"learning_rate must be one of {LEARNING_RATES}, got {learning_rate!r}")
        self.playground = Playground(shape, hidden, activation, learning_rate, seed=seed, resolution=resolution)
        self.steps_per_frame, self.frames_per_click = steps_per_frame, frames_per_click
        self.canvas = BlitImage(figsize=(9.6, 4.2))
        self._draw()

        self.shape = widgets.Dropdown(options=SHAPES, value=shape, description="data",
                                      layout=widgets.Layout(width="180px"))
        self.hidden = widgets.IntSlider(value=hidden, min=1, max=8, description="hidden units",
                                        style={"description_width": "initial"}, layout=widgets.Layout(width="260px"))
        self.activation = widgets.ToggleButtons(options=["tanh", "relu"], value=activation,
                                                style={"button_width": "60px"})
        self.learning_rate = widgets.SelectionSlider(options=LEARNING_RATES, value=learning_rate,
                                                     description="learning rate", style={"description_width": "initial"},
                                                     layout=widgets.Layout(width="300px"))
        self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=120, show_repeat=False,
                                 description="play / pause", layout=widgets.Layout(width="110px"))
        self.train_button = widgets.Button(description=f"train {steps_per_frame * frames_per_click} steps",
                                           icon="forward", button_style="primary")
        self.reset_button = widgets.Button(description="reset", icon="refresh")
        self.readout = widgets.HTML(layout=widgets.Layout(height="28px"))

        self.shape.observe(self._on_shape, names="value")
        for control in (self.hidden, self.activation):
            control.observe(lambda change: self.reset(), names="value")
        self.learning_rate.observe(self._on_learning_rate, names="value")  # like the original: no reset
        self.play.observe(self._on_tick, names="value")
        self._last_frame = 0.0
        self.train_button.on_click(lambda button: self.train_burst())
        self.reset_button.on_click(lambda button: self.reset())
        self.widget = widgets.VBox([
            widgets.HBox([self.shape, self.hidden, self.activation]),
            widgets.HBox([self.learning_rate, self.play, self.train_button, self.reset_button]),
            self.readout, self.canvas.widget])
        self.redraw()

    def _draw(self) -> None:
        ax_map, ax_loss = self.canvas.figure.subplots(1, 2, width_ratios=(1, 1.15))
        self.ax_map, self.ax_loss = ax_map, ax_loss
        pg = self.playground
        self._heat = ax_map.imshow(pg.probabilities(), origin="lower", extent=(-EXTENT, EXTENT, -EXTENT, EXTENT),
                                   cmap=BLUE_WHITE_ORANGE, vmin=0, vmax=1, alpha=0.6, interpolation="bilinear")
        self._train_points = ax_map.scatter(pg.X_train[:, 0], pg.X_train[:, 1], s=16, ec="black", lw=0.4,
                                            c=CLASS_COLOURS[pg.y_train.astype(int)], label="train (filled)")
        self._test_points = ax_map.scatter(pg.X_test[:, 0], pg.X_test[:, 1], s=16, fc="none", lw=1.2,
                                           ec=CLASS_COLOURS[pg.y_test.astype(int)], label="test (hollow)")
        ax_map.set_xlim(-EXTENT, EXTENT)
        ax_map.set_ylim(-EXTENT, EXTENT)
        ax_map.set_aspect("equal")
        ax_map.set_title("P(orange) over the plane; train filled, test hollow", fontsize=10)
        self.canvas.figure.colorbar(self._heat, ax=ax_map, shrink=0.8, label="P(y = 1)")
        (self._train_line,) = ax_loss.plot([], [], color="tab:blue", lw=2, label="train loss")
        (self._test_line,) = ax_loss.plot([], [], color="tab:red", lw=2, ls="--", label="test loss")
        ax_loss.set_ylim(0, LOSS_TOP)
        ax_loss.set_xlabel("gradient-descent step")
        ax_loss.set_ylabel("binary cross-entropy")
        ax_loss.set_title("Loss while training", fontsize=10)
        ax_loss.legend(loc="upper right", fontsize=8)
        ax_loss.grid(alpha=0.3)
        self._set_step_axis(1000)

    def _set_step_axis(self, right: int) -> None:
        """Widen the step axis (a full redraw of the background, needed rarely: the axis doubles)."""
        self._right = right
        self.ax_loss.set_xlim(0, right)
        # the points are drawn over the heat map, so they move with it (they change with the data shape too)
        self.canvas.freeze([self._heat, self._train_points, self._test_points, self._train_line, self._test_line])

    def _move_points(self) -> None:
        pg = self.playground
        self._train_points.set_offsets(pg.X_train)
        self._train_points.set_facecolors(CLASS_COLOURS[pg.y_train.astype(int)])
        self._test_points.set_offsets(pg.X_test)
        self._test_points.set_edgecolors(CLASS_COLOURS[pg.y_test.astype(int)])

    def redraw(self) -> None:
        """Show the current state: heat map, loss curves, readout; one complete PNG."""
        pg = self.playground
        probabilities = pg.probabilities()       # computed before any artist moves
        steps, train, test = (np.array(column) for column in zip(*pg.history))
        accuracy = pg.test_accuracy()
        if steps[-1] > self._right:
            self._set_step_axis(int(2 ** np.ceil(np.log2(steps[-1]))))
        self._heat.set_data(probabilities)
        self._train_line.set_data(steps, np.minimum(train, LOSS_TOP))
        self._test_line.set_data(steps, np.minimum(test, LOSS_TOP))
        self.canvas.render()
        self.readout.value = (f"<b>step {pg.step}</b> · train loss <b>{train[-1]:.4f}</b> · "
                              f"test loss <b>{test[-1]:.4f}</b> · test accuracy <b>{accuracy:.0%}</b> "
                              f"· {pg.hidden} hidden units, {pg.activation}, η = {pg.learning_rate:g}")

    def frame(self) -> bool:
        """Train ``steps_per_frame`` steps and redraw; on an error stop playing, say why, keep the last picture."""
        try:
            self.playground.train(self.steps_per_frame)
            self.redraw()
            return True
        except Exception as error:  # shown in the readout: a widget callback has nowhere else to report
            self.play.playing = False
            hint = " Lower the learning rate and press reset." if isinstance(error, FloatingPointError) else ""
            self.readout.value = (f'<b style="color:firebrick">Stopped at step {self.playground.step}: '
                                  f"{html.escape(str(error))}.{hint}</b>")
            return False

    def _on_tick(self, change: dict) -> None:
        """One Play tick. Ticks that queued up while a frame was drawn (a slow machine) or that arrive
        after a pause are dropped cheaply, so the kernel never lags behind the page."""
        if not self.play.playing or time.monotonic() - self._last_frame < self.play.interval / 4000:
            return
        self.frame()
        self._last_frame = time.monotonic()

    def train_burst(self) -> None:
        """``frames_per_click`` frames, each one redrawn as it comes."""
        for _ in range(self.frames_per_click):
            if not self.frame():
                break

    def reset(self) -> None:
        """New starting weights with the chosen width and activation; the loss history starts again."""
        self.play.playing = False
        self.playground.reset(hidden=self.hidden.value, activation=self.activation.value)
        self._set_step_axis(1000)
        self.redraw()

    def _on_shape(self, change: dict) -> None:
        self.play.playing = False
        self.playground.set_shape(change["new"])
        self.playground.reset(hidden=self.hidden.value, activation=self.activation.value)
        self._move_points()
        self._set_step_axis(1000)
        self.redraw()

    def _on_learning_rate(self, change: dict) -> None:
        self.playground.learning_rate = change["new"]
        self.redraw()

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure's moving layer (it changes with every event)."""
        return self.canvas.image

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return explorer_bundle(self.widget, self.canvas, **kwargs)


def playground_explorer(**options: object) -> PlaygroundExplorer:
    """A ``PlaygroundExplorer`` (see its options); display it by leaving it last in a cell."""
    return PlaygroundExplorer(**options)
