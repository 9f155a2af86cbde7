"""Loss landscapes: a loss over a grid of two parameters, along a line, and an optimizer's path across it."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .optimizers import gradient_descent
from .validation import as_float_array, check_function


def loss_grid(
    loss: Callable[[float, float], float], ws: np.ndarray, bs: np.ndarray
) -> np.ndarray:
    """Evaluate loss(w, b) for every pair; returns Z of shape (len(bs), len(ws)).

    Row i, column j holds loss(ws[j], bs[i]): the layout ``plt.contour(ws, bs, Z)``
    expects, the same as ``np.meshgrid(ws, bs)``.
    """
    ws, bs = as_float_array(ws, "ws"), as_float_array(bs, "bs")
    check_function(loss, "loss", "loss(w, b) -> float")
    return np.array([[float(loss(w, b)) for w in ws] for b in bs])


def descent_path(
    gradient: Callable[[dict], dict],
    params: dict,
    learning_rate: float,
    steps: int,
    loss: Callable[[dict], float] | None = None,
) -> tuple[dict, list[float], dict[str, np.ndarray]]:
    """``optimizers.gradient_descent`` that also records every point it visits.

    Returns (final params, loss history, path): path[key] stacks the value of
    params[key] before each update and after the last one, shape (k + 1, *shape of the
    parameter) for k updates, so a float parameter gives a path of shape (k + 1,).
    """
    check_function(gradient, "gradient", "params -> dict")
    visited: list[dict] = []

    def recording(point: dict) -> dict:
        visited.append(point)
        return gradient(point)

    final, history = gradient_descent(recording, params, learning_rate, steps, loss=loss)
    visited.append(final)
    path = {key: np.array([np.asarray(point[key], dtype=float) for point in visited]) for key in final}
    return final, history, path


def loss_along_line(
    loss: Callable[[dict], float], start: dict, end: dict, ts: np.ndarray
) -> np.ndarray:
    """loss((1 − t)·start + t·end) for every t in ts (n,): a 1-D slice through parameter space.

    start and end are parameter dicts with the same keys and shapes (t = 0 is start, t = 1 is end);
    returns shape (n,).
    """
    check_function(loss, "loss", "params -> float")
    ts = as_float_array(ts, "ts")
    for name, point in (("start", start), ("end", end)):
        if not isinstance(point, dict) or not point:
            raise TypeError(f"{name} must be a non-empty dict of parameters, got {type(point).__name__}")
    if set(start) != set(end):
        raise ValueError(f"start has keys {sorted(start)} but end has {sorted(end)}")
    a = {k: as_float_array(v, f"start[{k!r}]", ndim=None) for k, v in start.items()}
    b = {k: as_float_array(v, f"end[{k!r}]", ndim=None) for k, v in end.items()}
    for key in a:
        if a[key].shape != b[key].shape:
            raise ValueError(f"start[{key!r}] has shape {a[key].shape} but end[{key!r}] has {b[key].shape}")

    def point(t: float) -> dict:
        return {k: float(v) if v.ndim == 0 else v for k, v in ((k, (1 - t) * a[k] + t * b[k]) for k in a)}

    return np.array([float(loss(point(t))) for t in ts])
