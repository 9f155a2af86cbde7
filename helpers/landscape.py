"""Loss landscapes: a loss evaluated over a grid of two parameters."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .validation import as_float_array


def loss_grid(
    loss: Callable[[float, float], float], ws: np.ndarray, bs: np.ndarray
) -> np.ndarray:
    """Evaluate loss(w, b) for every pair; returns Z of shape (len(bs), len(ws)).

    Row i, column j holds loss(ws[j], bs[i]): the layout ``plt.contour(ws, bs, Z)``
    expects, the same as ``np.meshgrid(ws, bs)``.
    """
    ws, bs = as_float_array(ws, "ws"), as_float_array(bs, "bs")
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(w, b) -> float, got {type(loss).__name__}")
    return np.array([[float(loss(w, b)) for w in ws] for b in bs])
