"""Plots for classifiers: a confusion-matrix heat map and a row of small images on one axes.

Each takes ``ax=None`` (falling back to the current axes), so they compose into subplots.
"""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage

from .validation import as_float_array


def plot_confusion_matrix(matrix: np.ndarray, labels: Sequence[str] | None = None, ax: Axes | None = None,
                          cmap: str = "Blues") -> AxesImage:
    """Heat map of a confusion matrix (K, K): rows are true classes, columns predicted ones.

    Every non-zero count is written in its cell (white on dark cells). Returns the image,
    e.g. for a colour bar.
    """
    matrix = as_float_array(matrix, "matrix", ndim=2)
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"matrix must be square (K, K), got shape {matrix.shape}")
    if np.any(matrix < 0):
        raise ValueError("matrix must hold counts (or fractions) ≥ 0")
    k = matrix.shape[0]
    labels = [str(i) for i in range(k)] if labels is None else [str(label) for label in labels]
    if len(labels) != k:
        raise ValueError(f"labels must name the {k} classes, got {len(labels)} labels")
    ax = ax if ax is not None else plt.gca()
    image = ax.imshow(matrix, cmap=cmap, vmin=0)
    whole = np.all(matrix == np.round(matrix))
    for i, j in zip(*np.nonzero(matrix)):
        ax.text(j, i, f"{matrix[i, j]:.0f}" if whole else f"{matrix[i, j]:.2f}", ha="center", va="center",
                fontsize=8, color="white" if matrix[i, j] > matrix.max() / 2 else "black")
    ax.set_xticks(range(k), labels)
    ax.set_yticks(range(k), labels)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    return image


def plot_image_row(images: np.ndarray, labels: Sequence[str] | None = None, ax: Axes | None = None,
                   cmap: str = "gray_r", vmin: float | None = None, vmax: float | None = None) -> AxesImage:
    """Small images (m, h, w) side by side on ONE axes (one imshow: fast), each labelled below.

    A one-pixel gap separates the images. ``vmin``/``vmax`` set one colour scale for all
    (default: the data's range). Returns the image, e.g. for a colour bar.
    """
    images = as_float_array(images, "images", ndim=3)
    m, h, w = images.shape
    if labels is not None and len(labels) != m:
        raise ValueError(f"labels must name the {m} images, got {len(labels)} labels")
    mosaic = np.full((h, m * (w + 1) - 1), np.nan)  # NaN gaps are drawn in the background colour
    for i, image in enumerate(images):
        mosaic[:, i * (w + 1): i * (w + 1) + w] = image
    ax = ax if ax is not None else plt.gca()
    colours = plt.get_cmap(cmap).with_extremes(bad="white")
    shown = ax.imshow(mosaic, cmap=colours, vmin=vmin, vmax=vmax)
    ax.set_xticks([i * (w + 1) + (w - 1) / 2 for i in range(m)], labels if labels is not None else [""] * m)
    ax.set_yticks([])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    return shown
