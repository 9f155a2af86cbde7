"""Regression losses per residual (squared, absolute, Huber, Cauchy), their derivatives, and line fits under them.

Two kinds of function, named so that you can tell them apart:

- **per residual** (one value per residual, same shape as ``a``): ``squared``, ``absolute``,
  ``huber_per_residual`` and ``cauchy_per_residual`` (the loss ρ(a) of each residual a = ŷ − y),
  and their derivatives ``*_derivative``. ``huber_loss`` and ``cauchy_loss`` are the same
  per-residual functions under their older names (notebook 08's exercise is called ``huber_loss``).
- **mean over the samples** (one float, arguments ``(y, y_hat)`` like ``losses.mse``): ``mae``,
  ``huber``; for a line, ``line_cost(x, y, params, ρ)`` and its gradient ``line_gradient``.

Every ``*_loss`` in ``losses`` and ``multiclass`` (``hinge_loss``, ``cross_entropy_from_logits``, ...)
is a mean too; only the two older names here are per residual. Conventions: the squared loss is
a² (so its mean is the MSE of notebook 01, with no ½), while Huber's quadratic part is ½a² (so
that its slope is a, and continuous at ±δ).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .validation import as_finite_float, as_float_array, check_function, check_positive_int, check_same_shape

Pointwise = Callable[[np.ndarray], np.ndarray]


def _residuals(a: np.ndarray, name: str = "a") -> np.ndarray:
    return as_float_array(a, name, ndim=None)


def _positive(value: float, name: str) -> float:
    value = as_finite_float(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def squared(a: np.ndarray) -> np.ndarray:
    """Squared loss a² of each residual a (any shape); its mean is the MSE."""
    a = _residuals(a)
    return a**2


def squared_derivative(a: np.ndarray) -> np.ndarray:
    """Derivative 2a of the squared loss, same shape as a."""
    a = _residuals(a)
    return 2 * a


def absolute(a: np.ndarray) -> np.ndarray:
    """Absolute loss |a| of each residual a (any shape); its mean is the MAE."""
    a = _residuals(a)
    return np.abs(a)


def absolute_derivative(a: np.ndarray) -> np.ndarray:
    """Derivative sign(a) of |a| (a subgradient: 0 at a = 0, where |a| has a kink), same shape as a."""
    a = _residuals(a)
    return np.sign(a)


def huber_per_residual(a: np.ndarray, delta: float) -> np.ndarray:
    """Huber loss of each residual a (any shape; same shape out): ½a² where |a| ≤ δ, δ(|a| − ½δ) beyond.

    Quadratic near 0, linear in the tails; the two pieces meet at |a| = δ with the same value
    ½δ² and the same slope ±δ. A larger δ makes it the quadratic (MSE-like) loss over a wider
    range; a smaller δ makes it closer to δ·|a|, a scaled absolute loss.
    """
    a = _residuals(a)
    delta = _positive(delta, "delta")
    inner = np.minimum(np.abs(a), delta)   # |a| inside ±δ, δ beyond: ½a² and δ(|a| − ½δ) in one formula
    return inner * (np.abs(a) - 0.5 * inner)   # never squares a large |a|


huber_loss = huber_per_residual  # the older name, kept: notebook 08's exercise and the checks use it


def huber_derivative(a: np.ndarray, delta: float) -> np.ndarray:
    """Derivative of the Huber loss: a where |a| ≤ δ, δ·sign(a) beyond (that is, a clipped to [−δ, δ])."""
    a = _residuals(a)
    delta = _positive(delta, "delta")
    return np.clip(a, -delta, delta)


def cauchy_per_residual(a: np.ndarray, c: float) -> np.ndarray:
    """Cauchy (Lorentzian) loss ½c²·log(1 + (a/c)²) of each residual a (same shape out): ≈ ½a² near 0, grows only like log |a|.

    Not convex in a (it bends down beyond |a| = c), so a cost built from it can have several minima.
    """
    a = _residuals(a)
    c = _positive(c, "c")
    size = np.abs(a)
    with np.errstate(divide="ignore"):      # log 0 where a = 0 lands in the branch np.where drops
        far = 2 * (np.log(size) - np.log(c)) + np.log1p((c / np.maximum(size, c)) ** 2)  # log(1 + (a/c)²), |a| > c
    near = np.log1p((np.minimum(size, c) / c) ** 2)
    return 0.5 * c**2 * np.where(size > c, far, near)


cauchy_loss = cauchy_per_residual  # the older name, kept


def cauchy_derivative(a: np.ndarray, c: float) -> np.ndarray:
    """Derivative a / (1 + (a/c)²) of the Cauchy loss: it falls back towards 0 for large |a|."""
    a = _residuals(a)
    c = _positive(c, "c")
    size = np.abs(a)
    ratio = np.where(size > c, c / np.maximum(size, c), size / c)   # (a/c or c/a) ≤ 1: nothing overflows
    return np.sign(a) * c * ratio / (1 + ratio**2)                  # = a / (1 + (a/c)²) either way


def mae(y: np.ndarray, y_hat: np.ndarray) -> float:
    """Mean absolute error (1/n) Σ |y_i − ŷ_i| of predictions y_hat (n,) against targets y (n,)."""
    y, y_hat = as_float_array(y, "y"), as_float_array(y_hat, "y_hat")
    check_same_shape(y, y_hat, "y", "y_hat")
    return float(np.mean(np.abs(y_hat - y)))


def huber(y: np.ndarray, y_hat: np.ndarray, delta: float = 1.0) -> float:
    """Mean Huber loss of predictions y_hat (n,) against targets y (n,), threshold ``delta``."""
    y, y_hat = as_float_array(y, "y"), as_float_array(y_hat, "y_hat")
    check_same_shape(y, y_hat, "y", "y_hat")
    return float(np.mean(huber_per_residual(y_hat - y, delta)))


def _line_data(x: np.ndarray, y: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray, float, float]:
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    if not isinstance(params, dict) or set(params) != {"w", "b"}:
        raise ValueError(f"params must be a dict with keys ['b', 'w'], got "
                         f"{sorted(params) if isinstance(params, dict) else type(params).__name__}")
    return x, y, as_finite_float(params["w"], "params['w']"), as_finite_float(params["b"], "params['b']")


def line_cost(x: np.ndarray, y: np.ndarray, params: dict, loss: Pointwise) -> float:
    """Cost (1/n) Σ ρ(ŷ_i − y_i) of the line ŷ = w·x + b on data x (n,), y (n,) under a per-residual loss ρ."""
    check_function(loss, "loss", "of the residuals a -> ρ(a), same shape")
    x, y, w, b = _line_data(x, y, params)
    return float(np.mean(loss(w * x + b - y)))


def line_gradient(x: np.ndarray, y: np.ndarray, params: dict, derivative: Pointwise) -> dict[str, float]:
    """Gradient {"w", "b"} of ``line_cost``: ∂/∂w = mean(ρ'(ŷ − y)·x), ∂/∂b = mean(ρ'(ŷ − y)).

    With ρ'(a) = 2a it is the MSE gradient of notebook 02.
    """
    check_function(derivative, "derivative", "of the residuals a -> ρ'(a), same shape")
    x, y, w, b = _line_data(x, y, params)
    slope = np.asarray(derivative(w * x + b - y), dtype=float)  # ρ'(ŷ − y), shape (n,)
    if slope.shape != x.shape:
        raise ValueError(f"derivative must return one value per residual, shape {x.shape}, got {slope.shape}")
    return {"w": float(np.mean(slope * x)), "b": float(np.mean(slope))}


def fit_line_irls(x: np.ndarray, y: np.ndarray, delta: float | None = None, steps: int = 100) -> tuple[float, float]:
    """Fit ŷ = w·x + b by iteratively reweighted least squares; returns (w, b).

    ``delta`` None: least squares (the MSE fit, one step). A number: the Huber fit with that δ.
    Each of the ``steps`` iterations solves a weighted least-squares problem with weight 1 for the
    points inside ±δ and δ/|a| outside (their influence capped at δ), starting from the MSE fit; the
    Huber cost never increases along the way. With a tiny δ this is (nearly) the MAE fit. Only
    elementwise NumPy operations and a 2×2 solve by hand: fast enough for a slider.
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    if x.size < 2 or np.all(x == x[0]):
        raise ValueError("x must hold at least two different values to fit a line")
    delta = None if delta is None else _positive(delta, "delta")
    steps = check_positive_int(steps, "steps")
    x_mid, y_mid = float(np.mean(x)), float(np.mean(y))
    x, y = x - x_mid, y - y_mid   # centred: x = 1.7e9 + 0…9 would lose every digit in Σx² − (Σx)²
    weights = np.ones_like(x)
    w, b = _weighted_line(x, y, weights)
    for _ in range(steps if delta is not None else 0):
        size = np.abs(w * x + b - y)
        weights = np.where(size <= delta, 1.0, delta / np.maximum(size, delta))
        w, b = _weighted_line(x, y, weights)
    return w, float(y_mid + b - w * x_mid)   # back to the original x and y


def _weighted_line(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """The (w, b) minimising Σ weights·(w·x + b − y)²: the 2×2 normal equations, solved by hand,
    around the weighted means (Σ weights·(x − x̄)² has no cancellation)."""
    s = np.sum(weights)
    x_bar, y_bar = np.sum(weights * x) / s, np.sum(weights * y) / s
    dx, dy = x - x_bar, y - y_bar
    w = np.sum(weights * dx * dy) / np.sum(weights * dx * dx)
    return float(w), float(y_bar - w * x_bar)


def make_line_with_outliers(
    n: int = 30, n_outliers: int = 4, shift: float = -12.0, noise: float = 0.5, seed: int = 3
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points near y = 3.14·x + 2.72 (x uniform in [0, 5]), the ``n_outliers`` with the largest x moved by ``shift``.

    Returns x (n,), y (n,) and a boolean mask (n,) of the outliers. Seeded: the same seed, the same data.
    """
    from .data import make_linear_data  # noqa: PLC0415 - data imports models; keep this module light

    n = check_positive_int(n, "n")
    if not isinstance(n_outliers, (int, np.integer)) or isinstance(n_outliers, bool) or not 0 <= n_outliers < n:
        raise ValueError(f"n_outliers must be a whole number from 0 to n − 1 = {n - 1}, got {n_outliers!r}")
    shift = as_finite_float(shift, "shift")
    x, y = make_linear_data(n=n, noise=noise, seed=seed)
    is_outlier = np.zeros(n, dtype=bool)
    if n_outliers:
        is_outlier[np.argsort(x)[-n_outliers:]] = True
    return x, np.where(is_outlier, y + shift, y), is_outlier
