"""Plots for notebook 10: layer statistics at step 0, training curves, capacity curves, a search.

Each takes ``ax=None`` (falling back to the current axes), so they compose into subplots.
"""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from .validation import as_float_array


def plot_layer_statistics(statistics: dict[str, dict[str, np.ndarray]], axes: Sequence[Axes] | None = None,
                          title: str = "", legend: bool = True) -> None:
    """Two panels for a stack of layers at step 0, one line per weight scale (the keys of ``statistics``).

    ``statistics[label]`` is ``mlp.layer_statistics(...)``: "activation_std" (L,) is drawn against the
    hidden layers 1 … L on ``axes[0]``, "gradient_norm" (L+1,) against the weight matrices 1 … L+1
    on ``axes[1]``; both on a log scale, where shrinking or growing by a factor per layer is a straight line.
    ``legend``: name the scales (in the lower left of ``axes[0]``).
    """
    if not statistics:
        raise ValueError("statistics must hold at least one scale's layer_statistics")
    if axes is None:
        axes = plt.subplots(1, 2, figsize=(10, 3.4))[1]
    for label, stats in statistics.items():
        spread = as_float_array(stats["activation_std"], f"statistics[{label!r}]['activation_std']")
        norms = as_float_array(stats["gradient_norm"], f"statistics[{label!r}]['gradient_norm']")
        axes[0].plot(np.arange(1, len(spread) + 1), np.maximum(spread, 1e-30), marker="o", label=label)
        axes[1].plot(np.arange(1, len(norms) + 1), np.maximum(norms, 1e-30), marker="o", label=label)
    for ax, what, unit in ((axes[0], "spread of the activations (std)", "hidden layer"),
                           (axes[1], "gradient norm ‖∂J/∂W‖", "weight matrix (1 = nearest the input)")):
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0e}"))  # plain text: quick to draw
        ax.minorticks_off()
        ax.set_xticks(np.arange(1, len(norms) + (0 if ax is axes[0] else 1)))
        ax.set_xlabel(unit)
        ax.set_ylabel(what)
        ax.set_title(f"{title}: {what.split(' (')[0]}" if title else what, fontsize=10)
    if legend:
        axes[0].legend(fontsize=8, loc="lower left")


def plot_training_curves(history: dict, ax: Axes | None = None, metric: str = "loss",
                         best: int | None = None, title: str = "") -> Axes:
    """Train and validation ``metric`` ("loss" or "error") of an ``mlp.train`` history against the epoch.

    ``best``, when given, marks that epoch (e.g. where the validation loss is lowest: early stopping).
    """
    if metric not in ("loss", "error"):
        raise ValueError(f"metric must be 'loss' or 'error', got {metric!r}")
    if not history.get("val_loss"):
        raise ValueError("history has no validation curve: train with X_val and y_val")
    ax = ax if ax is not None else plt.gca()
    ax.plot(history["epoch"], history[f"train_{metric}"], label=f"train {metric}", color="tab:blue", lw=2)
    ax.plot(history["epoch"], history[f"val_{metric}"], label=f"validation {metric}", color="tab:orange", lw=2,
            ls="--")
    if best is not None:
        ax.axvline(best, color="tab:gray", ls=":", label=f"lowest validation loss (epoch {best})")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy" if metric == "loss" else "error rate")
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    return ax


def plot_capacity_curve(x: Sequence[float], train_error: Sequence[float], val_error: Sequence[float],
                        ax: Axes | None = None, xlabel: str = "", title: str = "", log_x: bool = True) -> Axes:
    """Train and validation error rate (m,) against a capacity or data size x (m,): a validation
    curve (x = width, λ, ...) or a learning curve (x = number of training samples)."""
    x = as_float_array(x, "x")
    train_error, val_error = as_float_array(train_error, "train_error"), as_float_array(val_error, "val_error")
    if not len(x) == len(train_error) == len(val_error):
        raise ValueError(f"x, train_error and val_error must have the same length, got {len(x)}, "
                         f"{len(train_error)}, {len(val_error)}")
    ax = ax if ax is not None else plt.gca()
    ax.plot(x, train_error, marker="o", label="train error", color="tab:blue", lw=2)
    ax.plot(x, val_error, marker="s", label="validation error", color="tab:orange", lw=2, ls="--")
    if log_x:
        ax.set_xscale("log")
        ax.set_xticks(x, [f"{v:g}" for v in x])
        ax.minorticks_off()
    ax.set_xlabel(xlabel)
    ax.set_ylabel("error rate")
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    return ax


def plot_search(learning_rates: Sequence[float], lams: Sequence[float], val_losses: Sequence[float],
                best: int, ax: Axes | None = None) -> Axes:
    """The tried (learning rate, λ) pairs (m,) on log axes, coloured by their validation loss; ``best`` ringed."""
    learning_rates, lams = as_float_array(learning_rates, "learning_rates"), as_float_array(lams, "lams")
    val_losses = as_float_array(val_losses, "val_losses")
    if not len(learning_rates) == len(lams) == len(val_losses):
        raise ValueError("learning_rates, lams and val_losses must have the same length")
    ax = ax if ax is not None else plt.gca()
    points = ax.scatter(learning_rates, lams, c=val_losses, cmap="viridis_r", s=60, edgecolor="black", lw=0.5)
    ax.scatter(learning_rates[best], lams[best], s=260, facecolor="none", edgecolor="tab:red", lw=2,
               label="lowest validation loss")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate η")
    ax.set_ylabel("L2 strength λ")
    ax.legend(fontsize=8, loc="upper right")
    plt.colorbar(points, ax=ax, label="validation loss")
    return ax
