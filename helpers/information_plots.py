"""Plots for notebook 06's information view: distributions over positions and a divergence as Q moves.

Each takes ``ax=None`` (falling back to the current axes), so they compose into subplots.
"""

from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from .validation import as_float_array, check_same_shape

STYLES = ("-", "--", ":", "-.")


def plot_distributions(positions: np.ndarray, p: np.ndarray, qs: Mapping[str, np.ndarray], ax: Axes | None = None,
                       xlim: tuple[float, float] | None = None) -> list[Line2D]:
    """P (n,) as a grey area and each Q of ``qs`` (label → (n,)) as a line, over positions (n,).

    Returns the lines of the Qs, in the order given (line styles -, --, :, -. in turn).
    """
    positions, p = as_float_array(positions, "positions"), as_float_array(p, "p")
    check_same_shape(positions, p, "positions", "p")
    if not qs:
        raise ValueError("qs must hold at least one distribution Q (label → array of shape (n,))")
    ax = ax if ax is not None else plt.gca()
    lines = []
    for k, (label, q) in enumerate(qs.items()):
        q = as_float_array(q, f"qs[{label!r}]")
        check_same_shape(positions, q, "positions", f"qs[{label!r}]")
        (line,) = ax.plot(positions, q, STYLES[k % len(STYLES)], lw=2, label=label)
        lines.append(line)
    ax.fill_between(positions, p, color="tab:gray", alpha=0.3, label="P")
    if xlim is not None:
        ax.set_xlim(*xlim)
    ax.set_xlabel("position")
    ax.set_ylabel("probability")
    ax.legend(fontsize=8, loc="upper right")
    return lines


def plot_divergence_curve(shifts: np.ndarray, values: np.ndarray, ax: Axes | None = None, label: str = "JS(P, Q)",
                          ceiling: float | None = float(np.log(2)), ceiling_label: str = "log 2") -> Line2D:
    """A divergence (k,) against the shift of Q (k,), with a dotted line at ``ceiling`` (None: none)."""
    shifts, values = as_float_array(shifts, "shifts"), as_float_array(values, "values")
    check_same_shape(shifts, values, "shifts", "values")
    ax = ax if ax is not None else plt.gca()
    (line,) = ax.plot(shifts, values, lw=2, label=label)
    if ceiling is not None:
        ax.axhline(ceiling, color="black", ls=":", lw=1, label=ceiling_label)
    ax.set_ylim(0, max(1.0, 1.1 * float(np.max(values))))
    ax.set_xlabel("shift of Q")
    ax.set_ylabel("divergence (nats)")
    ax.legend(fontsize=8, loc="lower right")
    return line
