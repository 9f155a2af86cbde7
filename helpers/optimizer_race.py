"""Landscapes of two parameters to race optimizers on (notebook 09), and the race itself.

Every landscape is a mean over n samples, J(w) = (1/n) Σᵢ Jᵢ(w) for w = (w₁, w₂), so that a
mini-batch of samples gives a stochastic gradient:

- "valley": notebook 05's logistic regression on the raw radius and texture, b fixed at its
  best value: a long, narrow, diagonal valley (condition number about 70);
- "saddle": ½w₁² − ½w₂² + ¼w₂⁴, a saddle at (0, 0) between two minima at (0, ±1);
- "bumpy bowl": a wide bowl with two wells, a shallow local one and a deeper global one.
For the last two each sample adds a fixed tilt ξᵢ·w (the ξᵢ average exactly 0), so the
mean is the formula above and a batch's gradient is noisy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

from . import data
from .batches import batch_indices
from .update_rules import Optimizer
from .validation import check_count, check_positive_int

LANDSCAPES = ("valley", "saddle", "bumpy bowl")


@dataclass(frozen=True)
class Landscape:
    """A loss over w = (w₁, w₂) that is a mean over ``n`` samples.

    loss(W (..., 2)) -> (...): the full loss at many points at once;
    gradient(w (2,), rows (b,) of sample indices) -> (2,): the mean gradient of those samples.
    """

    name: str
    loss: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]
    n: int
    start: tuple[float, float]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    minimum: tuple[float, float]
    labels: tuple[str, str] = ("w1", "w2")

    @property
    def floor(self) -> float:
        """The lowest loss (at ``minimum``)."""
        return float(self.loss(np.array(self.minimum)))

    def full_gradient(self, w: np.ndarray) -> np.ndarray:
        """The gradient over every sample, shape (2,)."""
        return self.gradient(np.asarray(w, dtype=float), np.arange(self.n))


@lru_cache(maxsize=1)
def valley() -> Landscape:
    """Notebook 05's raw valley: mean BCE of σ(w₁·radius + w₂·texture + b*) over 569 masses, b* fixed."""
    frame = data.load_data("breast_cancer")
    X = frame[["mean_radius", "mean_texture"]].to_numpy()   # (569, 2)
    y = frame["malignant"].to_numpy(float)                   # (569,)

    def loss_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = X @ theta[:2] + theta[2]
        p = expit(z)
        return float(np.mean(np.logaddexp(0, z) - y * z)), np.append(X.T @ (p - y), np.sum(p - y)) / len(y)

    best = minimize(loss_and_gradient, np.zeros(3), jac=True, method="L-BFGS-B",
                    options={"gtol": 1e-10, "ftol": 1e-15, "maxiter": 10_000}).x
    w_best, b = best[:2], float(best[2])

    def loss(W: np.ndarray) -> np.ndarray:
        Z = np.asarray(W, dtype=float) @ X.T + b                # (..., 569)
        return np.mean(np.logaddexp(0, Z) - y * Z, axis=-1)

    def gradient(w: np.ndarray, rows: np.ndarray) -> np.ndarray:
        Xb = X[rows]
        return Xb.T @ (expit(Xb @ w + b) - y[rows]) / len(rows)

    return Landscape("valley", loss, gradient, len(y), (-0.2, 1.2), (-0.5, 2.5), (-1.0, 1.5),
                     (float(w_best[0]), float(w_best[1])), ("w1 (mean radius)", "w2 (mean texture)"))


def _tilts(n: int, scale: float, seed: int) -> np.ndarray:
    """n fixed per-sample tilts ξᵢ (n, 2) with mean exactly 0."""
    tilts = np.random.default_rng(seed).normal(0.0, scale, (n, 2))
    return tilts - tilts.mean(axis=0)


@lru_cache(maxsize=1)
def saddle() -> Landscape:
    """½w₁² − ½w₂² + ¼w₂⁴: a saddle at (0, 0), minima at (0, ±1) with loss −¼; 200 noisy samples."""
    tilts = _tilts(200, 1.0, seed=9)

    def loss(W: np.ndarray) -> np.ndarray:
        W = np.asarray(W, dtype=float)
        return 0.5 * W[..., 0] ** 2 - 0.5 * W[..., 1] ** 2 + 0.25 * W[..., 1] ** 4

    def gradient(w: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return np.array([w[0], -w[1] + w[1] ** 3]) + tilts[rows].mean(axis=0)

    return Landscape("saddle", loss, gradient, len(tilts), (-2.5, 0.01), (-3.0, 3.0), (-1.8, 1.8), (0.0, 1.0))


WELLS = ((np.array([1.5, 1.0]), 2.0, 1.2), (np.array([-1.8, -1.2]), 1.4, 0.8))
"""(centre, depth, width) of the bumpy bowl's two wells: the deep one is the global minimum."""


@lru_cache(maxsize=1)
def bumpy_bowl() -> Landscape:
    """0.08·|w|² minus two Gaussian wells (``WELLS``): a local and a global minimum; 200 noisy samples."""
    tilts = _tilts(200, 1.0, seed=10)

    def loss(W: np.ndarray) -> np.ndarray:
        W = np.asarray(W, dtype=float)
        total = 0.08 * np.sum(W**2, axis=-1)
        for centre, depth, width in WELLS:
            total = total - depth * np.exp(-np.sum((W - centre) ** 2, axis=-1) / width)
        return total

    def gradient(w: np.ndarray, rows: np.ndarray) -> np.ndarray:
        grad = 0.16 * w
        for centre, depth, width in WELLS:
            grad = grad + depth * np.exp(-np.sum((w - centre) ** 2) / width) * 2 * (w - centre) / width
        return grad + tilts[rows].mean(axis=0)

    found = minimize(lambda w: float(loss(w)), WELLS[0][0], method="Nelder-Mead",
                     options={"xatol": 1e-10, "fatol": 1e-14}).x
    return Landscape("bumpy bowl", loss, gradient, len(tilts), (-3.2, -2.8), (-3.5, 3.5), (-3.0, 3.0),
                     (float(found[0]), float(found[1])))


def landscape(name: str) -> Landscape:
    """One of ``LANDSCAPES`` by name."""
    makers = {"valley": valley, "saddle": saddle, "bumpy bowl": bumpy_bowl}
    if name not in makers:
        raise ValueError(f"name must be one of {LANDSCAPES}, got {name!r}")
    return makers[name]()


def race(land: Landscape, optimizer: Optimizer, steps: int, batch_size: int | None = None,
         seed: int = 0) -> np.ndarray:
    """The path (steps + 1, 2) of ``optimizer`` on ``land`` from its start; batch_size None: full batch.

    A path that leaves the finite numbers stops there (the rest is NaN).
    """
    steps = check_positive_int(steps, "steps")
    batch_size = land.n if batch_size is None else min(check_positive_int(batch_size, "batch_size"), land.n)
    rng = np.random.default_rng(check_count(seed, "seed"))
    path = np.full((steps + 1, 2), np.nan)
    params = {"w": np.array(land.start, dtype=float)}
    path[0] = params["w"]
    batches = iter(())
    with np.errstate(all="ignore"):
        for step in range(1, steps + 1):
            rows = next(batches, None)
            if rows is None:
                batches = batch_indices(land.n, batch_size, rng)
                rows = next(batches)
            grad = land.gradient(params["w"], rows)
            if not np.all(np.isfinite(grad)) or np.max(np.abs(params["w"])) > 1e6:
                break
            params = optimizer.step(params, {"w": grad})
            path[step] = params["w"]
    return path


def steps_to_floor(land: Landscape, path: np.ndarray, tolerance: float = 1e-3) -> int | None:
    """The first step at which the loss is within ``tolerance`` of the floor, or None if never."""
    gaps = land.loss(path) - land.floor
    reached = np.flatnonzero(np.isfinite(gaps) & (gaps < tolerance))
    return int(reached[0]) if reached.size else None
