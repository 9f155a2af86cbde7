"""Notebook 09: race an optimizer across a landscape of two parameters (valley, saddle, bumpy bowl)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..optimizer_race import LANDSCAPES, Landscape, landscape, race, steps_to_floor
from ..plots import plot_loss_contour
from ..update_rules import DEFAULTS, Optimizer
from ..validation import as_finite_float, check_positive_int
from .base import BlitImage, explorer_bundle

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
STEPS = 100


def make_optimizer(name: str, learning_rate: float, beta: float) -> Optimizer:
    """The optimizer ``name`` with this learning rate; β is momentum's β, RMSProp's decay or Adam's β₁."""
    if name not in OPTIMIZERS:
        raise ValueError(f"name must be one of {OPTIMIZERS}, got {name!r}")
    if name == "sgd":
        return Optimizer("sgd", learning_rate=learning_rate)
    key = "beta1" if name == "adam" else "beta"
    return Optimizer(name, learning_rate=learning_rate, **{key: beta})


class OptimizerExplorer:
    """Landscape, optimizer, learning rate, β and batch size: the path of ``STEPS`` steps on the contours.

    Each landscape's contours are rendered once (on choosing it); a slider event reruns the
    race (about 100 small gradient evaluations) and blits only the two paths and the start marker.
    ``update(...)`` does the same from code and returns the path (STEPS + 1, 2).
    """

    def __init__(self, landscape_name: str = "valley", optimizer: str = "momentum", learning_rate: float = 0.01,
                 beta: float = 0.9, batch_size: int = 0) -> None:
        self.canvas = BlitImage(figsize=(7.2, 5.0))
        self.ax = self.canvas.figure.subplots()
        self.landscape_menu = widgets.Dropdown(options=LANDSCAPES, value=landscape_name, description="landscape",
                                               layout=widgets.Layout(width="220px"))
        self.optimizer_menu = widgets.Dropdown(options=OPTIMIZERS, value=optimizer, description="optimizer",
                                               layout=widgets.Layout(width="220px"))
        self.rate_slider = widgets.FloatLogSlider(value=learning_rate, base=10, min=-4, max=0.5, step=0.05,
                                                  description="η", readout_format=".4f",
                                                  layout=widgets.Layout(width="360px"))
        self.beta_slider = widgets.FloatSlider(value=beta, min=0.0, max=0.99, step=0.01, description="β",
                                               layout=widgets.Layout(width="360px"))
        self.batch_slider = widgets.IntSlider(value=batch_size, min=0, max=200, step=1,
                                              description="batch (0: all)", style={"description_width": "90px"},
                                              layout=widgets.Layout(width="360px"))
        self.readout = widgets.HTML(layout=widgets.Layout(height="44px"))
        self.land: Landscape | None = None
        self._plain_key: tuple | None = None
        self._plain = np.empty((0, 2))
        self._draw_landscape(landscape_name)
        for control in (self.optimizer_menu, self.rate_slider, self.beta_slider, self.batch_slider):
            control.observe(lambda change: self._on_change(), names="value")
        self.landscape_menu.observe(lambda change: self._on_landscape(change["new"]), names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.landscape_menu, self.optimizer_menu]),
            widgets.HBox([self.rate_slider, self.beta_slider]), self.batch_slider, self.readout, self.canvas.widget])
        self._syncing = False
        self.update(landscape_name, optimizer, learning_rate, beta, batch_size)

    def _draw_landscape(self, name: str) -> None:
        """Draw the contours of ``name`` once and freeze them as the background."""
        self.land = landscape(name)
        ax = self.ax
        ax.clear()
        w1s, w2s = np.linspace(*self.land.x_range, 101), np.linspace(*self.land.y_range, 81)
        grid = self.land.loss(np.stack(np.meshgrid(w1s, w2s), axis=-1))
        plot_loss_contour(w1s, w2s, grid, ax=ax, levels=20)
        (self._reference,) = ax.plot([], [], "-", color="0.6", lw=1.2, label="gradient descent, same η")
        (self._path,) = ax.plot([], [], ".-", color="tab:red", lw=1.5, ms=3, label="chosen optimizer")
        (self._end,) = ax.plot([], [], "o", mfc="none", mec="tab:red", mew=2, ms=10)
        ax.set_xlim(*self.land.x_range)
        ax.set_ylim(*self.land.y_range)
        ax.set_xlabel(self.land.labels[0])
        ax.set_ylabel(self.land.labels[1])
        ax.set_title(f"{self.land.name}: {STEPS} steps from the same start")
        ax.legend(loc="upper right", fontsize=8)
        self.canvas.freeze([self._reference, self._path, self._end])

    @property
    def image(self) -> widgets.Image:
        """The Image widget showing the figure's moving layer (it changes with every event)."""
        return self.canvas.image

    def update(self, landscape_name: str, optimizer: str, learning_rate: float, beta: float,
               batch_size: int = 0, seed: int = 0) -> np.ndarray:
        """Race ``optimizer`` on ``landscape_name`` and redraw; batch_size 0 means all samples. Returns the path."""
        if landscape_name not in LANDSCAPES:
            raise ValueError(f"landscape_name must be one of {LANDSCAPES}, got {landscape_name!r}")
        learning_rate = as_finite_float(learning_rate, "learning_rate")
        if learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
        if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 0:
            raise ValueError(f"batch_size must be a whole number ≥ 0 (0: all samples), got {batch_size!r}")
        if self.land is None or self.land.name != landscape_name:
            self._draw_landscape(landscape_name)
        land = self.land
        batch = None if batch_size == 0 else check_positive_int(int(batch_size), "batch_size")
        path = race(land, make_optimizer(optimizer, learning_rate, beta), STEPS, batch_size=batch, seed=seed)
        key = (land.name, learning_rate, batch, seed)
        if self._plain_key != key:  # β or the optimizer changed: plain gradient descent's path stays the same
            self._plain_key, self._plain = key, race(land, Optimizer("sgd", learning_rate=learning_rate), STEPS,
                                                     batch_size=batch, seed=seed)
        plain = self._plain
        self._path.set_data(path[:, 0], path[:, 1])
        self._reference.set_data(plain[:, 0], plain[:, 1])
        finite = path[np.all(np.isfinite(path), axis=1)]
        self._end.set_data(finite[-1:, 0], finite[-1:, 1])
        self.readout.value = self._describe(land, path, plain, optimizer)
        self.canvas.render()
        self._syncing = True
        try:
            self.landscape_menu.value, self.optimizer_menu.value = landscape_name, optimizer
            self.rate_slider.value, self.beta_slider.value, self.batch_slider.value = learning_rate, beta, batch_size
        finally:
            self._syncing = False
        return path

    @staticmethod
    def _describe(land: Landscape, path: np.ndarray, plain: np.ndarray, optimizer: str) -> str:
        if not np.all(np.isfinite(path)):
            return f"<b>{optimizer}: diverged</b> (the path left the picture): try a smaller η"
        gap = float(land.loss(path[-1]) - land.floor)
        reached, reached_plain = steps_to_floor(land, path), steps_to_floor(land, plain)
        floor = f"within 0.001 of the lowest loss after {reached} steps" if reached else "not within 0.001 of the lowest loss"
        other = f"{reached_plain} steps" if reached_plain else "not within 100 steps"
        return (f"<b>{optimizer}: loss − lowest = {gap:.4f} after {STEPS} steps</b>, {floor}<br>"
                f"gradient descent with the same η: {other}")

    def _on_change(self) -> None:
        if not self._syncing:
            self.update(self.landscape_menu.value, self.optimizer_menu.value, self.rate_slider.value,
                        self.beta_slider.value, self.batch_slider.value)

    def _on_landscape(self, name: str) -> None:
        if self._syncing:
            return
        suggested = {"valley": 0.01, "saddle": 0.05, "bumpy bowl": 0.1}[name]
        self.update(name, self.optimizer_menu.value, suggested, self.beta_slider.value, self.batch_slider.value)

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython display protocol
        return explorer_bundle(self.widget, self.canvas, **kwargs)


def optimizer_explorer(landscape_name: str = "valley", optimizer: str = "momentum",
                       learning_rate: float = 0.01, beta: float = 0.9) -> OptimizerExplorer:
    """One call for the notebook: the optimizer race explorer."""
    return OptimizerExplorer(landscape_name, optimizer, learning_rate, beta)


