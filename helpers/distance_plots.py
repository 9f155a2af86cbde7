"""Plots for notebook 08's distances: Minkowski "unit circles" and Mahalanobis rings around a cloud.

Each plot takes ``ax=None`` (falling back to the current axes), so they compose into subplots.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.contour import QuadContourSet

from . import distances
from .validation import as_float_array, check_positive_int

COLOURS = ("tab:green", "tab:blue", "tab:orange", "tab:red", "tab:purple", "tab:brown")


def unit_circle(p: float, n_points: int = 721) -> np.ndarray:
    """The points (n_points, 2) at Minkowski distance 1 from the origin, p ≥ 1 or np.inf, once around."""
    p = float(p)
    if not p >= 1:
        raise ValueError(f"p must be ≥ 1 (or np.inf), got {p}")
    angles = np.linspace(0, 2 * np.pi, check_positive_int(n_points, "n_points"))
    directions = np.column_stack([np.cos(angles), np.sin(angles)])                  # (n_points, 2), length 1
    sizes = np.max(np.abs(directions), axis=1) if p == np.inf else np.sum(np.abs(directions) ** p, axis=1) ** (1 / p)
    return directions / sizes[:, None]                                               # scaled to distance 1


def plot_unit_circles(ps: Sequence[float] = (1, 2, 4, np.inf), ax: Axes | None = None) -> list:
    """The unit circle of each Minkowski p in ``ps``, equal axis scales; returns the lines."""
    if len(ps) == 0:
        raise ValueError("ps must name at least one p")
    ax = ax if ax is not None else plt.gca()
    lines = []
    for k, p in enumerate(ps):
        ring = unit_circle(p)
        (line,) = ax.plot(ring[:, 0], ring[:, 1], color=COLOURS[k % len(COLOURS)], lw=2,
                          label="p = ∞ (max)" if p == np.inf else f"p = {p:g}")
        lines.append(line)
    ax.set_aspect("equal")
    ax.set_xticks([-1, 0, 1])
    ax.set_yticks([-1, 0, 1])
    ax.set_title("Minkowski: all points at distance 1 from 0")
    ax.legend(loc="center", fontsize=8)
    return lines


def plot_mahalanobis_rings(cloud: np.ndarray, centre: np.ndarray, cov: np.ndarray, points: Mapping[str, np.ndarray],
                           ax: Axes | None = None, levels: Sequence[float] = (1, 2, 3),
                           extent: tuple[float, float, float, float] = (-6, 6, -4, 4)) -> QuadContourSet:
    """A cloud (n, 2), the rings of Mahalanobis distance ``levels`` around centre (2,) under cov (2, 2),
    and each of ``points`` (label → (2,)) with its Euclidean and Mahalanobis distance in the legend.

    ``extent`` is (x_min, x_max, y_min, y_max). Returns the rings' contour set.
    """
    cloud, centre = as_float_array(cloud, "cloud", ndim=2), as_float_array(centre, "centre")
    cov = as_float_array(cov, "cov", ndim=2)
    if cloud.shape[1] != 2 or centre.shape != (2,) or cov.shape != (2, 2):
        raise ValueError(f"cloud must be (n, 2), centre (2,) and cov (2, 2); got {cloud.shape}, {centre.shape}, "
                         f"{cov.shape}")
    ax = ax if ax is not None else plt.gca()
    ax.scatter(cloud[:, 0], cloud[:, 1], s=5, color="tab:gray", alpha=0.5)
    x_min, x_max, y_min, y_max = extent
    G1, G2 = np.meshgrid(np.linspace(x_min, x_max, 241), np.linspace(y_min, y_max, 161))
    offsets = np.stack([G1 - centre[0], G2 - centre[1]], axis=-1)                    # (161, 241, 2)
    squared = np.einsum("...i,ij,...j->...", offsets, np.linalg.inv(cov), offsets)  # (u − c)ᵀ Σ⁻¹ (u − c)
    rings = ax.contour(G1, G2, np.sqrt(squared), levels=list(levels), colors="tab:purple", linewidths=1.5)
    ax.clabel(rings, fmt="%g", fontsize=9)
    for (name, point), marker in zip(points.items(), ["o", "s", "^", "D"]):
        point = as_float_array(point, f"points[{name!r}]")
        ax.plot(*point, marker, color="black", ms=8, label=f"{name}: Euclidean {distances.euclidean(point, centre):.2f}, "
                f"Mahalanobis {distances.mahalanobis(point, centre, cov):.2f}")
    ax.plot(*centre, "+", color="black", ms=12, mew=2, label="centre of the cloud")
    ax.set_aspect("equal")
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_title(f"Mahalanobis distance {', '.join(f'{level:g}' for level in levels)} from the centre")
    ax.legend(loc="lower right", fontsize=8)
    return rings
